"""Train the factuality models on It Happened and MEANTIME: scored split, shipped whole.

``factuality-happened``: did the event happen, from both corpora (web and news), each feature
also conjoined with its domain. ``factuality-kind``: negated, hypothetical or future, from the
MEANTIME events that did not happen. Both weight classes by their rarity (the share of events
that happened differs from one set of documents to the next) and choose their regularisation by
cross-validation over whole documents.

One run writes two pairs of weight files with the same settings: the split pair
(``<name>.split.json``), trained on the training parts only and scored on the held-out parts
(what the report and ``dateline eval factuality`` give), then the shipped pair, trained on
every development predicate (twice the news and web the split pair saw), which the pipeline
and ``dateline.factuality`` load. No reported figure comes from weights that read its data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.eval.factuality import parsed
from dateline.eval.factuality import run as score
from dateline.eval.factuality_data import HAPPENED, held_out, read_predicates
from dateline.learned.factuality import HAPPENED_MODEL, KIND_MODEL
from dateline.learned.features import in_domain, predicate_features
from dateline.learned.model import SPLIT, load_model, model_file
from dateline.settings import Settings
from dateline.stages.events.factuality import factuality as rule_factuality
from dateline.train.linear import fit_linear, write_model

CORPORA = ("factuality", "meantime/intra-doc")


@dataclass
class _Rows:
    """Feature rows, labels and document groups of one model's training data."""

    rows: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def add(self, features: list[str], label: str, group: str) -> None:
        self.rows.append(features)
        self.labels.append(label)
        self.groups.append(group)


def train_factuality(eval_dir: Path, models: Path, settings: Settings) -> dict[str, Any]:
    """Fit the split models, score them on the held-out parts, then fit the shipped ones on
    every predicate; write all four to ``models`` and return the held-out figures."""
    split = _rows(eval_dir, settings, held_out_too=False)
    _fit(split, models, SPLIT, "training parts")
    figures: dict[str, Any] = {}
    for corpus in CORPORA:
        for result in score(eval_dir / corpus, limit=None, settings=settings):
            figures[result.dataset] = result.metrics
    _fit(_rows(eval_dir, settings, held_out_too=True), models, None,
         "every development predicate")
    return figures


def _rows(eval_dir: Path, settings: Settings, *, held_out_too: bool) -> tuple[_Rows, _Rows]:
    happened, kind = _Rows(), _Rows()
    for corpus in CORPORA:
        _, predicates = read_predicates(eval_dir / corpus)
        chosen = [p for p in predicates if held_out_too or not held_out(p.group)]
        for p, token in parsed(chosen, settings):
            rule = rule_factuality(token, None, None, False)
            features = in_domain(predicate_features(token, rule), p.domain)
            did = p.label in (HAPPENED, "asserted")
            happened.add(features, "happened" if did else "not_happened", p.group)
            if p.domain == "news" and not did:
                kind.add(features, p.label, p.group)
    return happened, kind


def _fit(data: tuple[_Rows, _Rows], models: Path, variant: str | None, part: str) -> None:
    happened, kind = data
    trained = {"examples": len(happened.rows), "data": list(CORPORA), "part": part}
    write_model(fit_linear(happened.rows, happened.labels, balanced=True,
                           scoring="balanced_accuracy", groups=happened.groups),
                models / model_file(HAPPENED_MODEL, variant), trained)
    write_model(fit_linear(kind.rows, kind.labels, balanced=True, scoring="f1_macro",
                           groups=kind.groups),
                models / model_file(KIND_MODEL, variant), dict(trained, examples=len(kind.rows)))
    load_model.cache_clear()
