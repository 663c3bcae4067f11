"""Cross-validate the casualty chooser over whole incidents of the training part.

Every choice of the chooser's features and settings is made here, never on the held-out
incidents: the training incidents are dealt into folds by a digest of the seed and the
incident (no incident split between folds), the trees are fitted on all folds but one, and on
the left-out fold's articles that state the gold figure the likeliest candidate is scored
right or wrong. Several seeds deal the folds differently, which shows how much of a difference
is noise.

    python -m dateline.train.casualties_cv --eval ../shared/eval --seeds 0 1 2
"""

from __future__ import annotations

import argparse
import json
import statistics
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dateline.settings import Settings
from dateline.train.casualties import TREES, Figure, rows_of, training_figures
from dateline.train.trees import binary_matrix, fitted_trees

FOLDS = 5


def fold_of(incident: str, seed: int, folds: int = FOLDS) -> int:
    """Return the fold an incident falls in for one seed (the same every run)."""
    return zlib.crc32(f"{seed}:{incident}".encode()) % folds


def cross_validate(figures: Sequence[Figure], *, seed: int, folds: int = FOLDS,
                   **params: Any) -> dict[str, float]:
    """Return, per kind (killed, injured), the share of stated figures of the left-out folds
    whose likeliest candidate is the gold figure, with trees fitted by ``params``."""
    right = {"killed": 0, "injured": 0}
    seen = {"killed": 0, "injured": 0}
    for fold in range(folds):
        rows, labels = rows_of([f for f in figures if fold_of(f.incident, seed, folds) != fold])
        names, model = fitted_trees(rows, labels, **params)
        tests = [f for f in figures if f.stated and fold_of(f.incident, seed, folds) == fold]
        matrix = binary_matrix([o.features for f in tests for o in f.options], names)
        likely = model.predict_proba(matrix)[:, list(model.classes_).index("yes")]
        start = 0
        for figure in tests:
            scores = list(likely[start:start + len(figure.options)])
            start += len(figure.options)
            if scores:
                chosen = figure.options[scores.index(max(scores))].value
                right[figure.kind] += chosen == figure.gold
            seen[figure.kind] += 1
    return {kind: round(right[kind] / seen[kind], 4) if seen[kind] else 0.0 for kind in right}


def summarise(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    """Return the mean and spread over seeds of each kind's figure and of their mean."""
    out: dict[str, float] = {}
    for kind in ("killed", "injured"):
        values = [r[kind] for r in runs]
        out[kind] = round(statistics.mean(values), 4)
        out[f"{kind}_sd"] = round(statistics.pstdev(values), 4)
    out["mean"] = round((out["killed"] + out["injured"]) / 2, 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Cross-validate the casualty chooser over "
                                                 "whole incidents of the training part.")
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"),
                        help="Gold folder holding gva/ (only its training incidents are read).")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2],
                        help="Seeds that deal the incidents into folds.")
    parser.add_argument("--params", type=json.loads, default={},
                        help="Tree settings over the shipped ones, as JSON "
                             "('{\"max_leaf_nodes\": 15}').")
    args = parser.parse_args()
    figures = training_figures(args.eval, Settings())
    params = {**TREES, **args.params}
    runs = [cross_validate(figures, seed=s, **params) for s in args.seeds]
    print(json.dumps({"params": params, "seeds": runs, "summary": summarise(runs)}, indent=1))


if __name__ == "__main__":
    main()
