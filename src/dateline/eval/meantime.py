"""Score events, their participants, time values and numbers on MEANTIME (NewsReader CAT XML).

MEANTIME ships tokens, not text: each document is rebuilt from its tokens (title, date line and
body sentences, one per line, tokens joined with the spacing of English punctuation) and run
through the whole pipeline with its creation time (the TIMEX3 marked CREATION_TIME) as the
publication date. Annotators marked only the first sentences of each article, so predictions
are scored up to the last sentence holding any gold markable.

Matching is on token overlap, one to one, in text order:

- ``event_trigger_f1``: our event triggers against gold EVENT_MENTIONs. MEANTIME marks every
  event (also "say", states, business events); dateline keeps PLOVER's political and conflict
  events, so recall is bounded by design and ``event_trigger_precision`` says how often a
  trigger we emit is an event at all;
- ``argument_f1``: (event, participant, role) triples: our actors against gold HAS_PARTICIPANT
  Arg0 (agent), our recipients against Arg1 (patient); ``argument_f1_found_events`` restricts
  gold and predictions to events both sides marked, isolating argument quality from recall;
- ``timex_value_f1``: TempEval-3 value F1: a time expression counts when its span overlaps a
  gold TIMEX3 and its value equals the gold value;
- ``value_mention_f1``: our numeric claims against gold VALUE mentions (money, quantities,
  percentages), span overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from dateline.errors import ConfigError, FormatError, InputError
from dateline.eval import EvalResult
from dateline.eval.scoring import PRF
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Article, Doc
from dateline.settings import Settings

Span = tuple[int, int]
# Tokens written without a space before them, and tokens that take none after them.
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'", "n't",
                             "'re", "'ve", "'ll", "'d", "'m", "''", "”", "’s"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "“", "#"})
QUOTES = {"``": "\"", "''": "\""}
AGENT, PATIENT = "Arg0", "Arg1"


@dataclass
class GoldDoc:
    """One MEANTIME document rebuilt as text, with its gold mentions as character spans."""

    name: str
    text: str
    published: str | None
    scored_until: int
    events: dict[str, Span] = field(default_factory=dict)
    entities: dict[str, Span] = field(default_factory=dict)
    timexes: list[tuple[Span, str]] = field(default_factory=list)
    values: list[Span] = field(default_factory=list)
    participants: list[tuple[str, str, str]] = field(default_factory=list)


def find_files(data: Path) -> list[Path]:
    """Return the MEANTIME CAT XML files at ``data`` (a file, or a folder searched recursively)."""
    if data.is_file():
        return [data]
    found = sorted(p for p in data.rglob("*.xml") if _is_cat(p))
    if not found:
        raise ConfigError(f"No MEANTIME CAT XML (<Document> with <token> elements) under {data}.")
    return found


def _is_cat(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(400)
    return b"<Document" in head and b"<token" in head


def read_cat(path: Path, kind: str) -> tuple[Any, list[tuple[str, int, str]]]:
    """Parse a CAT XML file (MEANTIME, ECB+); return its root and (t_id, sentence, word)s."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        raise FormatError(f"{path}: not well-formed XML ({exc}).") from exc
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "")
              for t in root.iter("token")]
    if not tokens:
        raise FormatError(f"{path}: no <token> elements; is this {kind}?")
    return root, tokens


