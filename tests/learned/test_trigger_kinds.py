"""The trigger kind model and its weak labels, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dateline.eval.triggers import COMPONENTS, candidates_of
from dateline.learned.trigger_kinds import (
    decide_kinds,
    kind_features,
    kind_of,
    kind_probabilities,
    label_for,
    parse_kind,
    retyped,
    sector_of,
)
from dateline.settings import Settings
from dateline.stages.events.triggers import Candidate
from dateline.stages.nlp import load_model

pytestmark = pytest.mark.model


def candidates(text: str) -> list[Candidate]:
    parsed = load_model(Settings().model, COMPONENTS)(text)
    return [c for s in parsed.sents for c in candidates_of(s)]


def test_trigger_kinds_parse_kind_reads_dashes_as_none() -> None:
    assert parse_kind("ASSAULT|-|protest") == ("ASSAULT", None, "protest")
    assert parse_kind("COERCE|arrest|-") == ("COERCE", "arrest", None)


def test_trigger_kinds_features_read_the_sentence_neighbours_and_sector() -> None:
    found = candidates("Rebels attacked the convoy with grenades.")
    features = kind_features(found[0], found)
    assert "kind=ASSAULT|grenade|-" in features
    assert {"word=convoy", "word=rebels", "sector=nonstate"} <= set(features)
    assert any(f.startswith("with=ASSAULT") for f in features)


def test_trigger_kinds_label_keeps_a_kind_that_maps_already() -> None:
    attack = candidates("Rebels attacked the convoy with grenades.")[0]
    assert label_for(attack, "GRENADE", sector_of(attack.token)) == kind_of(attack)


def test_trigger_kinds_label_names_the_mode_the_subtype_needs() -> None:
    [attack] = candidates("Rebels attacked the village.")
    assert label_for(attack, "AIR_STRIKE", "nonstate") == "ASSAULT|aerial|-"


def test_trigger_kinds_label_crosses_types_with_a_context() -> None:
    dispersed = candidates("Police dispersed the protesters with tear gas.")[0]
    assert dispersed.type == "COERCE"
    assert label_for(dispersed, "FORCE_AGAINST_PROTEST", "state") == "ASSAULT|-|protest"
    assert label_for(dispersed, "NO_SUCH_SUBTYPE", "state") is None


def test_trigger_kinds_retyped_is_a_new_candidate() -> None:
    [attack] = candidates("Rebels attacked the village.")
    aerial = retyped(attack, "ASSAULT|aerial|military")
    assert (aerial.type, aerial.mode, "military" in aerial.contexts) == ("ASSAULT", "aerial", True)
    assert (attack.mode, "military" in attack.contexts) == (None, False)
    assert aerial.token is attack.token


def test_trigger_kinds_threshold_decides_who_is_retyped() -> None:
    found = candidates("Police dispersed the protesters with tear gas. Rebels attacked a base.")
    assert [kind_of(c) for c in decide_kinds(found, threshold=1.01)] == \
        [kind_of(c) for c in found]
    decided = decide_kinds(found, threshold=0.0)
    for before, after in zip(found, decided, strict=True):
        probabilities = kind_probabilities(before, found)
        best = max(probabilities, key=lambda k: (probabilities[k], k))
        assert parse_kind(best)[:2] == (after.type, after.mode)
