"""Find the wire dateline printed before the body: "NAPLES, Italy (AP) —", "BRUSSELS, March 20 /TASS/."

Hand-written: datelines are a small closed set of newsroom conventions that no library parses.
Web pages often print a headline, a caption or a close button ("×") above the dateline, so the
first few lines are tried; a dateline below the first line must say more than a bare word
before a dash (a state or country after the city, an agency or a date), as headings do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dateline.records import Dateline
from dateline.resources.geo.tables import CA_PROVINCE_ABBREVIATIONS, US_STATE_ABBREVIATIONS

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
# An agency or a station's call sign: "(AP)", "(WKRN)", "(ABC4 Utah)", "/TASS/".
_AGENCY = r"(?:\((?P<agency>[A-Za-z][\w .&'-]{0,30})\)|/(?P<agency2>[A-Za-z][\w-]{1,15})/)"
# The dash after the place; "Norfolk, Va,-Norfolk police": a comma and a dash with no space
# (``tight``) is read only after a state or country.
_DASH = r"(?:\s*(?:—|–|--|-|:|\.)\s+|(?P<tight>,?(?:—|–|--|-))(?=[A-Z]))"
_CAPS = r"[A-ZÀ-Ý][A-ZÀ-Ý'.\-]+(?: [A-ZÀ-Ý][A-ZÀ-Ý'.\-]+){0,3}"
_NAME = r"[A-ZÀ-Ý][\w'.\-]+(?: [A-ZÀ-Ý][\w'.\-]+){0,3}"
_REGION = rf"(?:,\s*(?P<region>{_NAME}))"
# An all-caps city may stand alone; a mixed-case one needs a date, an agency or a state
# abbreviation ("Portsmouth, Va. –") to be a dateline.
# "Mobile, AL (WKRG)  Mobile Police said": after an agency the dash may be left out.
_END = rf"(?:{_DASH}|(?<=[)/])\s+)"
_CAPS_LINE = re.compile(
    rf"(?P<place>{_CAPS}{_REGION}?)(?:,\s*{_DATE})?\s*{_AGENCY}?{_END}(?=\S)")
_MIXED_LINE = re.compile(
    rf"(?P<place>{_NAME}{_REGION}?)(?:,\s*{_DATE})?\s*{_AGENCY}?{_END}(?=\S)")
# The lines tried: the dateline opens one of the first few non-empty lines of the page.
_HEAD_LINES = 4
_HEAD_CHARS = 600
_LINE_CHARS = 160
# State and province abbreviations as wire style writes them, with and without the period.
_ABBREVIATIONS = frozenset(form.rstrip(".").lower() for form in
                           (*US_STATE_ABBREVIATIONS, *CA_PROVINCE_ABBREVIATIONS))


def parse_dateline(text: str) -> Dateline | None:
    """Return the dateline opening ``text`` or one of its first lines, or None when none."""
    for number, start in enumerate(_line_starts(text)):
        found = _dateline_at(text, start, first=number == 0)
        if found is not None:
            return found
    return None


def _line_starts(text: str) -> Iterator[int]:
    """Yield the offsets where the first non-empty lines start, after their indentation."""
    pos, seen = 0, 0
    while pos < min(len(text), _HEAD_CHARS) and seen < _HEAD_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip():
            yield pos + len(line) - len(line.lstrip())
            seen += 1
        pos = end + 1


def _dateline_at(text: str, start: int, *, first: bool) -> Dateline | None:
    head = text[start:start + _LINE_CHARS]
    for pattern in (_CAPS_LINE, _MIXED_LINE):
        match = pattern.match(head)
        if match is None or not _plausible(match.group("place")):
            continue
        agency = match.group("agency") or match.group("agency2")
        if agency is not None and agency.lower() in _NOT_AGENCIES:
            continue
        region = match.group("region")
        if match.group("tight") and region is None:
            continue
        abbreviated = region is not None and region.rstrip(".").lower() in _ABBREVIATIONS
        if pattern is _MIXED_LINE and not (agency or match.group("date") or abbreviated):
            continue
        if not first and not (agency or match.group("date") or region):
            continue
        end = start + match.end()
        return Dateline(start, end, text[start:end], place=match.group("place").strip(),
                        date=match.group("date"), agency=agency)
    return None


# Headings that look like an all-caps city before a colon or dash.
_NOT_PLACES = frozenset({"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION",
                         "EDITORIAL", "WATCH", "VIDEO", "PHOTOS", "LIVE", "NOTE", "CORRECTION"})


# What a photo caption puts in brackets after a name: "Jane Roe (left)".
_NOT_AGENCIES = frozenset({"left", "right", "l", "r", "center", "centre", "top", "bottom",
                           "file", "photo", "above", "below", "inset", "pictured", "front",
                           "back", "middle"})


def _plausible(place: str) -> bool:
    city = place.split(",")[0].strip()
    if city.upper() in _NOT_PLACES:
        return False
    # A one-letter or over-long "city" is a heading or a sentence, not a dateline.
    return 2 <= len(city) <= 40 and not city.isdigit()
