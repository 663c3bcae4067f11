"""Attach the figures of the claims (killed, injured, arrested, displaced...) to incidents.

A claim goes to the incident whose event counted it (the events stage's quantities), the
accident it made, else an incident of a fitting type told in its sentence (the trigger nearest
its predicate), else, for a tally sentence that tells of no incident ("The death toll rose to
111."), the latest incident of a fitting type told before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.records import Claim, Doc, Figure
from dateline.resources.incidents import FIGURE_KINDS, FIGURE_TYPES
from dateline.resources.numbers import VAGUE_QUANTIFIERS
from dateline.stages.incidents.grouping import Group, Sentences
from dateline.stages.numbers.counted import predicate_kind

# Figures measuring something other than people ("40 miles", "$2 million") are not tolls.
_FIGURE_KINDS = frozenset(FIGURE_KINDS)


def figure_of(claim: Claim, kind: str) -> Figure:
    """Return the incident figure a claim states.

    A quantifier with no magnitude ("numerous", "several", "a few" people killed) is kept as a
    hedge with no amount: the claims stage bounds it (at least 2), but a toll of "at least 2"
    for "numerous" would be read as a count and compared with real ones. "Several hundred"
    names a magnitude and keeps its bounds.
    """
    low, high = claim.low, claim.high
    if vague_only(claim):
        low = high = None
    return Figure(claim.start, claim.end, claim.text, predicate=kind, value=claim.value,
                  low=low, high=high, qualifier=claim.qualifier, source=claim.source)


def vague_only(claim: Claim) -> bool:
    """Tell a bare vague quantifier ("numerous", "at least several") from a stated amount."""
    if claim.value is not None or not claim.qualifier:
        return False
    words = claim.qualifier.casefold()
    return any(words == q or words.endswith(f" {q}") for q in VAGUE_QUANTIFIERS)


def _fits(group: Group, kind: str) -> bool:
    types = FIGURE_TYPES.get(kind)
    return types is None or group.type in types


def _distance(group: Group, offset: int) -> int:
    starts = [(e.trigger or e).start for e in group.events] + ([group.cue.start] if group.cue else [])
    return min((abs(s - offset) for s in starts), default=1 << 30)


def attach_figures(doc: Doc, groups: Sequence[Group],
                   sentences: Sentences) -> list[tuple[Figure, ...]]:
    """Return the figures of each group, in the order of ``groups``."""
    out: list[list[Figure]] = [[] for _ in groups]
    for claim in doc.claims:
        kind = predicate_kind(claim.predicate)
        if kind is None or kind not in _FIGURE_KINDS or claim.unit is not None:
            continue
        n = _owner(claim, kind, groups, sentences)
        if n is not None:
            out[n].append(figure_of(claim, kind))
    return [tuple(figures) for figures in out]


def _owner(claim: Claim, kind: str, groups: Sequence[Group],
           sentences: Sentences) -> int | None:
    for n, group in enumerate(groups):
        if any(q.start == claim.start and q.end == claim.end
               for e in group.events for q in e.quantities) or claim in group.claims:
            return n
    at = sentences.index(claim.start)
    where = (claim.predicate_span or claim).start
    here = [n for n, g in enumerate(groups) if at in g.sentences and _fits(g, kind)]
    if here:
        return min(here, key=lambda n: _distance(groups[n], where))
    if any(at in g.sentences for g in groups):
        return None  # the sentence tells of something else the figure does not fit
    # A group told in no sentence (the headline's) takes no figure of the text.
    before = [n for n, g in enumerate(groups)
              if _fits(g, kind) and g.sentences and min(g.sentences) < at]
    if before:
        return max(before, key=lambda n: (max(s for s in groups[n].sentences if s < at), -n))
    return None
