"""Flatten a Doc into table rows and rebuild the same Doc from them (a lossless round trip)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from dateline.ingest.dates import parse_published
from dateline.records import (
    Article,
    Claim,
    Dateline,
    Doc,
    Entity,
    Event,
    Figure,
    Incident,
    IncidentDate,
    IncidentLocation,
    Mention,
    Place,
    PlaceRef,
    Quantity,
    Quote,
    Ref,
    Role,
    Span,
    TimeRef,
    TimeValue,
)
from dateline.serialize import article_to_dict

Row = dict[str, Any]
_ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d-]*W)")


def day_of(value: str | None) -> str:
    """Return the first day (``YYYY-MM-DD``) an ISO date value covers, or ``''``."""
    match = _ISO_DAY.match(value or "")
    if not match:
        return ""
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return f"{year}-{month}-{day}"


def published_day(published: datetime | None) -> str:
    return published.date().isoformat() if published else ""


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _span(prefix: str, span: Span | None) -> Row:
    if span is None:
        return {f"{prefix}start": None, f"{prefix}end": None, f"{prefix}text": None}
    return {f"{prefix}start": span.start, f"{prefix}end": span.end, f"{prefix}text": span.text}


def _ref(prefix: str, ref: Ref | None) -> Row:
    row = _span(prefix, ref)
    row[f"{prefix}entity_id"] = ref.entity_id if ref else None
    row[f"{prefix}name"] = ref.name if ref else None
    return row


def _evidence(span: Span) -> Row:
    return {"start": span.start, "end": span.end, "text": span.text}


def article_row(doc: Doc, *, extractor: str, origin: str | None, run_id: str | None,
                stored_at: str) -> Row:
    """Return the ``articles`` row of a Doc."""
    art = doc.article
    row: Row = {
        "id": art.id, "text": art.text, "title": art.title, "source": art.source, "url": art.url,
        "published": article_to_dict(doc)["published"], "day": published_day(art.published),
        "language": art.language, "author": art.author,
        **_span("dateline_", art.dateline),
        "dateline_place": art.dateline.place if art.dateline else None,
        "dateline_date": art.dateline.date if art.dateline else None,
        "dateline_agency": art.dateline.agency if art.dateline else None,
        "sentences": json.dumps([[s.start, s.end] for s in doc.sentences]),
        "origin": origin, "extractor": extractor, "run_id": run_id, "stored_at": stored_at,
    }
    return row


def layer_rows(doc: Doc) -> dict[str, list[Row]]:
    """Return the annotation rows of a Doc, keyed by table name."""
    aid = doc.article.id
    pub_day = published_day(doc.article.published)
    out: dict[str, list[Row]] = defaultdict(list)
    for n, e in enumerate(doc.entities):
        out["entities"].append({"article_id": aid, "n": n, **_evidence(e), "id": e.id,
                                "name": e.name, "label": e.label,
                                "aliases": json.dumps(list(e.aliases)),
                                "affiliation": e.affiliation, "affiliation_id": e.affiliation_id,
                                "nationality": e.nationality, "day": pub_day,
                                "mention_count": len(e.mentions)})
        out["mentions"].extend({"article_id": aid, "n": n, "m": m, **_evidence(x),
                                "label": x.label, "kind": x.kind} for m, x in enumerate(e.mentions))
        out["roles"].extend({"article_id": aid, "n": n, "m": m, **_evidence(r), "kind": r.kind}
                            for m, r in enumerate(e.roles))
    for n, t in enumerate(doc.times):
        out["times"].append({"article_id": aid, "n": n, **_evidence(t), "value": t.value,
                             "precision": t.precision, "kind": t.kind, "anchor": t.anchor,
                             "mod": t.mod, "parts": json.dumps([_time_json(p) for p in t.parts])})
    for n, p in enumerate(doc.places):
        out["places"].append({"article_id": aid, "n": n, **_evidence(p), "name": p.name,
                              "geonames_id": p.geonames_id, "country_code": p.country_code,
                              "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                              "feature": p.feature, "feature_code": p.feature_code,
                              "population": p.population, "role": p.role,
                              "confidence": p.confidence, "demonym": p.demonym})
    for n, q in enumerate(doc.quotes):
        out["quotes"].append({"article_id": aid, "n": n, **_evidence(q), "day": pub_day,
                              "kind": q.kind,
                              "contents": json.dumps([[c.start, c.end, c.text] for c in q.contents]),
                              **_span("cue_", q.cue), **_ref("speaker_", q.speaker),
                              "speaker_descriptor": q.speaker_descriptor,
                              **_span("channel_", q.channel), "confidence": q.confidence})
    for n, c in enumerate(doc.claims):
        out["claims"].append({"article_id": aid, "n": n, **_evidence(c), "day": pub_day,
                              "value": _dec(c.value), "low": _dec(c.low), "high": _dec(c.high),
                              "qualifier": c.qualifier, "what": c.what, "predicate": c.predicate,
                              **_ref("source_", c.source), **_span("cue_", c.cue),
                              "unit": c.unit, **_span("predicate_", c.predicate_span)})
    for n, ev in enumerate(doc.events):
        out["events"].append(_event_row(aid, n, ev, pub_day))
        parts = [("actor", r) for r in ev.actors] + [("recipient", r) for r in ev.recipients]
        out["event_participants"].extend(
            {"article_id": aid, "n": n, "m": m, "role": role, **_evidence(r),
             "entity_id": r.entity_id, "name": r.name} for m, (role, r) in enumerate(parts))
        out["event_quantities"].extend(
            {"article_id": aid, "n": n, "m": m, **_evidence(q), "kind": q.kind,
             "value": _dec(q.value), "low": _dec(q.low), "high": _dec(q.high),
             "qualifier": q.qualifier} for m, q in enumerate(ev.quantities))
    for n, inc in enumerate(doc.incidents):
        out["incidents"].append(_incident_row(aid, n, inc, pub_day))
        out["incident_mentions"].extend({"article_id": aid, "n": n, "m": m, "event_id": event_id}
                                        for m, event_id in enumerate(inc.mentions))
        parts = [("actor", r) for r in inc.actors] + [("recipient", r) for r in inc.recipients]
        out["incident_participants"].extend(
            {"article_id": aid, "n": n, "m": m, "role": role, **_evidence(r),
             "entity_id": r.entity_id, "name": r.name} for m, (role, r) in enumerate(parts))
        out["incident_figures"].extend(
            {"article_id": aid, "n": n, "m": m, **_evidence(f), "predicate": f.predicate,
             "value": _dec(f.value), "low": _dec(f.low), "high": _dec(f.high),
             "qualifier": f.qualifier, **_ref("source_", f.source)}
            for m, f in enumerate(inc.figures))
    return out


def _incident_row(aid: str, n: int, inc: Incident, pub_day: str) -> Row:
    date, loc = inc.date, inc.location
    return {"article_id": aid, "n": n, **_evidence(inc), "id": inc.id, "type": inc.type,
            "mode": inc.mode, "sub_event": inc.sub_event,
            "day": day_of(date.value if date else None) or pub_day,
            "country": (loc.country_code if loc else None) or "",
            **_span("date_", date), "date_value": date.value if date else None,
            "time_precision": date.time_precision if date else None,
            "date_found": date.found if date else None,
            **_span("location_", loc), "location_name": loc.name if loc else None,
            "location_geonames_id": loc.geonames_id if loc else None,
            "location_admin1": loc.admin1 if loc else None,
            "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
            "geo_precision": loc.geo_precision if loc else None,
            "location_found": loc.found if loc else None,
            "factuality": inc.factuality, "confidence": inc.confidence,
            "context": json.dumps(list(inc.context)), "note": inc.note}


def _event_row(aid: str, n: int, ev: Event, pub_day: str) -> Row:
    place, time = ev.place, ev.time
    return {"article_id": aid, "n": n, **_evidence(ev), "id": ev.id, "type": ev.type,
            "mode": ev.mode, "day": day_of(time.value if time else None) or pub_day,
            "country": (place.country_code if place else None) or "",
            **_span("trigger_", ev.trigger), **_span("place_", place),
            "place_name": place.name if place else None,
            "place_geonames_id": place.geonames_id if place else None,
            "place_admin1": place.admin1 if place else None,
            "place_lat": place.lat if place else None, "place_lon": place.lon if place else None,
            **_span("time_", time), "time_value": time.value if time else None,
            "time_precision": time.precision if time else None,
            "factuality": ev.factuality, **_ref("source_", ev.source),
            "confidence": ev.confidence, "context": json.dumps(list(ev.context))}


def _time_json(t: TimeRef) -> dict[str, Any]:
    return {"start": t.start, "end": t.end, "text": t.text, "value": t.value,
            "precision": t.precision, "kind": t.kind, "anchor": t.anchor, "mod": t.mod,
            "parts": [_time_json(p) for p in t.parts]}


def _time_from(d: Mapping[str, Any]) -> TimeRef:
    return TimeRef(d["start"], d["end"], d["text"], value=d["value"], precision=d["precision"],
                   kind=d["kind"], anchor=d["anchor"], mod=d["mod"],
                   parts=tuple(_time_from(p) for p in d.get("parts", ())))


# Rows back to records -------------------------------------------------------------------------


def _to_dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _get_span(row: Mapping[str, Any], prefix: str) -> Span | None:
    if row[f"{prefix}start"] is None:
        return None
    return Span(row[f"{prefix}start"], row[f"{prefix}end"], row[f"{prefix}text"])


def _get_ref(row: Mapping[str, Any], prefix: str) -> Ref | None:
    if row[f"{prefix}start"] is None:
        return None
    return Ref(row[f"{prefix}start"], row[f"{prefix}end"], row[f"{prefix}text"],
               entity_id=row[f"{prefix}entity_id"], name=row[f"{prefix}name"])


def _ev(row: Mapping[str, Any]) -> tuple[int, int, str]:
    return row["start"], row["end"], row["text"]


def row_article(row: Mapping[str, Any]) -> Article:
    """Rebuild the Article of an ``articles`` row."""
    dateline = None
    if row["dateline_start"] is not None:
        dateline = Dateline(row["dateline_start"], row["dateline_end"], row["dateline_text"],
                            place=row["dateline_place"], date=row["dateline_date"],
                            agency=row["dateline_agency"])
    return Article(id=row["id"], text=row["text"], title=row["title"], source=row["source"],
                   url=row["url"], published=parse_published(row["published"]),
                   dateline=dateline, language=row["language"], author=row["author"])


def rows_doc(article: Mapping[str, Any], layers: Mapping[str, Iterable[Mapping[str, Any]]]) -> Doc:
    """Rebuild a Doc from its article row and its layer rows (each sorted by n, m)."""
    text = article["text"]
    sentences = tuple(Span(s, e, text[s:e]) for s, e in json.loads(article["sentences"]))
    nested: dict[str, dict[int, list[Mapping[str, Any]]]] = {}
    for name in ("mentions", "roles", "event_participants", "event_quantities",
                 "incident_mentions", "incident_participants", "incident_figures"):
        groups: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
        for row in layers.get(name, ()):
            groups[row["n"]].append(row)
        nested[name] = groups
    entities = tuple(
        Entity(*_ev(r), id=r["id"], name=r["name"], label=r["label"],
               mentions=tuple(Mention(*_ev(m), label=m["label"], kind=m["kind"])
                              for m in nested["mentions"][r["n"]]),
               roles=tuple(Role(*_ev(x), kind=x["kind"]) for x in nested["roles"][r["n"]]),
               aliases=tuple(json.loads(r["aliases"])), affiliation=r["affiliation"],
               affiliation_id=r["affiliation_id"], nationality=r["nationality"])
        for r in layers.get("entities", ()))
    times = tuple(TimeRef(*_ev(r), value=r["value"], precision=r["precision"], kind=r["kind"],
                          anchor=r["anchor"], mod=r["mod"],
                          parts=tuple(_time_from(p) for p in json.loads(r["parts"])))
                  for r in layers.get("times", ()))
    places = tuple(
        Place(*_ev(r), name=r["name"], geonames_id=r["geonames_id"],
              country_code=r["country_code"], admin1=r["admin1"], lat=r["lat"], lon=r["lon"],
              feature=r["feature"], feature_code=r["feature_code"], population=r["population"],
              role=r["role"], confidence=r["confidence"], demonym=bool(r["demonym"]))
        for r in layers.get("places", ()))
    quotes = tuple(
        Quote(*_ev(r), kind=r["kind"],
              contents=tuple(Span(s, e, t) for s, e, t in json.loads(r["contents"])),
              cue=_get_span(r, "cue_"), speaker=_get_ref(r, "speaker_"),
              speaker_descriptor=r["speaker_descriptor"], channel=_get_span(r, "channel_"),
              confidence=r["confidence"])
        for r in layers.get("quotes", ()))
    claims = tuple(
        Claim(*_ev(r), value=_to_dec(r["value"]), low=_to_dec(r["low"]), high=_to_dec(r["high"]),
              qualifier=r["qualifier"], what=r["what"], predicate=r["predicate"],
              source=_get_ref(r, "source_"), cue=_get_span(r, "cue_"), unit=r["unit"],
              predicate_span=_get_span(r, "predicate_"))
        for r in layers.get("claims", ()))
    events = tuple(_row_event(r, nested["event_participants"][r["n"]],
                              nested["event_quantities"][r["n"]])
                   for r in layers.get("events", ()))
    incidents = tuple(incident_from_rows(r, *(nested[name][r["n"]] for name in (
        "incident_mentions", "incident_participants", "incident_figures")))
        for r in layers.get("incidents", ()))
    return Doc(article=row_article(article), sentences=sentences, entities=entities, times=times,
               places=places, quotes=quotes, claims=claims, events=events, incidents=incidents)


def incident_from_rows(r: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]],
                       parts: Sequence[Mapping[str, Any]],
                       figures: Sequence[Mapping[str, Any]]) -> Incident:
    """Rebuild an Incident from its row and its mention, participant and figure rows."""
    refs = {role: tuple(Ref(*_ev(p), entity_id=p["entity_id"], name=p["name"])
                        for p in parts if p["role"] == role) for role in ("actor", "recipient")}
    date = None
    if r["date_found"] is not None:
        date = IncidentDate(r["date_start"], r["date_end"], r["date_text"],
                            value=r["date_value"], time_precision=r["time_precision"],
                            found=r["date_found"])
    location = None
    if r["location_found"] is not None:
        location = IncidentLocation(
            r["location_start"], r["location_end"], r["location_text"], name=r["location_name"],
            geonames_id=r["location_geonames_id"], country_code=r["country"] or None,
            admin1=r["location_admin1"], lat=r["location_lat"], lon=r["location_lon"],
            geo_precision=r["geo_precision"], found=r["location_found"])
    return Incident(
        *_ev(r), id=r["id"], type=r["type"], mode=r["mode"], sub_event=r["sub_event"],
        actors=refs["actor"], recipients=refs["recipient"], date=date, location=location,
        figures=tuple(Figure(*_ev(f), predicate=f["predicate"], value=_to_dec(f["value"]),
                             low=_to_dec(f["low"]), high=_to_dec(f["high"]),
                             qualifier=f["qualifier"], source=_get_ref(f, "source_"))
                      for f in figures),
        mentions=tuple(m["event_id"] for m in mentions), factuality=r["factuality"],
        confidence=r["confidence"], context=tuple(json.loads(r["context"])), note=r["note"])


def _row_event(r: Mapping[str, Any], parts: list[Mapping[str, Any]],
               counts: list[Mapping[str, Any]]) -> Event:
    refs = {role: tuple(Ref(*_ev(p), entity_id=p["entity_id"], name=p["name"])
                        for p in parts if p["role"] == role) for role in ("actor", "recipient")}
    place = None
    if r["place_start"] is not None:
        place = PlaceRef(r["place_start"], r["place_end"], r["place_text"], name=r["place_name"],
                         geonames_id=r["place_geonames_id"], country_code=r["country"] or None,
                         admin1=r["place_admin1"], lat=r["place_lat"], lon=r["place_lon"])
    time = None
    if r["time_start"] is not None:
        time = TimeValue(r["time_start"], r["time_end"], r["time_text"], value=r["time_value"],
                         precision=r["time_precision"])
    return Event(*_ev(r), id=r["id"], type=r["type"], mode=r["mode"],
                 trigger=_get_span(r, "trigger_"), actors=refs["actor"],
                 recipients=refs["recipient"], place=place, time=time,
                 quantities=tuple(Quantity(*_ev(q), kind=q["kind"], value=_to_dec(q["value"]),
                                           low=_to_dec(q["low"]), high=_to_dec(q["high"]),
                                           qualifier=q["qualifier"]) for q in counts),
                 factuality=r["factuality"], source=_get_ref(r, "source_"),
                 confidence=r["confidence"], context=tuple(json.loads(r["context"])))
