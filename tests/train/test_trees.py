"""Boosted trees export as JSON nodes that score like the fitted model (on a toy set)."""

from __future__ import annotations

import pytest

from dateline.errors import ConfigError
from dateline.learned.trees import trees_from_dict
from dateline.train.trees import fit_trees

# A toy set written for this test: "yes" needs both cues together, which no sum of single
# weights says as well as a tree.
TOY_ROWS = ([["lead", "near_kill"]] * 30 + [["lead"]] * 30 + [["near_kill"]] * 30
            + [["late"]] * 30)
TOY_LABELS = ["yes"] * 30 + ["no"] * 90


def test_trees_export_learns_a_conjunction() -> None:
    model = trees_from_dict(fit_trees(TOY_ROWS, TOY_LABELS, min_count=1, max_iter=20))
    assert model.classes == ("no", "yes")
    assert model.probabilities(["lead", "near_kill"])["yes"] > 0.9
    for row in (["lead"], ["near_kill"], ["late"], []):
        assert model.probabilities(row)["yes"] < 0.1


def test_trees_export_is_the_same_every_run() -> None:
    first = fit_trees(TOY_ROWS, TOY_LABELS, min_count=1, max_iter=20)
    assert first == fit_trees(TOY_ROWS, TOY_LABELS, min_count=1, max_iter=20)


def test_trees_reject_a_file_of_another_kind() -> None:
    with pytest.raises(ConfigError, match="kind"):
        trees_from_dict({"classes": ["no", "yes"], "intercept": [0.0], "weights": {}})
