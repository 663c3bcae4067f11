"""Cross-validation of the casualty chooser keeps each incident in one fold and scores the
stated figures of the folds it did not fit (a toy set written for this test)."""

from __future__ import annotations

from dateline.learned.casualties import Candidate
from dateline.train.casualties import Figure
from dateline.train.casualties_cv import cross_validate, fold_of, summarise


def test_casualties_cv_keeps_an_incident_in_one_fold_per_seed() -> None:
    incidents = [f"incident-{i}" for i in range(200)]
    assert {fold_of(i, 0) for i in incidents} == {0, 1, 2, 3, 4}
    assert [fold_of(i, 0) for i in incidents] == [fold_of(i, 0) for i in incidents]
    assert [fold_of(i, 0) for i in incidents] != [fold_of(i, 1) for i in incidents]


def figure(i: int, kind: str, stated: bool = True) -> Figure:
    # The gold value is the one written in the lead; another value is told late.
    gold, other = (2, 7) if i % 2 else (5, 1)
    return Figure(f"incident-{i // 2}", kind, gold, stated,
                  (Candidate(other, (f"{kind}:late", f"{kind}:v{i % 3}")),
                   Candidate(gold, (f"{kind}:lead", f"{kind}:v{i % 5}"))))


def test_casualties_cv_scores_the_stated_figures_of_the_left_out_folds() -> None:
    figures = [figure(i, kind) for i in range(120) for kind in ("killed", "injured")]
    figures.append(figure(999, "killed", stated=False))
    scores = cross_validate(figures, seed=0, min_count=1, max_iter=10)
    assert scores == {"killed": 1.0, "injured": 1.0}
    # Every stated figure is scored once, in its incident's fold: ten whose gold figure is
    # among no candidate (a later tally) are ten more wrong answers.
    later = [Figure(f"later-{i}", "killed", 9, True, figure(i, "killed").options)
             for i in range(10)]
    scores = cross_validate(figures + later, seed=0, min_count=1, max_iter=10)
    assert scores == {"killed": round(120 / 130, 4), "injured": 1.0}


def test_casualties_cv_summary_gives_the_mean_and_spread_over_seeds() -> None:
    summary = summarise([{"killed": 0.8, "injured": 0.6}, {"killed": 0.9, "injured": 0.7}])
    assert summary == {"killed": 0.85, "killed_sd": 0.05, "injured": 0.65,
                       "injured_sd": 0.05, "mean": 0.75}
