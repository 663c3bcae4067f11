"""The pages of what happened across articles: stories, incidents, the map of events and
incidents by geo precision, and figures compared within a story or an incident."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dateline.export.analyst import country_name
from dateline.resources.ontology import PLOVER_TYPES
from dateline.store import Filters, query, stories, views
from dateline.store.query import APPLIES
from dateline.web import storydata
from dateline.web.charts import figure_charts, report_axis, source_colours, source_of
from dateline.web.comparisons import changes, incident_comparisons, story_comparisons
from dateline.web.errors import APIError
from dateline.web.listing import read_listing
from dateline.web.mapmarks import (
    BASE_RADIUS,
    GEO_PRECISIONS,
    country_level,
    event_markers,
    incident_markers,
    precision_counts,
    regions,
    zoom,
)
from dateline.web.pages import cached_page, list_page, page_filters, render, store_of
from dateline.web.templating import with_params
from dateline.web.worldmap import world_map

router = APIRouter(include_in_schema=False)
INCIDENT_TYPES = (*PLOVER_TYPES, "ACCIDENT", "DISASTER")
WORDS = {
    "time": {1: "the day", 2: "within a week", 3: "the month or vaguer"},
    "geo": GEO_PRECISIONS,
    "found": {"clause": "its own clause", "sentence": "its sentence", "lead": "the article's lead",
              "dateline": "the dateline", "published": "the publication date",
              "article": "the article"},
}


def _map_context(markers: list[Any]) -> dict[str, Any]:
    world = world_map()
    view, scale = zoom(markers, world.width, world.height)
    return {"markers": markers, "view": view, "scale": scale, "width": world.width,
            "height": world.height, "geo_words": GEO_PRECISIONS, "legend_radius": BASE_RADIUS}


# Stories ---------------------------------------------------------------------------------------


@router.get("/stories", response_class=HTMLResponse)
async def stories_page(request: Request) -> Response:
    return await cached_page(request, lambda: list_page(request, "stories", "stories.html",
                                                        types=INCIDENT_TYPES))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    store = store_of(request)
    story = stories.story(store, story_id)
    if story is None:
        raise APIError(404, f"No story with id {story_id!r} in this store. Stories are listed "
                            "at /stories.")
    articles = [{**a, "article_id": a["id"]} for a in story["articles"]]
    incidents = story["incidents"]
    figures = storydata.figure_reports(store, [i["id"] for i in incidents])
    colours = source_colours([*(a.get("source") or "unknown" for a in articles),
                              *(source_of(r) for rs in figures.values() for r in rs)])
    charts = [{"incident": i, "charts": figure_charts(figures[i["id"]], colours)}
              for i in incidents if figures.get(i["id"])]
    revised, disputed = changes([s for i in incidents for s in i["figures"]],
                                [r for rs in figures.values() for r in rs])
    first = next((a for a in articles if a["id"] == story["first_article_id"]),
                 articles[0] if articles else None)
    return render(request, "story.html", {
        "story": story, "first": first, "articles": articles, "incidents": incidents,
        "axis": report_axis(articles, colours), "charts": [c for c in charts if c["charts"]],
        "revisions": revised, "disagreements": disputed,
        "words": WORDS, **_map_context(incident_markers(incidents))})


# Incidents -------------------------------------------------------------------------------------


@router.get("/incidents", response_class=HTMLResponse)
async def incidents_page(request: Request) -> Response:
    return await cached_page(request, lambda: list_page(request, "incidents", "incidents.html",
                                                        types=INCIDENT_TYPES, words=WORDS))


def _best(reports: list[dict[str, Any]], precision: str, found: str, prefix: str
          ) -> dict[str, Any] | None:
    """How the most precise report found its date or place: where, and the words read."""
    known = [r for r in reports if r.get(found) and r.get(precision) is not None]
    if not known:
        return None
    best = min(known, key=lambda r: (r[precision], r.get("published") or ""))
    return {"found": best[found], "text": best.get(f"{prefix}text") or "",
            "article_id": best["article_id"], "start": best.get(f"{prefix}start") or 0,
            "end": best.get(f"{prefix}end") or 0}


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str) -> Response:
    store = store_of(request)
    incident = stories.incident(store, incident_id)
    if incident is None:
        own = storydata.article_incident(store, incident_id)
        if own is not None and own.get("story_incident_id"):
            return RedirectResponse(f"/incidents/{own['story_incident_id']}", status_code=307)
        raise APIError(404, f"No incident with id {incident_id!r} in this store. Incidents are "
                            "listed at /incidents.")
    reports = storydata.member_reports(store, incident_id)
    figures = storydata.figure_reports(store, [incident_id]).get(incident_id, [])
    colours = source_colours(source_of(r) for r in figures)
    revised, disputed = changes(incident["figures"], figures)
    return render(request, "incident.html", {
        "incident": incident, "story": storydata.story_row(store, incident["story_id"]),
        "reports": reports, "figures": figures, "charts": figure_charts(figures, colours),
        "revisions": revised, "disagreements": disputed,
        "date_found": _best(reports, "time_precision", "date_found", "date_"),
        "place_found": _best(reports, "geo_precision", "location_found", "location_"),
        "words": WORDS, **_map_context(incident_markers([incident]))})


# Events ----------------------------------------------------------------------------------------


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> Response:
    """One event, with the incident it was merged into and the story of its article."""
    store = store_of(request)
    event = views.event_row(store, event_id)
    if event is None:
        raise APIError(404, f"No event with id {event_id!r} in this store. Events are listed "
                            "at /events.")
    held = stories.story_of_event(store, event_id)
    incident = None
    if held is not None and held["incident_id"]:
        incident = next((i for i in query(store, "incidents", Filters(
            article=event["article_id"]), limit=100).rows if i["id"] == held["incident_id"]),
            None)
    return render(request, "event.html", {"e": event, "story": held["story"] if held else None,
                                          "incident": incident, "words": WORDS})


# Map -------------------------------------------------------------------------------------------


@router.get("/map", response_class=HTMLResponse)
async def map_page(request: Request) -> Response:
    """Events and incidents with coordinates at any precision, each marked by its precision."""
    return await cached_page(request, lambda: _map(request))


def _map(request: Request) -> HTMLResponse:
    filters, given = page_filters(request, "events")
    store = store_of(request)
    places = views.event_places(store, filters)
    features = storydata.features_at(store, ((p["lat"], p["lon"]) for p in places))
    for place in places:
        place["feature_code"] = features.get((place["lat"], place["lon"]))
    # A click lists exactly what was clicked: the events at that place, in that country.
    def href(p: dict[str, Any]) -> str:
        return "/events?" + with_params(given, place=p["place"], country=p.get("country") or None)

    events = event_markers(places, href)
    shared = {k: v for k, v in filters.given().items() if k in APPLIES["incidents"]}
    located = stories.incident_places(store, Filters(**shared))
    features = storydata.features_at(store, ((i["lat"], i["lon"]) for i in located))
    for incident in located:
        incident["feature_code"] = features.get((incident["lat"], incident["lon"]))
    spots = incident_markers(located)
    countries = views.event_countries(store, filters)
    outlined = country_level(places)
    world = world_map()
    most = max(countries.values(), default=1)
    shaded = [{"code": c.code, "name": c.name, "path": c.path, "events": countries[c.code],
               "level": _shade(countries[c.code], most), "country_level": outlined.get(c.code, 0)}
              for c in world.countries if c.code in countries]
    return render(request, "map.html", {
        "params": given, "types": INCIDENT_TYPES, "width": world.width, "height": world.height,
        "shaded": shaded, "events": events, "incidents": spots,
        "counts": {"event": precision_counts(events), "incident": precision_counts(spots)},
        "geo_words": GEO_PRECISIONS, "legend_radius": BASE_RADIUS,
        "regions": regions(places, href, located), "country_level": outlined,
        "countries": [(code, country_name(code), count, outlined.get(code, 0)) for code, count
                      in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))]})


def _shade(count: int, most: int) -> int:
    import math

    return 1 + min(3, int(3 * math.log1p(count) / math.log1p(most)))


# Claims ----------------------------------------------------------------------------------------


@router.get("/claims", response_class=HTMLResponse)
async def claims_page(request: Request) -> Response:
    """Figures side by side within one incident or one story; below, every claim, filtered."""
    return await cached_page(request, lambda: _claims(request))


def _claims(request: Request) -> HTMLResponse:
    store = store_of(request)
    found = read_listing(store, "claims", request.query_params,
                         cache=request.app.state.summaries)
    if found.error:
        return render(request, "claims.html", {**found.context(), "by_incident": [],
                                               "by_story": []}, status=400)
    filters = found.request.filters
    groups = incident_comparisons(storydata.compared_incidents(store, filters))
    by_story = story_comparisons(storydata.story_claims(store, filters))[:30]
    colours = source_colours(source_of(r) for g in groups for r in g.reports)
    by_incident = [(g, figure_charts(g.reports, colours)) for g in groups]
    return render(request, "claims.html", {**found.context(), "by_incident": by_incident,
                                           "by_story": by_story})
