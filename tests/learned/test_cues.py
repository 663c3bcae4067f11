"""The cue classifier on sentences written for these tests (none from a gold set)."""

from __future__ import annotations

import pytest

from dateline.ingest.article import make_article
from dateline.learned.cues import candidates, cue_features, cue_probability
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.nlp import load_model
from dateline.stages.quotes.cues import threshold

pytestmark = pytest.mark.model

COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
STAGES = ("nlp", "entities", "quotes")


def found(text: str) -> dict[str, tuple[str, str, str]]:
    """Return each candidate's predicate with its subject, complement type and content."""
    parse = load_model(Settings().model, COMPONENTS)(text)
    out = {}
    for candidate in candidates(parse):
        words = sorted(candidate.content)
        out[parse[candidate.predicate].text] = (
            parse[candidate.subject].text, candidate.complement,
            parse[words[0]:words[-1] + 1].text)
    return out


def test_cues_candidate_takes_subject_and_object() -> None:
    assert found("Senator Warren endorsed the plan to raise the minimum wage.")["endorsed"] == (
        "Warren", "dobj", "the plan to raise the minimum wage")


def test_cues_candidate_reads_a_preposition_after_an_adjective() -> None:
    subject, kind, content = found("The governor was critical of the new trade deal.")["critical"]
    assert (subject, kind, content) == ("governor", "prep_of", "the new trade deal")


def test_cues_candidate_leaves_out_the_subordinator() -> None:
    assert found("The mayor insisted that the budget would balance next year.")["insisted"] == (
        "mayor", "ccomp", "the budget would balance next year")


def test_cues_no_candidate_without_a_complement() -> None:
    assert found("The senator slept through the afternoon.") == {}


def test_cues_features_name_the_lemma_and_the_complement() -> None:
    parse = load_model(Settings().model, COMPONENTS)(
        "Senator Bernie Sanders is calling for a higher tax on banks.")
    [candidate] = [c for c in candidates(parse) if parse[c.predicate].text == "calling"]
    features = cue_features(parse, candidate)
    assert "lemma=call" in features and "comp=prep_for" in features
    assert "subj_ent=PERSON" in features and "aux=is" in features


def test_cues_stance_is_likelier_a_cue_than_an_action() -> None:
    parse = load_model(Settings().model, COMPONENTS)(
        "Senator Smith has endorsed the proposal to expand health coverage. "
        "Senator Smith has repaired the roof of his barn in Vermont.")
    scores = {parse[c.predicate].text: cue_probability(parse, c) for c in candidates(parse)}
    assert scores["endorsed"] >= threshold() > scores["repaired"]


def test_cues_setting_adds_a_stance_quote() -> None:
    article = make_article("WASHINGTON — Senator Maria Lopez has endorsed the proposal to expand "
                           "health coverage for rural families.", published="2026-03-20")
    quotes = {}
    for on in (False, True):
        # The tagger off, so that what changes is the classifier's alone.
        pipeline = Pipeline.from_settings(Settings(stages=STAGES, learned_attribution=False,
                                                   learned_cues=on))
        quotes[on] = [(q.kind, " ".join(c.text for c in q.contents),
                       q.speaker.text if q.speaker else None)
                      for q in pipeline(article).quotes]
    assert quotes[False] == []
    [(kind, text, speaker)] = quotes[True]
    assert kind == "indirect" and text == "the proposal to expand health coverage for rural families"
    assert speaker is not None and "Lopez" in speaker


def test_cues_setting_changes_the_fingerprint() -> None:
    assert Settings().fingerprint() != Settings(learned_cues=False).fingerprint()
