"""The cue classifier's threshold choice: F1 of the quotes the uncovered candidates add."""

from __future__ import annotations

import pytest

from dateline.train.cues import ArticleCounts, Row, added_f1


def row(gold: int, covered: bool = False, article: str = "a") -> Row:
    return Row(article, ("lemma=endorse",), "cue" if gold >= 0 else "none", covered, gold)


COUNTS = {"a": ArticleCounts(gold=4, found=frozenset({0}), predicted=2)}


def test_cues_pipeline_alone_is_the_threshold_above_every_score() -> None:
    # 1 hit of 2 predicted, 4 gold: precision 0.5, recall 0.25.
    assert added_f1([row(1)], [0.9], COUNTS, 2.0) == pytest.approx(1 / 3)


def test_cues_a_new_gold_attribution_is_a_hit_once() -> None:
    # Two candidates for gold 1 count one hit: 2 of 3 predicted, 2 of 4 gold.
    assert added_f1([row(1), row(1)], [0.9, 0.8], COUNTS, 0.5) == pytest.approx(4 / 7)


def test_cues_covered_or_found_candidates_add_nothing_and_misses_cost() -> None:
    unchanged = added_f1([row(2, covered=True), row(0)], [0.9, 0.9], COUNTS, 0.5)
    assert unchanged == pytest.approx(1 / 3)
    # A candidate matching no gold attribution is one more quote predicted: 1 of 3.
    assert added_f1([row(-1)], [0.9], COUNTS, 0.5) == pytest.approx(2 / 7)
