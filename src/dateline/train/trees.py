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
    try:
        import numpy as np
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.feature_extraction import DictVectorizer
    except ImportError:
        raise ConfigError("Training needs scikit-learn: pip install 'dateline[train]'.") from None
    if len(set(labels)) != 2:
        raise ConfigError(f"Trees are fitted for two classes; got {sorted(set(labels))}.")
    counts = Counter(f for row in rows for f in set(row))
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(
        [{f: 1 for f in row if counts[f] >= min_count} for row in rows])
    model = HistGradientBoostingClassifier(random_state=SEED, **params)
    model.fit(matrix.toarray().astype(np.float32), list(labels))
    names = vectorizer.get_feature_names_out()
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        # Binary inputs: each split sends an absent feature (0) left and a present one right.
        if any(not n["is_leaf"] and not 0.0 <= n["num_threshold"] < 1.0 for n in nodes):
            raise ConfigError("A tree split a binary feature at an unexpected threshold.")
        trees.append({
            "feature": ["" if n["is_leaf"] else str(names[n["feature_idx"]]) for n in nodes],
            "left": [int(n["left"]) for n in nodes], "right": [int(n["right"]) for n in nodes],
            "value": [round(float(n["value"]), 6) if n["is_leaf"] else 0.0 for n in nodes]})
    return {"kind": "trees", "classes": [str(c) for c in model.classes_],
            "baseline": round(float(np.ravel(model._baseline_prediction)[0]), 6),
            "trees": trees}
