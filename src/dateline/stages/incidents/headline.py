"""The town an article's headline names, for an incident its text does not place.

Web pages often lose their report to a sign-up form or a video list, and some reports name the
town only in the headline ("Six injured in shooting at Fort Worth party"). The headline (the
title's first part, before the site's name) is read for capitalized names of towns; a town
counts where the outlet's home places it (its state), else where the outlet's call sign puts it
(its side of the Mississippi), else where one reading clearly outweighs its namesakes. Small
towns named alone never count, nor ordinary English words ("Man killed...", "Happy") outside
the outlet's state.

A page whose body lost its report yields no incident at all, while its headline still tells
of one ("Teen shot to death in Pacoima"): where nothing in the text tells of harm, a headline
with a word of violence makes the article's incident (``headline_group``), placed by its town.

Pure: the title is article metadata; the gazetteer is the one the places stage reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.resources.geo import CITY, Entry, Gazetteer
from dateline.resources.geo.build import NAME
from dateline.resources.geo.words import english_words
from dateline.resources.incidents import ACCIDENT_WORDS, VIOLENT_HARM
from dateline.resources.places import OUTLET_NAME_WORDS, SITE_NAME_WORDS
from dateline.stages.incidents.grouping import HARM_TYPES, Group
from dateline.stages.places.outlet import DOMINANT, Outlet

# A town named in a headline without its outlet's state to vouch for it must be this large.
MIN_HEADLINE_TOWN = 5_000
MIN_LETTERS = 4
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+")
_NAME_RUN = re.compile(r"[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)*")
# A name followed by one of these words is a county or a street, not the town of that name.
_NOT_A_TOWN_AFTER = re.compile(r"^\s*(?:County|Co\.|Parish|Township|Street|St\.|Avenue|Ave\.?|"
                               r"Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?)\b")


def headline_town(title: str | None, gazetteer: Gazetteer, outlet: Outlet | None
                  ) -> Entry | None:
    """Return the town the headline of ``title`` names, or None when none is clear."""
    if not title:
        return None
    headline = _TITLE_PARTS.split(title.strip())[0]
    for match in _NAME_RUN.finditer(headline):
        words = match.group().split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                text = " ".join(words[start:start + size])
                # "St Johns County", "Dexter Avenue": whatever follows the name, inside the
                # run of capitalized words or after it, may make it a county or a street.
                rest = " ".join(words[start + size:]) + headline[match.end():]
                if _NOT_A_TOWN_AFTER.match(" " + rest if start + size < len(words) else rest):
                    continue
                if len(text.replace(" ", "")) < MIN_LETTERS or \
                        (size == 1 and text.lower().rstrip(".") in _COMMON):
                    continue
                towns = [e for e in gazetteer.candidates(text)
                         if e.kind == NAME and e.level == CITY]
                # An English word ("Man", "Meridian") is a town only in the outlet's state.
                town = _reading(towns, outlet, in_state_only=size == 1 and is_common_word(text))
                if town is not None:
                    return town
    return None


_COMMON = OUTLET_NAME_WORDS | SITE_NAME_WORDS


def _reading(towns: list[Entry], outlet: Outlet | None, in_state_only: bool = False
             ) -> Entry | None:
    """Return the reading of a headline's name: in the outlet's state, on its side, or one
    clearly larger than its namesakes."""
    if not towns:
        return None
    home = outlet.home if outlet is not None else None
    if home is not None and home.a1 is not None:
        inside = [t for t in towns if t.cc == home.cc and t.a1 == home.a1]
        return max(inside, key=lambda t: t.weight) if inside else None
    if in_state_only:
        return None
    if outlet is not None and outlet.side is not None:
        towns = [t for t in towns if outlet.on_side(t)]
    towns = sorted((t for t in towns if t.weight >= MIN_HEADLINE_TOWN), key=lambda t: -t.weight)
    if not towns or (len(towns) > 1 and towns[0].weight < DOMINANT * towns[1].weight):
        return None
    return towns[0]


def is_common_word(text: str) -> bool:
    """Return True for an English verb, adjective or adverb ("Man", "Happy")."""
    return text.lower() in english_words()


_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def headline_group(title: str | None, groups: Sequence[Group]) -> Group | None:
    """Return the incident the headline tells of where the text tells of no harm: an ASSAULT
    for a word of violence ("shot", "shootings", "slain"), an ACCIDENT where the headline says
    it was one; None where a group of harm exists or the headline tells of none."""
    if not title or any(g.type in HARM_TYPES for g in groups):
        return None
    headline = _TITLE_PARTS.split(title.strip())[0]
    words = [w.lower() for w in _WORD.findall(headline)]
    # A plural or third-person "s" ("shootings", "shoots") is the same word.
    if not any(w in VIOLENT_HARM or (w.endswith("s") and w[:-1] in VIOLENT_HARM) for w in words):
        return None
    if ACCIDENT_WORDS & set(words):
        return Group("ACCIDENT", None, sub_event="accident", headline=True)
    return Group("ASSAULT", None, headline=True)
