"""CoNLL's four types become spaCy's fine labels; dates and numbers survive as silver; the
rehearsal articles are apart from those that measure it."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import Doc, Span

from dateline.train.ner import REHEARSE_EVERY, pinned_agreement, relabel, split_rehearsal

WORDS = ["Leeds", "beat", "the", "Kenyan", "side", "in", "the", "Alps", "on", "Monday", "before",
         "Jane", "Holloway", "won", "the", "Cup", "three", "times"]


def _doc(pinned: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=WORDS)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in pinned]
    return doc


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def test_ner_corpus_maps_conll_types_to_fine_labels() -> None:
    # The pinned model said Leeds GPE, Kenyan NORP, the Alps LOC, Monday DATE, Cup PERSON.
    doc = _doc([(0, 1, "GPE"), (3, 4, "NORP"), (7, 8, "LOC"), (9, 10, "DATE"), (15, 16, "PERSON"),
                (16, 17, "CARDINAL")])
    gold = [(*_chars(doc, 0, 1), "ORG"), (*_chars(doc, 3, 4), "MISC"), (*_chars(doc, 7, 8), "LOC"),
            (*_chars(doc, 11, 13), "PER"), (*_chars(doc, 15, 16), "MISC")]
    out = relabel(doc, gold)
    assert [(e.text, e.label_) for e in out.ents] == [
        ("Leeds", "ORG"), ("Kenyan", "NORP"), ("Alps", "LOC"), ("Monday", "DATE"),
        ("Jane Holloway", "PERSON"), ("three", "CARDINAL")]
    # A MISC name the pinned model did not type is left unannotated, not "outside".
    assert out[15].ent_iob_ == "" and out[1].ent_iob_ == "O"


def test_ner_corpus_place_defaults_to_gpe_and_gold_beats_silver() -> None:
    # The pinned model read "Holloway won" as a DATE overlapping the gold name: the name wins.
    doc = _doc([(0, 1, "ORG"), (12, 14, "DATE")])
    gold = [(*_chars(doc, 0, 1), "LOC"), (*_chars(doc, 11, 13), "PER")]
    out = relabel(doc, gold)
    assert [(e.text, e.label_) for e in out.ents] == [("Leeds", "GPE"),
                                                      ("Jane Holloway", "PERSON")]


def test_ner_corpus_agreement_scores_only_the_types_conll_lacks() -> None:
    pinned = _doc([(0, 1, "ORG"), (3, 4, "NORP"), (9, 10, "DATE"), (16, 17, "CARDINAL")])
    tuned = _doc([(0, 1, "GPE"), (3, 4, "NORP"), (8, 10, "DATE"), (16, 17, "CARDINAL")])
    figures = pinned_agreement([pinned], [tuned])
    # Leeds is a CoNLL type (not scored); "on Monday" misses the pinned "Monday".
    assert figures == {"NORP": 1.0, "DATE": 0.0, "CARDINAL": 1.0, "all": round(4 / 6, 4)}


def test_ner_corpus_rehearsal_and_agreement_articles_never_overlap(tmp_path: Path) -> None:
    for i in range(23):
        (tmp_path / f"article{i:02d}.txt").write_text(f"text {i}", encoding="utf-8")
    rehearse, kept_out = split_rehearsal(tmp_path)
    assert rehearse == [f"text {i}" for i in range(0, 23, REHEARSE_EVERY)]
    assert kept_out and not set(kept_out) & set(rehearse)
