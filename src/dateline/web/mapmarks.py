"""Mark events and incidents on the world map by how precisely their place is known.

Precision is ACLED's geo precision: 1 the town or an exact spot, 2 a nearby or larger named
area (a district), 3 the region or the country. Incidents carry theirs; an event's place is
judged from its GeoNames feature code. The marker says it: a small solid dot for 1, a larger
shaded disc for 2, a wide dashed ring for 3 (where the spot is only somewhere inside), so a
country's centre is never mistaken for a town.

Places that are whole countries or wider regions get no dot at all: an event placed only in a
country marks the country's outline (``country_level``), and one placed in a continent or a
region without a shape ("Europe", "the Middle East") is listed beside the map (``regions``),
since a dot at a continent's centre would point at a spot nobody named.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from dateline.web.worldmap import project

GEO_PRECISIONS = {1: "town or exact place", 2: "nearby or larger named area",
                  3: "region or country"}
# The marker radius per precision, before growing with the number of records at the spot.
BASE_RADIUS = {1: 3.5, 2: 6.5, 3: 11.0}
# Incidents are drawn under event places, a little larger, so both stay visible at one spot.
INCIDENT_LARGER = 2.0
# GeoNames feature codes of areas below a region: districts, counties, parks, islands, lakes.
_AREA_CODES = ("ADM2", "ADM3", "ADM4", "ADM5", "ADMD", "PRK", "ISL", "LK", "AREA", "RGNL",
               "VAL", "MTS", "DSRT", "BAY", "STRT")
_REGION_CODES = ("ADM1", "PCL", "PCLI", "PCLD", "PCLF", "PCLS", "TERR", "CONT", "RGN", "OCN",
                 "SEA", "GULF")
_COUNTRY_CODES = ("PCL", "TERR")
# Areas with no outline on the map: continents, regions, oceans and seas.
_SHAPELESS_CODES = ("CONT", "RGN", "OCN", "SEA", "GULF")


@dataclass(frozen=True, slots=True)
class Marker:
    """One spot on the map: the events or the incident there, how precise, where it links."""

    kind: str            # "event" or "incident"
    x: float
    y: float
    r: float
    precision: int
    place: str
    country: str
    count: int
    title: str
    href: str
    summary: str


def precision_of_feature(feature_code: str | None) -> int:
    """ACLED geo precision of a GeoNames place from its feature code (unknown codes count as
    a town: most places the gazetteer resolves are populated places)."""
    code = (feature_code or "").upper()
    if not code:
        return 1
    if code.startswith(_REGION_CODES):
        return 3
    if code.startswith(_AREA_CODES):
        return 2
    return 1


def radius(precision: int, count: int) -> float:
    """A marker's radius: its precision's base, grown slowly with the records it stands for."""
    base = BASE_RADIUS.get(precision, BASE_RADIUS[3])
    return round(base + 1.5 * math.sqrt(max(count, 1) - 1), 1)


def clamp_precision(value: Any) -> int:
    try:
        precision = int(value)
    except (TypeError, ValueError):
        return 3
    return precision if precision in GEO_PRECISIONS else 3


def place_scope(place: Mapping[str, Any]) -> str:
    """What an event place is on the map: ``region`` (no outline: listed), ``country`` (its
    outline), or ``spot`` (a marker)."""
    code = str(place.get("feature_code") or "").upper()
    # In no country and not known to be a smaller area (a strait, a lake): a region.
    if code.startswith(_SHAPELESS_CODES) or (not place.get("country") and
                                             (not code or precision_of_feature(code) == 3)):
        return "region"
    if code.startswith(_COUNTRY_CODES) and place.get("country"):
        return "country"
    return "spot"


@dataclass(frozen=True, slots=True)
class Region:
    """A place too wide to mark, a continent or a region: its events and incidents, listed."""

    place: str
    count: int
    summary: str
    href: str
    incidents: tuple[tuple[str, str], ...] = ()   # (title, href) of each incident there


def regions(places: Iterable[Mapping[str, Any]], href: Any,
            incidents: Iterable[Mapping[str, Any]] = ()) -> list[Region]:
    """The event places and incident locations that are continents or regions, the most
    events first; an incident takes its ``location`` as the place name."""
    found = {str(p.get("place") or ""): Region(place=str(p.get("place") or ""),
                                               count=int(p.get("events") or 1),
                                               summary=_summary(p), href=href(p))
             for p in places if place_scope(p) == "region"}
    for incident in incidents:
        if place_scope(incident) != "region":
            continue
        name = str(incident.get("location") or "")
        held = found.get(name) or Region(place=name, count=0, summary="", href="")
        what = incident.get("sub_event") or incident.get("type") or "incident"
        found[name] = replace(held, incidents=(*held.incidents, (
            f"{what} ({incident.get('day') or 'no date'})", f"/incidents/{incident['id']}")))
    return sorted(found.values(), key=lambda r: (-r.count, -len(r.incidents), r.place))


def country_level(places: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Events (or incidents) placed only in a country, per ISO code: its outline marks them."""
    counts: dict[str, int] = {}
    for place in places:
        if place_scope(place) == "country":
            code = str(place["country"]).upper()
            counts[code] = counts.get(code, 0) + int(place.get("events") or 1)
    return counts


