"""Ingest sources into a store on this machine, in N worker processes with one writer.

The main process reads the sources, skips articles already stored by the same extractor, hands
batches to workers (each builds the pipeline once, from settings) and writes every result
itself, one transaction per article. Killing it at any moment (Ctrl-C, kill -9, a power cut)
loses nothing that was committed, and a re-run skips what is stored and does the rest: ids are
content hashes, so nothing is ever stored twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from dateline.ingest.sources import IngestOptions, Item, SourceFailure, estimate_total, read_sources
from dateline.pipeline import Failure, Pipeline
from dateline.records import Article, Doc
from dateline.runners.workers import WorkerPool
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
        """Extract in worker processes (runners/workers.py), which are replaced when one dies,
        hangs past the time budget or grows past the memory budget."""
        size = max(1, self.settings.batch_size)
        batches = iter(lambda: list(islice(articles, size)), [])
        for result in WorkerPool(self.settings, workers).run(batches):
            self.write(result)

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
