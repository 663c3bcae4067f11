"""Finding the entity a span names, on hand-built Docs."""

from dateline.records import Article, Doc, Entity, Mention
from dateline.stages.lookup import mention_at, ref_for

TEXT = "Apple Inc. CEO Steve Jobs said the lawyers of Acme Corp and Saudi Arabia's Civil Defense Authority"


def ent(name, label, *spans):
    mentions = tuple(Mention(s, s + len(name), TEXT[s:s + len(name)], label=label) for s in spans)
    return Entity(spans[0], spans[0] + len(name), name, id=f"e-{name}", name=name, label=label,
                  mentions=mentions)


DOC = Doc(Article(id="a", text=TEXT), entities=(
    ent("Apple Inc.", "ORG", 0), ent("Steve Jobs", "PERSON", 15),
    ent("Acme Corp", "ORG", TEXT.index("Acme")), ent("Saudi Arabia", "GPE", TEXT.index("Saudi")),
    ent("Civil Defense Authority", "ORG", TEXT.index("Civil"))))


def test_lookup_prefers_the_person_named_in_a_noun_phrase():
    entity, mention = mention_at(DOC, 0, len("Apple Inc. CEO Steve Jobs"))
    assert entity.name == "Steve Jobs" and mention.text == "Steve Jobs"


def test_lookup_takes_the_rightmost_name_as_the_head_of_a_possessive_phrase():
    start = TEXT.index("Saudi")
    ref = ref_for(DOC, start, len(TEXT))
    assert ref.name == "Civil Defense Authority" and ref.text == TEXT[start:]


def test_lookup_falls_back_to_an_overlapping_mention_and_to_no_entity():
    entity, _ = mention_at(DOC, 2, 5)  # inside "Apple Inc."
    assert entity.name == "Apple Inc."
    ref = ref_for(DOC, TEXT.index("said"), TEXT.index("said") + 4)
    assert ref.entity_id is None and ref.name is None and ref.text == "said"
