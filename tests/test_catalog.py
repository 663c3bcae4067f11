"""`dateline stages`: each registered stage, what it requires and produces, its options."""

import json

from click.testing import CliRunner

from dateline.cli import cli
from dateline.registry import get_stage
from dateline.stages.quotes import Quotes


def test_catalog_json_lists_every_builtin_stage_with_its_contract():
    result = CliRunner().invoke(cli, ["stages", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = {e["name"]: e for e in json.loads(result.output)}
    for name in ("nlp", "entities", "times", "places", "quotes", "claims", "events", "incidents"):
        info = get_stage(name)
        assert entries[name]["requires"] == list(info.requires)
        assert entries[name]["produces"] == list(info.produces)
    quotes = {o["name"]: o for o in entries["quotes"]["options"]}
    assert quotes["cue_verbs"]["type"] == "a list of strings"
    assert quotes["cue_verbs"]["default"] == sorted(Quotes().cue_verbs)
    assert quotes["keep_unattributed"] == {"name": "keep_unattributed", "type": "true or false",
                                           "default": True}
    assert entries["events"]["factory"] == "dateline.stages.events:Events"


def test_catalog_text_shows_requirements_options_and_shortened_word_lists():
    result = CliRunner().invoke(cli, ["stages"])
    assert result.exit_code == 0, result.output
    block = result.output.split("\nquotes  (")[1].split("\n\n")[0]
    assert "requires: parse, entities\n  produces: quotes" in block
    assert "continue_speakers    true or false; default true" in block
    assert "learned_attribution  true or false; default true" in block
    assert f"cue_verbs            a list of strings; default {len(Quotes().cue_verbs)} items (" in block
    assert "nlp  (dateline.stages.nlp:Parse)\n" in result.output
    assert "requires: -\n  produces: parse, sentences" in result.output
