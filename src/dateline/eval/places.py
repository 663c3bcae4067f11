"""Score toponym finding and resolution on LGL, TR-News, GeoVirus and GeoWebNews XML.

Formats (found by content, in any .xml file under the path):
- LGL and TR-News: ``article/text`` and ``toponym`` elements with ``start``, ``end``, ``phrase``
  and a ``gaztag`` (GeoNames id, ``lat``, ``lon``, ``country``); a toponym without a gaztag
  counts for finding only.
- GeoVirus: ``article/text`` and ``location`` elements with ``name``, ``start``, ``end``,
  ``lat``, ``lon`` (Wikipedia coordinates).
- GeoWebNews: ``toponym`` elements with ``extractedName``, ``start``, ``end``, ``type``,
  ``latitude``, ``longitude``. Only literal toponyms are scored (``LITERAL_TYPES``); a
  prediction on a metonymic, demonym or other associative toponym is neither right nor wrong.

Metrics, per dataset:
- ``span_f1`` (``span_precision``, ``span_recall``): exact character spans; ``span_f1_overlap``
  counts a prediction overlapping a gold toponym as found; ``span_f1_names`` leaves our demonyms
  out, for gold sets that do not annotate nationality words (GeoVirus).
- ``recall``: the share of gold toponyms (with coordinates) that a predicted place overlaps.
- ``acc_161km``, ``median_km``, ``auc``: computed over the gold toponyms we found (``recall``
  says how many); a found place without coordinates counts as the largest error (20,038 km),
  so abstaining is never rewarded. ``auc`` is the area under the log error curve (0 best).
- ``resolved_recall``: gold toponyms found and placed within 161 km, over all gold toponyms
  with coordinates (end to end).
- ``country_accuracy``: over found gold toponyms whose country is known (LGL and TR-News give
  it; for GeoVirus and GeoWebNews it is the country whose outline contains the gold point,
  from countryinfo's shapes).
- ``baseline_acc_161km``: the most-populous reading of each of the same found gold names, from
  the same gazetteer, in the same run.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import parse as parse_xml

from dateline.errors import DateError, FormatError, InputError
from dateline.eval import EvalResult
from dateline.eval.scoring import f1
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Doc, Place
from dateline.resources.geo import COUNTRY, Gazetteer, open_gazetteer
from dateline.settings import Settings
from dateline.stages.places.resolve import distance_km, most_populous

ACC_KM = 161.0
MAX_ERROR_KM = 20038.0
# GeoWebNews types that name a place literally (Gritta et al., "A Pragmatic Guide to Geoparsing
# Evaluation", 2019): literal, mixed, coercion, embedded literal and literal modifier.
LITERAL_TYPES = frozenset({"literal", "mixed", "coercion", "embedded_literal",
                           "literal_modifier", "noun_modifier"})
STAGES = ("nlp", "entities", "places")


@dataclass
class GoldToponym:
    """One gold toponym: its span, and where it is when the gold says so."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    country_name: str | None = None
    scored: bool = True

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class GoldDoc:
    """One gold article: its text, its date when known, and its toponyms."""

    text: str
    published: str | None
    toponyms: list[GoldToponym] = field(default_factory=list)


# --- reading the gold files ---------------------------------------------------------------

def find_datasets(data: Path) -> list[tuple[str, str, Path]]:
    """Return (dataset name, format, path) for each gold XML file under ``data``."""
    paths = [data] if data.is_file() else sorted(p for p in data.rglob("*.xml") if p.is_file())
    found = []
    for path in paths:
        kind = detect_format(path)
        if kind is not None:
            found.append((_dataset_name(path, kind), kind, path))
    return found


def detect_format(path: Path) -> str | None:
    """Return "gaztag", "geovirus" or "geowebnews" by looking at the first toponym element."""
    head = path.read_text(encoding="utf-8", errors="replace")[:200_000]
    if "<extractedName>" in head:
        return "geowebnews"
    if "<gaztag" in head:
        return "gaztag"
    if "<locations>" in head and "<location>" in head:
        return "geovirus"
    return None


