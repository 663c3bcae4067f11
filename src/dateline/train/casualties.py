"""Train the casualty-figure chooser on the GVA incidents of the training part.

Each article of a training incident gives one row per candidate value of killed and of
injured (learned/casualties.py), labelled by whether it equals the incident's gold figure;
a figure whose gold value is not among its candidates gives no rows. The regularisation is
chosen by what the chooser is for: 5-fold cross-validation over the training incidents (no
incident split between folds), scored by how many articles' stated figures the likeliest
candidate gets right. The held-out incidents are read only to report the figures. The
articles run through the casualty scorer's stages once and are cached (eval/doc_cache.py), so
scoring after training reuses them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError
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
from dateline.learned.model import load_model
from dateline.settings import Settings
from dateline.train.linear import SEED, STRENGTHS, fit_linear, write_model

# The figures the report shows from the scorer's held-out metrics.
SHOWN = ("killed_exact_stated", "injured_exact_stated", "killed_exact", "injured_exact")
FOLDS = 5


@dataclass(frozen=True)
class Figure:
    """One figure (killed or injured) of one training article, with its candidates."""

    incident: str
    gold: int
    stated: bool
    options: tuple[Candidate, ...]

    @property
    def reachable(self) -> bool:
        return any(option.value == self.gold for option in self.options)


def train_casualties(eval_dir: Path, models: Path, settings: Settings) -> dict[str, Any]:
    """Fit the chooser, write it to ``models`` and return the held-out figures."""
    figures = training_figures(eval_dir, settings)
    strength, chosen = choose_strength(figures)
    rows, labels = _rows(figures)
    write_model(fit_linear(rows, labels, scoring="neg_log_loss", strengths=(strength,)),
                models / f"{MODEL}.json",
                {"examples": len(rows), "data": "gva (training incidents)",
                 "cv_stated_exact": chosen})
    load_model.cache_clear()
    report: dict[str, Any] = {}
    for result in score(eval_dir / "gva", limit=None, settings=settings):
        metrics = result.metrics
        report[f"{result.dataset}, held-out incidents"] = {
            "learned": {k: metrics[f"learned_{k}"] for k in SHOWN},
            "rules": {k: metrics[f"heldout_rules_{k}"] for k in SHOWN},
            "reachable": {k: metrics[f"reachable_{k}"] for k in SHOWN},
            "docs": metrics["heldout_docs"]}
    return report


def training_figures(eval_dir: Path, settings: Settings) -> list[Figure]:
    """Return the killed and injured figures of every article of the training incidents."""
    out = []
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
                out.append(Figure(case.incident, gold, states_figure(case.text, gold),
                                  tuple(options)))
    return out


def _rows(figures: Sequence[Figure]) -> tuple[list[tuple[str, ...]], list[str]]:
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


def choose_strength(figures: Sequence[Figure]) -> tuple[float, dict[str, float]]:
    """Return the regularisation whose chooser gets the most stated figures right across
    folds of whole incidents, with each strength's share right (ties go to the stronger)."""
    try:
        from sklearn.model_selection import GroupKFold
    except ImportError:
        raise ConfigError("Training needs scikit-learn: pip install 'dateline[train]'.") from None
    folds = list(GroupKFold(n_splits=FOLDS).split(figures, groups=[f.incident for f in figures]))
    stated = sum(f.stated for f in figures)
    shares: dict[str, float] = {}
    for strength in STRENGTHS:
        right = 0
        for train, test in folds:
            score = _fit(_rows([figures[i] for i in train]), strength)
            for i in test:
                figure = figures[i]
                if figure.stated:
                    scores = score([option.features for option in figure.options])
                    best = figure.options[scores.index(max(scores))]
                    right += best.value == figure.gold
        shares[str(strength)] = round(right / max(stated, 1), 4)
    best = max(STRENGTHS, key=lambda s: (shares[str(s)], -s))
    return best, shares


def _fit(data: tuple[list[tuple[str, ...]], list[str]], strength: float) -> Any:
    """Fit one logistic regression as fit_linear does, for one fold; return a scorer of
    candidate feature lists."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = data
    counts = Counter(f for row in rows for f in set(row))
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(
        [{f: 1 for f in row if counts[f] >= 2} for row in rows])
    model = LogisticRegression(C=strength, max_iter=5000, random_state=SEED)
    model.fit(matrix, labels)

    def scores(options: list[tuple[str, ...]]) -> list[float]:
        found = vectorizer.transform([{f: 1 for f in row} for row in options])
        return [float(x) for x in model.decision_function(found)]

    return scores
