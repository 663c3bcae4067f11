"""The article budget: sentences refused before the parse, time and memory while it runs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.budget import Budget, count_sentences, resident_mb
from dateline.errors import ArticleMemoryError, ArticleTimeoutError, TooLargeError, TooLongError
from dateline.pipeline import Failure, Pipeline
from dateline.records import Article, Doc
from runners.budget_stages import HELD, WORKER_ID


def _articles(*texts: str) -> list[Article]:
    return [Article(f"a{i}", text) for i, text in enumerate(texts)]


def test_budget_counts_sentences_without_the_parser():
    assert count_sentences("He said. " * 10) == 10
    assert count_sentences('She said: "Go." Then he left.\n\nA heading\nMore text') == 4
    assert count_sentences("") == 0
    assert count_sentences("(" * 1000 + "no" + ")" * 1000) == 1


def test_budget_refuses_an_article_with_too_many_sentences_as_a_failure_row():
    pipeline = Pipeline.from_settings(replace(WORKER_ID, max_sentences=3))
    results = list(pipeline.pipe(_articles("One. Two.", "One. Two. Three. Four. Five."),
                                 on_error="record"))
    assert isinstance(results[0], Doc)
    failure = results[1]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error) == ("budget", "TooLongError")
    assert "too long: 5 sentences; limit 3, setting `max_sentences`" in failure.message


def test_budget_refusal_raises_a_too_large_error_for_one_article():
    pipeline = Pipeline.from_settings(replace(WORKER_ID, max_sentences=3))
    with pytest.raises(TooLongError) as caught:
        pipeline(Article("a", "A. B. C. D."))
    assert isinstance(caught.value, TooLargeError)  # the API answers 413


def test_budget_timeout_fails_only_the_slow_article_of_a_batch():
    pipeline = Pipeline.from_settings(replace(WORKER_ID, article_timeout=0.3, batch_size=4))
    results = list(pipeline.pipe(_articles("Fine.", "SLOW down.", "Also fine."),
                                 on_error="record"))
    assert [type(r).__name__ for r in results] == ["Doc", "Failure", "Doc"]
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.error == "ArticleTimeoutError"
    assert "setting `article_timeout`" in failure.message


def test_budget_timer_interrupts_code_that_never_checks():
    pipeline = Pipeline.from_settings(replace(WORKER_ID, article_timeout=0.3))
    with pytest.raises(ArticleTimeoutError):
        pipeline(Article("a", "SPIN forever."))


def test_budget_memory_fails_the_article_that_grew_the_process():
    limit = resident_mb() + 150
    pipeline = Pipeline.from_settings(replace(WORKER_ID, max_worker_memory_mb=limit))
    try:
        results = list(pipeline.pipe(_articles("BLOAT it.", "Fine."), on_error="record"))
        failure = results[0]
        assert isinstance(failure, Failure)
        assert failure.error == "ArticleMemoryError"
        assert "setting `max_worker_memory_mb`" in failure.message
        # The next article did not make the process grow: it is not blamed for the memory.
        assert isinstance(results[1], Doc)
        with pytest.raises(ArticleMemoryError):
            Pipeline.from_settings(replace(WORKER_ID, max_worker_memory_mb=limit))(
                Article("b", "BLOAT more."))
    finally:
        HELD.clear()


def test_budget_zero_turns_every_limit_off():
    budget = Budget(0, 0, 0.0, 0)
    budget.admit(Article("a", "He said. " * 100_000))  # no error
