"""Read gradient-boosted trees shipped as JSON nodes and score binary feature sets with them.

The file holds the two classes, the baseline log-odds and, per tree, each node's feature name
(empty at a leaf), its left and right children and its leaf value. A present feature goes
right, an absent one left (dateline.train.trees writes them so); the leaves reached are summed
with the baseline into the log-odds of the second class.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from dateline.errors import ConfigError
from dateline.learned.model import _number, _sequence, read_model_file

Node = tuple[str, int, int, float]  # feature, left child, right child, leaf value


@dataclass(frozen=True)
class TreeModel:
    """Boosted trees over binary features, for two classes."""

    classes: tuple[str, ...]
    baseline: float
    trees: tuple[tuple[Node, ...], ...]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Return each class's probability for a set of active features."""
        active = set(features)
        score = self.baseline
        for nodes in self.trees:
            i = 0
            while nodes[i][0]:
                feature, left, right, _ = nodes[i]
                i = right if feature in active else left
            score += nodes[i][3]
        positive = 1.0 / (1.0 + math.exp(-score))
        return {self.classes[0]: 1.0 - positive, self.classes[1]: positive}


def trees_from_dict(data: Mapping[str, object]) -> TreeModel:
    """Build a tree model from the JSON layout dateline.train.trees writes."""
    if data.get("kind") != "trees":
        raise ConfigError("Not a tree model file (its 'kind' must be 'trees').")
    classes = tuple(str(c) for c in _sequence(data["classes"]))
    if len(classes) != 2:
        raise ConfigError("A tree model's file must name two classes.")
    trees = []
    for tree in _sequence(data["trees"]):
        if not isinstance(tree, Mapping):
            raise ConfigError("Each tree of a model file must map its node lists.")
        columns = [_sequence(tree[k]) for k in ("feature", "left", "right", "value")]
        trees.append(tuple((str(f), int(_number(a)), int(_number(b)), _number(v))
                           for f, a, b, v in zip(*columns, strict=True)))
    return TreeModel(classes, _number(data["baseline"]), tuple(trees))


@lru_cache(maxsize=4)
def load_trees(name: str, variant: str | None = None) -> TreeModel:
    """Load ``resources/models/<name>[.<variant>].json`` once per process."""
    return trees_from_dict(read_model_file(name, variant))
