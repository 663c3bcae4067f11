"""Clustering and coreference metrics: B-cubed, pairwise, MUC, CEAF-e and the CoNLL average.

A clustering is a mapping item -> cluster label. Coreference metrics follow the definitions of
the CoNLL-2012 shared task scorer (Pradhan et al., 2014): MUC counts links, B-cubed items,
CEAF-e the best one-to-one alignment of entities (Kuhn-Munkres, block by block) with the
phi4 similarity; CoNLL F1 is their mean. Items missing from one side count as singletons there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

from dateline.eval.scoring import f1

Clustering = Mapping[Hashable, Hashable]


def _groups(clustering: Clustering) -> list[frozenset[Hashable]]:
    by: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in clustering.items():
        by[label].add(item)
    return [frozenset(g) for g in by.values()]


def _with_singletons(gold: Clustering, predicted: Clustering
                     ) -> tuple[list[frozenset[Hashable]], list[frozenset[Hashable]]]:
    items = set(gold) | set(predicted)
    g = {i: gold.get(i, ("gold-singleton", i)) for i in items}
    p = {i: predicted.get(i, ("predicted-singleton", i)) for i in items}
    return _groups(g), _groups(p)


def bcubed(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """Return B-cubed precision, recall and F1 over the items of both clusterings."""
    gold_groups, predicted_groups = _with_singletons(gold, predicted)
    gold_of = {i: g for g in gold_groups for i in g}
    predicted_of = {i: p for p in predicted_groups for i in p}
    items = list(gold_of)
    if not items:
        return 0.0, 0.0, 0.0
    precision = sum(len(predicted_of[i] & gold_of[i]) / len(predicted_of[i]) for i in items)
    recall = sum(len(predicted_of[i] & gold_of[i]) / len(gold_of[i]) for i in items)
    p, r = precision / len(items), recall / len(items)
    return p, r, f1(p, r)


def pairwise(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """Return precision, recall and F1 over pairs of items put in one cluster."""
    gold_groups, predicted_groups = _with_singletons(gold, predicted)
    gold_of = {i: n for n, g in enumerate(gold_groups) for i in g}

    def pairs(groups: list[frozenset[Hashable]]) -> int:
        return sum(len(g) * (len(g) - 1) // 2 for g in groups)

    both = 0
    for group in predicted_groups:
        counts: dict[int, int] = defaultdict(int)
        for item in group:
            counts[gold_of[item]] += 1
        both += sum(c * (c - 1) // 2 for c in counts.values())
    predicted_pairs, gold_pairs = pairs(predicted_groups), pairs(gold_groups)
    p = both / predicted_pairs if predicted_pairs else 0.0
    r = both / gold_pairs if gold_pairs else 0.0
    return p, r, f1(p, r)


def muc(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """Return MUC precision, recall and F1 (links needed to join each chain)."""
    gold_groups, predicted_groups = _with_singletons(gold, predicted)

    def score(keys: list[frozenset[Hashable]], responses: list[frozenset[Hashable]]) -> float:
        owner = {i: n for n, g in enumerate(responses) for i in g}
        numerator = denominator = 0
        for key in keys:
            parts = {owner[i] for i in key}
            numerator += len(key) - len(parts)
            denominator += len(key) - 1
        return numerator / denominator if denominator else 0.0

    r, p = score(gold_groups, predicted_groups), score(predicted_groups, gold_groups)
    return p, r, f1(p, r)


def _hungarian(cost: list[list[float]]) -> float:
    """Return the smallest total cost of a one-to-one assignment (rows <= columns)."""
    rows, cols = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    match, way = [0] * (cols + 1), [0] * (cols + 1)
    for row in range(1, rows + 1):
        match[0], column = row, 0
        least, used = [inf] * (cols + 1), [False] * (cols + 1)
        while match[column]:
            used[column] = True
            r, delta, nxt = match[column], inf, 0
            for c in range(1, cols + 1):
                if not used[c]:
                    reduced = cost[r - 1][c - 1] - u[r] - v[c]
                    if reduced < least[c]:
                        least[c], way[c] = reduced, column
                    if least[c] < delta:
                        delta, nxt = least[c], c
            for c in range(cols + 1):
                if used[c]:
                    u[match[c]] += delta
                    v[c] -= delta
                else:
                    least[c] -= delta
            column = nxt
        while column:
            previous = way[column]
            match[column] = match[previous]
            column = previous
    return sum(cost[match[c] - 1][c - 1] for c in range(1, cols + 1) if match[c])


def _assignment_max(weights: dict[tuple[int, int], float]) -> float:
    """Return the largest total weight of a one-to-one assignment of rows to columns.

    The weights are sparse: each connected block of rows and columns is solved on its own.
    """
    links: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for row, column in weights:
        links[("r", row)].add(("c", column))
        links[("c", column)].add(("r", row))
    seen: set[tuple[str, int]] = set()
    total = 0.0
    for start in links:
        if start in seen:
            continue
        block, stack = [], [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            block.append(node)
            for other in links[node] - seen:
                seen.add(other)
                stack.append(other)
        rows = sorted(n for kind, n in block if kind == "r")
        cols = sorted(n for kind, n in block if kind == "c")
        if len(rows) > len(cols):
            rows, cols = cols, rows
            cost = [[-weights.get((c, r), 0.0) for c in cols] for r in rows]
        else:
            cost = [[-weights.get((r, c), 0.0) for c in cols] for r in rows]
        total -= _hungarian(cost)
    return total


def ceaf_e(gold: Clustering, predicted: Clustering) -> tuple[float, float, float]:
    """Return entity-based CEAF precision, recall and F1 (phi4 similarity)."""
    gold_groups, predicted_groups = _with_singletons(gold, predicted)
    owner = {i: n for n, g in enumerate(predicted_groups) for i in g}
    weights: dict[tuple[int, int], float] = {}
    for row, key in enumerate(gold_groups):
        for column in {owner[i] for i in key}:
            response = predicted_groups[column]
            weights[(row, column)] = 2 * len(key & response) / (len(key) + len(response))
    best = _assignment_max(weights)
    p = best / len(predicted_groups) if predicted_groups else 0.0
    r = best / len(gold_groups) if gold_groups else 0.0
    return p, r, f1(p, r)


def conll_f1(gold: Clustering, predicted: Clustering) -> float:
    """Return the CoNLL-2012 score: the mean F1 of MUC, B-cubed and CEAF-e."""
    return (muc(gold, predicted)[2] + bcubed(gold, predicted)[2] + ceaf_e(gold, predicted)[2]) / 3
