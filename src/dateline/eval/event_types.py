"""Score event types on CASE 2021 task 2 (fine-grained event classification of news snippets).

Each snippet (a TSV row: id, snippet, subtype) runs through the whole pipeline without a
publication date. Its main event is chosen among the events found, by this rule:

- score = confidence + 0.3 when asserted (not negated, denied, hypothetical or future)
  + 0.2 for a material type (PLOVER's material cooperation or conflict) + 0.15 when a mode
  is known + 0.15 when a context maps to a specific subtype (e.g. a claim of responsibility)
  - 0.1 per sentence before the event's sentence (the lead states the event)
  - 0.05 per level the trigger sits below its sentence's main verb, and - 0.25 when it sits
  in an adjunct ("despite the air strikes", "after the fighting": background, not news);
- the highest score wins; ties go to the earlier event.

The main event's PLOVER type, mode, contexts and actor sector (state forces or a non-state
armed group, from the actors' words) map to a CASE subtype through the published table
resources/plover_case2021.tsv. A snippet without any event maps through the same table from
the PLOVER contexts of its words alone (a flood, a factory fire, drug smuggling), else OTHER.

Metrics: ``micro_f1`` (equal to accuracy, one label per snippet), ``macro_f1`` over every label
gold or predicted, ``per_type`` precision/recall/F1/support, ``coverage`` (share of snippets
with an event), and in the same run ``baseline_macro_f1`` / ``baseline_micro_f1`` for always
predicting the most frequent gold subtype; ``lexicon_*`` and ``learned_*`` give macro and micro
F1 with ``learned_triggers`` off and on (the trigger filter and kind model,
dateline.learned.triggers and dateline.learned.trigger_kinds), in the same run.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dateline.errors import ConfigError, FormatError, InputError
from dateline.eval import EvalResult
from dateline.eval.scoring import PRF
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Article, Doc, Event
from dateline.resources.ontology import QUAD, actor_sector, case_subtype
from dateline.settings import Settings

HEADER_ID = "id"


@dataclass(frozen=True)
class Snippet:
    """One labelled CASE snippet."""

    id: str
    text: str
    subtype: str


def find_files(data: Path) -> list[Path]:
    """Return the CASE TSV files at ``data`` (a file, or a folder searched recursively)."""
    if data.is_file():
        return [data]
    found = sorted(p for p in data.rglob("*.tsv") if _looks_like_case(p))
    if not found:
        raise ConfigError(f"No CASE 2021 task 2 TSV (id, snippet, subtype) under {data}.")
    return found


def _looks_like_case(path: Path) -> bool:
    with path.open(encoding="utf-8", newline="") as handle:
        first = handle.readline().rstrip("\r\n").split("\t")
    return len(first) >= 3 and first[0].strip().lower() == HEADER_ID


def read_snippets(path: Path) -> Iterator[Snippet]:
    """Yield the labelled snippets of one TSV file (header: id, snippet, subtype)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if not header or header[0].strip().lower() != HEADER_ID or len(header) < 3:
            raise FormatError(f"{path}: expected a header 'id<TAB>snippet<TAB>subtype'.")
        for number, row in enumerate(rows, 2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < 3:
                raise FormatError(f"{path} line {number}: expected 3 tab-separated columns, "
                                  f"found {len(row)}.")
            yield Snippet(row[0].strip(), row[1].strip(), row[2].strip())


def _prominence(doc: Doc, event: Event) -> float:
    """Return a penalty for a trigger buried below the main clause or inside an adjunct."""
    if doc.parse is None or event.trigger is None:
        return 0.0
    span = doc.parse.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return 0.0
    from dateline.resources.grammar import CLAUSE_ADJUNCT_PREPOSITIONS

    ancestors = list(span.root.ancestors)
    adjunct = any(a.dep_ == "prep" and a.lower_ in CLAUSE_ADJUNCT_PREPOSITIONS for a in ancestors)
    return 0.05 * min(len(ancestors), 6) + (0.25 if adjunct else 0.0)


def _score(event: Event, sentence_index: int) -> float:
    score = event.confidence - 0.1 * sentence_index
    score += 0.3 if event.factuality in ("asserted", "historical") else 0.0
    score += 0.2 if QUAD.get(event.type, "").startswith("material") else 0.0
    score += 0.15 if event.mode else 0.0
    score += 0.15 if case_subtype(event.type, event.mode, event.context) != \
        case_subtype(event.type, event.mode) else 0.0
    return score


def main_event(doc: Doc) -> Event | None:
    """Return the event the snippet is about (see the module docstring), or None."""
    best: tuple[float, int, Event] | None = None
    for order, event in enumerate(doc.events):
        index = sum(1 for s in doc.sentences if s.end <= event.start)
        score = _score(event, index) - _prominence(doc, event)
        if best is None or score > best[0]:
            best = (score, order, event)
    return best[2] if best else None


def predict_subtype(doc: Doc) -> str:
    """Return the CASE subtype of a snippet from its main event, or from its contexts alone."""
    event = main_event(doc)
    if event is None:
        return case_subtype(None, None, snippet_contexts(doc))
    words = [w.strip(".,;:'\"") for a in event.actors for w in (a.text + " " + (a.name or "")).split()]
    return case_subtype(event.type, event.mode, event.context, actor_sector(words))


def snippet_contexts(doc: Doc) -> set[str]:
    """Return the PLOVER contexts signalled anywhere in a snippet with no event."""
    if doc.parse is None:
        return set()
    from dateline.stages.events.contexts import cue_contexts

    return cue_contexts(doc.parse)


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, object]:
    """Return micro and macro F1 and per-label figures for single-label predictions."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must have the same length")
    labels = sorted(set(gold) | set(predicted))
    per: dict[str, PRF] = {}
    for label in labels:
        prf = PRF()
        prf.add([i for i, g in enumerate(gold) if g == label],
                [i for i, p in enumerate(predicted) if p == label])
        per[label] = prf
    micro = PRF()
    micro.add(list(enumerate(gold)), list(enumerate(predicted)))
    macro = sum(p.f1 for p in per.values()) / len(per) if per else 0.0
    return {"micro_f1": round(micro.f1, 4), "macro_f1": round(macro, 4),
            "per_type": {label: per[label].as_dict() for label in labels}}


def _predict(pipeline: Pipeline, snippets: Sequence[Snippet]) -> tuple[list[str], int, int]:
    """Return the predicted subtypes, how many snippets had an event and how many failed."""
    predicted: list[str] = []
    with_event = failed = 0
    articles: list[Article | None] = []
    for snippet in snippets:
        try:
            articles.append(make_article(snippet.text, check_language=False))
        except InputError:
            articles.append(None)
    live = [a for a in articles if a is not None]
    docs = iter(pipeline.pipe(live, on_error="record", keep_parse=True))
    for article in articles:
        doc = next(docs) if article is not None else None
        if not isinstance(doc, Doc):
            failed += 1
            predicted.append("OTHER")
            continue
        with_event += bool(doc.events)
        predicted.append(predict_subtype(doc))
    return predicted, with_event, failed


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score event types on each CASE 2021 task 2 file found under ``data``."""
    pipeline = Pipeline.from_settings(replace(settings))
    # The other side of learned_triggers, for the lexicon_* and learned_* figures.
    other = Pipeline.from_settings(replace(settings,
                                           learned_triggers=not settings.learned_triggers))
    results = []
    for path in find_files(data):
        snippets = list(read_snippets(path))[:limit]
        gold = [s.subtype for s in snippets]
        predicted, with_event, failed = _predict(pipeline, snippets)
        metrics = score(gold, predicted)
        sides = {settings.learned_triggers: metrics,
                 not settings.learned_triggers: score(gold, _predict(other, snippets)[0])}
        majority = Counter(gold).most_common(1)[0][0] if gold else "OTHER"
        baseline = score(gold, [majority] * len(gold))
        metrics |= {"coverage": round(with_event / len(gold), 4) if gold else 0.0,
                    "baseline_macro_f1": baseline["macro_f1"],
                    "baseline_micro_f1": baseline["micro_f1"], "failed": failed}
        metrics |= {f"{prefix}_{key}": sides[on][key] for prefix, on in
                    (("lexicon", False), ("learned", True)) for key in ("macro_f1", "micro_f1")}
        results.append(EvalResult("event-types", f"CASE 2021 task 2 {path.name}", len(gold),
                                  metrics))
    return results
