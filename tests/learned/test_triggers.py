"""The trained trigger filter on sentences written for these tests (none from a gold set)."""

from __future__ import annotations

import pytest

from dateline.eval.triggers import COMPONENTS, candidates_of, triggers
from dateline.ingest.article import make_article
from dateline.learned.triggers import THRESHOLD, event_probability, trigger_features
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.nlp import load_model

pytestmark = pytest.mark.model


def trigger_words(text: str, learned: bool) -> list[str]:
    parsed = load_model(Settings().model, COMPONENTS)(text)
    return [text[a:b] for s in parsed.sents for a, b in triggers(s, learned)]


def scored(text: str) -> dict[str, float]:
    parsed = load_model(Settings().model, COMPONENTS)(text)
    return {c.token.text: event_probability(c) for s in parsed.sents for c in candidates_of(s)}


def test_triggers_features_name_the_object_and_its_class() -> None:
    parsed = load_model(Settings().model, COMPONENTS)("The rebels attacked the convoy.")
    [candidate] = [c for s in parsed.sents for c in candidates_of(s)]
    features = trigger_features(candidate)
    assert "lemma=attack" in features and "type=ASSAULT" in features
    assert "obj=convoy" in features and "subj=rebel" in features


def test_triggers_an_attack_on_a_convoy_is_an_event() -> None:
    assert scored("Rebels attacked the convoy on Monday.")["attacked"] >= THRESHOLD


def test_triggers_a_loan_is_no_event_of_aid_here() -> None:
    assert scored("The bank approved a loan to the government.")["loan"] < THRESHOLD


@pytest.mark.parametrize("learned", [False, True])
def test_triggers_light_verb_gives_way_to_the_noun(learned: bool) -> None:
    assert trigger_words("The group claimed responsibility for the attack.", learned) == ["attack"]
    assert trigger_words("US forces carried out airstrikes on Raqqa.", learned) == ["airstrikes"]


def test_triggers_setting_reaches_the_events_stage() -> None:
    article = make_article("The World Bank approved a loan to the government of Kenya.",
                           published="2026-03-20")
    stages = ("nlp", "entities", "times", "places", "quotes", "claims", "events")
    words = {}
    for on in (False, True):
        pipeline = Pipeline.from_settings(Settings(stages=stages, learned_triggers=on))
        words[on] = [e.trigger.text for e in pipeline(article).events if e.trigger]
    assert words == {False: ["loan"], True: []}


def test_triggers_setting_changes_the_fingerprint() -> None:
    assert Settings().fingerprint() != Settings(learned_triggers=True).fingerprint()
