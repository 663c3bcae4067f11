"""What the story linker knows of one article: its terms, entities, places, incident types, dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dateline.link.entities import entity_keys
from dateline.link.text import term_counts
from dateline.records import Doc, Entity

# Entity labels whose names say which event an article reports (not dates, money, works...).
NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "PRODUCT"})
EntityKeys = Callable[[Entity, Doc], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """The linker's view of one article; built once, by ``article_features``."""

    article_id: str
    published: datetime | None
    source: str | None
    title: str
    # Content word stems of title and body with their relative frequency (top 120).
    terms: tuple[tuple[str, float], ...]
    # Canonical keys of the people, organisations and other named things, each with its
    # number of mentions ("person:allison hart", "org:nato", "surname:hart").
    entities: tuple[tuple[str, int], ...]
    # Place keys: "country:IQ", "geo:<GeoNames id>", "place:<name>".
    places: tuple[str, ...]
    # Incident (or, before incidents exist, event) types: "ACCIDENT", "ASSAULT"...
    incident_types: tuple[str, ...]
    # Days the article says things happened (ISO "YYYY-MM-DD" or coarser "YYYY-MM", "YYYY").
    dates: tuple[str, ...]


def _title(doc: Doc) -> str:
    if doc.article.title:
        return doc.article.title
    first = doc.sentences[0].text if doc.sentences else doc.article.text[:200]
    return " ".join(first.split())[:160]


def _dates(doc: Doc) -> tuple[str, ...]:
    found: list[str] = []
    for incident in doc.incidents:
        if incident.date and incident.date.value and incident.date.found != "published":
            found.append(incident.date.value[:10])
    for time in doc.times:
        if time.kind == "date" and time.value and time.value[:4].isdigit() and "X" not in time.value:
            found.append(time.value[:10])
    return tuple(dict.fromkeys(found))


def article_features(doc: Doc, *, canonical: EntityKeys = entity_keys) -> ArticleFeatures:
    """Return the linker's features of a processed article.

    ``canonical`` gives the keys of an entity (``entity_keys`` by default: pure, no store);
    its first key stands for the entity.
    """
    text = f"{doc.article.title or ''}\n{doc.article.text}"
    entities: dict[str, int] = {}
    places: list[str] = []
    for entity in doc.entities:
        if entity.label not in NAMED_LABELS:
            continue
        keys = canonical(entity, doc)
        if not keys:
            continue
        mentions = max(1, sum(1 for m in entity.mentions if m.kind in ("name", "alias", "acronym")))
        if keys[0].split(":", 1)[0] in ("country", "geo", "place"):
            places.append(keys[0])
        else:
            entities[keys[0]] = entities.get(keys[0], 0) + mentions
    for place in doc.places:
        if place.geonames_id and place.role in ("dateline", "event"):
            places.append(f"geo:{place.geonames_id}")
    types = [i.type for i in doc.incidents if i.type] or [e.type for e in doc.events if e.type]
    return ArticleFeatures(
        article_id=doc.article.id, published=doc.article.published, source=doc.article.source,
        title=_title(doc), terms=tuple(term_counts(text).items()),
        entities=tuple(sorted(entities.items())), places=tuple(dict.fromkeys(places)),
        incident_types=tuple(dict.fromkeys(types)), dates=_dates(doc))
