"""Score named-entity mentions on CoNLL-2003 (eng.testa, eng.testb).

Each CoNLL document is rebuilt as text (tokens joined by spaces, one sentence per line) and run
through ``nlp`` and ``entities``. Our name mentions (kinds name and acronym; descriptions and
pronouns are not names) are mapped to CoNLL labels: PERSON -> PER; GPE, LOC, FAC -> LOC (CoNLL
tags buildings and airports as locations); ORG -> ORG; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW,
LANGUAGE -> MISC. Scoring is entity-level exact match (the CoNLL definition). The baseline is the
bare spaCy NER of the same parse, mapped the same way, in the same run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from dateline.eval import EvalResult
from dateline.eval.scoring import PerType
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Doc
from dateline.settings import Settings

LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
          "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
          "LAW": "MISC", "LANGUAGE": "MISC"}
FILES = ("eng.testa", "eng.testb", "eng.train")
MISC = frozenset({"MISC"})


@dataclass(frozen=True)
class ConllDoc:
    """One CoNLL document as text with gold (start, end, label) character spans."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


def read_conll(path: Path) -> Iterator[ConllDoc]:
    """Yield the documents of a CoNLL-2003 file (IOB1 or IOB2 tags in the last column)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                if current:
                    sentences.append(current)
                    current = []
                continue
            if parts[0] == "-DOCSTART-":
                if current:
                    sentences.append(current)
                    current = []
                if sentences:
                    yield _build(sentences)
                sentences = []
                continue
            current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    if sentences:
        yield _build(sentences)


def _build(sentences: list[list[tuple[str, str]]]) -> ConllDoc:
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in sentences:
        open_span: tuple[int, str] | None = None
        last_end = offset
        for i, (word, tag) in enumerate(sentence):
            start = offset
            end = start + len(word)
            kind = tag[2:] if tag != "O" else None
            begins = tag.startswith("B-") or (kind and (open_span is None or open_span[1] != kind))
            if open_span and (kind is None or begins):
                spans.append((open_span[0], last_end, open_span[1]))
                open_span = None
            if kind and open_span is None:
                open_span = (start, kind)
            pieces.append(word)
            last_end = end
            offset = end + (1 if i < len(sentence) - 1 else 0)
            if i < len(sentence) - 1:
                pieces.append(" ")
        if open_span:
            spans.append((open_span[0], last_end, open_span[1]))
        pieces.append("\n")
        offset += 1
    return ConllDoc("".join(pieces), tuple(spans))


def find_files(data: Path) -> list[Path]:
    """Return CoNLL files: the path itself, or known file names found under a folder."""
    if data.is_file():
        return [data]
    return sorted(p for p in data.rglob("*") if p.is_file() and p.name in FILES)


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score each CoNLL file found; return one result per file."""
    pipeline = Pipeline.from_settings(replace(settings, stages=("nlp", "entities")))
    results = []
    for path in find_files(data):
        docs = list(read_conll(path))[:limit]
        ours, base = PerType(), PerType()
        articles = [make_article(d.text, check_language=False, name=path.name) for d in docs]
        for gold, doc in zip(docs, pipeline.pipe(articles, keep_parse=True), strict=True):
            if not isinstance(doc, Doc) or doc.parse is None:
                continue
            predicted = {(m.start, m.end, LABELS[e.label]) for e in doc.entities
                         for m in e.mentions if m.kind in ("name", "acronym")
                         and (m.label or e.label) in LABELS}
            baseline = {(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.parse.ents
                        if e.label_ in LABELS}
            ours.add(gold.spans, predicted)
            base.add(gold.spans, baseline)
        total, no_misc = ours.total(), ours.total(exclude=MISC)
        metrics = {
            "precision": round(total.precision, 4), "recall": round(total.recall, 4),
            "f1": round(total.f1, 4), "f1_no_misc": round(no_misc.f1, 4),
            "per_type": {k: v.as_dict() for k, v in sorted(ours.counts.items())},
            "baseline_f1": round(base.total().f1, 4),
            "baseline_f1_no_misc": round(base.total(exclude=MISC).f1, 4),
        }
        results.append(EvalResult("ner", f"CoNLL-2003 {path.name}", len(docs), metrics))
    return results
