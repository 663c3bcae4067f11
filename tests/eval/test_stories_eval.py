"""ECB+ reading and the clustering and coreference metrics of `dateline eval stories`."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.eval.clusters import bcubed, ceaf_e, conll_f1, muc, pairwise
from dateline.eval.ecbplus import find_files, read_document, selected_sentences

FOLDER = Path(__file__).parents[1] / "fixtures" / "ecbplus"


def test_stories_eval_reads_gold_story_and_drops_the_url_line():
    chosen = selected_sentences(FOLDER)
    ecb, plus = (read_document(p, chosen) for p in find_files(FOLDER))
    assert (ecb.story, plus.story) == ("1_ecb", "1_ecbplus")
    assert ecb.text == "Ann Lee checked into rehab.\nShe entered the clinic on Monday."
    assert plus.text == "Bo Kim checked into rehab."
    assert plus.events == {(7, 14): "ACT222"}  # the mention in the dropped URL line is gone


def test_stories_eval_chains_cross_and_intra_document_coreference():
    ecb = read_document(find_files(FOLDER)[0], selected_sentences(FOLDER))
    assert ecb.events == {(8, 15): "ACT111", (32, 39): "1_1ecb:11"}


def test_stories_eval_needs_ecbplus_files(tmp_path):
    with pytest.raises(ConfigError, match="No ECB"):
        find_files(tmp_path)


GOLD = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}


def test_stories_eval_perfect_clustering_scores_one():
    for metric in (bcubed, pairwise, muc, ceaf_e):
        assert metric(GOLD, GOLD) == pytest.approx((1.0, 1.0, 1.0))
    assert conll_f1(GOLD, GOLD) == pytest.approx(1.0)


def test_stories_eval_bcubed_and_pairwise_of_one_big_cluster():
    everything = dict.fromkeys(GOLD, "x")
    precision, recall, _ = bcubed(GOLD, everything)
    assert recall == pytest.approx(1.0)
    assert precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    # 4 of the 10 predicted pairs are gold pairs.
    assert pairwise(GOLD, everything)[:2] == pytest.approx((0.4, 1.0))


def test_stories_eval_muc_and_ceafe_on_a_split_cluster():
    split = {1: "a", 2: "a", 3: "c", 4: "b", 5: "b"}
    # MUC: gold chain a needs 2 links, the response keeps 1; chain b keeps its one link.
    assert muc(GOLD, split)[:2] == pytest.approx((1.0, 2 / 3))
    # CEAF-e: a<->a (phi4 = 2*2/(3+2)), b<->b (1); c unaligned.
    assert ceaf_e(GOLD, split)[:2] == pytest.approx(((0.8 + 1) / 3, (0.8 + 1) / 2))


@pytest.mark.model
def test_stories_eval_run_links_and_scores_the_folder(tmp_path, monkeypatch):
    import tempfile

    from dateline.eval import run_task

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (result,) = run_task("stories", FOLDER)
    metrics = result.metrics
    assert result.docs == 2 and metrics["gold_stories"] == 2 and metrics["failed"] == 0
    assert metrics["stories"] == 2 and metrics["bcubed_f1"] == pytest.approx(1.0)
    assert metrics["rebuild_stories"] == 2 and metrics["rebuild_bcubed_f1"] == pytest.approx(1.0)
    assert 0.0 <= metrics["baseline_bcubed_f1"] <= 1.0
    assert metrics["gold_event_mentions"] == 3
    assert list(tmp_path.glob("dateline-eval-docs/*.pickle"))  # the cache was written
