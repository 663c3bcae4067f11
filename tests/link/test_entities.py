"""Canonical entities: one id per referent across articles, surnames only within a story."""

from __future__ import annotations

import pytest

from dateline.link import EntityResolver, InMemoryCanonicalIndex, canonical_id, entity_keys
from dateline.records import Article, Doc, Entity, Mention, Place


def doc_with(article_id: str, *entities: Entity, places: tuple[Place, ...] = ()) -> Doc:
    return Doc(article=Article(id=article_id, text="x" * 200), entities=entities, places=places)


def entity(name: str, label: str, *, aliases: tuple[str, ...] = (), eid: str = "",
           start: int = 0) -> Entity:
    mention = Mention(start, start + len(name), name, label=label)
    return Entity(start, start + len(name), name, id=eid or f"ent_{name}", name=name,
                  label=label, mentions=(mention,), aliases=aliases)


@pytest.mark.parametrize("name", ["U.S.", "US", "United States", "America", "the United States"])
def test_entities_country_names_share_one_key(name):
    assert entity_keys(entity(name, "GPE")) == ("country:US",)


def test_entities_place_keyed_by_its_gazetteer_entry():
    naples = entity("Naples", "GPE", start=10)
    place = Place(10, 16, "Naples", name="Naples", geonames_id=3172394, country_code="IT")
    assert entity_keys(naples, doc_with("a", naples, places=(place,)))[0] == "geo:3172394"


def test_entities_organisation_and_acronym_get_one_id_in_any_order():
    resolver = EntityResolver(InMemoryCanonicalIndex())
    short = resolver.resolve(doc_with("a1", entity("NATO", "ORG")))["ent_NATO"]
    full = resolver.resolve(doc_with("a2", entity("North Atlantic Treaty Organization", "ORG",
                                                  aliases=("NATO",))))
    assert full["ent_North Atlantic Treaty Organization"].id == short.id
    alone = resolver.resolve(doc_with("a3", entity("North Atlantic Treaty Organization", "ORG")))
    assert alone["ent_North Atlantic Treaty Organization"].id == short.id


def test_entities_countries_resolve_to_the_same_id_across_articles():
    resolver = EntityResolver(InMemoryCanonicalIndex())
    ids = {resolver.resolve(doc_with(f"a{i}", entity(name, "GPE")))[f"ent_{name}"].id
           for i, name in enumerate(["U.S.", "United States", "America"])}
    assert ids == {canonical_id("country:US")}


def test_entities_surname_joins_the_full_name_of_its_story():
    resolver = EntityResolver(InMemoryCanonicalIndex())
    full = resolver.resolve(doc_with("a1", entity("Allison Hart", "PERSON")), story_id="s1")
    short = resolver.resolve(doc_with("a2", entity("Hart", "PERSON")), story_id="s1")
    assert short["ent_Hart"].id == full["ent_Allison Hart"].id


def test_entities_surname_in_an_unrelated_story_stays_apart():
    resolver = EntityResolver(InMemoryCanonicalIndex())
    full = resolver.resolve(doc_with("a1", entity("Allison Hart", "PERSON")), story_id="s1")
    other = resolver.resolve(doc_with("a2", entity("Hart", "PERSON")), story_id="s2")
    assert other["ent_Hart"].id != full["ent_Allison Hart"].id
    # A namesake with another first name is another person, even in the same story.
    namesake = resolver.resolve(doc_with("a3", entity("Kevin Hart", "PERSON")), story_id="s1")
    assert namesake["ent_Kevin Hart"].id != full["ent_Allison Hart"].id


def test_entities_full_name_is_one_person_across_stories():
    resolver = EntityResolver(InMemoryCanonicalIndex())
    first = resolver.resolve(doc_with("a1", entity("Allison Hart", "PERSON")), story_id="s1")
    again = resolver.resolve(doc_with("a2", entity("Allison Hart", "PERSON")), story_id="s9")
    assert first["ent_Allison Hart"].id == again["ent_Allison Hart"].id


def test_entities_surname_of_the_same_article_resolves_after_its_full_name():
    resolver = EntityResolver(InMemoryCanonicalIndex())
    out = resolver.resolve(doc_with("a1", entity("Hart", "PERSON", eid="e1"),
                                    entity("Allison Hart", "PERSON", eid="e2")), story_id="s1")
    assert out["e1"].id == out["e2"].id