def _dataset_name(path: Path, kind: str) -> str:
    stem = path.stem
    known = {"lgl": "LGL", "tr-news": "TR-News", "geovirus": "GeoVirus", "gwn": "GeoWebNews",
             "geowebnews": "GeoWebNews"}
    return known.get(stem.lower(), stem if kind != "geowebnews" else f"GeoWebNews {stem}")


def read_gold(path: Path, kind: str) -> list[GoldDoc]:
    """Read every article of a gold file in one of the three formats."""
    try:
        root = parse_xml(str(path)).getroot()
    except Exception as exc:  # defusedxml raises several unrelated types on bad XML
        raise FormatError(f"{path} is not well-formed XML: {exc}. Pass the original file.") \
            from exc
    reader = {"gaztag": _read_gaztag, "geovirus": _read_geovirus,
              "geowebnews": _read_geowebnews}[kind]
    return [doc for article in root.iter("article") if (doc := reader(article)) is not None]


def _text(element: Element | None, tag: str) -> str | None:
    found = element.find(tag) if element is not None else None
    return found.text.strip() if found is not None and found.text is not None else None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _aligned(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int] | None:
    """Return the span of ``phrase`` at or near the given offsets (some files are off by a few)."""
    if phrase is None or text[start:end] == phrase:
        return (start, end) if 0 <= start < end <= len(text) else None
    for delta in sorted(range(-12, 13), key=abs):
        lo = start + delta
        if lo >= 0 and text[lo:lo + len(phrase)] == phrase:
            return lo, lo + len(phrase)
    return None


def _read_gaztag(article: Element) -> GoldDoc | None:
    text = article.findtext("text")
    if not text:
        return None
    published = (_text(article, "dltime") or "")[:10] or None
    doc = GoldDoc(text, published)
    for toponym in article.iter("toponym"):
        span = _aligned(text, int(_text(toponym, "start") or -1), int(_text(toponym, "end") or -1),
                        _text(toponym, "phrase"))
        if span is None:
            continue
        tag = toponym.find("gaztag")
        gold = GoldToponym(span[0], span[1], text[span[0]:span[1]])
        if tag is not None:
            gold.lat, gold.lon = _float(_text(tag, "lat")), _float(_text(tag, "lon"))
            gold.country_name = _text(tag, "country")
            if tag.findtext("fcode") in ("PCLI", "PCLD", "PCLS", "PCLF", "PCL"):
                gold.country_name = gold.country_name or _text(tag, "name")
        doc.toponyms.append(gold)
    return doc


def _read_geovirus(article: Element) -> GoldDoc | None:
    text = article.findtext("text")
    if not text:
        return None
    doc = GoldDoc(text, None)
    for location in article.iter("location"):
        span = _aligned(text, int(_text(location, "start") or -1),
                        int(_text(location, "end") or -1), _text(location, "name"))
        if span is not None:
            doc.toponyms.append(GoldToponym(span[0], span[1], text[span[0]:span[1]],
                                            lat=_float(_text(location, "lat")),
                                            lon=_float(_text(location, "lon"))))
    return doc


def _read_geowebnews(article: Element) -> GoldDoc | None:
    text = article.findtext("text")
    if not text:
        return None
    published = (_text(article, "date") or _text(article, "pubDate") or "")[:10] or None
    doc = GoldDoc(text, published)
    for toponym in article.iter("toponym"):
        span = _aligned(text, int(_text(toponym, "start") or -1), int(_text(toponym, "end") or -1),
                        _text(toponym, "extractedName"))
        if span is None:
            continue
        kind = (_text(toponym, "type") or "").lower().replace(" ", "_").replace("-", "_")
        doc.toponyms.append(GoldToponym(span[0], span[1], text[span[0]:span[1]],
                                        lat=_float(_text(toponym, "latitude")),
                                        lon=_float(_text(toponym, "longitude")),
                                        scored=kind in LITERAL_TYPES))
    return doc


# --- scoring --------------------------------------------------------------------------------

