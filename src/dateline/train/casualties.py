"""Train the casualty-figure chooser on the GVA incidents: scored split, shipped whole.

Each article of a training incident gives one row per candidate value of killed and of
injured (learned/casualties.py), labelled by whether it equals the incident's gold figure;
a figure whose gold value is not among its candidates gives no rows. The model, gradient-
boosted trees (they learn the conjunctions of features a linear model cannot), and its
settings were chosen by what the chooser is for: 5-fold cross-validation over the training
incidents (no incident split between folds, train/casualties_cv.py), scored by how many
articles' stated figures the likeliest candidate gets right (CROSS_VALIDATED). The held-out
incidents are read only to report the figures. The articles run through the casualty scorer's
stages once and are cached (eval/doc_cache.py), so scoring after training reuses them.

Two weight files come out of one run, with the same settings and seed: the split model
(``casualties.split.json``), trained on the training incidents, which the report and ``dateline
eval casualties`` score on the held-out ones; then the shipped model (``casualties.json``),
trained on every development incident, which the pipeline loads: more data for the users and
for incidents measured outside the project, while no reported figure comes from a model that
read its articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.eval.casualties import (
    STAGES,
    _articles,
    article_candidates,
    counts_from_groups,
    figure_groups,
    held_out_case,
    read_cases,
    states_figure,
)
from dateline.eval.casualties import run as score
from dateline.eval.doc_cache import run_cached
from dateline.eval.gva import find_sets
from dateline.learned.casualties import MODEL, Candidate
from dateline.learned.model import SPLIT, model_file
from dateline.learned.trees import load_trees
from dateline.settings import Settings
from dateline.train.linear import write_model
from dateline.train.trees import fit_trees

# The figures the report shows from the scorer's held-out metrics.
SHOWN = ("killed_exact_stated", "injured_exact_stated", "killed_exact", "injured_exact")
# The trees' settings and what 5-fold cross-validation over whole training incidents gave for
# them and for the logistic regression shipped before (stated figures right, killed and
# injured; measured 2026-12-06, see docs/quality.md): scikit-learn's folds in order first, then
# the mean over four seeds of train/casualties_cv.py. Over 10,000 rows scikit-learn stops
# adding rounds when a tenth of the rows, held aside, stops improving (about 116 of the 200):
# all 200 rounds, or smaller trees, scored lower there.
TREES: dict[str, Any] = {"max_iter": 200, "learning_rate": 0.1, "min_count": 10}
CROSS_VALIDATED = {"trees": {"killed": 0.8554, "injured": 0.7379},
                   "trees, 4 seeds": {"killed": 0.8464, "injured": 0.7318},
                   "logistic (C 0.3)": {"killed": 0.8393, "injured": 0.7265}}


@dataclass(frozen=True)
class Figure:
    """One figure (killed or injured) of one training article, with its candidates."""

    incident: str
    kind: str
    gold: int
    stated: bool
    options: tuple[Candidate, ...]

    @property
    def reachable(self) -> bool:
        return any(option.value == self.gold for option in self.options)


def train_casualties(eval_dir: Path, models: Path, settings: Settings) -> dict[str, Any]:
    """Fit the split chooser, score it on the held-out incidents, then fit the shipped one on
    every incident; write both to ``models`` and return the split one's held-out figures."""
    rows, labels = rows_of(training_figures(eval_dir, settings))
    write_model(fit_trees(rows, labels, **TREES), models / model_file(MODEL, SPLIT),
                {"examples": len(rows), "data": "gva (training incidents)",
                 "cv_stated_exact": CROSS_VALIDATED})
    load_trees.cache_clear()
    report = held_out_report(eval_dir, settings)
    rows, labels = rows_of(training_figures(eval_dir, settings, held_out_too=True))
    write_model(fit_trees(rows, labels, **TREES), models / model_file(MODEL),
                {"examples": len(rows), "data": "gva (every development incident)"})
    load_trees.cache_clear()
    return report


def held_out_report(eval_dir: Path, settings: Settings) -> dict[str, Any]:
    """Return the scorer's held-out figures (the split chooser against the rule)."""
    report: dict[str, Any] = {}
    for result in score(eval_dir / "gva", limit=None, settings=settings):
        metrics = result.metrics
        report[f"{result.dataset}, held-out incidents"] = {
            "learned": {k: metrics[f"learned_{k}"] for k in SHOWN},
            "rules": {k: metrics[f"heldout_rules_{k}"] for k in SHOWN},
            "reachable": {k: metrics[f"reachable_{k}"] for k in SHOWN},
            "docs": metrics["heldout_docs"]}
    return report


def training_figures(eval_dir: Path, settings: Settings, *,
                     held_out_too: bool = False) -> list[Figure]:
    """Return the killed and injured figures of every article of the training incidents (and
    of the held-out ones too with ``held_out_too``, for the shipped model)."""
    out = []
    for folder in find_sets(eval_dir / "gva"):
        cases = [c for c in read_cases(folder) if held_out_too or not held_out_case(c)]
        kept = [(c, a) for c, a in zip(cases, _articles(cases), strict=True) if a is not None]
        docs = run_cached([a for _, a in kept], replace(settings, stages=STAGES))
        for (case, _), doc in zip(kept, docs, strict=True):
            if doc is None:
                continue
            groups = figure_groups(doc.claims, doc.sentences)
            killed, injured = counts_from_groups(groups)
            for kind, gold, rule in (("killed", case.killed, killed),
                                     ("injured", case.injured, injured)):
                options = article_candidates(case, doc, groups, kind, rule, killed)
                out.append(Figure(case.incident, kind, gold, states_figure(case.text, gold),
                                  tuple(options)))
    return out


def rows_of(figures: Sequence[Figure]) -> tuple[list[tuple[str, ...]], list[str]]:
    """Return one row per candidate of the figures whose gold value is among them (a later
    tally, a page with no report give no right answer to learn from)."""
    rows: list[tuple[str, ...]] = []
    labels: list[str] = []
    for figure in figures:
        if figure.reachable:
            for option in figure.options:
                rows.append(option.features)
                labels.append("yes" if option.value == figure.gold else "no")
    return rows, labels
