"""An extracted article's rows of the export tables, without a store.

    tables = export_rows(article_row(doc, ...), layer_rows(doc))
    tables["events"][0]["actors"]      # as `dateline export --table events` writes it

The per-article export tables (articles, times, places, quotes, claims, events) are joins of
the store's own rows (``store.rows``) with their article's row; this module does the same joins
in Python, column for column as the export's queries (``store/query.py``), so the Spark
executors can write the tables with no store. What needs other articles is left out:
``story_id`` of articles and claims (the stories are linked across the corpus) and the
``entities`` table, which counts a name over every article: each article gives one
``entity_mentions`` row per entity instead, and Spark groups them as the query does.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

Row = dict[str, Any]

# The per-article tables this module gives, and the rows grouped into the entities table.
PER_ARTICLE_TABLES = ("articles", "times", "places", "quotes", "claims", "events")
ENTITY_MENTIONS = "entity_mentions"
ENTITY_MENTION_COLUMNS = (("name", "str"), ("label", "str"), ("article_id", "str"),
                          ("day", "str"), ("mention_count", "int"))
_EVIDENCE = ("start", "end", "text")


def _first(*values: Any) -> Any:
    """SQL's coalesce: the first value that is not None."""
    return next((v for v in values if v is not None), None)


def _article_columns(article: Row) -> Row:
    return {"title": article["title"], "url": article["url"], "publisher": article["source"],
            "published": article["published"]}


def _evidence(row: Row) -> Row:
    return {name: row[name] for name in _EVIDENCE}


def export_rows(article: Row, layers: Mapping[str, Sequence[Row]]) -> dict[str, list[Row]]:
    """Return the article's rows of each table of ``PER_ARTICLE_TABLES`` and its
    ``entity_mentions``, from its ``articles`` row and its layer rows (``store.rows``)."""
    shown = _article_columns(article)
    day = article["day"]

    def rows(table: str) -> Sequence[Row]:
        return layers.get(table, ())

    out: dict[str, list[Row]] = {"articles": [{
        "id": article["id"], "day": day, "published": article["published"],
        "title": article["title"], "source": article["source"], "url": article["url"],
        "author": article["author"], "dateline": article["dateline_text"],
        "origin": article["origin"], "extractor": article["extractor"],
        "stored_at": article["stored_at"], "chars": len(article["text"]), "story_id": None}]}
    out["times"] = [{"article_id": t["article_id"], "n": t["n"], "day": day, "value": t["value"],
                     "precision": t["precision"], "kind": t["kind"], "mod": t["mod"],
                     **_evidence(t), **shown} for t in rows("times")]
    out["places"] = [{"article_id": p["article_id"], "n": p["n"], "day": day, "name": p["name"],
                      "country_code": p["country_code"], "admin1": p["admin1"], "lat": p["lat"],
                      "lon": p["lon"], "geonames_id": p["geonames_id"],
                      "feature_code": p["feature_code"], "role": p["role"],
                      "confidence": p["confidence"], **_evidence(p), **shown}
                     for p in rows("places")]
    out["quotes"] = [{"article_id": q["article_id"], "n": q["n"], "day": q["day"],
                      "kind": q["kind"],
                      "speaker": _first(q["speaker_name"], q["speaker_text"],
                                        q["speaker_descriptor"]),
                      "speaker_text": q["speaker_text"],
                      "speaker_descriptor": q["speaker_descriptor"], "cue": q["cue_text"],
                      "channel": q["channel_text"],
                      "content": " … ".join(text for _, _, text in json.loads(q["contents"])),
                      "confidence": q["confidence"], **_evidence(q), **shown}
                     for q in rows("quotes")]
    out["claims"] = [{"article_id": c["article_id"], "n": c["n"], "day": c["day"],
                      "value": c["value"], "low": c["low"], "high": c["high"],
                      "qualifier": c["qualifier"], "what": c["what"],
                      "predicate": c["predicate"], "unit": c["unit"],
                      "source": _first(c["source_name"], c["source_text"]),
                      "cue": c["cue_text"], **_evidence(c), **shown, "story_id": None}
                     for c in rows("claims")]
    out["events"] = _events(rows("events"), rows("event_participants"),
                            rows("event_quantities"), shown)
    out[ENTITY_MENTIONS] = [{"name": e["name"], "label": e["label"],
                             "article_id": e["article_id"], "day": e["day"],
                             "mention_count": e["mention_count"]} for e in rows("entities")]
    return out


def _events(events: Sequence[Row], participants: Sequence[Row], quantities: Sequence[Row],
            shown: Row) -> list[Row]:
    actors: dict[int, list[str]] = defaultdict(list)
    recipients: dict[int, list[str]] = defaultdict(list)
    for part in sorted(participants, key=lambda p: (p["n"], p["m"])):
        (actors if part["role"] == "actor" else recipients)[part["n"]].append(
            _first(part["name"], part["text"]))
    counts: dict[int, list[Row]] = defaultdict(list)
    for count in sorted(quantities, key=lambda q: (q["n"], q["m"])):
        counts[count["n"]].append({k: count[k] for k in ("kind", "value", "low", "high",
                                                         "qualifier", "text")})
    return [{"article_id": e["article_id"], "n": e["n"], "id": e["id"], "day": e["day"],
             "type": e["type"], "mode": e["mode"], "factuality": e["factuality"],
             "actors": actors.get(e["n"], []), "recipients": recipients.get(e["n"], []),
             "place": e["place_name"], "country": e["country"], "admin1": e["place_admin1"],
             "lat": e["place_lat"], "lon": e["place_lon"], "time": e["time_value"],
             "time_text": e["time_text"], "quantities": counts.get(e["n"], []),
             "context": json.loads(e["context"]),
             "source": _first(e["source_name"], e["source_text"]),
             "confidence": e["confidence"], "trigger": e["trigger_text"], **_evidence(e),
             **shown} for e in events]
