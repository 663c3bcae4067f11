"""What one article may cost: characters, sentences, tokens per sentence, seconds and memory.

The pipeline enforces the budget, not each stage. Before the parse it counts the article's
sentences (cheaply, without spaCy) and refuses an article with too many; the parser splits a
sentence longer than ``max_sentence_tokens``. While an article runs, a deadline and a memory
ceiling are checked between stages and inside the long loops (``check``); where the process
allows it (the main thread of a process), a timer signal also interrupts Python code that
runs past the deadline. Process runners add the hard guard: a worker past the deadline or over
the memory limit is killed and replaced.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import FrameType

from dateline.errors import ArticleMemoryError, ArticleTimeoutError, TooLongError
from dateline.records import Article
from dateline.settings import Settings


@dataclass(frozen=True)
class Budget:
    """Limits for one article; 0 (or a negative number) turns a limit off."""

    max_sentences: int = 5_000
    max_sentence_tokens: int = 500
    article_timeout: float = 20.0
    max_worker_memory_mb: int = 1_500

    @classmethod
    def from_settings(cls, settings: Settings) -> Budget:
        return cls(settings.max_sentences, settings.max_sentence_tokens,
                   settings.article_timeout, settings.max_worker_memory_mb)

    def admit(self, article: Article) -> None:
        """Raise TooLongError when the article has more sentences than the budget allows."""
        if self.max_sentences <= 0:
            return
        count = count_sentences(article.text)
        if count > self.max_sentences:
            raise TooLongError(
                f"Article too long: {count:,} sentences; limit {self.max_sentences:,}, setting "
                "`max_sentences`. Split the article or raise the limit.")


UNLIMITED = Budget(0, 0, 0.0, 0)

# The end of a sentence: final punctuation (with closing quotes or brackets) before a space, or
# a line break. Abbreviations ("Gen. Smith") count too: the count is an upper bound, cheap and
# the same on every machine, not the parser's segmentation.
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)|\n")


def count_sentences(text: str, stop_after: int | None = None) -> int:
    """Return how many sentences ``text`` holds (at most ``stop_after`` + 1 when given)."""
    count = 0
    last = 0
    for match in _SENTENCE_END.finditer(text):
        if text[last:match.start()].strip():
            count += 1
            if stop_after is not None and count > stop_after:
                return count
        last = match.end()
    if text[last:].strip():
        count += 1
    return count


# --- the deadline and the memory ceiling of the article being processed ---------------------

@dataclass
class _Limits:
    deadline: float | None  # time.monotonic() value
    seconds: float
    memory_mb: int
    start_mb: int  # the process's memory when the article started
    next_memory_check: float = 0.0


_CURRENT: ContextVar[_Limits | None] = ContextVar("dateline_budget", default=None)


@contextmanager
def limits(budget: Budget, articles: int = 1) -> Iterator[None]:
    """Apply ``budget`` to the code inside: ``check`` raises once time or memory runs out.

    ``articles`` articles share the deadline (a batch gets one article's time per article).
    """
    seconds = budget.article_timeout * max(1, articles) if budget.article_timeout > 0 else 0.0
    deadline = time.monotonic() + seconds if seconds else None
    memory = max(0, budget.max_worker_memory_mb)
    token = _CURRENT.set(_Limits(deadline, seconds, memory, resident_mb() if memory else 0))
    try:
        with _alarm(seconds):
            yield
    finally:
        _CURRENT.reset(token)


def check() -> None:
    """Raise ArticleTimeoutError or ArticleMemoryError when the current article is over budget."""
    current = _CURRENT.get()
    if current is None:
        return
    now = time.monotonic()
    if current.deadline is not None and now > current.deadline:
        raise _timeout(current.seconds)
    if not current.memory_mb or now < current.next_memory_check:
        return
    current.next_memory_check = now + _MEMORY_EVERY  # reading the memory costs a system call
    held = resident_mb()
    # Memory freed by an earlier article is not always given back to the system: only an
    # article that itself made the process grow past the limit is over budget.
    if held > current.memory_mb and held > current.start_mb + _GROWTH_MB:
        raise ArticleMemoryError(
            f"Article over the memory budget: the process grew to {held:,} MB; limit "
            f"{current.memory_mb:,} MB, setting `max_worker_memory_mb`. Split the article or "
            "raise the limit.")


def _timeout(seconds: float) -> ArticleTimeoutError:
    return ArticleTimeoutError(
        f"Article took longer than {seconds:g} s; limit {seconds:g} s, setting "
        "`article_timeout`. Split the article or raise the limit.")


def resident_mb(pid: int | None = None) -> int:
    """Return the resident memory of a process in MB (this one by default)."""
    try:
        with open(f"/proc/{pid or 'self'}/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") // 1_048_576
    except (OSError, ValueError, IndexError):
        if pid is not None:
            return 0
        # No /proc (macOS): the peak is the best this process can tell about itself.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak // 1_048_576 if sys.platform == "darwin" else peak // 1024)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt Python code running ``seconds`` (plus a grace) past the start, where possible.

    Only the main thread receives signals, and only one timer exists per process: elsewhere, or
    when someone else's timer runs, the cooperative ``check`` is the guard.
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0
              and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))
    if not usable:
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise _timeout(seconds)

    previous = signal.signal(signal.SIGALRM, interrupt)
    # The grace lets the cooperative check, which names the limit the same way, act first.
    signal.setitimer(signal.ITIMER_REAL, seconds + _GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_GRACE = 1.0
_GROWTH_MB = 64
_MEMORY_EVERY = 0.02  # seconds
