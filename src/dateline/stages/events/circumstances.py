"""Read an event's place, time, counts and source from the other stages' annotations.

Place, time and counts come from doc.places, doc.times and doc.claims attached to the event's
words in the parse; the source from a quote covering the event, the source of its counts, the
subject of a reporting verb governing it, or an "according to" phrase.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dateline.records import Doc, Place, PlaceRef, Quantity, Ref, TimeRef, TimeValue
from dateline.resources.cues import REPORTING_VERBS
from dateline.resources.places import LOCATIVE_PREPOSITIONS
from dateline.stages.events.participants import (
    attached,
    governing_verb,
    quote_around,
    refs_for_token,
)
from dateline.stages.events.triggers import Candidate, sharing_heads
from dateline.stages.lookup import claim_index, overlaps, place_index, time_index

if TYPE_CHECKING:
    from spacy.tokens import Span as ParseSpan
    from spacy.tokens import Token

# Claim predicates (claims stage) -> quantity kind on the event, and the types it belongs to.
QUANTITY_KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "killed": ("dead", frozenset({"ASSAULT"})),
    "dead": ("dead", frozenset({"ASSAULT"})),
    "injured": ("injured", frozenset({"ASSAULT"})),
    "casualties": ("casualties", frozenset({"ASSAULT"})),
    "shot": ("shot", frozenset({"ASSAULT"})),
    "missing": ("missing", frozenset({"ASSAULT"})),
    "kidnapped": ("abducted", frozenset({"ASSAULT"})),
    "abducted": ("abducted", frozenset({"ASSAULT"})),
    "displaced": ("displaced", frozenset({"ASSAULT", "RETREAT", "AID"})),
    "arrested": ("arrested", frozenset({"COERCE"})),
    "detained": ("arrested", frozenset({"COERCE"})),
    "released": ("released", frozenset({"RETREAT"})),
    "deployed": ("deployed", frozenset({"MOBILIZE"})),
}

def _place_ref(place: Place) -> PlaceRef:
    return PlaceRef(place.start, place.end, place.text, name=place.name or None,
                    geonames_id=place.geonames_id, country_code=place.country_code,
                    admin1=place.admin1, lat=place.lat, lon=place.lon)


# Verbal types happen where people speak; a place in their clause is usually a topic.
VERBAL_TYPES = frozenset({"CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                          "AGREE", "CONCEDE"})


def event_place(doc: Doc, candidate: Candidate, sentence: ParseSpan, actors: tuple[Ref, ...],
                recipients: tuple[Ref, ...]) -> PlaceRef | None:
    """Return where the event happened: an "in/at" place attached to it, else a place it targets.

    The dateline city is never taken for the event's place here: the places stage marks it.
    """
    places = [p for p in place_index(doc).starting_in(sentence.start_char, sentence.end_char)
              if p.role != "dateline" and not p.demonym
              and not any(overlaps(a, p.start, p.end) for a in actors)]
    if not places:
        return None
    span_doc = sentence.doc

    def token_at(place: Place) -> Token | None:
        span = span_doc.char_span(place.start, place.end, alignment_mode="expand")
        return span.root if span is not None else None

    located: list[Place] = []
    loose: list[Place] = []
    for place in places:
        root = token_at(place)
        if root is None or not attached(root, candidate):
            continue
        preps = [a for a in root.ancestors if a.dep_ == "prep"][:1]
        (located if preps and preps[0].lower_ in LOCATIVE_PREPOSITIONS else loose).append(place)
    if located:
        return _place_ref(min(located, key=lambda p: abs(p.start - candidate.token.idx)))
    targeted = [p for p in places if any(overlaps(r, p.start, p.end) for r in recipients)]
    if targeted and candidate.type in ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT"):
        return _place_ref(targeted[0])
    if loose and candidate.type not in VERBAL_TYPES:
        return _place_ref(min(loose, key=lambda p: abs(p.start - candidate.token.idx)))
    return None


def _time_value(time: TimeRef) -> TimeValue:
    return TimeValue(time.start, time.end, time.text, value=time.value, precision=time.precision)


def _reported_by(candidate: Candidate) -> Token | None:
    """Return the reporting verb the event is the complement of ("NATO said Friday it ...")."""
    for ancestor in candidate.token.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in REPORTING_VERBS:
            return ancestor
    return None


def event_time(doc: Doc, candidate: Candidate,
               sentence: ParseSpan) -> tuple[TimeValue | None, bool]:
    """Return (time, inferred): a time expression attached to the event (or to the verb that
    reports it), else the publication date when the verb says the event is recent past;
    ``inferred`` marks the latter."""
    times = [t for t in time_index(doc).starting_in(sentence.start_char, sentence.end_char)
             if t.value and t.kind in ("date", "time", "interval")]
    span_doc = sentence.doc
    own: list[TimeRef] = []
    reported: list[TimeRef] = []
    reporter = _reported_by(candidate)
    for time in times:
        span = span_doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        if attached(span.root, candidate):
            own.append(time)
        elif reporter is not None and span.root.head.i == reporter.i:
            reported.append(time)
    for group in (own, reported):
        if group:
            return _time_value(min(group, key=lambda t: abs(t.start - candidate.token.idx))), False
    published = doc.article.published
    if published is not None and is_recent_past(candidate.token):
        at = candidate.token.idx
        # No time expression: an empty span at the trigger carries the publication date.
        return TimeValue(at, at, "", value=published.date().isoformat(), precision="day"), True
    return None, False


def clause_verb(token: Token) -> Token | None:
    """Return the verb whose tense and mood an event word takes."""
    return token if token.pos_ in ("VERB", "AUX") else governing_verb(token)


def is_recent_past(token: Token) -> bool:
    """Return True when the clause is in the simple past or present perfect ("has relocated")."""
    verb = clause_verb(token)
    if verb is None:
        return False
    # "has attacked and seized": the second verb takes the first one's auxiliary.
    auxes = [c for v in (verb, *sharing_heads(verb)) for c in v.children
             if c.dep_ in ("aux", "auxpass")]
    lemmas = {c.lemma_.lower() for c in auxes}
    if lemmas & {"will", "would", "shall", "may", "might", "could", "should", "must", "to"}:
        return False
    tags = {verb.tag_} | {c.tag_ for c in auxes}
    return "VBD" in tags or ("VBN" in tags and "have" in lemmas)


# TimeML season codes -> (first month, last month).
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def time_bounds(value: str | None) -> tuple[date, date] | None:
    """Return the first and last day an ISO 8601 / TimeML value covers, or None when it has no
    calendar anchor ("PRESENT_REF", "P3D"). Intervals "A/B" span from A to B; an open end
    ("2025-05/", "2025-05/..") stays open as date.max."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        start = time_bounds(first)
        end = time_bounds(last) if last.strip(".") else None
        if start is None:
            return None
        return start[0], end[1] if end else date.max
    text = value.split("T")[0]
    try:
        if text.isdigit() and len(text) in (2, 3):
            # TimeML decades ("199" = the 1990s) and centuries ("19" = 1900-1999).
            span = 10 ** (4 - len(text))
            return date(int(text) * span, 1, 1), date(int(text) * span + span - 1, 12, 31)
        year = int(text[:4])
        rest = text[4:]
        if not rest:
            return date(year, 1, 1), date(year, 12, 31)
        if rest[1:3] in SEASONS:
            opens, closes = SEASONS[rest[1:3]]
            return date(year, opens, 1), _month_end(year + (closes > 12), (closes - 1) % 12 + 1)
        if rest.startswith("-W"):
            monday = date.fromisocalendar(year, int(rest[2:4]), 1)
            return monday, monday + timedelta(days=6)
        if rest.startswith("-Q"):
            quarter = int(rest[2])
            return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        if rest.startswith("-H"):
            half = int(rest[2])
            return date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
        month = int(rest[1:3])
        if len(rest) == 3:
            return date(year, month, 1), _month_end(year, month)
        day = date(year, month, int(rest[4:6]))
        return day, day
    except (ValueError, IndexError):
        return None


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def is_well_before(value: str | None, published: datetime | None, days: int = 365) -> bool:
    """Return True when a time value ends more than ``days`` before publication."""
    bounds = time_bounds(value)
    return bool(bounds and published and bounds[1] < published.date() - timedelta(days=days))


