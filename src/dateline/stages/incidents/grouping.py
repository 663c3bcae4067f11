"""Group the events of one article that tell of one real happening, and find the accidents and
disasters that hurt people where no event was coded.

Passes, in order, each returning new values:

1. ``group_events``: events in text order join an earlier group of the same type when they
   share its sentence, repeat its trigger word ("relocated" ... "the relocation"), mention it
   anaphorically ("the attack"), share its mode, a participant, its place or its day, and
   nothing contradicts the join (another day, a place far away, another factuality).
2. ``accident_groups``: casualty claims whose sentence (or the two before it) names an
   accident or a disaster and no deliberate harm become ACCIDENT or DISASTER groups, one per
   kind of accident in the article ("the crane collapse" told three times is one).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.records import Claim, Doc, Event, Span
from dateline.resources.grammar import ANAPHORIC_DETERMINERS
from dateline.resources.incidents import (
    ACCIDENT_OBJECTS,
    ACCIDENTS,
    DELIBERATE,
    DISASTERS,
    HARM_KINDS,
    SAME_HAPPENING_CLASSES,
    VIOLENT_HARM,
)
from dateline.stages.numbers.counted import predicate_kind

# Incidents that hurt people: violence, accidents, disasters.
HARM_TYPES = frozenset({"ASSAULT", "ACCIDENT", "DISASTER"})
# Two places of one happening lie within this distance (a town and its suburb).
SAME_PLACE_KM = 50.0
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
# (suffix, what replaces it): "relocation" and "relocated" both become "relocat".
_SUFFIXES = (("ations", "at"), ("ation", "at"), ("ings", ""), ("ing", ""), ("ies", "y"),
             ("ied", "y"), ("ed", ""), ("es", ""), ("s", ""), ("e", ""), ("al", ""))


@dataclass(frozen=True, slots=True)
class Group:
    """The evidence of one incident before its date, place and figures are read."""

    type: str
    mode: str | None
    events: tuple[Event, ...] = ()
    # For accidents and disasters: the word that names it and the casualty claims that made it.
    cue: Span | None = None
    sub_event: str = ""
    claims: tuple[Claim, ...] = ()
    sentences: frozenset[int] = field(default_factory=frozenset)
    # Told only in the headline: the text lost its report (headline.py).
    headline: bool = False


class Sentences:
    """Find the sentence index of an offset in one article."""

    def __init__(self, sentences: Sequence[Span]) -> None:
        self.spans = tuple(sentences)
        self._starts = [s.start for s in self.spans]

    def index(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)

    def span(self, index: int) -> Span | None:
        return self.spans[index] if 0 <= index < len(self.spans) else None


def stem(word: str) -> str:
    """Return a crude stem, enough to join "relocated", "relocating" and "relocation"."""
    word = word.lower()
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + replacement
    return word


def is_anaphoric(text: str, trigger: Span) -> bool:
    """Return True when a determiner before the trigger points back: "the attack", "this crash"."""
    before = _WORD.findall(text[max(0, trigger.start - 40):trigger.start])[-2:]
    return any(w.lower() in ANAPHORIC_DETERMINERS for w in before)


def _day(event: Event) -> str | None:
    time = event.time
    if time is None or not time.text or time.precision not in ("day", "hour", "minute", "second"):
        return None  # an empty span is the publication date, inferred: no evidence of its own
    return (time.value or "")[:10] or None


def _point(event: Event) -> tuple[float, float] | None:
    place = event.place
    if place is None or place.lat is None or place.lon is None:
        return None
    return place.lat, place.lon


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _participants(event: Event) -> set[str]:
    """Return keys of who acts and who is acted on, apart: the attacked who retaliates acts
    in another happening."""
    return {f"a:{r.entity_id or r.text.lower()}" for r in event.actors} | \
        {f"r:{r.entity_id or r.text.lower()}" for r in event.recipients}


def contradicts(group: Group, event: Event) -> bool:
    """Return True when the event cannot be the group's happening: another day, a place far
    away, or another factuality (reported vs. denied, done vs. planned)."""
    # Factualities that may describe one happening together: a reported attack and its denial
    # are two records, and so are a past relocation and a planned one.
    fact = SAME_HAPPENING_CLASSES.get(event.factuality, "real")
    for other in group.events:
        if SAME_HAPPENING_CLASSES.get(other.factuality, "real") != fact:
            return True
        day, other_day = _day(event), _day(other)
        if day and other_day and day != other_day:
            return True
        here, there = _point(event), _point(other)
        # Only two towns contradict: a country or a region named beside a town in it does not.
        towns = bool(event.place and event.place.admin1 and other.place and other.place.admin1)
        if here and there and towns and distance_km(here, there) > SAME_PLACE_KM:
            return True
    return False


def related(group: Group, event: Event, text: str, sentence: int) -> bool:
    """Return True when the event tells of the group's happening again."""
    if event.type != group.type:
        return False
    if sentence in group.sentences:
        return True
    trigger = event.trigger or event
    if trigger and any(stem((e.trigger or e).text) == stem(trigger.text) for e in group.events):
        return True
    if is_anaphoric(text, trigger):
        return True
    if event.mode is not None and event.mode == group.mode:
        return True
    mine = _participants(event)
    if mine and any(mine & _participants(e) for e in group.events):
        return True
    day = _day(event)
    if day and any(_day(e) == day for e in group.events):
        return True
    ids = {e.place.geonames_id for e in group.events if e.place and e.place.geonames_id}
    return bool(event.place and event.place.geonames_id in ids)


