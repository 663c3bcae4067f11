"""The casualty chooser's candidates and its choice, on figure groups built by hand."""

from __future__ import annotations

from decimal import Decimal

from dateline.eval.casualties import FigureGroup
from dateline.learned.casualties import MODEL, Candidate, candidates, choose
from dateline.learned.model import SPLIT
from dateline.learned.trees import load_trees
from dateline.records import Claim


def group(kind: str, sentence: int, total: int, qualifier: str | None = None) -> FigureGroup:
    claim = Claim(0, 1, str(total), value=Decimal(total), predicate=kind, qualifier=qualifier)
    return FigureGroup(kind, sentence, Decimal(total), claims=[claim])


TEXT = ("Two people were killed and five were shot Sunday. A 19-year-old was among them. "
        "At least 40 people have been killed in the city this year.")
STARTS = [0, TEXT.index("A 19"), TEXT.index("At least")]
GROUPS = [group("killed", 1, 2), group("shot", 1, 5), group("killed", 3, 40, "at least")]


def by_value(options: list[Candidate]) -> dict[int, tuple[str, ...]]:
    return {c.value: c.features for c in options}


def test_casualties_candidates_join_groups_and_written_counts() -> None:
    killed = by_value(candidates(GROUPS, "killed", 2, 2, "Two killed in shooting", TEXT, STARTS))
    assert set(killed) == {0, 1, 2, 5, 19, 40, 42}  # 42: the two groups' sum
    assert "killed:rule_choice" in killed[2] and "killed:t:form=word" in killed[2]
    assert "killed:w:kill_after=3" in killed[2] and "killed:candidate" in killed[2]
    assert "killed:w:hyphen=year" in killed[19] and "killed:candidate" not in killed[19]
    assert "killed:qualifier=at least" in killed[40] and "killed:hedged" in killed[40]
    assert "killed:is_sum_all" in killed[42]
    assert "killed:rule_choice" not in killed[40]


def test_casualties_candidates_compare_values_beside_the_same_word_of_harm() -> None:
    killed = by_value(candidates(GROUPS, "killed", 2, 2, None, TEXT, STARTS))
    # "Two people were killed and five were shot": both are within three words of "killed".
    assert "killed:kill_near_first" in killed[2] and "killed:kill_near_largest=False" in killed[2]
    assert "killed:kill_near_largest=True" in killed[5] and "killed:kill_near_values=2" in killed[5]
    assert "killed:kill_near_other&value=5" not in killed[19]
    assert "killed:kill_near_other&value=>5" in killed[19]
    # A figure group, a written count and the number of groups (two killed groups) give 2.
    assert "killed:sources=3" in killed[2]
    assert "killed:sources=1" in killed[42]  # only the sum


def test_casualties_injured_counts_the_shot_who_lived() -> None:
    injured = by_value(candidates(GROUPS, "injured", 3, 2, None, TEXT, STARTS))
    assert "injured:from_shot" in injured[3] and "injured:is_shot_sum_less_killed" in injured[3]


def test_casualties_model_prefers_the_lead_figure_over_a_late_one_or_an_age() -> None:
    killed = candidates(GROUPS, "killed", 2, 2, None, TEXT, STARTS)
    assert choose(killed) == 2
    assert choose(candidates([], "killed", 0, 0, None, "Nobody was hurt.", [0])) == 0


def test_casualties_split_weights_choose_as_the_shipped_ones_on_a_plain_lead() -> None:
    killed = candidates(GROUPS, "killed", 2, 2, None, TEXT, STARTS)
    assert choose(killed, SPLIT) == choose(killed) == 2
    assert load_trees(MODEL, SPLIT) is not load_trees(MODEL)
