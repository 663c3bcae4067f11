"""Cross-validate a two-stage casualty chooser against the shipped one, in one run.

Stage 1 is the shipped trees' likelihood for each candidate figure. Stage 2 sees each
candidate beside the article's others: its stage-1 likelihood, its rank, its margin to the
best and to the next, its share of the article's total, how many candidates there are, and a
few of its plain features. Stage 2 must never learn from likelihoods of rows the trees were
fitted on, so inside each outer fold its rows are scored out of fold: with the training
incidents dealt into five folds, the trees fitted on all folds but an outer fold k and an
inner fold j score fold j for outer fold k (and fold k for outer fold j), ten fits a seed, and
the trees fitted on all folds but k score the left-out fold for both choosers, so the shipped
chooser and the two-stage one are compared on the same articles with the same trees.

    python -m dateline.train.casualties_stack --eval ../shared/eval --seeds 0 1 2 3
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dateline.settings import Settings
from dateline.train.casualties import TREES, Figure, rows_of, training_figures
from dateline.train.casualties_cv import FOLDS, fold_of, summarise
from dateline.train.linear import SEED
from dateline.train.trees import binary_matrix, fitted_trees

# Plain features of stage 1 that stage 2 also reads (after the kind's prefix).
PLAIN = ("rule_choice", "candidate", "largest", "sources=1", "sources=2", "sources=3",
         "sources=4", "is_sum_all", "kill_near_first", "hurt_near_first", "shot_near_first")


def stage_two_features(kind: str, values: Sequence[int], scores: Sequence[float],
                       features: Sequence[Sequence[str]]) -> list[list[float]]:
    """Return one numeric row per candidate of one figure: its stage-1 likelihood beside the
    article's other candidates' and a few of its plain features."""
    total = sum(scores) or 1.0
    ranked = sorted(scores, reverse=True)
    rows = []
    for i, (value, score, names) in enumerate(zip(values, scores, features, strict=True)):
        others = [s for j, s in enumerate(scores) if j != i] or [0.0]
        lower = [s for s in ranked if s < score]
        present = {n.split(":", 1)[1] for n in names}
        rows.append([
            score, math.log(max(score, 1e-6) / max(1 - score, 1e-6)),
            float(ranked.index(score)), score - max(others),
            score - (lower[0] if lower else 0.0), score / total, float(len(scores)),
            float(kind == "killed"), float(min(value, 50)),
            *(float(p in present) for p in PLAIN)])
    return rows


def _likelihoods(model: tuple[list[str], Any], figures: Sequence[Figure]) -> list[list[float]]:
    names, trees = model
    matrix = binary_matrix([o.features for f in figures for o in f.options], names)
    yes = trees.predict_proba(matrix)[:, list(trees.classes_).index("yes")] if len(matrix) else []
    out, start = [], 0
    for figure in figures:
        out.append([float(x) for x in yes[start:start + len(figure.options)]])
        start += len(figure.options)
    return out


def _stage_two_rows(figures: Sequence[Figure], scores: Sequence[Sequence[float]],
                    ) -> list[list[list[float]]]:
    return [stage_two_features(f.kind, [o.value for o in f.options], s,
                               [o.features for o in f.options])
            for f, s in zip(figures, scores, strict=True)]


def _learners() -> dict[str, Callable[[], Any]]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logistic": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0,
                                                                               max_iter=2000)),
        "small_trees": lambda: HistGradientBoostingClassifier(
            max_iter=100, learning_rate=0.05, max_leaf_nodes=8, min_samples_leaf=40,
            random_state=SEED)}


def cross_validate(figures: Sequence[Figure], *, seed: int, folds: int = FOLDS,
                   **params: Any) -> dict[str, dict[str, float]]:
    """Return, per chooser (trees alone, each stage 2), the share of the left-out folds'
    stated figures whose chosen candidate is the gold figure, killed and injured."""
    fold = [fold_of(f.incident, seed, folds) for f in figures]

    def fit_without(*left_out: int) -> tuple[list[str], Any]:
        return fitted_trees(*rows_of([f for f, k in zip(figures, fold, strict=True)
                                      if k not in left_out]), **params)

    def members(k: int) -> list[Figure]:
        return [f for f, j in zip(figures, fold, strict=True) if j == k]

    # Out-of-fold likelihoods: oof[k][j] scores fold j with trees that never saw k or j.
    oof: dict[int, dict[int, list[list[float]]]] = {k: {} for k in range(folds)}
    for k, j in itertools.combinations(range(folds), 2):
        model = fit_without(k, j)
        oof[k][j] = _likelihoods(model, members(j))
        oof[j][k] = _likelihoods(model, members(k))
    learners = _learners()
    right = {name: {"killed": 0, "injured": 0} for name in ("trees", *learners)}
    seen = {"killed": 0, "injured": 0}
    for k in range(folds):
        x: list[list[float]] = []
        y: list[int] = []
        for j in range(folds):
            if j == k:
                continue
            for figure, rows in zip(members(j), _stage_two_rows(members(j), oof[k][j]),
                                    strict=True):
                if figure.reachable:
                    x += rows
                    y += [int(o.value == figure.gold) for o in figure.options]
        fitted = {name: make().fit(x, y) for name, make in learners.items()}
        tests = [f for f in members(k) if f.stated]
        scores = _likelihoods(fit_without(k), tests)
        for figure, first, rows in zip(tests, scores, _stage_two_rows(tests, scores),
                                       strict=True):
            seen[figure.kind] += 1
            if not figure.options:
                continue
            picks = {"trees": first}
            picks.update({name: list(model.predict_proba(rows)[:, 1])
                          for name, model in fitted.items()})
            for name, s in picks.items():
                right[name][figure.kind] += figure.options[s.index(max(s))].value == figure.gold
    return {name: {kind: round(r[kind] / seen[kind], 4) if seen[kind] else 0.0 for kind in r}
            for name, r in right.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Cross-validate a two-stage casualty chooser "
                                                 "against the shipped trees.")
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"),
                        help="Gold folder holding gva/ (only its training incidents are read).")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3],
                        help="Seeds that deal the incidents into folds.")
    args = parser.parse_args()
    figures = training_figures(args.eval, Settings())
    runs = []
    for seed in args.seeds:
        runs.append(cross_validate(figures, seed=seed, **TREES))
        print(json.dumps({"seed": seed, **runs[-1]}), file=sys.stderr, flush=True)
    out = {name: {"seeds": [r[name] for r in runs], "summary": summarise([r[name] for r in runs])}
           for name in runs[0]}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
