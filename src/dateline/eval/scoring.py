"""Counting helpers shared by the scorers: precision, recall and F1 from matches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


def f1(precision: float, recall: float) -> float:
    """Return the harmonic mean, 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class PRF:
    """Running true-positive, false-positive and false-negative counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[object], predicted: Iterable[object]) -> None:
        """Count exact matches between two multisets of hashable items."""
        g, p = Counter(gold), Counter(predicted)
        hits = sum((g & p).values())
        self.tp += hits
        self.fp += sum(p.values()) - hits
        self.fn += sum(g.values()) - hits

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "support": self.tp + self.fn}


@dataclass
class PerType:
    """PRF counts per label, plus the micro total."""

    counts: dict[str, PRF] = field(default_factory=dict)

    def add(self, gold: Iterable[tuple[int, int, str]], predicted: Iterable[tuple[int, int, str]]) -> None:
        gold, predicted = list(gold), list(predicted)
        for label in {x[2] for x in gold} | {x[2] for x in predicted}:
            self.counts.setdefault(label, PRF()).add(
                [x for x in gold if x[2] == label], [x for x in predicted if x[2] == label])

    def total(self, exclude: frozenset[str] = frozenset()) -> PRF:
        out = PRF()
        for label, prf in self.counts.items():
            if label not in exclude:
                out.tp, out.fp, out.fn = out.tp + prf.tp, out.fp + prf.fp, out.fn + prf.fn
        return out

    def macro_f1(self) -> float:
        return sum(p.f1 for p in self.counts.values()) / len(self.counts) if self.counts else 0.0
