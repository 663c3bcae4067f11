"""Train the trigger filter on the training part of ECB+ (odd topics), MEANTIME and TimeBank.

Every lexicon candidate of an annotated sentence (eval/triggers.py) is one row, labelled
``event`` when its word overlaps a gold event mention and ``none`` otherwise. The held-out
part is then scored with the lexicon alone and with the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.eval.triggers import (
    annotated_sentences,
    candidates_of,
    held_out,
    read_gold,
    score,
)
from dateline.learned.model import load_model
from dateline.learned.triggers import MODEL, trigger_features
from dateline.settings import Settings
from dateline.train.linear import fit_linear, write_model

if TYPE_CHECKING:
    from dateline.stages.events.triggers import Candidate

# The gold folders the model reads, under the eval folder.
CORPORA = ("ecbplus", "meantime/intra-doc", "timebank")


def training_candidates(eval_dir: Path, settings: Settings) -> Iterator[
        tuple[Candidate, list[Candidate], bool]]:
    """Yield each lexicon candidate of the training part's annotated sentences, with the
    sentence's candidates and whether its word overlaps a gold event mention."""
    golds = [g for corpus in CORPORA for g in read_gold(eval_dir / corpus)
             if not held_out(g.group)]
    for gold, sentences in annotated_sentences(golds, settings):
        for sentence in sentences:
            candidates = candidates_of(sentence)
            for candidate in candidates:
                start = candidate.token.idx
                end = start + len(candidate.token.text)
                yield candidate, candidates, any(a < end and start < b for a, b in gold.events)


def training_rows(eval_dir: Path, settings: Settings) -> tuple[list[list[str]], list[str]]:
    """Return the feature rows and labels of the training part's candidates."""
    rows: list[list[str]] = []
    labels: list[str] = []
    for candidate, _, event in training_candidates(eval_dir, settings):
        rows.append(trigger_features(candidate))
        labels.append("event" if event else "none")
    return rows, labels


def train_triggers(eval_dir: Path, models: Path, settings: Settings) -> dict[str, Any]:
    """Fit the filter and the kind model (train/trigger_kinds.py), write them to ``models``
    and return the held-out figures per corpus, and CASE 2021 dev's event types."""
    from dateline.train.trigger_kinds import train_trigger_kinds

    rows, labels = training_rows(eval_dir, settings)
    write_model(fit_linear(rows, labels, scoring="neg_log_loss"), models / f"{MODEL}.json",
                {"examples": len(rows), "events": labels.count("event"),
                 "data": list(CORPORA)})
    load_model.cache_clear()
    figures: dict[str, Any] = {}
    for corpus in CORPORA:
        held = [g for g in read_gold(eval_dir / corpus) if held_out(g.group)]
        figures[f"{held[0].corpus} (held-out part)"] = score(held, settings) | {
            "docs": len(held)}
    return figures | train_trigger_kinds(eval_dir, models, settings)
