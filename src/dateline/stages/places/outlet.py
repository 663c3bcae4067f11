"""Where an outlet is at home, read from the host name of the article's URL.

Local news names towns without their state ("Peoria", "Durham", "Antioch"); the reader knows
the outlet. Its host often says where it is: a town or state spelled into it
("chicagotribune.com", "nbcnewyork.com", "mysanantonio.com", "arkansasonline.com",
"pittsburgh.cbslocal.com"), or a US broadcaster's call sign, K west of the Mississippi and W
east of it ("ksla.com", "wsbtv.com"), which says the outlet is American and on which side.
Either gives the resolver a prior, weaker than what the article itself says. Only long,
well-known names count: a run of at least ``MIN_LETTERS`` letters of the host that names a
state, or a town of at least ``MIN_TOWN`` people, not a word of newspaper names ("enterprise");
the longest wins; a name several towns of one size share ("springfield") or that names a
state and a big town elsewhere ("washington") gives no home. A generic domain (.com, .org) is
read as American where an American reading exists: such outlets mostly are.

Pure: the URL is article metadata; the gazetteer is the one the places stage already reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.resources.geo import ADMIN1, Entry, Gazetteer
from dateline.resources.places import (
    COUNTRY_DOMAIN_LABELS,
    GENERIC_DOMAINS,
    GENERIC_NAME_WORDS,
    GENERIC_PLACE_WORDS,
    OUTLET_NAME_WORDS,
)

MIN_LETTERS = 5
MIN_TOWN = 50_000
# Of several towns of one name, the largest is read only when it is this many times the next
# ("portland": Oregon; "springfield", "columbia": no home).
DOMINANT = 3.0
# Words of newspaper and station names that are also names of towns somewhere.
OUTLET_WORDS = OUTLET_NAME_WORDS | GENERIC_NAME_WORDS | GENERIC_PLACE_WORDS
# "web.archive.org/web/20151026092316/http://q13fox.com/...": the archived page's own URL.
_ARCHIVED = re.compile(r"^(?:https?://)?(?:web\.)?archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# "ksla", "wsbtv", "wdbj7", "king5", "wbaltv": a call sign, with the words stations add.
_CALL_SIGN = re.compile(r"^([kw][a-z]{2,3})(?:tv|fm|am|news|radio)?\d*$")
# States wholly or mostly west of the Mississippi, by postal code (GeoNames admin1 for the US).
WEST_STATES = frozenset({
    "AK", "AZ", "AR", "CA", "CO", "HI", "ID", "IA", "KS", "LA", "MN", "MO", "MT", "NE", "NV",
    "NM", "ND", "OK", "OR", "SD", "TX", "UT", "WA", "WY"})


@dataclass(frozen=True, slots=True)
class Outlet:
    """The outlet's home as its host tells it: a place, and for a US station, its side."""

    host: str
    home: Entry | None = None
    # "west" or "east" of the Mississippi, from a call sign.
    side: str | None = None
    # The country a call sign places the outlet in, where the host names no home.
    country: Entry | None = None

    @property
    def prior(self) -> Entry | None:
        """Return the place the outlet counts for: its home, else its country."""
        return self.home or self.country

    def on_side(self, entry: Entry) -> bool:
        """Return True when ``entry`` is a US place on the side of the call sign."""
        if self.side is None or entry.cc != "US" or entry.a1 is None:
            return False
        return (entry.a1 in WEST_STATES) == (self.side == "west")


def outlet_host(url: str | None) -> str | None:
    """Return the host of an article URL, unwrapped from a web archive, without 'www.'."""
    if not url:
        return None
    url = url.strip()
    archived = _ARCHIVED.match(url)
    if archived:
        url = archived.group(1)
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    return host


def _labels(host: str) -> tuple[list[str], str]:
    """Return the host's own labels (no public suffix) and its top-level domain."""
    parts = host.split(".")
    top = parts[-1]
    parts = parts[:-1]
    if len(top) == 2 and len(parts) >= 2 and parts[-1] in COUNTRY_DOMAIN_LABELS:
        parts = parts[:-1]
    return parts, top


def read_outlet(url: str | None, gazetteer: Gazetteer) -> Outlet | None:
    """Return what the article's URL says of the outlet's home, or None without a URL."""
    host = outlet_host(url)
    if host is None:
        return None
    labels, top = _labels(host)
    country = "US" if top in GENERIC_DOMAINS else top.upper() if len(top) == 2 else None
    best: tuple[int, float, Entry] | None = None
    for label in labels:
        for run in re.findall(r"[a-z]+", label):
            for length, entry in _places_in(run, gazetteer, country):
                if best is None or (length, entry.weight) > best[:2]:
                    best = (length, entry.weight, entry)
    if best is not None:
        return Outlet(host, best[2])
    if country == "US":
        for label in labels:
            sign = _CALL_SIGN.match(label)
            if sign:
                side = "west" if sign.group(1)[0] == "k" else "east"
                return Outlet(host, side=side, country=gazetteer.country("US"))
    return Outlet(host)


def _places_in(run: str, gazetteer: Gazetteer, country: str | None
               ) -> list[tuple[int, Entry]]:
    """Return the states and big towns spelled inside a run of letters, with their length."""
    names = gazetteer.names_spelled_together(MIN_TOWN)
    found = []
    for start in range(len(run)):
        for end in range(len(run), start + MIN_LETTERS - 1, -1):
            letters = run[start:end]
            fits = names.get(letters)
            # "burlingtoncountytimes": a county, which the towns of its name do not place.
            if fits and letters not in OUTLET_WORDS and not run.startswith("county", end):
                home = _home_of(fits, country)
                if home is not None:
                    found.append((end - start, home))
                break
    return found


def _home_of(fits: tuple[Entry, ...], country: str | None) -> Entry | None:
    """Return the one place a name in a host stands for, or None when it is ambiguous: a
    state and a big town elsewhere ("washington"), towns of one size ("springfield")."""
    if country is not None:
        fits = tuple(e for e in fits if e.cc == country)
    states = [e for e in fits if e.level == ADMIN1]
    if states:
        state = states[0]
        within = all((e.level == ADMIN1 and e.cc == state.cc and e.a1 == state.a1) or
                     state.contains(e) for e in fits)
        return state if within else None
    towns = sorted(fits, key=lambda e: -e.weight)
    if not towns or (len(towns) > 1 and towns[0].weight < DOMINANT * towns[1].weight):
        return None
    return towns[0]
