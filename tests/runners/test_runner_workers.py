"""Worker processes past the budget are replaced, and only their article is lost."""

from __future__ import annotations

from dataclasses import replace

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
