"""Find the wire dateline printed before the body: "NAPLES, Italy (AP) —", "BRUSSELS, March 20 /TASS/."

Hand-written: datelines are a small closed set of newsroom conventions that no library parses.
"""

from __future__ import annotations

import re

from dateline.records import Dateline

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_AGENCY = r"(?:\((?P<agency>[A-Za-z][\w .&'-]{0,30})\)|/(?P<agency2>[A-Za-z][\w-]{1,15})/)"
_DASH = r"\s*(?:—|–|--|-|:|\.)\s+"
_CAPS = r"[A-ZÀ-Ý][A-ZÀ-Ý'.\-]+(?: [A-ZÀ-Ý][A-ZÀ-Ý'.\-]+){0,3}"
_NAME = r"[A-ZÀ-Ý][\w'.\-]+(?: [A-ZÀ-Ý][\w'.\-]+){0,3}"
# An all-caps city may stand alone; a mixed-case one needs a date or an agency to be a dateline.
_CAPS_LINE = re.compile(
    rf"^(?P<place>{_CAPS}(?:,\s*{_NAME})?)(?:,\s*{_DATE})?\s*{_AGENCY}?{_DASH}(?=\S)")
_MIXED_LINE = re.compile(
    rf"^(?P<place>{_NAME}(?:,\s*{_NAME})?)(?:,\s*{_DATE})?\s*{_AGENCY}?{_DASH}(?=\S)")


def parse_dateline(text: str) -> Dateline | None:
    """Return the dateline at the start of ``text``, or None when there is none."""
    head = text[:160]
    lead = len(head) - len(head.lstrip())
    head = head.lstrip()
    for pattern in (_CAPS_LINE, _MIXED_LINE):
        match = pattern.match(head)
        if match is None or not _plausible(match.group("place")):
            continue
        agency = match.group("agency") or match.group("agency2")
        if pattern is _MIXED_LINE and not (agency or match.group("date")):
            continue
        end = lead + match.end()
        return Dateline(lead, end, text[lead:end], place=match.group("place").strip(),
                        date=match.group("date"), agency=agency)
    return None


# Headings that look like an all-caps city before a colon or dash.
_NOT_PLACES = frozenset({"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION",
                         "EDITORIAL", "WATCH", "VIDEO", "PHOTOS", "LIVE", "NOTE", "CORRECTION"})


def _plausible(place: str) -> bool:
    city = place.split(",")[0].strip()
    if city.upper() in _NOT_PLACES:
        return False
    # A one-letter or over-long "city" is a heading or a sentence, not a dateline.
    return 2 <= len(city) <= 40 and not city.isdigit()
