"""Fit a logistic regression over binary features and export it as plain JSON coefficients."""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError

SEED = 13


# Regularisation strengths tried, each by 5-fold cross-validation on the training rows only.
STRENGTHS = (0.05, 0.1, 0.3, 1.0, 3.0)


def fit_linear(rows: Sequence[Sequence[str]], labels: Sequence[str], *, min_count: int = 2,
               balanced: bool = False, scoring: str = "accuracy",
               groups: Sequence[str] | None = None,
               strengths: Sequence[float] = STRENGTHS) -> dict[str, Any]:
    """Fit a logistic regression on feature-name rows; return the layout learned/model.py reads.

    Features seen in fewer than ``min_count`` rows are left out, which keeps the file small and
    the model from memorising single words. The regularisation is chosen by cross-validation
    on ``rows`` among ``strengths`` (folds in order, no shuffling: the same every run); with
    ``groups`` (documents), no group is split between folds, so a choice is scored on
    documents it did not fit.
    """
    try:
        from sklearn.exceptions import UndefinedMetricWarning
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegressionCV
        from sklearn.model_selection import GroupKFold
    except ImportError:
        raise ConfigError("Training needs scikit-learn: pip install 'dateline[train]'.") from None
    if len(set(labels)) < 2:
        raise ConfigError(f"Training needs at least two classes; got {sorted(set(labels))}.")
    counts = Counter(f for row in rows for f in set(row))
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(
        [{f: 1 for f in row if counts[f] >= min_count} for row in rows])
    folds = max(2, min(5, min(Counter(labels).values())))
    cv: Any = folds if groups is None else \
        list(GroupKFold(n_splits=folds).split(matrix, labels, list(groups)))
    model = LogisticRegressionCV(Cs=list(strengths), cv=cv, scoring=scoring,
                                 l1_ratios=(0.0,), use_legacy_attributes=True,
                                 max_iter=5000, random_state=SEED,
                                 class_weight="balanced" if balanced else None)
    with warnings.catch_warnings():
        # A fold without one of the rare classes scores that class's F1 as 0, as it should;
        # scikit-learn warns each time, which buried `make train`'s own output.
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        model.fit(matrix, list(labels))
    names = vectorizer.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        column = [round(float(model.coef_[k][j]), 5) for k in range(model.coef_.shape[0])]
        if any(column):
            weights[str(name)] = column
    return {"classes": [str(c) for c in model.classes_], "c": float(model.C_[0]),
            "intercept": [round(float(b), 5) for b in model.intercept_],
            "weights": weights}


def write_model(model: dict[str, Any], path: Path, trained: dict[str, Any]) -> None:
    """Write a model file the same way each time (sorted keys, rounded weights)."""
    data = dict(model, trained=trained)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n",
                    encoding="utf-8")
