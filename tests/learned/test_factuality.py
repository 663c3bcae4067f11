"""The trained factuality model on sentences written for these tests (none from a gold set)."""

from __future__ import annotations

from typing import Any

import pytest

import dateline
from dateline.errors import InputError
from dateline.ingest.article import make_article
from dateline.learned import factuality as learned
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.events.factuality import CONFIDENCE

pytestmark = pytest.mark.model


def judged(text: str, word: str, **kwargs: Any) -> learned.Judgment:
    start = text.index(word)
    return dateline.factuality(text, [(start, start + len(word))], **kwargs)[0]


def test_factuality_denied_complement_is_denied() -> None:
    assert judged("The minister denied that troops were sent.", "sent").factuality == "denied"


def test_factuality_condition_is_hypothetical() -> None:
    assert judged("If the talks fail, the union will strike.", "fail").factuality == "hypothetical"


def test_factuality_will_next_year_is_future() -> None:
    assert judged("The bridge will be rebuilt next year.", "rebuilt").factuality == "future"


def test_factuality_plan_puts_its_complement_ahead() -> None:
    assert judged("The company plans to build a new factory.", "build").factuality == "future"


def test_factuality_negation_is_negated() -> None:
    assert judged("Police did not arrest the driver.", "arrest").factuality == "negated"


def test_factuality_plain_past_is_asserted_with_high_confidence() -> None:
    result = judged("Police arrested two men in the square on Sunday.", "arrested")
    assert result.factuality == "asserted"
    assert result.confidence > 0.8
    assert (result.start, result.end, result.text) == (7, 15, "arrested")


def test_factuality_year_after_publication_is_future() -> None:
    text = "The stadium opens in 2031."
    assert judged(text, "opens", published="2026-03-20").factuality == "future"
    assert judged(text, "opens").factuality == "asserted"


def test_factuality_switch_off_gives_the_rules() -> None:
    text = "The campaign was meant to suppress the opposition."
    rules = judged(text, "suppress", settings=Settings(learned_factuality=False))
    assert (rules.factuality, rules.confidence) == ("asserted", CONFIDENCE["asserted"])
    # A purpose is no fact: the model reads what the rules miss.
    assert judged(text, "suppress").factuality in ("future", "hypothetical")


def test_factuality_expected_event_is_hypothetical() -> None:
    assert judged("Prices are expected to rise next month.", "rise").factuality == "hypothetical"
    assert judged("The device appears to be running an old system.",
                  "running").factuality == "hypothetical"
    assert judged("The bridge will be rebuilt next year.", "rebuilt").factuality == "future"


def test_factuality_rules_modal_stands() -> None:
    assert judged("The army could attack the town.", "attack").factuality == "hypothetical"


def test_factuality_span_outside_the_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="Give spans inside the text"):
        dateline.factuality("Short.", [(40, 45)])


def test_factuality_events_stage_follows_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = learned.judge

    def spy(token: Any, rule: Any, domain: str = "news", hedges: bool = True) -> Any:
        calls.append(token.text)
        return real(token, rule, domain, hedges)

    monkeypatch.setattr(learned, "judge", spy)
    stages = ("nlp", "entities", "times", "places", "quotes", "claims", "events")
    text = "Rebels attacked the town on Monday."
    for on in (False, True):
        pipeline = Pipeline.from_settings(Settings(stages=stages, learned_factuality=on))
        doc = pipeline(make_article(text, published="2026-03-20", check_language=False))
        assert [e.trigger.text for e in doc.events if e.trigger] == ["attacked"]
        assert doc.events[0].factuality == "asserted"
        assert ("attacked" in calls) is on


def test_factuality_negated_object_event_of_a_past_verb_is_asserted() -> None:
    # "did not survive" is a past verb: the assault it names happened.
    assert judged("The guard did not survive the assault.", "assault").factuality == "asserted"


def test_factuality_features_read_do_support_as_tense() -> None:
    from dateline.learned.features import tense_tag
    from dateline.stages.nlp import load_model

    nlp = load_model(Settings().model, learned.COMPONENTS)
    past = nlp("The guard did not survive the assault.")
    present = nlp("The old pump does not work.")
    assert tense_tag(past[4]) == "VBD" and past[4].tag_ == "VB"
    assert tense_tag(present[5]) == "VBZ"
    assert tense_tag(nlp("They will stay.")[2]) == "VB"


def test_factuality_web_text_keeps_negation_and_news_keeps_hypothetical() -> None:
    from dateline.stages.events.factuality import factuality as rules
    from dateline.stages.nlp import load_model

    nlp = load_model(Settings().model, learned.COMPONENTS)
    negated = nlp("The army did not attack the village.")[4]
    able = nlp("We were able to fix the leak ourselves.")[4]
    assert (negated.text, able.text) == ("attack", "fix")
    assert learned.judge(negated, rules(negated, None, None, False), "web")[0] == "negated"
    assert learned.judge(able, "hypothetical", "news") == ("hypothetical",
                                                          CONFIDENCE["hypothetical"])


def test_factuality_intention_in_news_is_future() -> None:
    # What someone wants or agrees to do lies ahead, as MEANTIME marks it; danger, risk and
    # ability are no intention and keep the rules' hypothetical.
    assert judged("The company wants to build a new factory.", "build").factuality == "future"
    assert judged("The unions signed an agreement to end the strike.",
                  "end").factuality == "future"
    assert judged("The militia threatened to attack the town.",
                  "attack").factuality == "hypothetical"
    assert judged("The farm was at risk of invasion.", "invasion").factuality == "hypothetical"
    assert judged("He was able to fix the leak.", "fix").factuality == "hypothetical"


def test_factuality_future_the_grammar_reads_stays_future() -> None:
    result = judged("The company said the planes would meet the extra demand.", "meet")
    assert result.factuality == "future"
    assert 0.5 < result.confidence <= 1.0


def test_factuality_scorer_reads_split_weights_and_the_pipeline_the_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Shipped weights say nothing happened; the split weights (the scorer's) say all did.
    from dateline.learned.model import SPLIT, LinearModel

    def fake(name: str, variant: str | None = None) -> LinearModel:
        if name == learned.KIND_MODEL:
            return LinearModel(("future", "negated"), (-5.0,), {})
        return LinearModel(("happened", "not_happened"), (-5.0 if variant == SPLIT else 5.0,), {})

    monkeypatch.setattr(learned, "load_model", fake)
    text = "The army attacked the village."
    assert judged(text, "attacked").factuality == "future"
    from dateline.stages.nlp import load_model as load_spacy

    token = load_spacy(Settings().model, learned.COMPONENTS)(text)[2]
    assert learned.judge(token, "asserted", variant=SPLIT)[0] == "asserted"
    assert learned.judge(token, "asserted")[0] == "future"


def test_factuality_ships_split_weights_beside_the_whole_ones() -> None:
    from dateline.learned.model import SPLIT, read_model_file

    for name in (learned.HAPPENED_MODEL, learned.KIND_MODEL):
        split = read_model_file(name, SPLIT)["trained"]
        whole = read_model_file(name)["trained"]
        assert (split["part"], whole["part"]) == ("training parts", "every development predicate")
        assert whole["examples"] > split["examples"]
