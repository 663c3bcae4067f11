"""Scorers for public gold data: each task reads a gold set, runs the pipeline and scores it.

A task module defines ``run(data: Path, *, limit: int | None, settings: Settings) -> EvalResult``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError
from dateline.settings import Settings

# Task name -> module implementing it.
TASKS = {
    "ner": "dateline.eval.ner",
    "times": "dateline.eval.times",
    "quotes": "dateline.eval.quotes",
    "places": "dateline.eval.places",
    "event-types": "dateline.eval.event_types",
    "casualties": "dateline.eval.casualties",
    "incidents": "dateline.eval.incidents",
    "meantime": "dateline.eval.meantime",
    "stories": "dateline.eval.stories",
    "factuality": "dateline.eval.factuality",
    "triggers": "dateline.eval.triggers",
}


@dataclass(frozen=True)
class EvalResult:
    """The figures one task measured on one dataset."""

    task: str
    dataset: str
    docs: int
    metrics: dict[str, Any]
    # Extra rows for the report (e.g. one result per dataset file); not part of --json's contract.
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "dataset": self.dataset, "docs": self.docs,
                "metrics": self.metrics}


def run_task(task: str, data: Path, *, limit: int | None = None,
             settings: Settings | None = None) -> list[EvalResult]:
    """Run one task on a file or a folder; a folder may yield one result per dataset found."""
    if task not in TASKS:
        raise ConfigError(f"No eval task named {task!r}. Available: {', '.join(TASKS)}.")
    if not data.exists():
        raise ConfigError(f"Gold data {data} does not exist. Pass a file or a folder.")
    module = importlib.import_module(TASKS[task])
    result = module.run(data, limit=limit, settings=settings or Settings())
    results = result if isinstance(result, list) else [result]
    if not results:
        raise ConfigError(f"No gold data for {task!r} found under {data}. Point --data at the "
                          f"task's own files (see `dateline eval --help`).")
    return results
