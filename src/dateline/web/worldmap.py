"""Draw the world offline: country outlines as SVG paths, and a projection for event places.

The outlines are Natural Earth's 1:110m Admin 0 countries (public domain) as packaged in the
``world-atlas`` 2.0.2 npm package (ISC licence), vendored unchanged in
``static/vendor/world-atlas/`` with its licence; see the README there.

The file is TopoJSON. Decoding it takes a few lines (delta-decode the quantized arcs, stitch
each ring from its arcs), so it is done here rather than through a library: the PyPI TopoJSON
packages build topologies (with shapely and numpy) and none decodes one to paths. The
projection is plate carrée (longitude and latitude as x and y) cut below 58°S: the map shows
where things happened, not areas, and a point then lands on the right pixel without any
trigonometry in the browser.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

WIDTH = 960.0
NORTH, SOUTH = 84.0, -58.0
SCALE = WIDTH / 360.0
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
ATLAS = "static/vendor/world-atlas/countries-110m.json"
# Natural Earth shapes that have no ISO 3166 numeric code: GeoNames (and so the place stage)
# files Kosovo under XK and the other two under the country they belong to de jure.
_UNCODED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
_SKIPPED = {"010"}  # Antarctica: below the cut, and no news dateline is there


@dataclass(frozen=True, slots=True)
class Country:
    """One country outline: its ISO 3166 alpha-2 code, name and SVG path data."""

    code: str
    name: str
    path: str


@dataclass(frozen=True, slots=True)
class WorldMap:
    """The outlines and the size of the drawing they fit."""

    width: float
    height: float
    countries: tuple[Country, ...]


def project(lat: float, lon: float) -> tuple[float, float]:
    """Return the (x, y) position on the map of a latitude and longitude, in map units.

    Longitudes outside -180..180 land outside the map, where the drawing is clipped.
    """
    lat = max(SOUTH, min(NORTH, lat))
    return round((lon + 180.0) * SCALE, 1), round((NORTH - lat) * SCALE, 1)


@lru_cache(maxsize=1)
def world_map() -> WorldMap:
    """Decode the vendored outlines once per process into projected SVG paths."""
    text = resources.files("dateline.web").joinpath(ATLAS).read_text(encoding="utf-8")
    return decode_topology(json.loads(text))


def decode_topology(topology: dict[str, Any]) -> WorldMap:
    """Turn a quantized TopoJSON topology's ``countries`` object into a WorldMap."""
    arcs = _decode_arcs(topology["arcs"], topology["transform"])
    countries: list[Country] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = _alpha2(geometry)
        if code is None or geometry.get("id") in _SKIPPED:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        path = "".join(_ring_path(shifted) for polygon in polygons for ring in polygon
                       for shifted in _unwrap(_stitch(ring, arcs)))
        if path:
            countries.append(Country(code, geometry["properties"].get("name", code), path))
    return WorldMap(WIDTH, HEIGHT, tuple(sorted(countries, key=lambda c: c.code)))


def _decode_arcs(raw: list[list[list[int]]], transform: dict[str, list[float]]
                 ) -> list[list[tuple[float, float]]]:
    """Undo the delta encoding and quantization: each arc becomes (lon, lat) points."""
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in raw:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _stitch(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs; a negative index ``~i`` means arc ``i`` reversed."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _unwrap(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Return a ring as drawable copies: itself, or, where it crosses the antimeridian (Russia's
    Chukotka, Fiji), one copy continued east of 180° and one west of -180°, each clipped by the
    map's edge, instead of a line drawn across the whole map."""
    crosses = any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(points))
    if not crosses:
        return [points]
    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    return [east, [(lon - 360, lat) for lon, lat in east]]


def _ring_path(points: list[tuple[float, float]]) -> str:
    """Return compact SVG path data for one closed ring (relative moves, 0.1 unit precision)."""
    projected: list[tuple[int, int]] = []
    for lon, lat in points:
        x, y = project(lat, lon)
        p = (round(x * 10), round(y * 10))
        if not projected or p != projected[-1]:
            projected.append(p)
    if len(projected) < 3:
        return ""
    (x0, y0), rest = projected[0], projected[1:]
    parts = [f"M{x0 / 10:g} {y0 / 10:g}l"]
    px, py = x0, y0
    for x, y in rest:
        parts.append(f"{(x - px) / 10:g} {(y - py) / 10:g} ")
        px, py = x, y
    return "".join(parts).rstrip() + "z"


def _alpha2(geometry: dict[str, Any]) -> str | None:
    import pycountry

    name = geometry.get("properties", {}).get("name", "")
    if name in _UNCODED:
        return _UNCODED[name]
    numeric = geometry.get("id")
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country is not None else None
