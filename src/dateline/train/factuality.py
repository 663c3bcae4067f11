"""Train the factuality models on the training parts of It Happened and MEANTIME.

``factuality-happened``: did the event happen, from both corpora (web and news), each feature
also conjoined with its domain. ``factuality-kind``: negated, hypothetical or future, from the
MEANTIME events that did not happen. Both weight classes by their rarity (the share of events
that happened differs from one set of documents to the next) and choose their regularisation by
cross-validation over whole documents of the training part.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.eval.factuality import parsed
from dateline.eval.factuality import run as score
from dateline.eval.factuality_data import HAPPENED, held_out, read_predicates
from dateline.learned.factuality import HAPPENED_MODEL, KIND_MODEL
from dateline.learned.features import in_domain, predicate_features
from dateline.learned.model import load_model
from dateline.settings import Settings
from dateline.stages.events.factuality import factuality as rule_factuality
from dateline.train.linear import fit_linear, write_model

CORPORA = ("factuality", "meantime/intra-doc")


def train_factuality(eval_dir: Path, models: Path, settings: Settings) -> dict[str, Any]:
    """Fit both models, write them to ``models`` and return the held-out figures."""
    happened_rows: list[list[str]] = []
    happened_labels: list[str] = []
    kind_rows: list[list[str]] = []
    kind_labels: list[str] = []
    happened_groups: list[str] = []
    kind_groups: list[str] = []
    for corpus in CORPORA:
        _, predicates = read_predicates(eval_dir / corpus)
        training = [p for p in predicates if not held_out(p.group)]
        for p, token in parsed(training, settings):
            rule = rule_factuality(token, None, None, False)
            features = in_domain(predicate_features(token, rule), p.domain)
            happened = p.label in (HAPPENED, "asserted")
            happened_rows.append(features)
            happened_labels.append("happened" if happened else "not_happened")
            happened_groups.append(p.group)
            if p.domain == "news" and not happened:
                kind_rows.append(features)
                kind_labels.append(p.label)
                kind_groups.append(p.group)
    trained = {"examples": len(happened_rows), "data": list(CORPORA)}
    write_model(fit_linear(happened_rows, happened_labels, balanced=True,
                           scoring="balanced_accuracy",
                           groups=happened_groups), models / f"{HAPPENED_MODEL}.json", trained)
    write_model(fit_linear(kind_rows, kind_labels, balanced=True, scoring="f1_macro",
                           groups=kind_groups),
                models / f"{KIND_MODEL}.json", dict(trained, examples=len(kind_rows)))
    load_model.cache_clear()
    figures: dict[str, Any] = {}
    for corpus in CORPORA:
        for result in score(eval_dir / corpus, limit=None, settings=settings):
            figures[result.dataset] = result.metrics
    return figures
