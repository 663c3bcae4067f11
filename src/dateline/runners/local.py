"""Ingest sources into a store on this machine, in N worker processes with one writer.

The main process reads the sources, skips articles already stored by the same extractor, hands
batches to workers (each builds the pipeline once, from settings) and writes every result
itself, one transaction per article. Killing it at any moment (Ctrl-C, kill -9, a power cut)
loses nothing that was committed, and a re-run skips what is stored and does the rest: ids are
content hashes, so nothing is ever stored twice.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from dateline.ingest.sources import IngestOptions, Item, SourceFailure, estimate_total, read_sources
from dateline.pipeline import Failure, Pipeline
from dateline.records import Article, Doc
from dateline.settings import Settings
from dateline.store import RunCounts, Store, extractor_id

if TYPE_CHECKING:
    from dateline.store.linking import StoreLinking

# Articles looked up in the store at once, to skip those already done.
_LOOKUP_CHUNK = 256


@dataclass
class Progress:
    """Where a run stands; handed to ``on_progress`` after every change."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    total: int | None = None
    started: float = field(default_factory=time.monotonic)
    write_seconds: float = 0.0
    last_failure: str | None = None

    @property
    def done(self) -> int:
        return self.stored + self.unchanged + self.failed

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def counts(self) -> RunCounts:
        return RunCounts(read=self.read, stored=self.stored, unchanged=self.unchanged,
                         failed=self.failed)


@dataclass(frozen=True)
class IngestResult:
    """What a finished run did."""

    run_id: str
    counts: RunCounts
    seconds: float
    write_seconds: float
    failures: tuple[tuple[str, str], ...]  # (origin, message), the first few


ProgressCallback = Callable[[Progress], None]


def ingest(sources: Sequence[str], store: Store, settings: Settings | None = None,
           options: IngestOptions | None = None, *, workers: int | None = None,
           on_progress: ProgressCallback | None = None, keep_failures: int = 20) -> IngestResult:
    """Read, extract and store everything ``sources`` hold; return the run's counts."""
    settings = settings or Settings()
    options = options or IngestOptions.from_settings(settings)
    workers = max(1, workers if workers is not None else settings.workers)
    run = _Run(store, settings, keep_failures, on_progress)
    run.progress.total = estimate_total(sources)
    run.id = store.start_run(settings, list(sources))
    status = "failed"
    if settings.link:
        from dateline.store.linking import StoreLinking

        run.linking = StoreLinking(store)
    try:
        articles = run.pending(read_sources(sources, options))
        if workers == 1:
            run.extract_here(articles)
        else:
            run.extract_in_workers(articles, workers)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if run.linking is not None:
            run.linking.close()
        store.finish_run(run.id, run.progress.counts(), status=status)
        run.report()
    return IngestResult(run.id, run.progress.counts(), run.progress.elapsed,
                        run.progress.write_seconds, tuple(run.failures))


