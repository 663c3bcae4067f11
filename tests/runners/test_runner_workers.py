"""Worker processes past the budget are replaced, and only their article is lost."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.pipeline import Failure
from dateline.records import Article, Doc
from dateline.runners.workers import WorkerPool

from .budget_stages import WORKER_ID


def _run(settings, *texts):
    batches = iter([[Article(f"a{i}", text)] for i, text in enumerate(texts)])
    results = {r.article.id: r for r in WorkerPool(settings, 1).run(batches)}
    return [results[f"a{i}"] for i in range(len(texts))]


def _pid(result):
    assert isinstance(result, Doc), result
    return result.entities[0].name


def test_runner_workers_kill_and_replace_a_worker_stuck_past_the_timeout():
    first, stuck, after = _run(replace(WORKER_ID, article_timeout=0.5), "Fine.", "HANG here.",
                               "Fine again.")
    assert isinstance(stuck, Failure)
    assert (stuck.stage, stuck.error) == ("worker", "ArticleTimeoutError")
    assert "setting `article_timeout`" in stuck.message
    assert _pid(first) != _pid(after)  # a fresh worker took over


def test_runner_workers_replace_a_worker_grown_past_the_memory_limit():
    first, bloated, after = _run(replace(WORKER_ID, max_worker_memory_mb=250), "Fine.",
                                 "BLOAT now.", "Fine again.")
    assert isinstance(bloated, Failure)
    assert bloated.error == "ArticleMemoryError"
    assert _pid(first) != _pid(after)


def test_runner_workers_retry_a_lost_batch_one_article_at_a_time():
    settings = replace(WORKER_ID, article_timeout=0.5)
    batch = [Article("good", "Fine."), Article("stuck", "HANG here."), Article("more", "Fine.")]
    results = {r.article.id: r for r in WorkerPool(settings, 2).run(iter([batch]))}
    assert isinstance(results["good"], Doc) and isinstance(results["more"], Doc)
    assert isinstance(results["stuck"], Failure)


def _ingest(folder, db, settings, workers):
    from dateline.ingest.sources import IngestOptions
    from dateline.runners import ingest
    from dateline.store import open_store, query

    with open_store(db) as store:
        result = ingest([str(folder)], store, settings, IngestOptions.from_settings(settings),
                        workers=workers)
        failures = {f["origin"]: f for f in query(store, "failures", limit=100).rows}
    return result, failures


@pytest.mark.parametrize("workers", [1, 2])
def test_runner_workers_budget_failures_are_rows_and_the_run_goes_on(tmp_path, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A fine article. It has three sentences. The end.")
    (folder / "b.txt").write_text("One. Two. Three. Four. Five. Six.")
    (folder / "c.txt").write_text("SLOW it goes.")
    (folder / "d.txt").write_text("Another fine article.")
    settings = replace(WORKER_ID, max_sentences=4, article_timeout=0.5, batch_size=2)
    result, failures = _ingest(folder, str(tmp_path / "run.db"), settings, workers)
    assert (result.counts.stored, result.counts.failed) == (2, 2)
    too_long = failures[str(folder / "b.txt")]
    assert (too_long["stage"], too_long["error"]) == ("budget", "TooLongError")
    assert "6 sentences; limit 4, setting `max_sentences`" in too_long["message"]
    assert failures[str(folder / "c.txt")]["error"] == "ArticleTimeoutError"


def test_runner_workers_report_a_pipeline_that_cannot_be_built():
    from dateline.errors import ConfigError

    settings = replace(WORKER_ID, stage_options={"test_worker_id": {"colour": "red"}})
    pool = WorkerPool(settings, 1)
    with pytest.raises(ConfigError, match="colour"):
        list(pool.run(iter([[Article("a", "Text.")]])))
