"""Rich progress bars: ingest runs (articles done, articles/s, failures, time left) and links."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from dateline.runners.local import Progress as RunProgress


class ProgressBar:
    """Show a run's progress on the terminal (stderr); silent when stderr is not a terminal."""

    def __init__(self, console: Console | None = None, *, enabled: bool = True) -> None:
        self.console = console or Console(stderr=True)
        self.bar = Progress(
            SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:>7} art/s"), TextColumn("{task.fields[failed]}"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False,
            disable=not enabled or not self.console.is_terminal, refresh_per_second=4)
        self.task = self.bar.add_task("ingest", total=None, rate="-", failed="no failures")

    def __enter__(self) -> ProgressBar:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.bar.stop()

    def __call__(self, progress: RunProgress) -> None:
        """Update the bar from a run's progress (the runner's ``on_progress`` callback)."""
        elapsed = max(progress.elapsed, 1e-6)
        processed = progress.stored + progress.failed
        failed = (f"[red]{progress.failed} failed[/red]" if progress.failed else "no failures")
        self.bar.update(self.task, completed=progress.done, total=progress.total,
                        rate=f"{processed / elapsed:.1f}", failed=failed)


class LinkProgressBar:
    """Show `dateline link` progress (articles linked, then stories whose incidents are merged)."""

    def __init__(self, console: Console | None = None, *, enabled: bool = True) -> None:
        self.console = console or Console(stderr=True)
        self.bar = Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
            MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False,
            disable=not enabled or not self.console.is_terminal, refresh_per_second=4)
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> LinkProgressBar:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.bar.stop()

    def __call__(self, phase: str, done: int, total: int) -> None:
        """Update the bar of ``phase`` (count, link, incidents): the linker's ``on_progress``."""
        if phase not in self.tasks:
            label = {"count": "count terms", "link": "link articles",
                         "incidents": "merge incidents"}.get(phase, phase)
            self.tasks[phase] = self.bar.add_task(label, total=total)
        self.bar.update(self.tasks[phase], completed=done, total=total)
