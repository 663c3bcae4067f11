"""The linker's bounded TF-IDF model."""

from __future__ import annotations

import pytest

from dateline.link import TextModel, term_counts


def test_text_terms_fold_inflections_drop_stop_words_and_weigh_names():
    counts = term_counts("The quake killed 12. Rescuers said Chile's quakes kill.")
    assert "the" not in counts and "12" not in counts
    assert counts["quake"] == pytest.approx(2 * counts["rescuer"])
    assert counts["chile"] == pytest.approx(2 * counts["rescuer"])  # a name inside a sentence
    assert counts["kill"] == pytest.approx(2 * counts["rescuer"])


def test_text_rare_terms_weigh_more_and_cosine_is_symmetric():
    model = TextModel(buckets=1 << 10)
    for text in ["earthquake in Chile", "earthquake in Japan", "earthquake in Peru"]:
        model.add(term_counts(text))
    assert model.documents == 3 and model.df("earthquake") == 3
    assert model.idf("chile") > model.idf("earthquake")
    a, b = term_counts("earthquake Chile"), term_counts("earthquake Japan")
    assert model.cosine(a, b) == pytest.approx(model.cosine(b, a))
    assert 0 < model.cosine(a, b) < model.cosine(a, a) == pytest.approx(1.0)


def test_text_model_round_trips_through_bytes_and_counts_removal():
    model = TextModel(buckets=1 << 8)
    model.add(["chile", "quake"])
    model.add(["quake"])
    copy = TextModel.from_bytes(model.to_bytes())
    assert (copy.documents, copy.df("quake"), copy.df("chile")) == (2, 2, 1)
    copy.remove(["chile", "quake"])
    assert (copy.documents, copy.df("quake"), copy.df("chile")) == (1, 1, 0)