def group_events(doc: Doc, sentences: Sentences) -> list[Group]:
    """Return the groups of events that tell of one happening, in order of first mention."""
    groups: list[Group] = []
    text = doc.article.text
    for event in sorted(doc.events, key=lambda e: ((e.trigger or e).start, e.id)):
        at = sentences.index((event.trigger or event).start)
        # The latest group first: a later "the attack" points to the attack told last.
        for n in range(len(groups) - 1, -1, -1):
            group = groups[n]
            if related(group, event, text, at) and not contradicts(group, event):
                groups[n] = Group(group.type, group.mode or event.mode, (*group.events, event),
                                  sentences=group.sentences | {at})
                break
        else:
            groups.append(Group(event.type, event.mode, (event,), sentences=frozenset({at})))
    return groups


def _cue_in(text: str, span: Span) -> tuple[Span, str, str] | None:
    """Return the accident or disaster word of a sentence that no deliberate word sits beside,
    as (span, type, sub-event); None when harm there was meant. An accident to a named thing
    wins over the hazard that caused it ("a storm caused a crane to fall": a crane collapse)."""
    words = list(_WORD.finditer(text, span.start, span.end))
    lowered = [w.group(0).lower() for w in words]
    if any(w in DELIBERATE for w in lowered):
        return None
    found: list[tuple[int, Span, str, str]] = []
    for n, word in enumerate(lowered):
        match = words[n]
        cue = Span(match.start(), match.end(), match.group(0))
        if word in DISASTERS:
            found.append((1, cue, "DISASTER", DISASTERS[word]))
        elif word in ACCIDENTS:
            label = ACCIDENTS[word]
            objects = [w for w in lowered[max(0, n - 3):n] if w in ACCIDENT_OBJECTS] \
                or [w for w in lowered[n + 1:n + 4] if w in ACCIDENT_OBJECTS]
            if objects:
                label = f"{objects[-1]} {label}" if label != "accident" else \
                    f"{objects[-1]} accident"
            found.append((0 if objects else 2, cue, "ACCIDENT", label))
    if not found:
        return None
    _, cue, type_, label = min(found, key=lambda f: (f[0], f[1].start))
    return cue, type_, label


def accident_groups(doc: Doc, sentences: Sentences, events: Sequence[Group]) -> list[Group]:
    """Return ACCIDENT and DISASTER groups for casualty claims no event in their sentence
    accounts for, one per sub-event in the article."""
    text = doc.article.text
    harmed = {n for g in events if g.type == "ASSAULT" for n in g.sentences}
    found: dict[str, Group] = {}
    for claim in doc.claims:
        if predicate_kind(claim.predicate) not in HARM_KINDS:
            continue
        at = sentences.index(claim.start)
        if at in harmed:
            continue
        cue = None
        for back in (0, 1, 2):  # "The tank exploded. Four people were injured."
            span = sentences.span(at - back)
            if span is None:
                break
            cue = _cue_in(text, span)
            if cue is not None or (back == 0 and _has_deliberate(text, span)):
                break
        if cue is None:
            continue
        where, type_, label = cue
        # "The accident" and "the crane collapse" of one article are one happening.
        key = type_
        held = found.get(key)
        if held is None:
            found[key] = Group(type_, None, cue=where, sub_event=label, claims=(claim,),
                               sentences=frozenset({at, sentences.index(where.start)}))
        else:
            found[key] = Group(type_, None, cue=held.cue, sub_event=_longer(held.sub_event, label),
                               claims=(*held.claims, claim), sentences=held.sentences | {at})
    return list(found.values())


def violence_groups(doc: Doc, sentences: Sentences, groups: Sequence[Group]) -> list[Group]:
    """Return one ASSAULT group for the casualty claims told with a word of violence in their
    sentence or the two before ("were found dead in an apparent murder-suicide", "died of a
    gunshot wound"), where no event, accident or disaster of the article accounts for harm:
    a report of a killing is an incident even where no event was coded from it."""
    if any(g.type in HARM_TYPES for g in groups):
        return []
    text = doc.article.text
    cue: Span | None = None
    claims: list[Claim] = []
    told: set[int] = set()
    for claim in doc.claims:
        if predicate_kind(claim.predicate) not in HARM_KINDS:
            continue
        at = sentences.index(claim.start)
        for back in (0, 1, 2):
            span = sentences.span(at - back)
            if span is None:
                break
            word = next((w for w in _WORD.finditer(text, span.start, span.end)
                         if w.group(0).lower() in VIOLENT_HARM), None)
            if word is not None:
                cue = cue or Span(word.start(), word.end(), word.group(0))
                claims.append(claim)
                told |= {at, at - back}
                break
    if cue is None:
        return []
    return [Group("ASSAULT", None, cue=cue, claims=tuple(claims), sentences=frozenset(told))]


def _has_deliberate(text: str, span: Span) -> bool:
    return any(w.group(0).lower() in DELIBERATE for w in _WORD.finditer(text, span.start, span.end))


def _longer(first: str, second: str) -> str:
    """Keep the more telling label: "crane collapse" over "collapse" or "accident"."""
    if first.endswith("accident") and not second.endswith("accident"):
        return second
    return second if len(second.split()) > len(first.split()) else first
