"""The JSON output contract: docs/schema.json validates real output, and every span is grounded."""

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from dateline import extract
from dateline.records import Article, Claim, Doc
from dateline.serialize import doc_to_dict, to_jsonable

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "schema.json").read_text())
TEXT = ("NAIROBI, Kenya (AP) — Police said on Monday that at least 12 people were killed and "
        "about 40 injured when gunmen attacked a market in Mandera. Kenyan President William "
        "Ruto condemned the attack. “We will find them,” he told reporters in Nairobi.")


def spans_in(value, path="$"):
    """Yield (path, item) for every object that carries start, end and text."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= set(value):
            yield path, value
        for key, item in value.items():
            if key != "article" or path != "$":
                yield from spans_in(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from spans_in(item, f"{path}[{i}]")


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.model
def test_schema_validates_real_output_and_every_span_is_grounded():
    out = extract(TEXT, published="2026-03-16", source="Test").to_dict()
    jsonschema.validate(out, SCHEMA)
    text = out["article"]["text"]
    grounded = list(spans_in({k: v for k, v in out.items() if k != "article"}))
    assert len(grounded) > 10
    for path, item in grounded:
        assert text[item["start"]:item["end"]] == item["text"], path
    assert out["article"]["dateline"]["agency"] == "AP"


def test_serialize_writes_decimals_as_json_numbers_and_nulls_for_absent_values():
    article = Article(id="x", text="about 1,300 people")
    claim = Claim(0, 18, "about 1,300 people", value=Decimal("1300"), low=Decimal("1.5"))
    out = doc_to_dict(Doc(article=article, claims=(claim,)))
    dumped = json.loads(json.dumps(out))
    assert dumped["claims"][0]["value"] == 1300 and dumped["claims"][0]["low"] == 1.5
    assert dumped["claims"][0]["high"] is None and dumped["claims"][0]["source"] is None
    assert "parse" not in dumped
    assert to_jsonable(Decimal("2.50")) == 2.5