def read_document(path: Path) -> GoldDoc:
    """Rebuild one document's text from its tokens and map its markables onto it."""
    root, tokens = read_cat(path, "a MEANTIME CAT file")
    text, spans = detokenize(tokens)
    sentence_of = {tid: sentence for tid, sentence, _ in tokens}
    markables = root.find("Markables")
    gold = GoldDoc(path.stem, text, None, 0)
    last_sentence = 0

    def anchored(element: object) -> Span | None:
        nonlocal last_sentence
        ids = [a.get("t_id") for a in element.findall("token_anchor")]  # type: ignore[attr-defined]
        ids = [i for i in ids if i in spans]
        if not ids:
            return None
        last_sentence = max([last_sentence] + [sentence_of[i] for i in ids])
        return min(spans[i][0] for i in ids), max(spans[i][1] for i in ids)

    if markables is not None:
        for element in markables:
            if element.tag == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
                gold.published = element.get("value") or gold.published
            span = anchored(element)
            if span is None:
                continue
            if element.tag == "EVENT_MENTION":
                gold.events[element.get("m_id", "")] = span
            elif element.tag == "ENTITY_MENTION":
                gold.entities[element.get("m_id", "")] = span
            elif element.tag == "TIMEX3":
                gold.timexes.append((span, element.get("value") or ""))
            elif element.tag == "VALUE":
                gold.values.append(span)
    relations = root.find("Relations")
    if relations is not None:
        for rel in relations.findall("HAS_PARTICIPANT"):
            role = rel.get("sem_role", "")
            source, target = rel.find("source"), rel.find("target")
            if role in (AGENT, PATIENT) and source is not None and target is not None:
                gold.participants.append((source.get("m_id", ""), target.get("m_id", ""), role))
    ends = [spans[tid][1] for tid, sentence, _ in tokens if sentence <= last_sentence]
    gold.scored_until = max(ends) if ends else len(text)
    return gold


def detokenize(tokens: Sequence[tuple[str, int, str]]) -> tuple[str, dict[str, Span]]:
    """Join tokens into text (a line per sentence) and return it with each token's span."""
    parts: list[str] = []
    spans: dict[str, Span] = {}
    length = 0
    previous_sentence: int | None = None
    previous = ""
    for tid, sentence, raw in tokens:
        word = QUOTES.get(raw, raw)
        if previous_sentence is not None and sentence != previous_sentence:
            sep = "\n"
        elif previous_sentence is None or raw in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep + word)
        length += len(sep)
        spans[tid] = (length, length + len(word))
        length += len(word)
        previous_sentence, previous = sentence, raw
    return "".join(parts), spans


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: Sequence[Span], predicted: Sequence[Span]) -> dict[int, int]:
    """Return a one-to-one map predicted index -> gold index of overlapping spans, in order."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for p, pspan in enumerate(predicted):
        for g, gspan in enumerate(gold):
            if g not in used and _overlap(gspan, pspan):
                used.add(g)
                pairs[p] = g
                break
    return pairs


def score_spans(gold: Sequence[Span], predicted: Sequence[Span]) -> PRF:
    """Count overlap matches between gold and predicted spans."""
    matched = len(match_spans(gold, predicted))
    return PRF(tp=matched, fp=len(predicted) - matched, fn=len(gold) - matched)


def score_values(gold: Sequence[tuple[Span, str]], predicted: Sequence[tuple[Span, str]]) -> PRF:
    """Count time expressions whose span overlaps a gold one and whose value equals its value."""
    pairs = match_spans([g for g, _ in gold], [p for p, _ in predicted])
    correct = sum(1 for p, g in pairs.items()
                  if _norm(predicted[p][1]) == _norm(gold[g][1]))
    return PRF(tp=correct, fp=len(predicted) - correct, fn=len(gold) - correct)


def _norm(value: str | None) -> str:
    return (value or "").strip().upper()


@dataclass(frozen=True)
class Predicted:
    """What the pipeline found in one document, as character spans."""

    triggers: list[Span]
    arguments: list[tuple[Span, Span, str]]
    timexes: list[tuple[Span, str]]
    values: list[Span]


def predictions(doc: Doc, until: int) -> Predicted:
    """Return the pipeline's events, participants, times and numbers before offset ``until``."""
    triggers: list[Span] = []
    arguments: list[tuple[Span, Span, str]] = []
    for event in doc.events:
        if event.trigger is None or event.trigger.start >= until:
            continue
        trigger = (event.trigger.start, event.trigger.end)
        triggers.append(trigger)
        arguments += [(trigger, (a.start, a.end), AGENT) for a in event.actors]
        arguments += [(trigger, (r.start, r.end), PATIENT) for r in event.recipients]
    timexes = [((t.start, t.end), t.value or "") for t in doc.times if t.start < until]
    values = [(c.start, c.end) for c in doc.claims if c.start < until]
    return Predicted(triggers, arguments, timexes, values)


