"""Score event triggers against news whose annotators marked every event mention: the lexicon
alone against the lexicon with the learned filter (learned/triggers.py), in one run.

``--data`` an ECB+ folder (the sentences listed in ECBplus_coreference_sentences.csv, the only
ones annotated throughout), a MEANTIME folder (each document up to its last annotated
sentence) or a TimeML folder (TimeBank, AQUAINT: every EVENT of the text), or a folder holding
several. Documents are split in two by a hash of their group (ECB+: the topic; the others: the
document), as the factuality scorer splits them; the model trains on one part (``dateline.train``)
and only the other is scored here.

Both sides run the events stage's own candidate steps on one spaCy parse: the lexicon's
candidates less the words in another sense (senses.py), merged per event (one trigger word
each). ``lexicon_*`` keep them all; ``learned_*`` drop those the model finds no event and keep
the likeliest word of a merged event. A trigger counts when its word overlaps a gold event
mention, one to one. The gold marks every event, also those outside PLOVER (sales, statements,
states), so recall is low by design; precision says how often a trigger is an event at all.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defusedxml import ElementTree

from dateline.errors import ConfigError, FormatError
from dateline.eval import EvalResult
from dateline.eval.ecbplus import find_files as find_ecb_files
from dateline.eval.ecbplus import selected_sentences
from dateline.eval.meantime import detokenize, match_spans, read_cat
from dateline.eval.meantime import find_files as find_meantime_files
from dateline.eval.scoring import PRF
from dateline.eval.timeml import find_tml
from dateline.learned.triggers import keep_events
from dateline.settings import Settings
from dateline.stages.events.senses import other_sense
from dateline.stages.events.triggers import Candidate, find_candidates, merge_candidates
from dateline.stages.nlp import load_model

if TYPE_CHECKING:
    from spacy.tokens import Span as ParseSpan

Span = tuple[int, int]
# The parse the events stage reads.
COMPONENTS = ("tagger", "parser", "ner", "lemmatizer")


@dataclass(frozen=True)
class GoldText:
    """One document as text, with the character spans of its annotated sentences and events."""

    name: str
    corpus: str
    group: str
    text: str
    sentences: tuple[Span, ...]
    events: tuple[Span, ...]


def held_out(group: str) -> bool:
    """Return True for a group the model never trains on."""
    return zlib.crc32(group.encode("utf-8")) % 2 == 1


def _read(path: Path, corpus: str, group: str, keep: set[int] | None) -> GoldText:
    root, tokens = read_cat(path, f"a {corpus} CAT file")
    text, spans = detokenize(tokens)
    sentence_of = {tid: sentence for tid, sentence, _ in tokens}
    events: list[tuple[Span, int]] = []
    markables = root.find("Markables")
    for element in markables if markables is not None else ():
        if not (element.tag == "EVENT_MENTION" or element.tag.startswith(("ACTION", "NEG_"))):
            continue
        ids = [a.get("t_id") for a in element.findall("token_anchor") if a.get("t_id") in spans]
        if ids:
            events.append(((min(spans[i][0] for i in ids), max(spans[i][1] for i in ids)),
                           sentence_of[ids[0]]))
    if keep is None:  # MEANTIME: every sentence up to the last one holding an event
        last = max((s for _, s in events), default=-1)
        keep = {s for _, s, _ in tokens if s <= last}
    bounds: dict[int, list[int]] = {}
    for tid, sentence, _ in tokens:
        if sentence in keep:
            start, end = spans[tid]
            bounds.setdefault(sentence, [start, end])[1] = end
    return GoldText(path.stem, corpus, group, text,
                    tuple((a, b) for a, b in (bounds[s] for s in sorted(bounds))),
                    tuple(span for span, s in events if s in keep))


def _events_of(element: Any, pieces: list[str], found: list[Span]) -> None:
    """Append the element's text to ``pieces``, recording the offsets of EVENT elements."""
    start = sum(len(p) for p in pieces)
    if element.text:
        pieces.append(element.text)
    for child in element:
        _events_of(child, pieces, found)
        if child.tail:
            pieces.append(child.tail)
    if element.tag == "EVENT":
        found.append((start, sum(len(p) for p in pieces)))


