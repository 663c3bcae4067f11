"""Score named-entity mentions on CoNLL-2003 (eng.testa, eng.testb).

Each CoNLL document is rebuilt as text (tokens joined by spaces, one sentence per line) and run
through ``nlp`` and ``entities``. Our name mentions (kinds name and acronym; descriptions and
pronouns are not names) are mapped to CoNLL labels: PERSON -> PER; GPE, LOC, FAC -> LOC (CoNLL
tags buildings and airports as locations); ORG -> ORG; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW,
LANGUAGE -> MISC. Scoring is entity-level exact match (the CoNLL definition). The baseline is the
bare pinned spaCy NER of the same parse, mapped the same way, in the same run; the pinned NER
and the learned one (learned/ner.py) are both scored through the entities stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

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
    """Score each CoNLL file found with the pinned NER and the learned one; one result a file.

    The headline figures follow the ``learned_ner`` setting; ``rules_*`` is the pinned model's
    NER and ``learned_*`` the tuned one, each followed by the entities stage, in the same run.
    """
    results = []
    for path in find_files(data):
        docs = list(read_conll(path))[:limit]
        rules, base = _score(docs, path.name, replace(settings, learned_ner=False), bare=True)
        learned, _ = _score(docs, path.name, replace(settings, learned_ner=True))
        ours = learned if settings.learned_ner else rules
        metrics = _figures(ours, "")
        metrics |= {k: v for k, v in _figures(rules, "rules_").items() if "per_type" not in k}
        metrics |= {k: v for k, v in _figures(learned, "learned_").items() if "per_type" not in k}
        metrics |= {"baseline_f1": round(base.total().f1, 4),
                    "baseline_f1_no_misc": round(base.total(exclude=MISC).f1, 4)}
        metrics |= {f"{who}{label}_f1": round(counts.counts[label].f1, 4)
                    for who, counts in (("", ours), ("rules_", rules), ("learned_", learned))
                    for label in ("PER", "LOC", "ORG") if label in counts.counts}
        results.append(EvalResult("ner", f"CoNLL-2003 {path.name}", len(docs), metrics))
    return results


def _score(docs: list[ConllDoc], name: str, settings: Settings,
           bare: bool = False) -> tuple[PerType, PerType]:
    """Return the counts of the pipeline's name mentions and of its bare spaCy entities."""
    pipeline = Pipeline.from_settings(replace(settings, stages=("nlp", "entities")))
    ours, base = PerType(), PerType()
    articles = [make_article(d.text, check_language=False, name=name) for d in docs]
    for gold, doc in zip(docs, pipeline.pipe(articles, keep_parse=bare), strict=True):
        if not isinstance(doc, Doc):
            continue
        predicted = {(m.start, m.end, LABELS[e.label]) for e in doc.entities
                     for m in e.mentions if m.kind in ("name", "acronym")
                     and (m.label or e.label) in LABELS}
        ours.add(gold.spans, predicted)
        if doc.parse is not None:
            base.add(gold.spans, {(e.start_char, e.end_char, LABELS[e.label_])
                                  for e in doc.parse.ents if e.label_ in LABELS})
    return ours, base


def _figures(counts: PerType, prefix: str) -> dict[str, Any]:
    total, no_misc = counts.total(), counts.total(exclude=MISC)
    return {f"{prefix}precision": round(total.precision, 4),
            f"{prefix}recall": round(total.recall, 4), f"{prefix}f1": round(total.f1, 4),
            f"{prefix}f1_no_misc": round(no_misc.f1, 4),
            f"{prefix}per_type": {k: v.as_dict() for k, v in sorted(counts.counts.items())}}