class _Run:
    def __init__(self, store: Store, settings: Settings, keep_failures: int,
                 on_progress: ProgressCallback | None) -> None:
        self.store = store
        self.settings = settings
        self.extractor = extractor_id(settings)
        self.progress = Progress()
        self.on_progress = on_progress
        self.keep_failures = keep_failures
        self.failures: list[tuple[str, str]] = []
        self.origins: dict[str, str] = {}  # article id -> origin, while it is being extracted
        self.id = ""
        self.linking: StoreLinking | None = None

    def report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.progress)

    # Reading -------------------------------------------------------------------------------

    def pending(self, found: Iterable[Item | SourceFailure]) -> Iterator[Article]:
        """Yield the articles still to extract; record input failures and skip stored ones."""
        iterator = iter(found)
        seen: set[str] = set()
        while chunk := list(islice(iterator, _LOOKUP_CHUNK)):
            items: list[Item] = []
            for entry in chunk:
                if isinstance(entry, SourceFailure):
                    self.fail(entry.origin, "ingest", entry.error, entry.message)
                else:
                    self.progress.read += 1
                    items.append(entry)
            stored = self.store.stored_extractors(i.article.id for i in items)
            for item in items:
                aid = item.article.id
                if stored.get(aid) == self.extractor or aid in seen:
                    self.progress.unchanged += 1
                    continue
                seen.add(aid)
                self.origins[aid] = item.origin
                yield item.article
            self.report()

    # Extracting ----------------------------------------------------------------------------

    def extract_here(self, articles: Iterator[Article]) -> None:
        pipeline = Pipeline.from_settings(self.settings)
        for result in pipeline.pipe(articles, on_error="record"):
            self.write(result)

    def extract_in_workers(self, articles: Iterator[Article], workers: int) -> None:
        batch = max(1, self.settings.batch_size)
        context = multiprocessing.get_context("spawn")  # safe with threads, same on every OS
        in_flight: dict[Future[list[Doc | Failure]], list[Article]] = {}
        executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                       initargs=(self.settings,))
        try:
            exhausted = False
            while True:
                # Two batches per worker keep every worker busy without reading ahead further.
                while not exhausted and len(in_flight) < 2 * workers:
                    chunk = list(islice(articles, batch))
                    if not chunk:
                        exhausted = True
                        break
                    in_flight[executor.submit(_extract, chunk)] = chunk
                if not in_flight:
                    return
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = in_flight.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        executor = self._restart(executor, in_flight, chunk, workers, context)
                        continue
                    for result in results:
                        self.write(result)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _restart(self, executor: ProcessPoolExecutor,
                 in_flight: dict[Future[list[Doc | Failure]], list[Article]],
                 chunk: list[Article], workers: int,
                 context: multiprocessing.context.BaseContext) -> ProcessPoolExecutor:
        """A worker died (out of memory, a crash in native code): fail its batches, go on."""
        lost = [chunk, *in_flight.values()]
        in_flight.clear()
        for article in (a for batch in lost for a in batch):
            self.fail(self.origins.pop(article.id, article.id), "worker", "WorkerError",
                      "A worker process died while extracting this article (out of memory or "
                      "a crash); re-run the ingest to retry it.", article.id)
        executor.shutdown(wait=False, cancel_futures=True)
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(self.settings,))

    # Writing -------------------------------------------------------------------------------

    def write(self, result: Doc | Failure) -> None:
        started = time.monotonic()
        aid = result.article.id
        origin = self.origins.pop(aid, aid)
        if isinstance(result, Failure):
            self.fail(origin, result.stage, result.error, result.message, aid)
        else:
            outcome = self.store.save(result, extractor=self.extractor, origin=origin,
                                      run_id=self.id)
            if outcome == "unchanged":
                self.progress.unchanged += 1
            else:
                self.progress.stored += 1
                if self.linking is not None:
                    self.linking.link([result])
        self.progress.write_seconds += time.monotonic() - started
        self.report()

    def fail(self, origin: str, stage: str, error: str, message: str,
             article_id: str | None = None) -> None:
        started = time.monotonic()
        self.store.record_failure(origin=origin, stage=stage, error=error, message=message,
                                  article_id=article_id, run_id=self.id)
        self.progress.write_seconds += time.monotonic() - started
        self.progress.failed += 1
        self.progress.last_failure = message
        if len(self.failures) < self.keep_failures:
            self.failures.append((origin, message))


# Worker processes ------------------------------------------------------------------------------

_PIPELINE: Pipeline | None = None


# One math thread per worker: N workers each starting a BLAS thread per core would fight over
# the cores the workers already fill. A value the user set is kept.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _start_worker(settings: Settings) -> None:
    """Build the pipeline once per worker; Ctrl-C is the main process's to handle."""
    global _PIPELINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in _THREAD_VARIABLES:  # before the pipeline imports numpy
        os.environ.setdefault(name, "1")
    _PIPELINE = Pipeline.from_settings(settings)


def _extract(articles: list[Article]) -> list[Doc | Failure]:
    assert _PIPELINE is not None, "worker started without its pipeline"
    return list(_PIPELINE.pipe(articles, on_error="record"))
