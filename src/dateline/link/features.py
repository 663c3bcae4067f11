"""What the story linker knows of one article: its terms, entities, places, incident types, dates."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

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
    # The first full date in the article's first two sentences ("Updated Saturday, December 05,
    # 2009"): when the article has no publication date, it stands for one.
    lead_date: str | None = None
    # What tells two events of one kind apart besides names: the numbers the text gives
    # ("#107", "#6.1", "#2008") and the years and months of the dates it names ("@2008",
    # "@2008-12"), each with its count.
    marks: tuple[tuple[str, int], ...] = ()


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


_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")


def marks(text: str, dates: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Return the numbers of ``text`` and the years and months of ``dates``, with counts.

    A figure ("107 killed", "magnitude 6.1") or a year is shared by the reports of one event
    and rarely by another event of the same kind, whose words and organisations may all match.
    """
    found: Counter[str] = Counter(f"#{m.group().replace(',', '')}" for m in _NUMBER.finditer(text))
    for day in dates:
        found[f"@{day[:4]}"] += 1
        if len(day) >= 7:
            found[f"@{day[:7]}"] += 1
    return tuple(sorted(found.items()))


def _lead_date(doc: Doc) -> str | None:
    lead_end = doc.sentences[1].end if len(doc.sentences) > 1 else len(doc.article.text)
    for time in sorted(doc.times, key=lambda t: t.start):
        if time.start < lead_end and time.kind == "date" and time.precision == "day" \
                and time.value and len(time.value) >= 10 and time.value[:4].isdigit():
            return time.value[:10]
    return None


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
    dates = _dates(doc)
    types = [i.type for i in doc.incidents if i.type] or [e.type for e in doc.events if e.type]
    return ArticleFeatures(
        article_id=doc.article.id, published=doc.article.published, source=doc.article.source,
        title=_title(doc), terms=tuple(term_counts(text).items()),
        entities=tuple(sorted(entities.items())), places=tuple(dict.fromkeys(places)),
        incident_types=tuple(dict.fromkeys(types)), dates=dates,
        lead_date=None if doc.article.published else _lead_date(doc), marks=marks(text, dates))


def days_of(dates: Iterable[str]) -> tuple[int, ...]:
    """Return the sorted ordinals of the full days among ISO dates ("2007-01-10")."""
    found = set()
    for value in dates:
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:  # not strptime: a story's profile reads its dates at every comparison
                found.add(date(int(value[:4]), int(value[5:7]), int(value[8:])).toordinal())
            except ValueError:
                continue
    return tuple(sorted(found))


def nearest_gap(a: Sequence[int], b: Sequence[int]) -> int:
    """Return the least distance between a day of ``a`` and a day of ``b`` (both sorted)."""
    i = j = 0
    best = 1 << 30
    while i < len(a) and j < len(b):
        best = min(best, abs(a[i] - b[j]))
        if a[i] < b[j]:
            i += 1
        else:
            j += 1
    return best


def fingerprint(features: ArticleFeatures) -> bytes:
    """Return a digest of what the linker reads of an article: equal for identical texts."""
    seen = (features.title, features.terms, features.entities, features.places,
            features.incident_types, features.dates, features.marks)
    return hashlib.blake2b(repr(seen).encode("utf-8"), digest_size=16).digest()
