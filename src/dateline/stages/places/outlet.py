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

Most hosts name no place ("wmctv.com", "ajc.com"); the page title often does, in the site name
a station or paper puts after the headline ("... - Action News 5 - Memphis, Tennessee",
"... | WBTV Charlotte", "... - KSLA News 12 Shreveport, Louisiana News Weather & Sports"). Where
the host gives no home, the title's last part gives it: a town with its state, else a state or
a big town it names alone, read with the same care as a host.

Pure: the URL is article metadata; the gazetteer is the one the places stage already reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from dateline.resources.geo import ADMIN1, CITY, Entry, Gazetteer
from dateline.resources.geo.build import NAME
from dateline.resources.places import (
    COUNTRY_DOMAIN_LABELS,
    GENERIC_DOMAINS,
    GENERIC_NAME_WORDS,
    GENERIC_PLACE_WORDS,
    OUTLET_NAME_WORDS,
    SITE_NAME_WORDS,
)
from dateline.stages.places.spans import state_written_short

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

    # The home came from the page title's site name, not from the host.
    from_title: bool = False

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


def read_outlet(url: str | None, gazetteer: Gazetteer, title: str | None = None
                ) -> Outlet | None:
    """Return what the article's URL (else its title's site name) says of the outlet's home,
    or None without a URL."""
    outlet = _read_host(url, gazetteer)
    if outlet is None or outlet.home is not None or not title:
        return outlet
    top = _labels(outlet.host)[1]
    home = title_home(title, gazetteer, _country_of(top))
    return replace(outlet, home=home, from_title=True) if home is not None else outlet


def _country_of(top: str) -> str | None:
    return "US" if top in GENERIC_DOMAINS else top.upper() if len(top) == 2 else None


def _read_host(url: str | None, gazetteer: Gazetteer) -> Outlet | None:
    host = outlet_host(url)
    if host is None:
        return None
    labels, top = _labels(host)
    country = _country_of(top)
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


# The parts of a page title: the headline, then the site's name (and its slogan).
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+")
# A state after a town's comma ("Memphis, Tennessee", "Birmingham, AL", "Columbus, GA News").
_AFTER_COMMA = re.compile(r",\s*([A-Z][A-Za-z]*\.?)(?:\s+([A-Z][a-z]+))?")
# A postal code standing alone ("Charleston, Huntington WV News").
_POSTAL_CODE = re.compile(r"(?<![\w.-])[A-Z]{2}(?![\w.-])")
_WORD_RUN = re.compile(r"[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)*")
_SHORT_STATE = re.compile(r"[A-Z]{2}|[A-Z][a-z]{1,4}\.?")
# Title words are whole words, so shorter names than in a host count ("Reno", "Waco").
MIN_TITLE_LETTERS = 4


def title_home(title: str, gazetteer: Gazetteer, country: str | None = "US") -> Entry | None:
    """Return the home a page title's site name gives (its last part after " - " or " | "):
    a town in the state it names, a big town, else the state; None when the title has no
    site name or it names no place."""
    parts = _TITLE_PARTS.split(title.strip())
    if len(parts) < 2:
        return None
    site = parts[-1]
    states = _states_named(site, gazetteer, country)
    for run in _WORD_RUN.findall(site):
        words = run.split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                text = " ".join(words[start:start + size])
                if text.lower().rstrip(".") in OUTLET_WORDS | SITE_NAME_WORDS or \
                        len(text.replace(" ", "")) < MIN_TITLE_LETTERS:
                    continue
                home = _town_named(text, gazetteer, country, states)
                if home is not None:
                    return home
    return states[0] if states else None


def _town_named(text: str, gazetteer: Gazetteer, country: str | None,
                states: list[Entry]) -> Entry | None:
    """Return the town ``text`` names in a site name: the largest in a state the site names,
    else a big town no namesake rivals (or the state, when ``text`` names one)."""
    fits = tuple(e for e in gazetteer.candidates(text) if e.kind == NAME)
    if states:
        towns = [e for e in fits if e.level == CITY and any(s.contains(e) for s in states)]
        return max(towns, key=lambda e: e.weight) if towns else None
    fits = tuple(e for e in fits if e.level == ADMIN1 or
                 (e.level == CITY and e.weight >= MIN_TOWN))
    return _home_of(fits, country) if fits else None


def _states_named(site: str, gazetteer: Gazetteer, country: str | None) -> list[Entry]:
    """Return the states a site name names: after a comma, as a postal code, or in full."""
    found: list[Entry] = []
    for match in _AFTER_COMMA.finditer(site):
        first, second = match.groups()
        for text in ([f"{first} {second}"] if second else []) + [first]:
            state = _state_of(text, gazetteer, country)
            if state is not None:
                found.append(state)
                break
    if country in (None, "US"):
        found += [e for code in _POSTAL_CODE.findall(site)
                  if (e := gazetteer.admin1("US", code)) is not None]
    for run in _WORD_RUN.findall(site):
        found += _state_in_run(run.split(), gazetteer, country)
    unique: dict[int, Entry] = {}
    for state in found:
        unique.setdefault(state.id, state)
    return list(unique.values())


def _state_in_run(words: list[str], gazetteer: Gazetteer, country: str | None
                  ) -> list[Entry]:
    """Return the state a run of capitalized words names, whole or in part ("South Texas"),
    unless a longer part of it names a town ("Kansas City")."""
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            text = " ".join(words[start:start + size])
            if text.lower().rstrip(".") in OUTLET_WORDS:
                continue
            fits = [e for e in gazetteer.candidates(text)
                    if e.kind == NAME and country in (None, e.cc)]
            states = [e for e in fits if e.level == ADMIN1]
            if states:
                return states[:1]
            if size > 1 and any(e.level == CITY for e in fits):
                return []
    return []


def _state_of(text: str, gazetteer: Gazetteer, country: str | None) -> Entry | None:
    """Return the state ``text`` names: its name or its short form ("Tenn.", "TN")."""
    if _SHORT_STATE.fullmatch(text):
        state = state_written_short(gazetteer, text)
        if state is not None and country in (None, state.cc):
            return state
    states = [e for e in gazetteer.candidates(text) if e.level == ADMIN1 and e.kind == NAME
              and country in (None, e.cc)]
    return states[0] if states else None
