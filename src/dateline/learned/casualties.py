"""Choose an article's killed and injured figures among its candidates with a trained model.

The candidates are the distinct totals of the article's casualty figures (summed per predicate
word, a killer's own death added; for injured also the people shot less those killed), and 0.
Each is described by where it first stands (sentence, rank), how it is stated (hedge, source,
predicate), how often the number is written in the article and its title, how large it is,
whether it is the largest, and whether the rule of the casualties scorer picks it. A logistic
regression says how likely each is the incident's figure, and the likeliest wins. ``make
train`` writes the model; ``learned_casualties`` turns it on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from dateline.learned.model import load_model
from dateline.records import Claim
from dateline.resources.numbers import UNITS

MODEL = "casualties"
KINDS = ("killed", "injured")
_NUMBER_WORDS = {v: k for k, v in UNITS.items()}


class Group(Protocol):
    """What the chooser reads of a figure group (eval.casualties.FigureGroup)."""

    @property
    def kind(self) -> str: ...
    @property
    def sentence(self) -> int: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def self_inflicted(self) -> bool: ...
    @property
    def claims(self) -> list[Claim]: ...


@dataclass(frozen=True)
class Candidate:
    """One value an article could give for a figure, with its features."""

    value: int
    features: tuple[str, ...]


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _times_written(value: int, text: str | None) -> int:
    """Return how often ``value`` is written in ``text``, as digits or as a word."""
    if not text:
        return 0
    words = [str(value)] + ([_NUMBER_WORDS[value]] if value in _NUMBER_WORDS else [])
    return sum(len(re.findall(rf"(?<![\w.,]){re.escape(w)}(?!\w)", text, re.IGNORECASE))
               for w in words)


def candidates(groups: Sequence[Group], kind: str, rule: int, killed: int,
               title: str | None, text: str = "") -> list[Candidate]:
    """Return the candidate values of ``kind`` (killed or injured) with their features."""
    found: dict[int, list[tuple[Group, bool]]] = {}
    for g in groups:
        value = int(g.total)
        if g.kind == kind and value > 0:
            found.setdefault(value, []).append((g, False))
        elif kind == "injured" and g.kind == "shot" and value - killed > 0:
            found.setdefault(value - killed, []).append((g, True))
    order = sorted(found, key=lambda v: min(g.sentence for g, _ in found[v]))
    largest = max(found, default=0)
    size = f"n={_bucket(len(found), (0, 1, 2, 3))}"
    out = [Candidate(0, tuple(f"{kind}:{f}" for f in
                              ["zero", size] + (["rule_choice"] if rule == 0 else [])))]
    for rank, value in enumerate(order):
        items = found[value]
        first = min(g.sentence for g, _ in items)
        claims = [c for g, _ in items for c in g.claims]
        features = ["candidate", size, f"value={_bucket(value, (1, 2, 3, 5, 10, 50))}",
                    f"sentence={_bucket(first, (1, 2, 3, 5, 10))}",
                    f"rank={_bucket(rank, (0, 1, 2))}",
                    f"mentions={_bucket(len(items), (1, 2))}"]
        features += [name for name, on in (
            ("rule_choice", value == rule), ("largest", value == largest),
            ("from_shot", any(d for _, d in items)),
            ("with_killer", any(g.self_inflicted for g, _ in items)),
            ("hedged", any(c.qualifier for c in claims)),
            ("sourced", any(c.source for c in claims)),
            ("in_title", _times_written(value, title) > 0),
            ("summed", any(len(g.claims) > 1 for g, _ in items))) if on]
        features.append(f"written={_bucket(_times_written(value, text), (1, 2, 3))}")
        features += sorted({f"qualifier={c.qualifier.lower()}" for c in claims if c.qualifier})
        features += sorted({f"predicate={(c.predicate or '').lower().split()[-1]}"
                            for c in claims if c.predicate})
        out.append(Candidate(value, tuple(f"{kind}:{f}" for f in features)))
    return out


def choose(options: Sequence[Candidate]) -> int:
    """Return the value the model finds likeliest (the first on a tie)."""
    model = load_model(MODEL)
    scores = [model.probabilities(c.features)["yes"] for c in options]
    return options[scores.index(max(scores))].value
