"""GDELT-like and ACLED-like event tables, for analysts who already work with those datasets.

Both are built from the events query (so every filter applies) and keep a pointer back to the
evidence. They are *like* the originals, not copies: countries are ISO 3166-1 alpha-2 codes (not
GDELT's FIPS codes), and types come from PLOVER through the crosswalks in
``resources/plover_cameo.tsv`` and ``resources/plover_acled.tsv`` (sources stated there).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from dateline.store import Filters, Store
from dateline.store.query import iter_rows

GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GlobalEventID", "str"), ("SQLDATE", "str"), ("Actor1Name", "str"), ("Actor2Name", "str"),
    ("EventRootCode", "str"), ("PloverType", "str"), ("PloverMode", "str"),
    ("Factuality", "str"), ("ActionGeo_FullName", "str"), ("ActionGeo_CountryCode", "str"),
    ("ActionGeo_ADM1", "str"), ("ActionGeo_Lat", "float"), ("ActionGeo_Long", "float"),
    ("Source", "str"), ("Confidence", "float"), ("SOURCEURL", "str"), ("ArticleID", "str"),
    ("EvidenceStart", "int"), ("EvidenceEnd", "int"), ("EvidenceText", "str"),
)

ACLED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id_cnty", "str"), ("event_date", "str"), ("event_type", "str"),
    ("sub_event_type", "str"), ("actor1", "str"), ("actor2", "str"), ("country", "str"),
    ("admin1", "str"), ("location", "str"), ("latitude", "float"), ("longitude", "float"),
    ("fatalities", "int"), ("source", "str"), ("notes", "str"), ("source_url", "str"),
    ("article_id", "str"), ("evidence_start", "int"), ("evidence_end", "int"),
)

# Events that happened: ACLED codes events that took place, never plans, denials or rumours.
_HAPPENED = frozenset({"asserted", "historical"})
# Quantity kinds that count the dead (the events stage names them; synonyms kept for safety).
_DEAD = frozenset({"killed", "dead", "deaths", "death", "fatalities", "died"})


def gdelt_rows(store: Store, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
    """Yield one GDELT-like row per event, newest first."""
    from dateline.resources.ontology import cameo_roots

    for ev in iter_rows(store, "events", filters):
        roots = cameo_roots(ev["type"])
        yield {
            "GlobalEventID": ev["id"], "SQLDATE": ev["day"].replace("-", ""),
            "Actor1Name": "; ".join(ev["actors"]), "Actor2Name": "; ".join(ev["recipients"]),
            "EventRootCode": roots[0] if roots else None, "PloverType": ev["type"],
            "PloverMode": ev["mode"], "Factuality": ev["factuality"],
            "ActionGeo_FullName": _full_place(ev), "ActionGeo_CountryCode": ev["country"] or None,
            "ActionGeo_ADM1": ev["admin1"], "ActionGeo_Lat": ev["lat"], "ActionGeo_Long": ev["lon"],
            "Source": ev["source"], "Confidence": ev["confidence"], "SOURCEURL": ev["url"],
            "ArticleID": ev["article_id"], "EvidenceStart": ev["start"], "EvidenceEnd": ev["end"],
            "EvidenceText": ev["text"],
        }


def acled_rows(store: Store, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
    """Yield one ACLED-like row per event that happened and has an ACLED category."""
    from dateline.resources.ontology import acled_type

    for ev in iter_rows(store, "events", filters):
        if ev["factuality"] not in _HAPPENED:
            continue
        kind = acled_type(ev["type"], ev["mode"], ev["context"])
        if kind is None:
            continue
        sources = [s for s in (ev["publisher"], ev["source"]) if s]
        yield {
            "event_id_cnty": ev["id"], "event_date": ev["day"] or None,
            "event_type": kind[0], "sub_event_type": kind[1],
            "actor1": "; ".join(ev["actors"]) or None, "actor2": "; ".join(ev["recipients"]) or None,
            "country": country_name(ev["country"]), "admin1": ev["admin1"],
            "location": ev["place"], "latitude": ev["lat"], "longitude": ev["lon"],
            "fatalities": fatalities(ev["quantities"]), "source": "; ".join(dict.fromkeys(sources))
            or None, "notes": ev["text"], "source_url": ev["url"], "article_id": ev["article_id"],
            "evidence_start": ev["start"], "evidence_end": ev["end"],
        }


def fatalities(quantities: list[dict[str, Any]]) -> int:
    """Sum the deaths an event reports (the stated value, else the lower bound); 0 if none.

    ACLED writes 0 when no death is reported and the lowest credible figure when reports vary,
    so "at least 12" counts 12 and "between 10 and 15" counts 10.
    """
    total = 0
    for quantity in quantities:
        if str(quantity.get("kind", "")).lower() not in _DEAD:
            continue
        value, low, high = quantity.get("value"), quantity.get("low"), quantity.get("high")
        ranged = low is not None and high is not None and low != high
        raw = low if ranged or value is None else value
        try:
            total += int(Decimal(str(raw))) if raw is not None else 0
        except (InvalidOperation, ValueError):
            continue
    return total


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """Return the English short name of an ISO 3166-1 alpha-2 code (pycountry)."""
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return getattr(country, "common_name", None) or getattr(country, "name", None) or code


def _full_place(ev: dict[str, Any]) -> str | None:
    parts = [ev["place"], ev["admin1"], country_name(ev["country"])]
    names = [p for p in dict.fromkeys(parts) if p]
    return ", ".join(names) or None
