"""The two-stage casualty chooser's cross-validation: stage 2 reads each candidate beside the
article's others and is scored on the same left-out articles as the trees alone (a toy set
written for this test)."""

from __future__ import annotations

import pytest
from tests.train.test_casualties_cv import figure

from dateline.train.casualties import Figure
from dateline.train.casualties_stack import PLAIN, cross_validate, stage_two_features


def test_casualties_stack_features_place_a_candidate_among_the_others() -> None:
    rows = stage_two_features("killed", [1, 3, 0], [0.2, 0.6, 0.2],
                              [("killed:rule_choice",), ("killed:largest",), ()])
    score, _, rank, to_best, to_next, share, count, killed, value = rows[1][:9]
    assert (score, rank, count, killed, value) == (0.6, 0.0, 3.0, 1.0, 3.0)
    assert to_best == pytest.approx(0.4) and to_next == pytest.approx(0.4)
    assert share == pytest.approx(0.6)
    # The two tied candidates are both second, 0.4 behind the best, with nothing below them.
    assert rows[0][2:5] == rows[2][2:5] == pytest.approx([1.0, -0.4, 0.2])
    plain = dict(zip(PLAIN, rows[0][9:], strict=True))
    assert plain["rule_choice"] == 1.0 and plain["largest"] == 0.0
    assert dict(zip(PLAIN, rows[1][9:], strict=True))["largest"] == 1.0


def test_casualties_stack_scores_both_choosers_on_the_left_out_folds() -> None:
    figures = [figure(i, kind) for i in range(120) for kind in ("killed", "injured")]
    later = [Figure(f"later-{i}", "killed", 9, True, figure(i, "killed").options)
             for i in range(10)]
    scores = cross_validate(figures + later, seed=0, min_count=1, max_iter=10)
    assert set(scores) == {"trees", "logistic", "small_trees"}
    # A gold figure among no candidate is wrong for every chooser.
    assert scores["trees"] == {"killed": round(120 / 130, 4), "injured": 1.0}
    # Stage 2 learns that the trees' best candidate is the gold one here.
    assert scores["logistic"] == scores["small_trees"] == scores["trees"]