def score_arguments(gold: GoldDoc, predicted: Predicted, *, found_events_only: bool = False) -> PRF:
    """Count (event, participant, role) triples matched on overlapping spans."""
    event_ids = list(gold.events)
    event_spans = [gold.events[i] for i in event_ids]
    trigger_to_gold = {predicted.triggers[p]: event_ids[g]
                       for p, g in match_spans(event_spans, predicted.triggers).items()}
    gold_triples = [(e, gold.entities[t], role) for e, t, role in gold.participants
                    if e in gold.events and t in gold.entities]
    predicted_args = predicted.arguments
    if found_events_only:
        found = set(trigger_to_gold.values())
        gold_triples = [g for g in gold_triples if g[0] in found]
        predicted_args = [a for a in predicted_args if a[0] in trigger_to_gold]
    used: set[int] = set()
    tp = 0
    for trigger, span, role in predicted_args:
        event = trigger_to_gold.get(trigger)
        for i, (gold_event, gold_span, gold_role) in enumerate(gold_triples):
            if i not in used and gold_event == event and gold_role == role \
                    and _overlap(gold_span, span):
                used.add(i)
                tp += 1
                break
    return PRF(tp=tp, fp=len(predicted_args) - tp, fn=len(gold_triples) - tp)


@dataclass
class Totals:
    """Running counts over documents."""

    triggers: PRF = field(default_factory=PRF)
    arguments: PRF = field(default_factory=PRF)
    arguments_found: PRF = field(default_factory=PRF)
    timex: PRF = field(default_factory=PRF)
    values: PRF = field(default_factory=PRF)

    def add(self, gold: GoldDoc, predicted: Predicted) -> None:
        for total, part in ((self.triggers, score_spans(list(gold.events.values()),
                                                        predicted.triggers)),
                            (self.arguments, score_arguments(gold, predicted)),
                            (self.arguments_found, score_arguments(gold, predicted,
                                                                   found_events_only=True)),
                            (self.timex, score_values(gold.timexes, predicted.timexes)),
                            (self.values, score_spans(gold.values, predicted.values))):
            total.tp += part.tp
            total.fp += part.fp
            total.fn += part.fn

    def metrics(self) -> dict[str, float | int]:
        def r(value: float) -> float:
            return round(value, 4)

        return {
            "event_trigger_f1": r(self.triggers.f1),
            "event_trigger_precision": r(self.triggers.precision),
            "event_trigger_recall": r(self.triggers.recall),
            "argument_f1": r(self.arguments.f1),
            "argument_f1_found_events": r(self.arguments_found.f1),
            "timex_value_f1": r(self.timex.f1),
            "value_mention_f1": r(self.values.f1),
            "gold_events": self.triggers.tp + self.triggers.fn,
            "gold_arguments": self.arguments.tp + self.arguments.fn,
            "gold_timexes": self.timex.tp + self.timex.fn,
            "gold_values": self.values.tp + self.values.fn,
        }


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score MEANTIME documents found under ``data``: all of them, and each corpus folder."""
    pipeline = Pipeline.from_settings(settings)
    files = find_files(data)[:limit]
    golds = [read_document(p) for p in files]
    articles: list[Article | None] = []
    failed = 0
    for gold in golds:
        try:
            articles.append(make_article(gold.text, published=gold.published, title=None,
                                         check_language=False, name=gold.name))
        except InputError:
            articles.append(None)
    live = iter(pipeline.pipe([a for a in articles if a is not None], on_error="record"))
    overall = Totals()
    per_corpus: dict[str, Totals] = {}
    folders = {id(g): p.parent.name for g, p in zip(golds, files, strict=True)}
    for gold, article in zip(golds, articles, strict=True):
        doc = next(live) if article is not None else None
        if not isinstance(doc, Doc):
            failed += 1
            predicted = Predicted([], [], [], [])
        else:
            predicted = predictions(doc, gold.scored_until)
        overall.add(gold, predicted)
        per_corpus.setdefault(folders[id(gold)], Totals()).add(gold, predicted)
    notes = tuple(f"{name}: " + ", ".join(f"{k}={v}" for k, v in totals.metrics().items()
                                          if k.endswith("f1"))
                  for name, totals in sorted(per_corpus.items()))
    metrics = overall.metrics() | {"failed": failed}
    return [EvalResult("meantime", f"MEANTIME {data.name}", len(golds), metrics, notes=notes)]
