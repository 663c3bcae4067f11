"""Score factuality on gold predicates, the learned model beside the rules, on the held-out part.

``--data`` an It Happened folder (``it-happened-*.tsv`` beside the UD treebank it points into):
``accuracy`` and ``f1_not_happened`` of "did the event happen" (asserted and historical count
as happened), ``baseline_accuracy`` for always "happened". ``--data`` a MEANTIME folder:
``accuracy`` and ``macro_f1`` over asserted, negated, hypothetical and future (denied counts as
negated, historical as asserted), with ``baseline_*`` for always "asserted". ``rules_*`` are the
rules alone in the same run; the headline figures follow the ``learned_factuality`` setting.
Only the held-out part is scored (factuality_data.py says how it is split), with the weights
trained on the training part only (variant SPLIT): the shipped weights, trained on every
development predicate, have read the held-out part. ``--limit`` scores its first N predicates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from dateline.eval import EvalResult
from dateline.eval.factuality_data import (
    CLASSES,
    HAPPENED,
    NOT_HAPPENED,
    Predicate,
    held_out,
    read_predicates,
)
from dateline.learned.factuality import COMPONENTS, judge, predicate_token
from dateline.learned.model import SPLIT
from dateline.settings import Settings
from dateline.stages.events.factuality import factuality as rule_factuality
from dateline.stages.nlp import load_model

_AS_CLASS = {"denied": "negated", "historical": "asserted"}


def parsed(predicates: Sequence[Predicate], settings: Settings) -> Iterator[tuple[Predicate, Any]]:
    """Yield each predicate with its head token, parsing each distinct text once."""
    by_text: dict[str, list[Predicate]] = defaultdict(list)
    for p in predicates:
        by_text[p.text].append(p)
    nlp = load_model(settings.model, COMPONENTS)
    for doc in nlp.pipe(by_text, batch_size=64):
        for p in by_text[doc.text]:
            yield p, predicate_token(doc, p.start, p.end)


def f1(gold: Sequence[str], predicted: Sequence[str], label: str) -> float:
    """Return the F1 of one label."""
    tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
    guessed, actual = predicted.count(label), gold.count(label)
    return round(2 * tp / (guessed + actual), 4) if guessed + actual else 0.0


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 4) \
        if gold else 0.0


def scores(gold: Sequence[str], predicted: Sequence[str], binary: bool,
           prefix: str = "") -> dict[str, float]:
    """Return the task's metrics for one predictor."""
    out = {f"{prefix}accuracy": accuracy(gold, predicted)}
    if binary:
        out[f"{prefix}f1_not_happened"] = f1(gold, predicted, NOT_HAPPENED)
        return out
    per_class = {c: f1(gold, predicted, c) for c in CLASSES}
    out[f"{prefix}macro_f1"] = round(sum(per_class.values()) / len(CLASSES), 4)
    if not prefix:
        out |= {f"f1_{c}": v for c, v in per_class.items()}
    return out


def _label(factuality: str, binary: bool) -> str:
    if binary:
        return HAPPENED if factuality in ("asserted", "historical") else NOT_HAPPENED
    return _AS_CLASS.get(factuality, factuality)


def judge_all(items: Iterable[tuple[Predicate, Any]], binary: bool) -> tuple[list[str], list[str],
                                                                          list[str]]:
    """Return gold labels, the rules' labels and the learned labels."""
    gold, rules, learned = [], [], []
    for p, token in items:
        rule = rule_factuality(token, None, None, False)
        gold.append(p.label)
        rules.append(_label(rule, binary))
        learned.append(_label(judge(token, rule, p.domain, variant=SPLIT)[0], binary))
    return gold, rules, learned


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score the learned factuality and the rules on the held-out predicates under ``data``."""
    name, predicates = read_predicates(data)
    scored = [p for p in predicates if held_out(p.group)][:limit]
    binary = name.startswith("It Happened")
    gold, rules, learned = judge_all(parsed(scored, settings), binary)
    ours = learned if settings.learned_factuality else rules
    baseline = [HAPPENED if binary else "asserted"] * len(gold)
    metrics: dict[str, float | int] = scores(gold, ours, binary)
    metrics |= scores(gold, rules, binary, "rules_")
    metrics |= scores(gold, baseline, binary, "baseline_")
    groups = len({p.group for p in scored})
    metrics |= {"predicates": len(gold), "groups": groups,
                "trained_on": sum(not held_out(p.group) for p in predicates)}
    return [EvalResult("factuality", f"{name} (held-out part)", groups, metrics)]
