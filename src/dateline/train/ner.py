"""Fine-tune the pinned pipeline's NER on CoNLL-2003 train, keeping spaCy's fine labels.

The tuned NER replaces the pinned one (learned/ner.py), so it must still find every type the
later stages read, including those CoNLL never annotates. Two sources of annotation:

CoNLL's four types are mapped onto the labels the later stages read: PER -> PERSON, ORG -> ORG;
LOC -> the pinned model's label for the same span where it says GPE, LOC or FAC, else GPE;
MISC -> the pinned model's label where it says NORP, EVENT, PRODUCT, WORK_OF_ART, LAW or
LANGUAGE, else left unannotated (missing, not "outside"), since CoNLL does not say which.
CoNLL annotates no dates or numbers: the pinned model's own DATE, TIME, CARDINAL... mentions
that touch no gold name are kept as silver annotations so that the tuned model keeps them.

Rehearsal: CoNLL's Reuters of 1996 (sports tables, results, datelines) teaches no facilities,
products, works, laws or events outside its MISC, and tuning on it alone makes the NER forget
them. Every ``REHEARSE_EVERY``-th article of PolNeAR train (political news of 2016) is read by
the pinned NER and all its mentions, of every type, are trained on as silver; the PolNeAR
articles between them that training never reads measure how much of the pinned NER's reading
of the types CoNLL lacks the tuned one keeps (``pinned_agreement``).

Every tenth document of eng.train (and every tenth rehearsal article) is kept out of training
and used by ``spacy train`` to pick the best checkpoint; eng.testa only scores the result and
eng.testb is never read.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.eval.ner import read_conll
from dateline.eval.ner import run as score
from dateline.learned.ner import COMPONENT_FILES, NER_MODEL
from dateline.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

CONFIG = Path(__file__).resolve().parent / "configs" / "ner.cfg"
DEV_EVERY = 10  # every tenth training document picks the checkpoint
REHEARSE_EVERY = 5  # one PolNeAR train article in five is rehearsed (about 125k words)
AGREEMENT_ARTICLES = 60  # PolNeAR train articles never trained on that measure the rehearsal
PERSON, ORG = "PERSON", "ORG"
PLACES = frozenset({"GPE", "LOC", "FAC"})
MISC_LABELS = frozenset({"NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
SILVER = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# The types CoNLL never annotates as such: the rehearsal keeps them.
FINE_ONLY = frozenset({"NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
                      | SILVER)


def relabel(doc: SpacyDoc, gold: Iterable[tuple[int, int, str]]) -> SpacyDoc:
    """Set ``doc``'s entities from CoNLL ``gold`` spans, reading the pinned model's ``doc.ents``."""
    from spacy.tokens import Span

    pinned = {(e.start, e.end): e.label_ for e in doc.ents}
    entities: list[SpacySpan] = []
    missing: list[SpacySpan] = []
    for start, end, kind in gold:
        span = doc.char_span(start, end)
        if span is None:  # the tokenizer cut the name elsewhere: say nothing about those tokens
            wide = doc.char_span(start, end, alignment_mode="expand")
            if wide is not None:
                missing.append(wide)
            continue
        label = _fine_label(kind, pinned.get((span.start, span.end)))
        if label is None:
            missing.append(span)
        else:
            entities.append(Span(doc, span.start, span.end, label=label))
    taken = {i for span in entities + missing for i in range(span.start, span.end)}
    silver = [e for e in doc.ents if e.label_ in SILVER
              and not taken.intersection(range(e.start, e.end))]
    doc.set_ents(entities + silver, missing=missing, default="outside")
    return doc


def _fine_label(kind: str, pinned: str | None) -> str | None:
    if kind == "PER":
        return PERSON
    if kind == "ORG":
        return ORG
    if kind == "LOC":
        return pinned if pinned in PLACES else "GPE"
    return pinned if pinned in MISC_LABELS else None


def build_corpora(train_file: Path, rehearsal: list[str], nlp: Language,
                  out: Path) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``out`` from CoNLL ``train_file`` and the
    ``rehearsal`` texts (read by the pinned NER); return their document counts."""
    from spacy.tokens import DocBin

    bins = {"train": DocBin(), "dev": DocBin()}
    docs = list(read_conll(train_file))
    for i, (gold, parsed) in enumerate(zip(docs, _pinned_ents(nlp, [d.text for d in docs]),
                                           strict=True)):
        bins["dev" if i % DEV_EVERY == 0 else "train"].add(relabel(parsed, gold.spans))
    for i, parsed in enumerate(_pinned_ents(nlp, rehearsal)):
        bins["dev" if i % DEV_EVERY == 0 else "train"].add(parsed)
    out.mkdir(parents=True, exist_ok=True)
    for name, docbin in bins.items():
        docbin.to_disk(out / f"{name}.spacy")
    return {name: len(docbin) for name, docbin in bins.items()}


