"""One canonical entity per real-world referent, across articles.

An article's entities (``records.Entity``) are resolved to canonical entities whose id is the
content hash of a canonical key, so the same referent gets the same id in every store:

- places through the gazetteer's answers already on the Doc: a country by its ISO code
  ("U.S.", "US", "United States", "America" -> ``country:US``), another place by its GeoNames id;
- organisations by every name they go by: the name, its aliases and acronyms
  ("North Atlantic Treaty Organization", "NATO") are all alias keys of one entity;
- people by their full name; a bare surname ("Hart") only within its story: it joins the full
  name of the same story ("Allison Hart") and stays apart from a namesake in another story.

Resolution needs memory of what was seen (which canonical entity an alias key already points
to): that is the ``CanonicalIndex`` protocol, kept in memory by ``InMemoryCanonicalIndex`` and in
SQL by the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from dateline.records import Doc, Entity, Place, content_id
from dateline.stages.entities.names import (
    acronym_key,
    country_code,
    initials,
    is_acronym,
    name_tokens,
    normalize,
)

PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ORG_LABELS = frozenset({"ORG", "NORP"})


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    """A real-world referent shared by articles: ``id`` is the hash of ``key``."""

    id: str
    key: str
    name: str
    label: str
    # Every key it is known by ("org:nato", "org:north atlantic treaty organization").
    alias_keys: tuple[str, ...] = ()


class CanonicalIndex(Protocol):
    """Memory of canonical entities by alias key (in memory for tests, SQL tables in a store)."""

    def lookup(self, keys: Sequence[str]) -> CanonicalEntity | None:
        """Return the canonical entity known by the first of ``keys`` that is known, or None."""
        ...

    def remember(self, entity: CanonicalEntity) -> None:
        """Save ``entity`` and make each of its alias keys point to it."""
        ...


class InMemoryCanonicalIndex:
    """A CanonicalIndex in a dict: for tests, evaluation and one-off runs."""

    def __init__(self) -> None:
        self._by_key: dict[str, CanonicalEntity] = {}

    def lookup(self, keys: Sequence[str]) -> CanonicalEntity | None:
        for key in keys:
            if key in self._by_key:
                return self._by_key[key]
        return None

    def remember(self, entity: CanonicalEntity) -> None:
        for key in (entity.key, *entity.alias_keys):
            self._by_key.setdefault(key, entity)


def canonical_id(key: str) -> str:
    """Return the stable id of a canonical key."""
    return content_id("canonical", key, prefix="can_", length=16)


def _place_of(entity: Entity, places: Sequence[Place]) -> Place | None:
    spans = {(m.start, m.end) for m in entity.mentions} | {(entity.start, entity.end)}
    for place in places:
        if (place.start, place.end) in spans and (place.geonames_id or place.country_code):
            return place
    return None


def entity_keys(entity: Entity, doc: Doc | None = None) -> tuple[str, ...]:
    """Return the alias keys of one article entity, most specific first; no memory needed.

    A person named by a surname alone gets only a ``surname:`` key, which means nothing
    outside its story (see ``EntityResolver``).
    """
    label = entity.label
    names = [entity.name, *entity.aliases]
    if label in PLACE_LABELS or (label == "NORP" and country_code(entity.name)):
        code = next((c for c in (country_code(n) for n in names) if c), None)
        if code:
            return (f"country:{code}",)
        place = _place_of(entity, doc.places) if doc is not None else None
        if place is not None and place.feature_code and place.feature_code.startswith("PCL"):
            return (f"country:{place.country_code}",)
        if place is not None and place.geonames_id:
            return (f"geo:{place.geonames_id}", f"place:{normalize(entity.name)}")
        return (f"place:{normalize(entity.name)}",)
    return _name_keys(label, tuple(names))


@lru_cache(maxsize=1 << 16)
def _name_keys(label: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Return the keys of a person, organisation or other named thing: its names alone decide.

    Cached: a store names the same people and organisations in article after article.
    """
    if label in PERSON_LABELS:
        tokens = name_tokens(names[0])
        if len(tokens) >= 2:
            return (f"person:{' '.join(tokens)}",)
        return (f"surname:{tokens[0] if tokens else normalize(names[0])}",)
    kind = "org" if label in ORG_LABELS else label.casefold() or "thing"
    keys: list[str] = []
    for name in names:
        key = acronym_key(name) if is_acronym(name) else normalize(name)
        if key:
            keys.append(f"{kind}:{key}")
    # A full name whose acronym is also given is known by that acronym first.
    acronyms = [k for k in keys if k.split(":", 1)[1] in
                {i for n in names if not is_acronym(n) for i in initials(n)}]
    return tuple(dict.fromkeys([*acronyms, *keys]))


