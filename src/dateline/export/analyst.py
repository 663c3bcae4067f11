"""GDELT-like and ACLED-like tables, for analysts who already work with those datasets.

The GDELT-like table has one row per event mention (as GDELT does); the ACLED-like table one row
per incident, merged across the reports of a story (as ACLED does). Both are built from a query
table (so every filter applies) and keep a pointer back to the evidence. They are *like* the
originals, not copies: countries are ISO 3166-1 alpha-2 codes (not GDELT's FIPS codes), and
types come from PLOVER through the crosswalks in ``resources/plover_cameo.tsv`` and
``resources/plover_acled.tsv`` (sources stated there).
"""

from __future__ import annotations

from collections.abc import Iterator
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
    ("event_id_cnty", "str"), ("event_date", "str"), ("time_precision", "int"),
    ("event_type", "str"), ("sub_event_type", "str"), ("plover_type", "str"),
    ("actor1", "str"), ("actor2", "str"), ("country", "str"), ("admin1", "str"),
    ("location", "str"), ("latitude", "float"), ("longitude", "float"),
    ("geo_precision", "int"), ("fatalities", "int"), ("source", "str"), ("notes", "str"),
    ("reports", "int"), ("story_id", "str"), ("source_url", "str"), ("article_id", "str"),
)

# Events that happened: ACLED codes events that took place, never plans, denials or rumours.
_HAPPENED = frozenset({"asserted", "historical"})


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
    """Yield one ACLED-like row per incident that happened: a real event, merged across the
    articles of its story, with every source that reports it.

    The category comes from the PLOVER crosswalk; an incident PLOVER has no type for (an
    accident, a disaster) keeps its own type and sub-event. Fatalities are the latest report's
    count of the dead (its lower bound when a range); the notes say when reports disagree.
    """
    from dateline.resources.ontology import acled_type

    for inc in iter_rows(store, "incidents", filters):
        if inc["factuality"] not in _HAPPENED:
            continue
        kind = acled_type(inc["type"], inc["mode"], inc["context"]) or (
            inc["type"].title(), inc["sub_event"] or None)
        yield {
            "event_id_cnty": inc["id"], "event_date": inc["day"] or None,
            "time_precision": inc["time_precision"], "event_type": kind[0],
            "sub_event_type": kind[1], "plover_type": inc["type"],
            "actor1": "; ".join(inc["actors"]) or None,
            "actor2": "; ".join(inc["recipients"]) or None,
            "country": country_name(inc["country"]), "admin1": inc["admin1"],
            "location": inc["location"], "latitude": inc["lat"], "longitude": inc["lon"],
            "geo_precision": inc["geo_precision"], "fatalities": inc["fatalities"] or 0,
            "source": "; ".join(inc["sources"]) or None, "notes": inc["note"] or None,
            "reports": inc["reports"], "story_id": inc["story_id"], "source_url": inc["url"],
            "article_id": inc["article_id"],
        }


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
