"""Train the casualty-figure chooser on the GVA incidents of the training part.

Each article of a training incident gives one row per candidate value of killed and of
injured (learned/casualties.py), labelled by whether it equals the incident's gold figure;
a figure whose gold value is not among its candidates gives no rows. The
articles run through the casualty scorer's stages once and are cached (eval/doc_cache.py), so
scoring after training reuses them.
"""

from __future__ import annotations

from dataclasses import replace
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
)
from dateline.eval.casualties import run as score
from dateline.eval.doc_cache import run_cached
from dateline.eval.gva import find_sets
from dateline.learned.casualties import MODEL
from dateline.learned.model import load_model
from dateline.settings import Settings
from dateline.train.linear import fit_linear, write_model

# The figures the report shows from the scorer's held-out metrics.
SHOWN = ("killed_exact_stated", "injured_exact_stated", "killed_exact", "injured_exact")


def train_casualties(eval_dir: Path, models: Path, settings: Settings) -> dict[str, Any]:
    """Fit the chooser, write it to ``models`` and return the held-out figures."""
    rows: list[tuple[str, ...]] = []
    labels: list[str] = []
    for folder in find_sets(eval_dir / "gva"):
        cases = [c for c in read_cases(folder) if not held_out_case(c)]
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
                if all(option.value != gold for option in options):
                    continue  # no right answer to learn from (a later tally, a page with no report)
                for option in options:
                    rows.append(option.features)
                    labels.append("yes" if option.value == gold else "no")
    write_model(fit_linear(rows, labels, scoring="neg_log_loss"), models / f"{MODEL}.json",
                {"examples": len(rows), "data": "gva (training incidents)"})
    load_model.cache_clear()
    figures: dict[str, Any] = {}
    for result in score(eval_dir / "gva", limit=None, settings=settings):
        metrics = result.metrics
        figures[f"{result.dataset}, held-out incidents"] = {
            "learned": {k: metrics[f"learned_{k}"] for k in SHOWN},
            "rules": {k: metrics[f"heldout_rules_{k}"] for k in SHOWN},
            "reachable": {k: metrics[f"reachable_{k}"] for k in SHOWN},
            "docs": metrics["heldout_docs"]}
    return figures
