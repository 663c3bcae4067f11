"""Train the trigger kind model on the first half of CASE 2021 dev; score the second half.

Rows are the lexicon candidates of each snippet, parsed as the pipeline parses them. Labels
are weak (learned/trigger_kinds.py): a candidate whose own kind already maps to the snippet's
gold subtype is labelled with its own kind; when none does, the candidate the rules take for
the snippet's main event is labelled with the kind that maps it there; the other candidates
and the snippets of no PLOVER kind (OTHER) give no row. The event mentions of the training
halves of ECB+, MEANTIME and TimeBank add their lexicon candidates that are events, each
labelled with its own kind: those golds type nothing, so they say only that the lexicon's kind
usually stands. The second half of CASE dev, never read to write rules or to train, is then
scored with the rules alone and with the learned triggers on, in one run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from dateline.eval.event_types import (
    Snippet,
    find_files,
    main_event,
    predict_subtype,
    read_snippets,
    score,
)
from dateline.eval.triggers import candidates_of
from dateline.ingest.article import make_article
from dateline.learned.model import load_model
from dateline.learned.trigger_kinds import (
    KIND_THRESHOLD,
    MODEL,
    kind_features,
    kind_of,
    label_for,
    sector_of,
)
from dateline.pipeline import Pipeline
from dateline.records import Doc
from dateline.settings import Settings
from dateline.train.linear import fit_linear, write_model
from dateline.train.triggers import CORPORA, training_candidates


def case_halves(eval_dir: Path) -> tuple[list[Snippet], list[Snippet]]:
    """Return the first (training) and second (unread) half of CASE 2021 dev."""
    [path] = [p for p in find_files(eval_dir / "case2021") if p.name == "dev.tsv"]
    snippets = list(read_snippets(path))
    half = len(snippets) // 2
    return snippets[:half], snippets[half:]


def parsed_docs(snippets: Sequence[Snippet], settings: Settings) -> list[Doc | None]:
    """Run the pipeline over snippets as the event-types scorer does, keeping the parse."""
    pipeline = Pipeline.from_settings(settings)
    articles = [make_article(s.text, check_language=False) for s in snippets]
    return [d if isinstance(d, Doc) else None
            for d in pipeline.pipe(articles, on_error="record", keep_parse=True)]


def case_rows(snippets: Sequence[Snippet], settings: Settings) \
        -> tuple[list[list[str]], list[str]]:
    """Return the kind rows and weak labels of the CASE snippets (see the module docstring)."""
    rows: list[list[str]] = []
    labels: list[str] = []
    for snippet, doc in zip(snippets, parsed_docs(snippets, replace(settings,
                            learned_triggers=False)), strict=True):
        if doc is None or doc.parse is None or snippet.subtype == "OTHER":
            continue
        event = main_event(doc)
        main_start = event.trigger.start if event and event.trigger else -1
        for sentence in doc.parse.sents:
            candidates = candidates_of(sentence)
            found = {}
            for candidate in candidates:
                own = label_for(candidate, snippet.subtype, sector_of(candidate.token))
                found[candidate.token.i] = own if own == kind_of(candidate) else None
            any_maps = any(found.values())
            for candidate in candidates:
                label = found[candidate.token.i]
                if label is None and not any_maps and candidate.token.idx == main_start:
                    label = label_for(candidate, snippet.subtype, sector_of(candidate.token))
                if label is not None:
                    rows.append(kind_features(candidate, candidates))
                    labels.append(label)
    return rows, labels


def news_rows(eval_dir: Path, settings: Settings) -> tuple[list[list[str]], list[str]]:
    """Return the event candidates of the news training halves, each labelled its own kind."""
    rows: list[list[str]] = []
    labels: list[str] = []
    for candidate, candidates, event in training_candidates(eval_dir, settings):
        if event:
            rows.append(kind_features(candidate, candidates))
            labels.append(kind_of(candidate))
    return rows, labels


def case_figures(snippets: Sequence[Snippet], settings: Settings) -> dict[str, Any]:
    """Return event-types macro and micro F1 with the rules alone and with learned triggers."""
    gold = [s.subtype for s in snippets]
    out: dict[str, Any] = {"snippets": len(snippets)}
    for prefix, on in (("lexicon_", False), ("learned_", True)):
        docs = parsed_docs(snippets, replace(settings, learned_triggers=on))
        predicted = [predict_subtype(d) if d is not None else "OTHER" for d in docs]
        metrics = score(gold, predicted)
        out[f"{prefix}macro_f1"] = metrics["macro_f1"]
        out[f"{prefix}micro_f1"] = metrics["micro_f1"]
    return out


def train_trigger_kinds(eval_dir: Path, models: Path, settings: Settings) -> dict[str, Any]:
    """Fit the kind model, write it to ``models`` and return the CASE figures of both halves."""
    first, second = case_halves(eval_dir)
    rows, labels = case_rows(first, settings)
    more_rows, more_labels = news_rows(eval_dir, settings)
    counts = Counter(labels + more_labels)
    # A kind seen once cannot be cross-validated; it is left out of the classes.
    kept = [(r, lab) for r, lab in zip(rows + more_rows, labels + more_labels, strict=True)
            if counts[lab] >= 2]
    write_model(fit_linear([r for r, _ in kept], [lab for _, lab in kept]),
                models / f"{MODEL}.json",
                {"examples": len(kept), "case_examples": len(rows),
                 "threshold": KIND_THRESHOLD,
                 "data": ["case2021 dev.tsv first half", *CORPORA]})
    load_model.cache_clear()
    return {"CASE 2021 dev, first half (trained on)": case_figures(first, settings),
            "CASE 2021 dev, second half (held-out)": case_figures(second, settings)}
