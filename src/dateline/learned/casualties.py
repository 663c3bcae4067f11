"""Choose an article's killed and injured figures among its candidates with a trained model.

The candidates are 0 and 1, the distinct totals of the article's casualty figures (summed per
predicate word, a killer's own death added; for injured also the people shot less those
killed), their sums over the article (victims counted one by one across sentences), and every
count the text or its title writes ("two", "a double shooting", "no one", "a third man";
casualty_mentions.py). Each is described by where it stands (sentence, rank), how a figure
states it (hedge, source, predicate), the words around each place the text writes it (words
of killing, injury and shooting near it, the words before and after: "people", "-year-old",
"block"), how large it is, whether the rule of the casualties scorer picks it, and how it
compares with the article's other values written beside the same word of harm (the largest,
the first) and how many sources give it. Gradient-boosted trees (learned/trees.py) say how
likely each is the incident's figure, and the likeliest wins. ``make train`` writes two
weight files: ``casualties.json``, trained on every development incident, which is what
choosing loads, and ``casualties.split.json``, trained on the training incidents only, with
which the scorer measures the held-out ones. ``learned_casualties`` turns it on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from dateline.learned.casualty_mentions import Mention, cues_in, mentions
from dateline.learned.trees import load_trees
from dateline.records import Claim

MODEL = "casualties"
KINDS = ("killed", "injured")


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


def candidates(groups: Sequence[Group], kind: str, rule: int, killed: int,
               title: str | None, text: str, sentence_starts: Sequence[int]) -> list[Candidate]:
    """Return the candidate values of ``kind`` (killed or injured) with their features.

    The candidates are 0 and 1, the totals of the figure groups (for injured also the people
    shot less those killed), every count the text or the title writes (casualty_mentions.py),
    and the sums of the groups of the kind (victims counted one by one across sentences).
    """
    found: dict[int, list[tuple[Group, bool]]] = {}
    for g in groups:
        value = int(g.total)
        if g.kind == kind and value > 0:
            found.setdefault(value, []).append((g, False))
        elif kind == "injured" and g.kind == "shot" and value - killed > 0:
            found.setdefault(value - killed, []).append((g, True))
    written: dict[int, list[Mention]] = {}
    listed = mentions(text, sentence_starts)
    for m in listed:
        written.setdefault(m.value, []).append(m)
    in_title: dict[int, set[str]] = {}
    for m in mentions(title or "", ()):
        in_title.setdefault(m.value, set()).update(m.features)
    sums = _sums(groups, kind, killed)
    values = sorted({0, 1} | set(found) | set(written) | set(in_title)
                    | {v for v in sums.values() if v > 0})
    group_order = sorted(found, key=lambda v: min(g.sentence for g, _ in found[v]))
    mention_order = sorted(written, key=lambda v: written[v][0].sentence)
    size = f"n={_bucket(len(found), (0, 1, 2, 3))}"
    lead_end = sentence_starts[3] if len(sentence_starts) > 3 else len(text)
    # Which words of harm the title and the lead use, read beside each small value: a title
    # of a death with no figure ("Mother of murdered teen speaks out") tells of one.
    told = sorted({f"title_{c}" for c in cues_in(title or "")}
                  | {f"lead_{c}" for c in cues_in(text[:lead_end])}) or ["no_cue"]
    near = _near_cue_values(written, in_title)
    first = {cue: next((m.value for m in listed if m.features & _close(cue)), None)
             for cue in near}
    summed = {v for v in sums.values() if v > 0}
    out = []
    for value in values:
        features = [size, f"value={_bucket(value, (0, 1, 2, 3, 5, 10, 50))}"]
        features += [f"{c}&value={_bucket(value, (0, 1, 2))}" for c in told]
        if value == rule:
            features.append("rule_choice")
        features += [f"is_{name}" for name, v in sums.items() if v == value and v > 0]
        if value in found:
            features += _group_features(found[value], group_order.index(value),
                                         value == max(found))
        if value in written:
            seen = written[value]
            features += [f"written={_bucket(len(seen), (1, 2, 3))}",
                         f"written_sentence={_bucket(seen[0].sentence, (1, 2, 3, 5, 10))}",
                         f"written_rank={_bucket(mention_order.index(value), (0, 1, 2, 3))}"]
            features += sorted({f"w:{f}" for m in seen for f in m.features})
            features += sorted({f"lead:{f}" for m in seen if m.sentence <= 2 for f in m.features})
        features += sorted(f"t:{f}" for f in in_title.get(value, ()))
        features += _relative_features(value, near)
        features += [f"{cue}_near_first" for cue, v in first.items() if v == value]
        sources = (value in found, value in written, value in in_title, value in summed)
        features.append(f"sources={sum(sources)}")
        out.append(Candidate(value, tuple(f"{kind}:{f}" for f in features)))
    return out


def _near_cue_values(written: dict[int, list[Mention]],
                     in_title: dict[int, set[str]]) -> dict[str, set[int]]:
    """Return, per word of harm, the values written within three words of one (text or title)."""
    near: dict[str, set[int]] = {}
    for cue in ("kill", "hurt", "shot"):
        close = _close(cue)
        near[cue] = {v for v, seen in written.items() if any(m.features & close for m in seen)}
        near[cue] |= {v for v, feats in in_title.items() if feats & close}
    return near


def _close(cue: str) -> frozenset[str]:
    """Return the mention features of a word of harm within three words of a number."""
    return frozenset(f"{cue}_{side}={d}" for side in ("before", "after") for d in ("1", "3"))


def _relative_features(value: int, near: dict[str, set[int]]) -> list[str]:
    """Describe a value against the article's other values told beside the same word of harm:
    the largest of them ("five people were shot ... one died" has 5 beside shot, 1 beside
    died), how many there are, or, when the value is not among them, whether any is."""
    features = []
    for cue, values in near.items():
        if value in values:
            features += [f"{cue}_near_largest={value == max(values)}",
                         f"{cue}_near_values={min(len(values), 3)}"]
        else:
            state = "other" if values else "none"
            features.append(f"{cue}_near_{state}&value={_bucket(value, (0, 1, 2, 5))}")
    return features


def _sums(groups: Sequence[Group], kind: str, killed: int) -> dict[str, int]:
    """Return the totals of victims counted one group at a time ("X died. Y died." is 2)."""
    own = [g for g in groups if g.kind == kind and g.total > 0]
    sums = {"sum_all": sum(int(g.total) for g in own),
            "sum_lead": sum(int(g.total) for g in own if g.sentence <= 3),
            "groups": len(own)}
    if kind == "injured":
        sums["shot_sum_less_killed"] = sum(int(g.total) for g in groups if g.kind == "shot") \
            - killed
    return sums


def _group_features(items: Sequence[tuple[Group, bool]], rank: int, largest: bool) -> list[str]:
    """Describe the figure groups that give a value: where, how stated, by which predicate."""
    claims = [c for g, _ in items for c in g.claims]
    features = ["candidate", f"sentence={_bucket(items[0][0].sentence, (1, 2, 3, 5, 10))}",
                f"rank={_bucket(rank, (0, 1, 2))}", f"mentions={_bucket(len(items), (1, 2))}"]
    features += [name for name, on in (
        ("largest", largest), ("from_shot", any(d for _, d in items)),
        ("with_killer", any(g.self_inflicted for g, _ in items)),
        ("hedged", any(c.qualifier for c in claims)),
        ("sourced", any(c.source for c in claims)),
        ("summed", any(len(g.claims) > 1 for g, _ in items))) if on]
    features += sorted({f"qualifier={c.qualifier.lower()}" for c in claims if c.qualifier})
    features += sorted({f"predicate={(c.predicate or '').lower().split()[-1]}"
                        for c in claims if c.predicate})
    return features


def choose(options: Sequence[Candidate], variant: str | None = None) -> int:
    """Return the value the model finds likeliest (the first on a tie). ``variant`` SPLIT
    chooses with the weights trained on the training incidents only (learned/model.py)."""
    model = load_trees(MODEL, variant)
    scores = [model.probabilities(c.features)["yes"] for c in options]
    return options[scores.index(max(scores))].value
