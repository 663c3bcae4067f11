"""Fit gradient-boosted trees over binary features and export them as plain JSON nodes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from dateline.errors import ConfigError
from dateline.train.linear import SEED


def fit_trees(rows: Sequence[Sequence[str]], labels: Sequence[str], *, min_count: int = 5,
              **params: Any) -> dict[str, Any]:
    """Fit scikit-learn's HistGradientBoostingClassifier on feature-name rows (two classes);
    return the layout learned/trees.py reads: per tree, each node's feature name (empty at a
    leaf), its children and its leaf value; a present feature goes right."""
    import numpy as np

    names, model = fitted_trees(rows, labels, min_count=min_count, **params)
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        # Binary inputs: each split sends an absent feature (0) left and a present one right.
        if any(not n["is_leaf"] and not 0.0 <= n["num_threshold"] < 1.0 for n in nodes):
            raise ConfigError("A tree split a binary feature at an unexpected threshold.")
        trees.append({
            "feature": ["" if n["is_leaf"] else names[n["feature_idx"]] for n in nodes],
            "left": [int(n["left"]) for n in nodes], "right": [int(n["right"]) for n in nodes],
            "value": [round(float(n["value"]), 6) if n["is_leaf"] else 0.0 for n in nodes]})
    return {"kind": "trees", "classes": [str(c) for c in model.classes_],
            "baseline": round(float(np.ravel(model._baseline_prediction)[0]), 6),
            "trees": trees}


def fitted_trees(rows: Sequence[Sequence[str]], labels: Sequence[str], *, min_count: int = 5,
                 **params: Any) -> tuple[list[str], Any]:
    """Return the feature names kept (seen in at least ``min_count`` rows) and scikit-learn's
    HistGradientBoostingClassifier fitted on them, a row's features as ones in their columns."""
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        raise ConfigError("Training needs scikit-learn: pip install 'dateline[train]'.") from None
    if len(set(labels)) != 2:
        raise ConfigError(f"Trees are fitted for two classes; got {sorted(set(labels))}.")
    counts = Counter(f for row in rows for f in set(row))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    model = HistGradientBoostingClassifier(random_state=SEED, **params)
    model.fit(binary_matrix(rows, names), list(labels))
    return names, model


def binary_matrix(rows: Sequence[Sequence[str]], names: Sequence[str]) -> Any:
    """Return a dense 0/1 float32 matrix: one row per feature set, one column per name."""
    import numpy as np

    column = {name: j for j, name in enumerate(names)}
    matrix = np.zeros((len(rows), len(names)), dtype=np.float32)
    for i, row in enumerate(rows):
        for f in row:
            j = column.get(f)
            if j is not None:
                matrix[i, j] = 1.0
    return matrix
