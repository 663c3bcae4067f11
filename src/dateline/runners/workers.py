"""Worker processes for the local runner, each replaced when it dies, hangs or grows too big.

Each worker builds the pipeline once and extracts one batch at a time. The main process holds
the guard the workers cannot hold themselves:

- a worker that runs past its batch's time budget (``article_timeout`` per article, doubled for
  the retry a batch gets when its own deadline passes) is killed and replaced;
- a worker whose memory grows past ``max_worker_memory_mb`` (by a fifth, while it works: its
  own check usually stops the article first) is killed and replaced, and one that ends a batch
  over the limit is retired and replaced, before the kernel's out-of-memory killer acts;
- a worker that dies (a crash in native code, a kill) is replaced.

The articles of a batch lost with its worker are tried again one at a time; an article that
loses a worker on its own becomes a Failure, and the run goes on.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from dateline.budget import Budget, resident_mb
from dateline.errors import DatelineError, StageError
from dateline.pipeline import Failure, Pipeline
from dateline.records import Article, Doc
from dateline.registry import get_stage
from dateline.settings import Settings

# How often the main process looks at its workers while none answers (seconds).
_POLL = 0.25
# Seconds added to a batch's time budget before its worker is killed (the timeout, between 1
# and 5 s): the worker's own deadline acts first and reports the article as a Failure.
_GRACE = (1.0, 5.0)
# A busy worker is killed past this multiple of the memory limit.
_HARD_MEMORY = 1.2
# Seconds a retired worker gets to exit before it is killed.
_EXIT_WAIT = 5.0

# One math thread per worker: N workers each starting a BLAS thread per core would fight over
# the cores the workers already fill. A value the user set is kept.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    batch: list[Article] = field(default_factory=list)
    deadline: float | None = None


class WorkerPool:
    """Run batches of articles through the pipeline in ``size`` worker processes."""

    def __init__(self, settings: Settings, size: int, context: Any = None) -> None:
        self.settings = settings
        self.size = max(1, size)
        self.budget = Budget.from_settings(settings)
        # "spawn" is safe with threads and the same on every OS.
        self.context = context or multiprocessing.get_context("spawn")
        # Modules registering the stages, so that a stage defined outside dateline (registered
        # by importing its module) exists in the workers too.
        self.imports = tuple(sorted({get_stage(n).factory.__module__ for n in settings.stages}))
        self.workers: list[_Worker] = []

    def run(self, batches: Iterator[list[Article]]) -> Iterator[Doc | Failure]:
        """Yield a Doc or a Failure for every article of every batch, in no fixed order."""
        retry: deque[list[Article]] = deque()
        exhausted = False
        self.workers = [self._start() for _ in range(self.size)]
        try:
            while True:
                for worker in self.workers:
                    if worker.ready and not worker.batch:
                        batch = retry.popleft() if retry else None
                        if batch is None and not exhausted:
                            batch = next(batches, None)
                            exhausted = batch is None
                        if batch is None:
                            break
                        self._send(worker, batch)
                if exhausted and not retry and not any(w.batch for w in self.workers):
                    return
                yield from self._collect(retry)
        finally:
            self.close()

    def close(self) -> None:
        """Stop every worker (politely, then by force)."""
        for worker in self.workers:
            if worker.process.is_alive():
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
        deadline = time.monotonic() + _EXIT_WAIT
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []

    # --- one round of waiting -------------------------------------------------------------

    def _collect(self, retry: deque[list[Article]]) -> Iterator[Doc | Failure]:
        waiting: list[Any] = [w.conn for w in self.workers] + \
            [w.process.sentinel for w in self.workers]
        ready = set(wait(waiting, timeout=_POLL))
        now = time.monotonic()
        for index, worker in enumerate(list(self.workers)):
            lost: str | None = None
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    lost = "died"
                else:
                    if message[0] == "ready":
                        worker.ready = True
                        continue
                    if message[0] == "failed":
                        raise message[1]
                    _, results, held_mb = message
                    worker.batch, worker.deadline = [], None
                    yield from results
                    limit = self.budget.max_worker_memory_mb
                    if limit > 0 and held_mb > limit:
                        self._retire(worker)  # grown past the limit: a fresh one takes over
                        self.workers[index] = self._start()
                    continue
            elif worker.process.sentinel in ready or not worker.process.is_alive():
                lost = "died"
            elif worker.batch and worker.deadline is not None and now > worker.deadline:
                lost = "timeout"
            elif worker.batch and self.budget.max_worker_memory_mb > 0 and \
                    resident_mb(worker.process.pid) > \
                    self.budget.max_worker_memory_mb * _HARD_MEMORY:
                lost = "memory"
            if lost is not None:
                yield from self._lose(worker, lost, retry)
                self.workers[index] = self._start()

    def _lose(self, worker: _Worker, why: str,
              retry: deque[list[Article]]) -> Iterator[Failure]:
        """Kill a worker; retry its batch one article at a time, or fail a lone article."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        batch = worker.batch
        if len(batch) > 1:
            retry.extend([article] for article in batch)
            return
        for article in batch:
            yield Failure(article, "worker", *_LOST[why](self.budget))

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
        worker.process.join(_EXIT_WAIT)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    # --- starting and feeding workers -----------------------------------------------------

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.settings, self.imports),
                                       daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _send(self, worker: _Worker, batch: list[Article]) -> None:
        worker.batch = batch
        seconds = self.budget.article_timeout
        grace = min(max(seconds, _GRACE[0]), _GRACE[1])
        worker.deadline = None if seconds <= 0 else \
            time.monotonic() + seconds * (2 * len(batch) if len(batch) > 1 else 1) + grace
        worker.conn.send(batch)


_LOST: dict[str, Callable[[Budget], tuple[str, str]]] = {
    "died": lambda b: ("WorkerError", "A worker process died while extracting this article "
                       "(a crash, or killed from outside); re-run the ingest to retry it."),
    "timeout": lambda b: ("ArticleTimeoutError",
                          f"Article took longer than {b.article_timeout:g} s; limit "
                          f"{b.article_timeout:g} s, setting `article_timeout`. Its worker was "
                          "stopped and replaced."),
    "memory": lambda b: ("ArticleMemoryError",
                         f"Article over the memory budget: its worker grew past "
                         f"{b.max_worker_memory_mb:,} MB, setting `max_worker_memory_mb`. "
                         "The worker was stopped and replaced."),
}


def _serve(conn: Connection, settings: Settings, imports: tuple[str, ...]) -> None:
    """A worker's life: build the pipeline, then extract each batch sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    for name in _THREAD_VARIABLES:  # before the pipeline imports numpy
        os.environ.setdefault(name, "1")
    try:
        for module in imports:
            importlib.import_module(module)
        pipeline = Pipeline.from_settings(settings)
    except Exception as exc:  # a setting that no worker can build: the run stops, and says why
        conn.send(("failed", exc if isinstance(exc, DatelineError) else
                   StageError("pipeline", f"{type(exc).__name__}: {exc}")))
        return
    pipeline.warm_up()
    conn.send(("ready",))
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        results = list(pipeline.pipe(batch, on_error="record"))
        conn.send(("done", results, resident_mb()))