@dataclass(frozen=True, slots=True)
class KeyedEntity:
    """What resolving one article entity needs: its id, name, label and alias keys.

    Small and picklable, so a rebuild can read an article once and resolve its entities
    later, when its story is known.
    """

    id: str
    name: str
    label: str
    keys: tuple[str, ...]


def keyed_entities(doc: Doc) -> tuple[KeyedEntity, ...]:
    """Return the entities of an article with their alias keys, in the article's order."""
    return tuple(KeyedEntity(e.id, e.name, e.label, entity_keys(e, doc)) for e in doc.entities)


def surname_of(key: str) -> str | None:
    """Return the surname of a ``person:`` key ("person:allison hart" -> "hart")."""
    if key.startswith("person:"):
        return key.rsplit(" ", 1)[-1]
    return None


class EntityResolver:
    """Resolve the entities of an article to canonical entities, remembering them in ``index``."""

    def __init__(self, index: CanonicalIndex) -> None:
        self.index = index

    def resolve(self, doc: Doc, *, story_id: str | None = None) -> dict[str, CanonicalEntity]:
        """Return article entity id -> canonical entity; ``story_id`` scopes bare surnames.

        Full names are resolved first, so a bare surname of this very article can join a full
        name seen in the same story by an earlier article or by this one.
        """
        return self.resolve_keyed(keyed_entities(doc), scope=story_id or doc.article.id)

    def resolve_keyed(self, entities: Iterable[KeyedEntity], *, scope: str
                      ) -> dict[str, CanonicalEntity]:
        """Return entity id -> canonical entity for entities keyed beforehand (``keyed_entities``).

        ``scope`` is the story id (else the article id) that bare surnames are resolved in.
        """
        resolved: dict[str, CanonicalEntity] = {}
        for entity in sorted(entities, key=lambda e: e.keys[0].startswith("surname:")):
            resolved[entity.id] = self._resolve_keys(entity, entity.keys, scope)
        return resolved

    def _resolve_keys(self, entity: KeyedEntity, keys: tuple[str, ...], scope: str
                      ) -> CanonicalEntity:
        keys, extra = scoped_keys(keys, scope)
        known = self.index.lookup(keys)
        if known is None:
            key = keys[0]
            known = CanonicalEntity(canonical_id(key), key, entity.name, entity.label, keys)
        merged = tuple(dict.fromkeys([*known.alias_keys, *keys, *extra]))
        if merged != known.alias_keys:
            known = CanonicalEntity(known.id, known.key, known.name, known.label, merged)
        self.index.remember(known)
        return known


def scoped_keys(keys: tuple[str, ...], scope: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the keys an entity is looked up by in ``scope`` and the extra keys it is then
    remembered by: a bare surname is looked up within its story; a full name also claims its
    surname there, so that "Hart" in the same story joins "Allison Hart"."""
    if keys[0].startswith("surname:"):
        keys = (f"{keys[0]}@{scope}",)
    return keys, tuple(f"surname:{s}@{scope}" for s in (surname_of(k) for k in keys) if s)


def resolve_all(docs: Iterable[tuple[Doc, str | None]],
                index: CanonicalIndex | None = None) -> dict[tuple[str, str], CanonicalEntity]:
    """Resolve many (doc, story id) pairs; returns (article id, entity id) -> canonical entity."""
    resolver = EntityResolver(index or InMemoryCanonicalIndex())
    out: dict[tuple[str, str], CanonicalEntity] = {}
    for doc, story_id in docs:
        for entity_id, canonical in resolver.resolve(doc, story_id=story_id).items():
            out[(doc.article.id, entity_id)] = canonical
    return out
