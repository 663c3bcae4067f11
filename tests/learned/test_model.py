"""The shipped coefficient files load once and score feature sets as a logistic regression."""

from __future__ import annotations

import math

import pytest

from dateline.errors import ConfigError
from dateline.learned.model import SPLIT, load_model, model_file, model_from_dict, read_model_file


def test_model_binary_is_a_sigmoid_of_summed_weights() -> None:
    model = model_from_dict({"classes": ["happened", "not_happened"], "intercept": [-1.0],
                             "weights": {"neg": [3.0], "aux=will": [0.5]}})
    probs = model.probabilities(["neg", "aux=will", "unseen"])
    assert probs["not_happened"] == pytest.approx(1 / (1 + math.exp(-2.5)))
    assert probs["happened"] == pytest.approx(1 - probs["not_happened"])


def test_model_multiclass_is_a_softmax() -> None:
    model = model_from_dict({"classes": ["a", "b", "c"], "intercept": [0.0, 0.0, 0.0],
                             "weights": {"x": [2.0, 0.0, -2.0]}})
    probs = model.probabilities(["x", "x"])  # a feature counts once
    assert max(probs, key=lambda k: probs[k]) == "a"
    assert sum(probs.values()) == pytest.approx(1.0)
    assert probs["a"] == pytest.approx(math.exp(2) / (math.exp(2) + 1 + math.exp(-2)))


def test_model_rejects_a_malformed_file() -> None:
    with pytest.raises(ConfigError, match="number"):
        model_from_dict({"classes": ["a", "b"], "intercept": ["x"], "weights": {}})


def test_model_shipped_weights_load_once() -> None:
    first = load_model("factuality-happened")
    assert first is load_model("factuality-happened")
    assert set(first.classes) == {"happened", "not_happened"}
    assert set(load_model("factuality-kind").classes) == {"negated", "hypothetical", "future"}


def test_model_missing_file_says_how_to_build_it() -> None:
    with pytest.raises(ConfigError, match="make train"):
        load_model("no-such-model")


def test_model_variant_names_its_own_file() -> None:
    assert model_file("casualties") == "casualties.json"
    assert model_file("casualties", SPLIT) == "casualties.split.json"
    with pytest.raises(ConfigError, match=r"no-such-model\.split\.json"):
        load_model("no-such-model", SPLIT)


def test_model_casualties_ships_split_weights_beside_the_whole_ones() -> None:
    # The scorer measures held-out incidents with weights that never read them; the pipeline
    # loads the ones trained on every development incident (more rows, another file).
    split = read_model_file("casualties", SPLIT)["trained"]
    whole = read_model_file("casualties")["trained"]
    assert split["data"] == "gva (training incidents)"
    assert whole["data"] == "gva (every development incident)"
    assert whole["examples"] > split["examples"]
