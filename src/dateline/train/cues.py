"""Train the cue classifier (learned/cues.py) on PolNeAR train; score quotes on PolNeAR dev.

Each article is parsed by the pipeline as shipped (rules and the attribution tagger on), and
every candidate predicate (learned/cues.py) becomes one row, labelled ``cue`` when its
predicate lies in a gold cue and its complement overlaps that attribution's content. The
regularisation is chosen by 5-fold cross-validation over whole articles; so is the
threshold, on the candidates no quote of the pipeline covers (the only ones the quotes stage
adds), by the F1 of the quotes they would add to what the pipeline already matched. PolNeAR
dev is read only for the final figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.eval.polnear import PolnearDoc
from dateline.ingest.article import make_article
from dateline.learned.cues import MODEL, candidates, cue_features
from dateline.learned.model import load_model
from dateline.pipeline import Pipeline
from dateline.records import Doc
from dateline.settings import Settings
from dateline.stages.quotes.cues import threshold as threshold_of
from dateline.train.attribution import polnear_train_docs
from dateline.train.linear import SEED, fit_linear, write_model

# Thresholds tried by cross-validation.
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
FOLDS = 5


@dataclass(frozen=True)
class Row:
    """One candidate of a training article."""

    article: str
    features: tuple[str, ...]
    label: str  # "cue" or "none"
    covered: bool  # a quote of the pipeline already covers its complement
    gold: int  # index of the gold attribution it matches in its article, or -1


@dataclass(frozen=True)
class ArticleCounts:
    """How the pipeline alone scores one article's gold attributions (overlap matching)."""

    gold: int  # gold attributions
    found: frozenset[int]  # those a pipeline quote overlaps
    predicted: int  # pipeline quotes


def _overlaps(a: int, b: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(x < b and a < y for x, y in ranges)


def article_rows(gold: PolnearDoc, doc: Doc) -> tuple[list[Row], ArticleCounts]:
    """Return the rows of one parsed article and the pipeline's own counts there."""
    parse = doc.parse
    assert parse is not None
    quoted = [(s.start, s.end) for q in doc.quotes for s in (q.contents or (q,))]
    found = frozenset(k for k, a in enumerate(gold.attributions)
                      if any(_overlaps(x, y, quoted) for x, y in a.content))
    rows = []
    for candidate in candidates(parse):
        token = parse[candidate.predicate]
        chars = [(parse[i].idx, parse[i].idx + len(parse[i])) for i in candidate.content]
        match = -1
        for k, attribution in enumerate(gold.attributions):
            if _overlaps(token.idx, token.idx + len(token), attribution.cue) and \
                    any(_overlaps(a, b, attribution.content) for a, b in chars):
                match = k
                break
        covered = any(_overlaps(a, b, quoted) for a, b in chars)
        rows.append(Row(gold.name, tuple(cue_features(parse, candidate)),
                        "cue" if match >= 0 else "none", covered, match))
    return rows, ArticleCounts(len(gold.attributions), found, len(doc.quotes))


def training_rows(train_dir: Path, settings: Settings,
                  limit: int | None = None) -> tuple[list[Row], dict[str, ArticleCounts]]:
    """Parse PolNeAR train with the shipped pipeline; return every candidate row."""
    pipeline = Pipeline.from_settings(replace(settings, stages=("nlp", "entities", "quotes"),
                                              learned_cues=False))
    docs = polnear_train_docs(train_dir)[:limit]
    articles = [make_article(d.text, published=d.published, check_language=False, name=d.name)
                for d in docs]
    rows: list[Row] = []
    counts: dict[str, ArticleCounts] = {}
    for gold, doc in zip(docs, pipeline.pipe(articles, keep_parse=True), strict=True):
        assert isinstance(doc, Doc)
        found, article = article_rows(gold, doc)
        rows += found
        counts[gold.name] = article
    return rows, counts


def added_f1(rows: Sequence[Row], scores: Sequence[float], counts: dict[str, ArticleCounts],
             threshold: float) -> float:
    """F1 over gold attributions of the pipeline's quotes plus the uncovered candidates kept.

    A kept candidate matching a gold attribution no pipeline quote found is a hit; one
    matching nothing, a false alarm; one matching a found attribution, neither.
    """
    hits = sum(len(c.found) for c in counts.values())
    predicted = sum(c.predicted for c in counts.values())
    gold = sum(c.gold for c in counts.values())
    new: set[tuple[str, int]] = set()
    for row, score in zip(rows, scores, strict=True):
        if row.covered or score < threshold:
            continue
        if row.gold < 0:
            predicted += 1
        elif row.gold not in counts[row.article].found and (row.article, row.gold) not in new:
            new.add((row.article, row.gold))
            predicted += 1
    hits += len(new)
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if hits else 0.0


def cross_validated(rows: Sequence[Row], counts: dict[str, ArticleCounts],
                    c: float) -> list[float]:
    """Return each row's probability from a model fit on the other folds' articles."""
    from dateline.learned.model import model_from_dict

    names = sorted(counts)
    fold_of = {name: k % FOLDS for k, name in enumerate(names)}
    scores = [0.0] * len(rows)
    for fold in range(FOLDS):
        fit_rows = [r for r in rows if fold_of[r.article] != fold]
        model = model_from_dict(fit_linear([r.features for r in fit_rows],
                                           [r.label for r in fit_rows], strengths=(c,)))
        for k, row in enumerate(rows):
            if fold_of[row.article] == fold:
                scores[k] = model.probabilities(row.features).get("cue", 0.0)
    return scores


def choose_threshold(rows: Sequence[Row], counts: dict[str, ArticleCounts],
                     c: float) -> tuple[float, dict[str, float]]:
    """Pick the threshold with the best cross-validated F1; return it and every figure."""
    scores = cross_validated(rows, counts, c)
    figures = {f"{t:.2f}": round(added_f1(rows, scores, counts, t), 4) for t in THRESHOLDS}
    figures["pipeline"] = round(added_f1(rows, scores, counts, 2.0), 4)
    best = max(THRESHOLDS, key=lambda t: figures[f"{t:.2f}"])
    return best, figures


def train_cues(eval_dir: Path, train_dir: Path, models: Path,
               settings: Settings) -> dict[str, Any]:
    """Fit the classifier, choose its threshold, write it; score quotes on PolNeAR dev."""
    from dateline.eval.quotes import run as score

    rows, counts = training_rows(train_dir, settings)
    groups = [r.article for r in rows]
    model = fit_linear([r.features for r in rows], [r.label for r in rows],
                       scoring="neg_log_loss", groups=groups)
    threshold, cv = choose_threshold(rows, counts, model["c"])
    model["threshold"] = threshold
    write_model(model, models / f"{MODEL}.json",
                {"candidates": len(rows), "cues": sum(r.label == "cue" for r in rows),
                 "articles": len(counts), "seed": SEED, "data": "PolNeAR train"})
    load_model.cache_clear()
    threshold_of.cache_clear()
    figures: dict[str, Any] = {"cross_validated_f1": cv, "threshold": threshold,
                               "c": model["c"], "candidates": len(rows)}
    for result in score(eval_dir / "polnear" / "dev", limit=None, settings=settings):
        figures[result.dataset] = result.metrics
    return figures