def read_timeml(path: Path) -> GoldText:
    """Read a TimeML document: every EVENT of its whole text is marked."""
    try:
        body = ElementTree.parse(str(path)).getroot().find(".//TEXT")
    except ElementTree.ParseError as exc:
        raise FormatError(f"{path} is not well-formed TimeML: {exc}.") from exc
    if body is None:
        raise FormatError(f"{path} has no <TEXT> element; it is not a TimeML document.")
    pieces: list[str] = []
    events: list[Span] = []
    _events_of(body, pieces, events)
    text = "".join(pieces)
    return GoldText(path.stem, "TimeBank", f"timeml:{path.stem}", text, ((0, len(text)),),
                    tuple(events))


def read_gold(data: Path) -> list[GoldText]:
    """Return the ECB+, MEANTIME and TimeML documents under ``data``."""
    golds: list[GoldText] = [read_timeml(p) for p in find_tml(data)]
    chosen = selected_sentences(data) or {}
    try:
        ecb = find_ecb_files(data) if chosen else []
    except ConfigError:  # the csv was found beside the folder, not the documents
        ecb = []
    for path in ecb:
        keep = chosen.get(path.stem)
        if keep:
            golds.append(_read(path, "ECB+", f"ecb:{path.parent.name}", keep))
    try:
        meantime = [p for p in find_meantime_files(data) if "cross-doc" not in p.parts
                    and "ecbplus" not in p.parts]
    except ConfigError:
        meantime = []
    golds += [_read(p, "MEANTIME", f"meantime:{p.stem}", None) for p in meantime]
    if not golds:
        raise ConfigError(f"No ECB+ (with ECBplus_coreference_sentences.csv), MEANTIME or "
                          f"TimeML documents under {data}.")
    return golds


def annotated_sentences(golds: list[GoldText], settings: Settings) \
        -> Iterator[tuple[GoldText, list[ParseSpan]]]:
    """Yield each document with the parsed sentences that start inside an annotated one."""
    nlp = load_model(settings.model, COMPONENTS)
    for gold, parsed in zip(golds, nlp.pipe((g.text for g in golds), batch_size=16),
                            strict=True):
        yield gold, [s for s in parsed.sents
                     if any(a <= s.start_char < b for a, b in gold.sentences)]


def candidates_of(sentence: ParseSpan) -> list[Candidate]:
    """Return the events stage's candidates of a sentence: lexicon words in an event sense."""
    return [c for c in find_candidates(sentence) if not other_sense(c)]


def triggers(sentence: ParseSpan, learned: bool) -> list[Span]:
    """Return the character spans of the trigger words of a sentence's merged events."""
    found = candidates_of(sentence)
    if learned:
        found = keep_events(found)
    return [(c.token.idx, c.token.idx + len(c.token.text)) for c in merge_candidates(found)]


def _count(total: PRF, gold: list[Span], predicted: list[Span]) -> None:
    matched = len(match_spans(gold, predicted))
    total.tp += matched
    total.fp += len(predicted) - matched
    total.fn += len(gold) - matched


def _metrics(prf: PRF, prefix: str) -> dict[str, float]:
    return {f"{prefix}precision": round(prf.precision, 4), f"{prefix}recall": round(prf.recall, 4),
            f"{prefix}f1": round(prf.f1, 4), f"{prefix}triggers": prf.tp + prf.fp}


def score(golds: list[GoldText], settings: Settings,
          predict: Callable[[ParseSpan, bool], list[Span]] = triggers) -> dict[str, Any]:
    """Return lexicon and learned figures over ``golds`` (all of them: the caller splits)."""
    sides = {"lexicon_": PRF(), "learned_": PRF()}
    for gold, sentences in annotated_sentences(golds, settings):
        events = [e for e in gold.events if any(a <= e[0] < b for a, b in gold.sentences)]
        for prefix, filtered in (("lexicon_", False), ("learned_", True)):
            predicted = [t for s in sentences for t in predict(s, filtered)
                         if any(a <= t[0] < b for a, b in gold.sentences)]
            _count(sides[prefix], events, predicted)
    lexicon = sides["lexicon_"]
    return _metrics(lexicon, "lexicon_") | _metrics(sides["learned_"], "learned_") | {
        "gold_events": lexicon.tp + lexicon.fn}


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score the held-out documents under ``data``, per corpus."""
    golds = read_gold(data)
    results = []
    for corpus in sorted({g.corpus for g in golds}):
        part = [g for g in golds if g.corpus == corpus]
        scored = [g for g in part if held_out(g.group)][:limit]
        metrics = score(scored, settings) | {
            "trained_on_docs": sum(not held_out(g.group) for g in part)}
        groups = len({g.group for g in scored})
        results.append(EvalResult("triggers", f"{corpus} (held-out part, {groups} groups)",
                                   len(scored), metrics))
    return results
