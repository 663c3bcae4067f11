"""Read a linear model shipped as JSON coefficients and score binary feature sets with it.

The file holds the classes, the intercepts and, per feature name, one weight per class (a
single weight for a two-class model, as scikit-learn keeps it). Unknown features weigh
nothing, so a feature the training data never saw cannot change a prediction.

A component trained on a development set split in two can ship two files: ``<name>.json``,
trained on all of it, which the pipeline loads, and ``<name>.split.json`` (variant ``SPLIT``),
trained on the training part only, which the scorers load to measure the part it never read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from dateline.errors import ConfigError

MODELS_PACKAGE = "dateline.resources.models"
# The variant of a model's weights trained on the training part of its data only.
SPLIT = "split"


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over binary features: softmax (or sigmoid) of summed weights."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Return each class's probability for a set of active features."""
        scores = list(self.intercept)
        for name in set(features):
            for k, w in enumerate(self.weights.get(name, ())):
                scores[k] += w
        if len(self.classes) == 2:
            positive = 1.0 / (1.0 + math.exp(-scores[0]))
            return {self.classes[0]: 1.0 - positive, self.classes[1]: positive}
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


def model_from_dict(data: Mapping[str, object]) -> LinearModel:
    """Build a model from the JSON layout dateline.train writes."""
    classes = tuple(str(c) for c in _sequence(data["classes"]))
    intercept = tuple(_number(x) for x in _sequence(data["intercept"]))
    raw = data["weights"]
    if not isinstance(raw, Mapping):
        raise ConfigError("A model's 'weights' must map feature names to weight lists.")
    weights = {str(k): tuple(_number(x) for x in _sequence(v)) for k, v in raw.items()}
    return LinearModel(classes, intercept, weights)


def _sequence(value: object) -> Sequence[object]:
    if not isinstance(value, list | tuple):
        raise ConfigError(f"Expected a list in a model file, got {type(value).__name__}.")
    return value


def _number(value: object) -> float:
    if not isinstance(value, int | float):
        raise ConfigError(f"Expected a number in a model file, got {value!r}.")
    return float(value)


def model_file(name: str, variant: str | None = None) -> str:
    """Return the file name of a model's weights: ``<name>.json`` or ``<name>.<variant>.json``."""
    return f"{name}.{variant}.json" if variant else f"{name}.json"


def read_model_file(name: str, variant: str | None = None) -> Any:
    """Return the parsed ``resources/models/<name>[.<variant>].json``; ConfigError when it is
    missing."""
    path = resources.files(MODELS_PACKAGE) / model_file(name, variant)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"No trained model {path.name!r} in dateline/resources/models. Run "
                          "`make train`, or turn the learned component off in settings.") from None


@lru_cache(maxsize=8)
def load_model(name: str, variant: str | None = None) -> LinearModel:
    """Load ``resources/models/<name>[.<variant>].json`` once per process."""
    return model_from_dict(read_model_file(name, variant))
