"""Write an incident's note: one readable sentence built only from its evidence.

"Crane collapse in Mecca, Saudi Arabia on 2015-09-11: at least 107 killed, 238 injured
(according to Saudi Civil Defense)."
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from dateline.records import Doc, Figure, IncidentDate, IncidentLocation

_MAX_FIGURES = 3


def _number(value: Decimal) -> str:
    return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,}"


def figure_text(figure: Figure) -> str:
    """Return "at least 107 killed", "several hundred (200-999) displaced", "1 arrested"."""
    if figure.value is not None:
        amount = " ".join(x for x in (figure.qualifier, _number(figure.value)) if x)
    elif figure.low is not None and figure.high is not None:
        amount = f"{figure.text} ({_number(figure.low)}-{_number(figure.high)})"
    elif figure.low is not None:
        amount = f"{figure.text} (at least {_number(figure.low)})"
    else:
        amount = figure.text
    return f"{amount} {figure.predicate}"


def _country_name(doc: Doc, code: str | None) -> str | None:
    """Return the name of the country the article names with this code, else the code."""
    if code is None:
        return None
    named = next((p.name for p in doc.places if p.country_code == code
                  and (p.feature_code or "").startswith("PCL")), None)
    return named or code


def write_note(doc: Doc, sub_event: str, location: IncidentLocation | None,
               date: IncidentDate | None, figures: Sequence[Figure]) -> str:
    """Return the incident's note."""
    parts = [sub_event[:1].upper() + sub_event[1:]]
    if location is not None:
        where = location.name
        country = _country_name(doc, location.country_code)
        if country and country != where and location.geo_precision < 3:
            where = f"{where}, {country}"
        parts.append(f"in {where}")
    if date is not None and date.value:
        parts.append(f"on {date.value}" if date.time_precision == 1 else f"around {date.value}")
    note = " ".join(parts)
    shown = _distinct(figures)[:_MAX_FIGURES]
    if shown:
        note += ": " + ", ".join(figure_text(f) for f in shown)
        sources = list(dict.fromkeys(f.source.name or f.source.text for f in shown if f.source))
        if sources:
            note += f" (according to {', '.join(sources)})"
    return note + "."


def _distinct(figures: Sequence[Figure]) -> list[Figure]:
    """Return the first figure of each kind: the lead states the toll first."""
    seen: dict[str, Figure] = {}
    for figure in figures:
        seen.setdefault(figure.predicate, figure)
    return list(seen.values())