@dataclass
class Tally:
    """Running counts and errors for one dataset."""

    exact_tp: int = 0
    predicted: int = 0
    gold: int = 0
    found: int = 0
    located: int = 0
    errors: list[float] = field(default_factory=list)
    baseline_errors: list[float] = field(default_factory=list)
    country_right: int = 0
    country_known: int = 0
    overlap_fp: int = 0
    names_tp: int = 0
    names_predicted: int = 0

    def metrics(self) -> dict[str, Any]:
        def ratio(a: float, b: float) -> float:
            return round(a / b, 4) if b else 0.0

        precision = ratio(self.exact_tp, self.predicted)
        recall = ratio(self.exact_tp, self.gold)
        overlap_p = ratio(self.predicted - self.overlap_fp, self.predicted)
        overlap_r = ratio(self.found, self.gold)
        within = sum(e <= ACC_KM for e in self.errors)
        names_f1 = _f1(ratio(self.names_tp, self.names_predicted), ratio(self.names_tp, self.gold))
        return {
            "span_f1": _f1(precision, recall), "span_precision": precision,
            "span_recall": recall, "span_f1_overlap": _f1(overlap_p, overlap_r),
            "span_f1_names": names_f1,
            "recall": ratio(len(self.errors), self.located),
            "acc_161km": ratio(within, len(self.errors)),
            "median_km": round(statistics.median(self.errors), 1) if self.errors else None,
            "auc": round(sum(math.log(1 + e) for e in self.errors) /
                         (len(self.errors) * math.log(MAX_ERROR_KM)), 4) if self.errors else None,
            "resolved_recall": ratio(within, self.located),
            "country_accuracy": ratio(self.country_right, self.country_known),
            "baseline_acc_161km": ratio(sum(e <= ACC_KM for e in self.baseline_errors),
                                        len(self.baseline_errors)),
            "gold_toponyms": self.gold, "scored_toponyms": len(self.errors),
        }


def _f1(p: float, r: float) -> float:
    return round(f1(p, r), 4)


def score_doc(tally: Tally, gold: GoldDoc, places: tuple[Place, ...], gazetteer: Gazetteer
              ) -> None:
    """Add one article's counts to the tally."""
    scored = [g for g in gold.toponyms if g.scored]
    ignored = [g for g in gold.toponyms if not g.scored]
    kept = [p for p in places if not any(_overlaps(p, g) for g in ignored)
            or any(_overlaps(p, g) for g in scored)]
    tally.gold += len(scored)
    tally.predicted += len(kept)
    exact = {(g.start, g.end) for g in scored}
    tally.exact_tp += sum((p.start, p.end) in exact for p in kept)
    names = [p for p in kept if not p.demonym]
    tally.names_predicted += len(names)
    tally.names_tp += sum((p.start, p.end) in exact for p in names)
    tally.overlap_fp += sum(not any(_overlaps(p, g) for g in scored) for p in kept)
    for toponym in scored:
        match = _best_overlap(toponym, kept)
        if match is not None:
            tally.found += 1
        if not toponym.located:
            continue
        tally.located += 1
        if match is None:
            continue
        tally.errors.append(_error(toponym, match.lat, match.lon))
        baseline = _baseline(gazetteer, toponym.text)
        tally.baseline_errors.append(_error(toponym, *baseline))
        gold_cc = _gold_country(toponym, gazetteer)
        if gold_cc is not None:
            tally.country_known += 1
            tally.country_right += match.country_code == gold_cc


def _overlaps(place: Place, gold: GoldToponym) -> bool:
    return place.start < gold.end and gold.start < place.end


def _best_overlap(gold: GoldToponym, places: list[Place]) -> Place | None:
    hits = [p for p in places if _overlaps(p, gold)]
    return max(hits, key=lambda p: (min(p.end, gold.end) - max(p.start, gold.start),
                                    p.lat is not None), default=None)


def _error(gold: GoldToponym, lat: float | None, lon: float | None) -> float:
    if lat is None or lon is None or gold.lat is None or gold.lon is None:
        return MAX_ERROR_KM
    return distance_km(gold.lat, gold.lon, lat, lon)


