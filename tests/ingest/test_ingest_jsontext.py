"""JSON input: depth bounded before parsing, and every bad document one clear FormatError."""

from __future__ import annotations

import json

import pytest

from dateline.errors import EncodingError, FormatError
from dateline.ingest.documents import read_document
from dateline.ingest.jsontext import json_depth, load_json

from .texts import FERRY


def test_jsontext_refuses_deep_nesting_before_the_parser_recurses():
    deep = '{"a": ' * 100_000 + "1" + "}" * 100_000
    with pytest.raises(FormatError, match=r"more than 100 deep; the limit is 100 \(setting "
                                          r"max_json_depth\)"):
        load_json(deep, "deep.json")
    with pytest.raises(FormatError, match="more than 3 deep"):
        load_json("[[[[1]]]]", "x", max_depth=3)
    assert load_json("[[[1]]]", "x", max_depth=3) == [[[1]]]


def test_jsontext_depth_ignores_brackets_inside_strings():
    assert json_depth('{"text": "[[[[{{{{ \\" [[[["}') == 1
    assert json_depth('[[1], {"a": [2]}]') == 3
    assert json_depth("[[[", limit=5) == 3  # few brackets: counted, not scanned
    assert json_depth("[" * 1000 + "]" * 1000, limit=10) == 11  # stops once past the limit


def test_jsontext_long_integer_and_invalid_json_are_format_errors():
    with pytest.raises(FormatError, match="a number of more than 4,300 digits"):
        load_json('{"published": ' + "9" * 5000 + "}", "big.json")
    with pytest.raises(FormatError, match="is not valid JSON: Expecting value at line 1"):
        load_json('{"text": }', "bad.json")


@pytest.mark.parametrize(("data", "message"), [
    ("[]", "is an empty JSON array: no article in it"),
    ("[1]", "is a JSON array with no article object in it"),
    ("[[[]]]", "is a JSON array with no article object in it"),
    (json.dumps([{"text": FERRY}, {"text": FERRY}]), "is a JSON array of 2 items; this reads "
                                                      "one article"),
    ("[" * 5000 + "]" * 5000, "more than 100 deep"),
    ('{"text": ' + "1" * 5000 + "}", "more than 4,300 digits"),
    ('{"text": 5}', "has no article text"),
    ("{}", "has no article text"),
])
def test_documents_bad_json_documents_get_one_clear_error(data, message):
    with pytest.raises(FormatError, match=message):
        read_document(data.encode(), name="story.json")


def test_documents_a_json_array_of_one_article_is_that_article():
    article = read_document(json.dumps([{"text": FERRY, "title": "Aground"}]).encode())
    assert (article.text, article.title) == (FERRY, "Aground")


@pytest.mark.parametrize("field", ["text", "title", "source", "author", "url"])
def test_documents_a_lone_surrogate_escape_is_refused_by_name(field):
    record = {"text": FERRY, field: "NATO said \\udfff on Friday"}
    data = json.dumps(record).replace("\\\\udfff", "\\udfff")
    with pytest.raises(EncodingError, match=rf"the {field} holds '\\udfff' at character 10, "
                                            "half of a UTF-16 surrogate pair"):
        read_document(data.encode(), name="story.json")
