"""Registered stub stages for budget tests (no spaCy): each names the process that ran it, and
misbehaves when the article holds a cue word.

HANG   sleeps with the timer signal blocked: only killing the process stops it
SPIN   loops in Python without checking the budget: only the timer signal stops it
SLOW   sleeps in short steps, checking the budget each time
BLOAT  holds 300 MB more, then checks the budget
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, replace

from dateline import budget
from dateline.records import Doc, Entity, Mention
from dateline.registry import stage
from dateline.settings import Settings

HELD: list[bytes] = []  # what BLOAT allocated, kept alive so the process stays large


@stage("test_worker_id", produces=("entities",))
@dataclass(frozen=True)
class WorkerId:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.article.text
        if "HANG" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(120)
        if "SPIN" in text:
            while True:
                pass
        if "SLOW" in text:
            while True:
                time.sleep(0.02)
                budget.check()
        if "BLOAT" in text:
            HELD.append(b"x" * (300 * 1024 * 1024))
            budget.check()
        name = str(os.getpid())
        mention = Mention(0, 1, text[:1], label="MISC")
        entity = Entity(0, 1, text[:1], id=f"pid-{doc.article.id}", name=name, label="MISC",
                        mentions=(mention,))
        return replace(doc, entities=(entity,))


WORKER_ID = Settings(stages=("test_worker_id",))