def _summary(place: Mapping[str, Any]) -> str:
    return ", ".join(f"{t} {n}" for t, n in sorted((place.get("types") or {}).items(),
                                                  key=lambda kv: (-kv[1], kv[0])))


def event_markers(places: Iterable[Mapping[str, Any]], href: Any) -> list[Marker]:
    """Markers for event places (``place``, ``country``, ``lat``, ``lon``, ``events``,
    ``types``, ``feature_code``) that are spots, not countries or regions; ``href(place)``
    gives each its link."""
    out = []
    for place in places:
        if place_scope(place) != "spot":
            continue
        x, y = project(place["lat"], place["lon"])
        precision = precision_of_feature(place.get("feature_code"))
        count = int(place.get("events") or 1)
        types = _summary(place)
        name = str(place.get("place") or "")
        out.append(Marker(
            kind="event", x=x, y=y, r=radius(precision, count), precision=precision,
            place=name, country=str(place.get("country") or ""), count=count,
            title=f"{name}: {count} event{'s' if count != 1 else ''} ({types})",
            href=href(place), summary=types))
    # Wide, vague markers first, so the precise ones are drawn on top and stay clickable.
    return sorted(out, key=lambda m: (-m.precision, -m.r))


def incident_markers(incidents: Iterable[Mapping[str, Any]]) -> list[Marker]:
    """Markers for incidents with coordinates (``id``, ``type``, ``sub_event``, ``lat``,
    ``lon``, ``geo_precision``, ``location``, ``country``, ``day``, ``reports``, and the
    ``feature_code`` of the place when known: continents and regions get none)."""
    out = []
    for incident in incidents:
        if incident.get("lat") is None or incident.get("lon") is None:
            continue
        if "feature_code" in incident and place_scope(incident) == "region":
            continue  # listed with the regions instead
        x, y = project(float(incident["lat"]), float(incident["lon"]))
        precision = clamp_precision(incident.get("geo_precision"))
        what = incident.get("sub_event") or incident.get("type") or "incident"
        place = str(incident.get("location") or "")
        reports = int(incident.get("reports") or 1)
        out.append(Marker(
            kind="incident", x=x, y=y, r=radius(precision, 1) + INCIDENT_LARGER, precision=precision,
            place=place, country=str(incident.get("country") or ""), count=reports,
            title=f"{what}, {place} ({incident.get('day') or 'no date'}; "
                  f"{reports} report{'s' if reports != 1 else ''}; "
                  f"place known to the {GEO_PRECISIONS[precision]})",
            href=f"/incidents/{incident['id']}", summary=str(what)))
    return sorted(out, key=lambda m: (-m.precision, -m.r))


def precision_counts(markers: Iterable[Marker]) -> dict[int, int]:
    """How many markers of each precision, for the legend."""
    counts = dict.fromkeys(GEO_PRECISIONS, 0)
    for marker in markers:
        counts[marker.precision] = counts.get(marker.precision, 0) + 1
    return counts


def zoom(markers: Iterable[Marker], width: float, height: float, *, pad: float = 40.0,
         least: float = 140.0, shown: float = 640.0) -> tuple[str, float]:
    """A viewBox around the markers (at least ``least`` map units wide, the map's shape kept)
    and the factor to scale marker radii by so that, drawn ``shown`` pixels wide, they keep
    the size they have on the whole map."""
    spots = list(markers)
    if not spots:
        return f"0 0 {width:g} {height:g}", 1.0
    left = min(m.x for m in spots) - pad
    right = max(m.x for m in spots) + pad
    top = min(m.y for m in spots) - pad
    bottom = max(m.y for m in spots) + pad
    view_w = min(width, max(least, right - left, (bottom - top) * width / height))
    view_h = view_w * height / width
    x = min(max(0.0, (left + right - view_w) / 2), width - view_w)
    y = min(max(0.0, (top + bottom - view_h) / 2), height - view_h)
    return f"{x:.1f} {y:.1f} {view_w:.1f} {view_h:.1f}", round(view_w / shown, 3)
