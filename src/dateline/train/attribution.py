"""Train the attribution tagger on PolNeAR train with spaCy's own training (``spacy train``).

Each article becomes a spaCy Doc whose entities are the roles of its attributions: SOURCE,
CUE and CONTENT (PolNeAR gives each token at most one role, so the roles never overlap and a
named-entity tagger can learn them). Articles of the last annotated month of the training
split are kept aside as the development set spaCy picks its best model on; PolNeAR's own dev
and test splits are never read here. The config is ``configs/attribution.cfg``: the small
English pipeline's tok2vec, sourced and fine-tuned, under an ``ner`` component.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.eval.polnear import PolnearDoc, find_folders, read_folder
from dateline.learned.attribution import LABELS, MODEL_DIR, PIPES, load_tagger
from dateline.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

CONFIG = Path(__file__).resolve().parent / "configs" / "attribution.cfg"
SEED = 0
# Articles published from this month on are spaCy's development set (the training split runs
# from November 2015 to August 2016, so this keeps about a tenth aside).
ASIDE_FROM = "2016-08"


def role_spans(doc: PolnearDoc) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, label) character ranges of every role, cut at paragraph breaks."""
    for attribution in doc.attributions:
        for label, ranges in (("SOURCE", attribution.source), ("CUE", attribution.cue),
                              ("CONTENT", attribution.content)):
            for a, b in ranges:
                yield from _paragraph_pieces(doc.text, a, b, label)


def _paragraph_pieces(text: str, a: int, b: int, label: str) -> Iterator[tuple[int, int, str]]:
    start = a
    for i in range(a, b + 1):
        if i == b or text[i] == "\n":
            piece = text[start:i]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            if piece.strip():
                yield start + lead, i - trail, label
            start = i + 1


def to_spacy_doc(nlp: Language, doc: PolnearDoc) -> SpacyDoc:
    """Return the article as a tokenized Doc with its roles as entities."""
    from spacy.util import filter_spans

    parsed = nlp.make_doc(doc.text)
    spans = []
    for a, b, label in role_spans(doc):
        span = parsed.char_span(a, b, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    parsed.ents = filter_spans(spans)
    return parsed


def polnear_train_docs(train_dir: Path) -> list[PolnearDoc]:
    """Read PolNeAR train (``train_dir`` holds ``polnear/train``, or is that folder)."""
    root = train_dir / "polnear" / "train" if (train_dir / "polnear").is_dir() else train_dir
    docs = [d for folder in find_folders(root) for d in read_folder(folder)]
    if not docs:
        raise FileNotFoundError(f"No PolNeAR articles under {root}")
    return docs


def write_corpora(docs: Iterable[PolnearDoc], out: Path) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy`` (the articles kept aside) into ``out``."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    bins = {"train": DocBin(), "dev": DocBin()}
    for doc in docs:
        part = "dev" if (doc.published or "") >= ASIDE_FROM else "train"
        bins[part].add(to_spacy_doc(nlp, doc))
    out.mkdir(parents=True, exist_ok=True)
    for part, docbin in bins.items():
        docbin.to_disk(out / f"{part}.spacy")
    return {part: len(docbin) for part, docbin in bins.items()}


def train_attribution(train_dir: Path, models: Path, *, work: Path | None = None,
                      overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train the tagger, copy the best model into ``models/attribution``; return its figures."""
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory() as scratch:
        base = work or Path(scratch)
        counts = write_corpora(polnear_train_docs(train_dir), base / "corpus")
        settings = {"paths.train": str(base / "corpus" / "train.spacy"),
                    "paths.dev": str(base / "corpus" / "dev.spacy"), "system.seed": SEED,
                    **(overrides or {})}
        spacy_train(CONFIG, base / "output", overrides=settings)
        best = base / "output" / "model-best"
        meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
        target = models / MODEL_DIR
        if target.exists():
            shutil.rmtree(target)
        _copy_model(best, target)
    scores = meta.get("performance", {})
    per_type = scores.get("ents_per_type", {})
    return {"articles": counts, "labels": list(LABELS),
            "aside_f1": {label: round(per_type.get(label, {}).get("f", 0.0), 4)
                         for label in LABELS},
            "aside_ents_f": round(scores.get("ents_f", 0.0), 4)}


def train_and_score(eval_dir: Path, train_dir: Path, models: Path,
                    settings: Settings) -> dict[str, Any]:
    """Train the tagger, then score quotes on PolNeAR dev with the rules alone and with it."""
    from dateline.eval.quotes import run as score

    figures = train_attribution(train_dir, models)
    load_tagger.cache_clear()
    for result in score(eval_dir / "polnear" / "dev", limit=None, settings=settings):
        figures[result.dataset] = result.metrics
    return figures


def shipped_config(config: str) -> str:
    """Return a trained pipeline's config without its corpus paths (a scratch folder)."""
    return re.sub(r'^(train|dev) = ".*"$', r"\1 = null", config, flags=re.MULTILINE)


def _copy_model(best: Path, target: Path) -> None:
    """Copy what loading needs: config, meta, tokenizer, vocab and the two components."""
    target.mkdir(parents=True)
    config = shipped_config((best / "config.cfg").read_text(encoding="utf-8"))
    (target / "config.cfg").write_text(config, encoding="utf-8")
    for name in ("meta.json", "tokenizer"):
        source = best / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(best / "vocab", target / "vocab")
    for pipe in PIPES:
        shutil.copytree(best / pipe, target / pipe)
