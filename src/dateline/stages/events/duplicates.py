"""Keep one event per happening within a sentence.

A sentence can hold several words of one happening that the merge of triggers did not join
("the crash ... killing everyone ... when the plane crashed"), and a quote can read as both
agreement and rejection. Within one sentence, an event is dropped when another event of the
same type, as sure or surer, with the same factuality, names every participant it names; and
of two opposite types (resources/incidents.py ``OPPOSITES``) said by the same speaker about
the same participants, the less sure one is dropped. The kept event takes the counts of the
ones it stands for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dateline.records import Event, Ref
from dateline.resources.incidents import OPPOSITES, SAME_STATE_CLASSES


def _keys(refs: Sequence[Ref]) -> set[str]:
    return {r.entity_id or " ".join(r.text.lower().split()) for r in refs}


def _covers(kept: Event, other: Event) -> bool:
    """Return True when ``kept`` names every actor and recipient ``other`` names."""
    return _keys(other.actors) <= _keys(kept.actors) | _keys(kept.recipients) and \
        _keys(other.recipients) <= _keys(kept.recipients) | _keys(kept.actors)


def _same_voice(a: Event, b: Event) -> bool:
    """Return True when both events come from one speaker about the same participants."""
    speaker_a = a.source.entity_id or a.source.text if a.source else None
    speaker_b = b.source.entity_id or b.source.text if b.source else None
    return speaker_a == speaker_b and (_covers(a, b) or _covers(b, a))


def _stands_for(kept: Event, other: Event) -> bool:
    # Readings that tell different states of a happening are two events ("attacked" and "would
    # attack", even in one sentence).
    if SAME_STATE_CLASSES.get(kept.factuality) != SAME_STATE_CLASSES.get(other.factuality):
        return False
    if kept.type == other.type:
        return _covers(kept, other)
    return frozenset({kept.type, other.type}) in OPPOSITES and _same_voice(kept, other)


def distinct_events(events: Sequence[Event]) -> list[Event]:
    """Return the events of one sentence with duplicates and contradictions of one happening
    dropped, in text order."""
    ranked = sorted(events, key=lambda e: (-e.confidence, -(len(e.actors) + len(e.recipients)),
                                           (e.trigger or e).start))
    kept: list[Event] = []
    for event in ranked:
        n = next((i for i, k in enumerate(kept) if _stands_for(k, event)), None)
        if n is None:
            kept.append(event)
            continue
        held = kept[n]
        extra = tuple(q for q in event.quantities
                      if all(q.start != h.start for h in held.quantities))
        if extra:
            kept[n] = replace(held, quantities=(*held.quantities, *extra))
    return sorted(kept, key=lambda e: ((e.trigger or e).start, e.type))
