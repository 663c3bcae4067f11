"""The casualty chooser's candidates and its choice, on figure groups built by hand."""

from __future__ import annotations

from decimal import Decimal

from dateline.eval.casualties import FigureGroup
from dateline.learned.casualties import candidates, choose
from dateline.records import Claim


def group(kind: str, sentence: int, total: int, qualifier: str | None = None) -> FigureGroup:
    claim = Claim(0, 1, str(total), value=Decimal(total), predicate=kind, qualifier=qualifier)
    return FigureGroup(kind, sentence, Decimal(total), claims=[claim])


GROUPS = [group("killed", 1, 2), group("shot", 1, 5), group("killed", 6, 40, "at least")]


def test_casualties_candidates_are_distinct_values_and_zero() -> None:
    killed = candidates(GROUPS, "killed", rule=2, killed=2, title="Two killed in shooting")
    assert [c.value for c in killed] == [0, 2, 40]
    first, late = killed[1].features, killed[2].features
    assert "killed:rule_choice" in first and "killed:in_title" in first
    assert "killed:largest" in late and "killed:hedged" in late
    assert "killed:qualifier=at least" in late
    assert "killed:rule_choice" not in late


def test_casualties_injured_counts_the_shot_who_lived() -> None:
    injured = candidates(GROUPS, "injured", rule=3, killed=2, title=None)
    assert [c.value for c in injured] == [0, 3]
    assert "injured:from_shot" in injured[1].features


def test_casualties_model_prefers_the_lead_figure_over_a_late_one() -> None:
    killed = candidates(GROUPS, "killed", rule=2, killed=2, title=None)
    assert choose(killed) == 2
    assert choose(candidates([], "killed", rule=0, killed=0, title=None)) == 0