def split_rehearsal(polnear: Path) -> tuple[list[str], list[str]]:
    """Return the PolNeAR train texts to rehearse and those kept out to measure agreement."""
    files = sorted(polnear.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    rehearse = [t for i, t in enumerate(texts) if i % REHEARSE_EVERY == 0]
    kept_out = [t for i, t in enumerate(texts) if i % REHEARSE_EVERY == REHEARSE_EVERY // 2]
    return rehearse, kept_out[:AGREEMENT_ARTICLES]


def _pinned_ents(nlp: Language, texts: list[str]) -> Iterator[SpacyDoc]:
    with nlp.select_pipes(enable=["ner"]):
        yield from nlp.pipe(texts, batch_size=16)


def pinned_agreement(pinned: Iterable[SpacyDoc], tuned: Iterable[SpacyDoc]) -> dict[str, float]:
    """Return, per type CoNLL never annotates, the F1 of ``tuned``'s mentions against
    ``pinned``'s on the same texts (exact spans), and their micro average as ``all``."""
    counts: dict[str, list[int]] = {label: [0, 0, 0] for label in FINE_ONLY}
    for ours, theirs in zip(tuned, pinned, strict=True):
        said = {(e.start, e.end, e.label_) for e in ours.ents if e.label_ in FINE_ONLY}
        gold = {(e.start, e.end, e.label_) for e in theirs.ents if e.label_ in FINE_ONLY}
        for label in FINE_ONLY:
            mine = {s for s in said if s[2] == label}
            truth = {s for s in gold if s[2] == label}
            counts[label][0] += len(mine & truth)
            counts[label][1] += len(mine)
            counts[label][2] += len(truth)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {label: _f1(*c) for label, c in (*counts.items(), ("all", total)) if c[2]}


def _f1(hits: int, predicted: int, gold: int) -> float:
    return round(2 * hits / (predicted + gold), 4) if predicted + gold else 0.0


def pinned_vocab(source: str) -> Callable[[Language], Language]:
    """Give the pipeline being trained the pinned one's tokenizer and norm tables, so that the
    tuned NER sees the same tokens and features as the pipeline it is loaded into."""

    def copy(nlp: Language) -> Language:
        import spacy

        pinned = spacy.load(source, exclude=["tok2vec", "tagger", "parser", "senter",
                                             "attribute_ruler", "lemmatizer", "ner"])
        tokenizer: Any = nlp.tokenizer
        tokenizer.from_bytes(pinned.tokenizer.to_bytes())  # type: ignore[union-attr]
        for table in pinned.vocab.lookups.tables:
            nlp.vocab.lookups.set_table(table, pinned.vocab.lookups.get_table(table))
        return nlp

    return copy


def _register() -> None:
    from spacy.util import registry

    if "dateline.pinned_vocab.v1" not in registry.callbacks.get_all():
        registry.callbacks("dateline.pinned_vocab.v1", func=pinned_vocab)


def train_ner(eval_dir: Path, train_dir: Path, models: Path, settings: Settings,
              work: Path | None = None) -> dict[str, Any]:
    """Tune the NER, copy its weights into ``models`` and return the eng.testa figures."""
    import spacy
    from spacy.cli.train import train as spacy_train

    _register()
    scratch = Path(work) if work else Path(tempfile.mkdtemp(prefix="dateline-ner-"))
    nlp = spacy.load(settings.model)
    rehearse, kept_out = split_rehearsal(train_dir / "polnear" / "train" / "text")
    counts = build_corpora(train_dir / "conll2003" / "eng.train", rehearse, nlp,
                           scratch / "corpus")
    spacy_train(CONFIG, scratch / "output", use_gpu=-1, overrides={
        "paths.train": str(scratch / "corpus" / "train.spacy"),
        "paths.dev": str(scratch / "corpus" / "dev.spacy"),
        "paths.source": settings.model})
    figures = install_and_score(scratch / "output" / "model-best", eval_dir, kept_out, nlp,
                                models, settings)
    if not work:
        shutil.rmtree(scratch, ignore_errors=True)
    return {"documents": counts, **figures}


def install_and_score(best: Path, eval_dir: Path, kept_out: list[str], pinned: Language,
                      models: Path, settings: Settings) -> dict[str, Any]:
    """Copy the NER of ``spacy train``'s ``best`` pipeline into ``models``; return its figures:
    eng.testa, and its agreement with the ``pinned`` NER on the ``kept_out`` texts."""
    target = models / NER_MODEL
    target.mkdir(parents=True, exist_ok=True)
    for name in COMPONENT_FILES:
        shutil.copyfile(best / "ner" / name, target / name)
    from dateline.stages.nlp import load_model

    load_model.cache_clear()
    figures: dict[str, Any] = {}
    tuned = load_model(settings.model, ("ner",), True)
    with tuned.select_pipes(enable=["ner"]):
        figures["pinned_agreement"] = pinned_agreement(_pinned_ents(pinned, kept_out),
                                                       tuned.pipe(kept_out, batch_size=16))
    testa = eval_dir / "conll2003" / "eng.testa"
    if testa.is_file():
        for result in score(testa, limit=None, settings=replace(settings, learned_ner=True)):
            figures[result.dataset] = result.metrics
    return figures