def _baseline(gazetteer: Gazetteer, text: str) -> tuple[float | None, float | None]:
    """Return the point of the most-populous reading of a name (a demonym's one reading)."""
    entry = most_populous(gazetteer.candidates(text)) or gazetteer.demonym(text)
    return (entry.lat, entry.lon) if entry is not None else (None, None)


def _gold_country(gold: GoldToponym, gazetteer: Gazetteer) -> str | None:
    if gold.country_code:
        return gold.country_code
    if gold.country_name:
        countries = [e for e in gazetteer.candidates(gold.country_name) if e.level == COUNTRY]
        return countries[0].cc if countries else None
    if gold.lat is not None and gold.lon is not None:
        return country_at(gold.lat, gold.lon)
    return None


@lru_cache(maxsize=1)
def _country_shapes() -> list[tuple[str, tuple[float, float, float, float], list[list[Any]]]]:
    """Return (ISO code, bounding box, outer rings) of each country outline in countryinfo."""
    from countryinfo import all_countries

    shapes = []
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2")
        geo = info.get("geoJSON") or {}
        rings: list[list[Any]] = []
        for feature in geo.get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates", [])
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            rings.extend(polygon[0] for polygon in polygons if polygon)
        if code and rings:
            xs = [x for ring in rings for x, _ in ring]
            ys = [y for ring in rings for _, y in ring]
            shapes.append((code, (min(xs), min(ys), max(xs), max(ys)), rings))
    return shapes


def country_at(lat: float, lon: float) -> str | None:
    """Return the ISO code of the country whose outline contains the point, if any."""
    for code, (x0, y0, x1, y1), rings in _country_shapes():
        if x0 <= lon <= x1 and y0 <= lat <= y1 and any(_inside(lon, lat, r) for r in rings):
            return code
    return None


def _inside(x: float, y: float, ring: list[Any]) -> bool:
    """Ray casting: return True when (x, y) lies inside the polygon ring."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


# --- running ----------------------------------------------------------------------------------

def _cache_dir(settings: Settings) -> str | None:
    """Return the cache folder the user chose; None lets $DATELINE_CACHE_DIR or the default rule."""
    chosen = str(settings.cache_dir or "")
    return chosen if chosen and chosen != Settings().cache_dir else None


def pipeline_for(settings: Settings) -> Pipeline:
    """Build the pipeline up to places, keeping the user's options for those stages."""
    options = {k: dict(v) for k, v in settings.stage_options.items() if k in STAGES}
    if (folder := _cache_dir(settings)) is not None:
        options.setdefault("places", {}).setdefault("cache_dir", folder)
    return Pipeline.from_settings(replace(settings, stages=STAGES, stage_options=options))


def _article(doc: GoldDoc, name: str) -> Any:
    try:
        return make_article(doc.text, published=doc.published, check_language=False, name=name)
    except DateError:
        return make_article(doc.text, check_language=False, name=name)


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score each gold file found under ``data``; one result per dataset."""
    pipeline = pipeline_for(settings)
    gazetteer = open_gazetteer(_cache_dir(settings))
    results = []
    for name, kind, path in find_datasets(data):
        docs = read_gold(path, kind)[:limit]
        tally, failed = Tally(), 0
        articles, kept = [], []
        for i, doc in enumerate(docs):
            try:
                articles.append(_article(doc, f"{name} #{i}"))
                kept.append(doc)
            except InputError:
                failed += 1
        for gold, out in zip(kept, pipeline.pipe(articles, on_error="record"), strict=True):
            if isinstance(out, Doc):
                score_doc(tally, gold, out.places, gazetteer)
            else:
                failed += 1
        metrics = tally.metrics()
        metrics["failed_docs"] = failed
        notes = (f"{name}: acc_161km over the {metrics['scored_toponyms']} gold toponyms found "
                 f"(recall {metrics['recall']:.1%} of those with coordinates)",)
        results.append(EvalResult("places", name, len(docs), metrics, notes))
    return results
