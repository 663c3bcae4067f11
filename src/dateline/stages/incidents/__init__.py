"""Merge the events of one article that tell of one real happening into incidents.

An incident is what an analyst counts (ACLED's row): one happening with its type, sub-event,
participants, date and location with their precision and how each was found, the figures the
claims state about it and the events that mention it. Events are grouped (grouping.py);
casualties of accidents and disasters, which the events stage leaves out, become ACCIDENT or
DISASTER incidents (grouping.py), and casualties told with a word of violence where nothing
else accounts for them, ASSAULT incidents, and where nothing in the text tells of harm, a
headline telling of violence makes one (a page that lost its report: headline.py); then each
incident reads its date (dates.py), its location (locations.py) and its figures (figures.py),
and a note sums it up (note.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace

from dateline.records import Doc, Figure, Incident, Ref, Span, content_id
from dateline.registry import stage
from dateline.resources.geo import Entry, open_gazetteer
from dateline.resources.geo.gazetteer import CACHE_ENV
from dateline.resources.incidents import sub_event
from dateline.stages.incidents.dates import incident_date
from dateline.stages.incidents.figures import attach_figures
from dateline.stages.incidents.grouping import (
    Group,
    Sentences,
    accident_groups,
    group_events,
    violence_groups,
)
from dateline.stages.incidents.headline import headline_group, headline_town
from dateline.stages.incidents.locations import (
    headline_location,
    incident_location,
    with_headline,
)
from dateline.stages.incidents.note import write_note
from dateline.stages.places.outlet import Outlet, read_outlet

# An accident or disaster read from its casualty claims, with no event behind it.
ACCIDENT_CONFIDENCE = 0.7
# An incident told only in the headline: the text gives no evidence to weigh it by.
HEADLINE_CONFIDENCE = 0.5
_ACCIDENT_CONTEXTS = {"ACCIDENT": ("accident",), "DISASTER": ("natural_hazard",)}


@stage("incidents", requires=("events", "claims", "places", "times"), produces=("incidents",))
@dataclass(frozen=True)
class Incidents:
    """Group events into incidents with type, date, location, figures and a note."""

    # Make incidents of accidents and disasters that hurt people, where no event was coded.
    accidents: bool = True
    # Make an ASSAULT incident of casualties told with a word of violence ("found dead in an
    # apparent murder-suicide") where no event, accident or disaster accounts for them.
    violence: bool = True
    # Read the outlet's home from the article's URL as a vote for the state the article is
    # about (places/outlet.py); the gazetteer's cache folder as for the places stage.
    outlet_prior: bool = True
    # Place an incident the text does not place, or places only in a county or state holding
    # it, in the town its headline names; make an incident of a headline telling of violence
    # where the text tells of no harm (headline.py).
    headline: bool = True
    cache_dir: str = ""

    def __call__(self, doc: Doc) -> Doc:
        sentences = Sentences(doc.sentences or (Span(0, len(doc.article.text),
                                                     doc.article.text),))
        groups = group_events(doc, sentences)
        if self.accidents:
            groups += accident_groups(doc, sentences, groups)
        if self.violence:
            groups += violence_groups(doc, sentences, groups)
        if self.headline and (told := headline_group(doc.article.title, groups)) is not None:
            groups.append(told)
        groups.sort(key=lambda g: _first_offset(g))
        figures = attach_figures(doc, groups, sentences)
        outlet, headline = None, None
        if groups and ((self.outlet_prior and doc.article.url) or
                       (self.headline and doc.article.title)):
            gazetteer = open_gazetteer(self.cache_dir or os.environ.get(CACHE_ENV) or None)
            if self.outlet_prior:
                outlet = read_outlet(doc.article.url, gazetteer, doc.article.title)
            if self.headline:
                headline = headline_town(doc.article.title, gazetteer, outlet)
        incidents = [self._incident(doc, g, f, sentences, outlet, headline)
                     for g, f in zip(groups, figures, strict=True)]
        return replace(doc, incidents=tuple(incidents))

    def _incident(self, doc: Doc, group: Group, figures: tuple[Figure, ...],
                  sentences: Sentences, outlet: Outlet | None,
                  headline: Entry | None = None) -> Incident:
        date = incident_date(doc, group, sentences)
        if group.headline:
            # Told only in the headline: its town is the most direct evidence.
            location = headline_location(headline) if headline is not None else \
                incident_location(doc, group, sentences, outlet)
        else:
            location = with_headline(incident_location(doc, group, sentences, outlet), headline)
        label = group.sub_event or sub_event(group.type, group.mode)
        if group.events:
            main = group.events[0]
            span: Span = main
            factuality = main.factuality
            confidence = max(e.confidence for e in group.events)
            context = tuple(sorted({c for e in group.events for c in e.context}))
        elif group.headline:
            span = Span(0, 0, "")
            factuality = "asserted"
            confidence = HEADLINE_CONFIDENCE
            context = _ACCIDENT_CONTEXTS.get(group.type, ())
        else:
            span = sentences.span(sentences.index(group.cue.start if group.cue else 0)) or \
                Span(0, 0, "")
            factuality = "asserted"
            confidence = ACCIDENT_CONFIDENCE
            context = _ACCIDENT_CONTEXTS.get(group.type, ())
        return Incident(
            span.start, span.end, span.text,
            id=content_id(doc.article.id, _first_offset(group), group.type, prefix="inc_",
                          length=12),
            type=group.type, mode=group.mode, sub_event=label,
            actors=_refs(r for e in group.events for r in e.actors),
            recipients=_refs(r for e in group.events for r in e.recipients),
            date=date, location=location, figures=figures,
            mentions=tuple(e.id for e in group.events), factuality=factuality,
            confidence=round(confidence, 2), context=context,
            note=write_note(doc, label, location, date, figures))


def _first_offset(group: Group) -> int:
    starts = [(e.trigger or e).start for e in group.events]
    if group.cue is not None:
        starts.append(group.cue.start)
    return min(starts, default=0)


def _refs(refs: Iterable[Ref]) -> tuple[Ref, ...]:
    """Return the refs with one per referent, in order of first mention."""
    seen: dict[str, Ref] = {}
    for ref in refs:
        seen.setdefault(ref.entity_id or " ".join(ref.text.lower().split()), ref)
    return tuple(seen.values())
