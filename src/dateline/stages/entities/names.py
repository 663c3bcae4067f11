"""Normalize names and decide when two name mentions denote the same referent."""

from __future__ import annotations

import re
from functools import lru_cache

from dateline.resources.geo.tables import COUNTRY_ABBREVIATIONS, COUNTRY_ALIASES
from dateline.resources.grammar import ACRONYM_SKIPPED_WORDS
from dateline.resources.people import NAME_PARTICLES, NAME_TRIM, TITLES

_SPACES = re.compile(r"\s+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,6}$|^[A-Z][A-Z&]{1,6}$")


def normalize(text: str) -> str:
    """Return a comparison key: case-folded, typographic apostrophes and dots unified."""
    text = text.replace("’", "'").replace("‘", "'")
    text = _SPACES.sub(" ", text).strip().casefold()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"'s$", "", text)
    return text.rstrip(".").replace(". ", " ")


def is_acronym(text: str) -> bool:
    """Return True for "AFP", "U.S.", "NATO", "AT&T"."""
    return bool(_ACRONYM.match(text.strip()))


def acronym_key(text: str) -> str:
    """Return the letters of an acronym: "U.S." -> "us"."""
    return re.sub(r"[^a-z&]", "", text.casefold())


def initials(name: str) -> set[str]:
    """Return the acronyms a name could have: "Agence France-Presse" -> {"afp", "af"}."""
    words = [w for w in _SPACES.split(name.replace("’", "'")) if w.casefold() not in ACRONYM_SKIPPED_WORDS]
    whole = "".join(w[0] for w in words if w and w[0].isalpha()).casefold()
    split = "".join(p[0] for w in words for p in w.split("-") if p and p[0].isalpha()).casefold()
    return {k for k in (whole, split) if len(k) >= 2}


@lru_cache(maxsize=1)
def _country_aliases() -> dict[str, str]:
    """News names of countries ("Britain", "U.S."), keyed like normalize() keys mentions."""
    aliases = {**COUNTRY_ALIASES, **COUNTRY_ABBREVIATIONS}
    return {normalize(name): code for name, code in aliases.items()}


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """Return the ISO alpha-2 code when ``name`` names a country ("the Republic of Iraq" -> IQ)."""
    key = normalize(name)
    if key in _country_aliases():
        return _country_aliases()[key]
    import pycountry

    try:
        return str(pycountry.countries.lookup(key).alpha_2)
    except LookupError:
        pass
    for prefix in ("republic of ", "kingdom of ", "state of ", "islamic republic of "):
        if key.startswith(prefix):
            return country_code(key[len(prefix):])
    return None


def name_tokens(text: str) -> list[str]:
    """Return the identifying words of a personal name (no titles, no particles)."""
    words = [w.strip(".,").casefold() for w in _SPACES.split(text.replace("’", "'"))]
    return [w for w in words if w and w not in NAME_PARTICLES and w.rstrip(".") not in TITLES
            and w not in NAME_TRIM]


def is_title_word(word: str) -> bool:
    """Return True for honorifics and ranks such as "Gen.", "Mr", "President"."""
    return word.casefold().rstrip(".") in TITLES


def person_matches(short: list[str], full: list[str]) -> bool:
    """Return True when the words of a short name appear in order within a fuller name."""
    if not short or not full or len(short) > len(full):
        return False
    if len(short) == 1:
        return short[0] in full
    it = iter(full)
    return all(word in it for word in short)