def is_after(value: str | None, published: datetime | None) -> bool:
    """Return True when a time value starts after the publication day."""
    bounds = time_bounds(value)
    return bool(bounds and published and bounds[0] > published.date())


def _claim_root(doc: Doc, sentence: ParseSpan, start: int, end: int) -> Token | None:
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def event_quantities(doc: Doc, candidate: Candidate, sentence: ParseSpan) -> tuple[Quantity, ...]:
    """Return the counts attached to the event that belong to its type (dead, injured...)."""
    found: list[Quantity] = []
    for claim in claim_index(doc).starting_in(sentence.start_char, sentence.end_char):
        kind = QUANTITY_KINDS.get((claim.predicate or "").lower())
        if kind is None or candidate.type not in kind[1]:
            continue
        root = _claim_root(doc, sentence, claim.start, claim.end)
        if root is None or not attached(root, candidate, hops=8):
            continue
        found.append(Quantity(claim.start, claim.end, claim.text, kind=kind[0], value=claim.value,
                              low=claim.low, high=claim.high, qualifier=claim.qualifier))
    return tuple(found)


def event_source(doc: Doc, candidate: Candidate, sentence: ParseSpan,
                 quantities: tuple[Quantity, ...]) -> Ref | None:
    """Return who reports the event: a quote covering it, the source of its counts, the subject
    of a reporting verb governing it, or an "according to" phrase of its sentence."""
    at = candidate.token.idx
    quote = quote_around(doc, at)
    if quote is not None:
        if quote.speaker is not None:
            return quote.speaker
        if quote.speaker_descriptor:
            found = doc.article.text.find(quote.speaker_descriptor, quote.start, quote.end)
            if found >= 0:
                return Ref(found, found + len(quote.speaker_descriptor), quote.speaker_descriptor)
    # The quantities are claims of this sentence.
    for claim in claim_index(doc).starting_in(sentence.start_char, sentence.end_char):
        if claim.source is not None and any(q.start == claim.start for q in quantities):
            return claim.source
    reporter = _reported_by(candidate)
    if reporter is not None:
        speakers = [c for c in reporter.children if c.dep_ == "nsubj"]
        if speakers:
            refs = refs_for_token(doc, speakers[0])
            if refs:
                return refs[0]
    for token in sentence:
        if token.lower_ == "according":
            for to in token.children:
                pobj = [c for c in to.children if c.dep_ == "pobj"] if to.lower_ == "to" else []
                if pobj:
                    refs = refs_for_token(doc, pobj[0])
                    if refs:
                        return refs[0]
    return None
