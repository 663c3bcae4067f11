"""Stage options converted and checked from the dataclass annotations (options.py)."""

from dataclasses import dataclass
from typing import Literal

import pytest

from dateline.errors import ConfigError
from dateline.options import convert_options, describe, option_types
from dateline.pipeline import Pipeline, build_stage
from dateline.registry import StageInfo, get_stage
from dateline.settings import Settings


@dataclass(frozen=True)
class Sample:
    words: frozenset[str] = frozenset()
    labels: tuple[str, ...] = ()
    pair: tuple[int, float] = (0, 0.0)
    keep: bool = True
    limit: int = 3
    share: float = 0.5
    name: str = ""
    mode: Literal["fast", "careful"] = "fast"
    maybe: int | None = None


@pytest.mark.parametrize(("key", "given", "expected"), [
    ("words", ["said", "told"], frozenset({"said", "told"})),
    ("words", ("said",), frozenset({"said"})),
    ("labels", ["PERSON", "ORG"], ("PERSON", "ORG")),
    ("pair", [2, 3], (2, 3.0)),
    ("keep", False, False),
    ("limit", 7, 7),
    ("share", 1, 1.0),
    ("name", "x", "x"),
    ("mode", "careful", "careful"),
    ("maybe", None, None),
    ("maybe", 4, 4),
])
def test_options_convert_to_the_annotated_type(key, given, expected):
    converted = convert_options("sample", Sample, {key: given})[key]
    assert converted == expected and type(converted) is type(expected)


@pytest.mark.parametrize(("key", "given", "allowed"), [
    ("words", "said", "a list of strings"),
    ("words", ["said", 3], "a list of strings"),
    ("labels", {"PERSON": 1}, "a list of strings"),
    ("pair", [1, 2, 3], "a list of 2: a whole number, a number"),
    ("keep", "yes", "true or false"),
    ("keep", 1, "true or false"),
    ("limit", True, "a whole number"),
    ("limit", 2.5, "a whole number"),
    ("share", "half", "a number"),
    ("name", 3, "a string"),
    ("mode", "slow", "one of 'fast', 'careful'"),
    ("maybe", "4", "a whole number or none"),
])
def test_options_misfit_names_the_option_and_what_is_allowed(key, given, allowed):
    with pytest.raises(ConfigError) as caught:
        convert_options("sample", Sample, {key: given})
    message = str(caught.value)
    assert message.startswith(f"Option {key!r} of stage 'sample' must be {allowed}, not {given!r}.")
    assert f"[stages.sample] {key}" in message


def test_options_frozenset_field_never_receives_a_tuple_from_settings():
    settings = Settings(stages=("nlp", "entities"),
                        stage_options={"entities": {"labels": ["PERSON", "ORG"]}})
    built = dict(Pipeline.from_settings(settings).stages)
    assert built["entities"].labels == frozenset({"PERSON", "ORG"})
    assert isinstance(built["entities"].labels, frozenset)
    assert isinstance(built["nlp"].components, tuple)


def test_options_settings_misfit_is_a_config_error_before_any_article():
    settings = Settings(stages=("nlp", "entities"),
                        stage_options={"entities": {"link_pronouns": "no"}})
    with pytest.raises(ConfigError, match="Option 'link_pronouns' of stage 'entities' must be true "
                                          "or false, not 'no'"):
        Pipeline.from_settings(settings)


def test_options_types_of_builtin_stages_are_all_described():
    for name in ("nlp", "entities", "times", "places", "quotes", "claims", "events", "incidents"):
        for hint in option_types(get_stage(name).factory).values():
            assert describe(hint) in {"a string", "a list of strings", "a whole number",
                                      "true or false", "a number"}


def test_options_plain_class_stage_is_checked_from_its_init():
    class Plain:
        def __init__(self, size: int = 1) -> None:
            self.size = size

    assert option_types(Plain) == {"size": int}
    with pytest.raises(ConfigError, match="'size' of stage 'plain' must be a whole number"):
        convert_options("plain", Plain, {"size": "big"})
    assert build_stage(StageInfo("plain", Plain, (), (), ()), {"size": 2}).size == 2
