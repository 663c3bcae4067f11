"""Adversarial inputs at 1x, 2x and 4x size: time and peak memory of `dateline extract` on each.

    python bench/adversarial.py [--scales 1,2,4] [--only NAME,...] [--limit 120] [--write]

Each input is built to exhaust time or memory (a sentence the parser roots on a preposition, a
flood of tiny sentences, one sentence repeated to the character limit, a chain of "according
to", brackets nested fifty thousand deep). Every run is a fresh `dateline extract FILE` in a
child process with the default settings, so the figures include start-up (Python, and the
spaCy model when the article is not refused first). Peak memory is the child's maximum
resident set, read from os.wait4. Inputs of the size that broke the pipeline before (the
"issue" rows) are next to a smaller size the budget admits (the "within" rows), on which the
time should double, not quadruple, as the input doubles.

The goals: no run past 30 s or 1.5 GB; refused inputs refused in under a second. ``--write``
replaces the table in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "performance.md"
START, END = "<!-- adversarial:start -->", "<!-- adversarial:end -->"

HANG = "About attacking the police station. "
HE_SAID = "He said. "
ARMY = "The army said 40 people were killed in Aleppo on Friday. "
ACCORDING = "According to AFP, according to Reuters, "


def _to_size(unit: str, chars: int) -> str:
    return unit * (chars // len(unit))


# English around the brackets, so that the language check lets them through to the parser.
_AROUND = "The minister said the plan would go ahead, officials told reporters on Friday. " * 3


def _brackets(depth: int) -> str:
    return _AROUND + "(" * depth + "no" + ")" * depth + " He left."


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Callable[[int], str]  # scale -> text


CASES = [
    Case("hang", "the sentence that hung (x copies)", lambda k: HANG * k),
    Case("he-said-issue", "He said. x 100,000 (900 KB)", lambda k: HE_SAID * 100_000 * k),
    Case("he-said-within", "He said. x 1,000", lambda k: HE_SAID * 1_000 * k),
    Case("army-issue", "army sentence to 999 KB", lambda k: _to_size(ARMY, 999_000 * k)),
    Case("army-within", "army sentence x 1,000 (57 KB)", lambda k: ARMY * 1_000 * k),
    Case("according-issue", "According to AFP, ... x 5,000 (200 KB)",
         lambda k: ACCORDING * 5_000 * k),
    Case("according-within", "According to AFP, ... x 500 (20 KB)",
         lambda k: ACCORDING * 500 * k),
    Case("brackets-issue", "3 sentences, 50,000 ( + no + 50,000 ) (100 KB)",
         lambda k: _brackets(50_000 * k)),
    Case("brackets-within", "3 sentences, 2,500 ( + no + 2,500 ) (5 KB)",
         lambda k: _brackets(2_500 * k)),
]


@dataclass(frozen=True)
class Run:
    case: str
    scale: int
    chars: int
    seconds: float
    peak_mb: float
    outcome: str


def run_extract(path: Path, limit: float) -> tuple[float, float, int, str]:
    """Run `dateline extract path`; return (seconds, peak MB, exit status, stderr)."""
    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "dateline", "extract", str(path)],
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        deadline = started + limit
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                status = -1
                break
            time.sleep(0.02)
        seconds = time.monotonic() - started
        proc.returncode = 0  # reaped above
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss / (1_048_576 if sys.platform == "darwin" else 1024)
    code = -1 if status == -1 else os.waitstatus_to_exitcode(status)
    return seconds, peak, code, message


def outcome_of(code: int, message: str, limit: float) -> str:
    if code == -1:
        return f"killed after {limit:g} s"
    if code == 0:
        return "extracted"
    setting = re.search(r"setting `?(\w+)`?", message)
    if setting:
        return f"refused ({setting.group(1)})" if "timeout" not in setting.group(1) \
            else f"failed ({setting.group(1)})"
    if "does not look like English" in message:
        return "refused (not English)"
    return "error: " + (message.strip().splitlines() or ["?"])[-1][:60]


def measure(cases: list[Case], scales: list[int], limit: float) -> list[Run]:
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for case in cases:
            for scale in scales:
                text = case.make(scale)
                path = Path(folder) / f"{case.name}-{scale}.txt"
                path.write_text(text, encoding="utf-8")
                seconds, peak, code, message = run_extract(path, limit)
                run = Run(case.name, scale, len(text), seconds, peak,
                          outcome_of(code, message, limit))
                print(f"{run.case:18} {run.scale}x {run.chars:>10,} chars {run.seconds:7.2f} s "
                      f"{run.peak_mb:7.0f} MB  {run.outcome}", flush=True)
                runs.append(run)
                path.unlink()
    return runs


def table(runs: list[Run], cases: list[Case]) -> str:
    what = {c.name: c.what for c in cases}
    lines = ["| input | size | chars | seconds | x previous | peak RSS (MB) | outcome |",
             "|---|---:|---:|---:|---:|---:|---|"]
    previous: dict[str, Run] = {}
    for run in runs:
        before = previous.get(run.case)
        ratio = f"{run.seconds / before.seconds:.2f}" if before and before.seconds > 0 else ""
        lines.append(f"| {run.case}: {what[run.case]} | {run.scale}x | {run.chars:,} | "
                     f"{run.seconds:.2f} | {ratio} | {run.peak_mb:,.0f} | {run.outcome} |")
        previous[run.case] = run
    return "\n".join(lines)


def write_docs(text: str) -> None:
    page = DOCS.read_text(encoding="utf-8")
    if START not in page:
        raise SystemExit(f"{DOCS} has no {START} marker")
    head, rest = page.split(START, 1)
    _, tail = rest.split(END, 1)
    DOCS.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,2,4")
    parser.add_argument("--only", default="", help="comma-separated case names")
    parser.add_argument("--limit", type=float, default=120.0, help="kill a run after this")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    wanted = {n for n in args.only.split(",") if n}
    cases = [c for c in CASES if not wanted or c.name in wanted]
    before = os.getloadavg()[0]
    runs = measure(cases, [int(s) for s in args.scales.split(",")], args.limit)
    text = table(runs, cases) + (
        f"\n\nMeasured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} CPU cores, Python "
        f"{sys.version.split()[0]}; load average {before:.1f} before the runs and "
        f"{os.getloadavg()[0]:.1f} after.")
    print()
    print(text)
    if args.write:
        write_docs(text)


if __name__ == "__main__":
    main()
