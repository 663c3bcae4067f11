"""Hostile inputs against the readers alone: time and peak memory at 1x, 2x and 4x size.

    python bench/readers.py [--mb 50]

Each case runs read_sources (no pipeline) in a fresh process, so the peak RSS is that case's
own: a device, a JSON Lines line of N MB on standard input and in a file (between two good
lines), a CSV field of N MB (quoted, with line breaks and doubled quotes), and JSON nested
250,000 levels deep at 1x (1.75 MB of text: under max_bytes even at 4x). Memory should stay
flat as the input doubles, and time at most double.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

GOOD = ('{"text": "The army said on Friday that the police station in the north was attacked '
        'by gunmen, and three people were hurt."}\n')
CHILD = """
import sys
from dateline.ingest.sources import IngestOptions, SourceFailure, read_sources
found = list(read_sources(sys.argv[1:], IngestOptions()))
bad = [f for f in found if isinstance(f, SourceFailure)]
print(f"{len(found) - len(bad)} read, {len(bad)} failed" + (f" ({bad[0].error})" if bad else ""))
"""
MB = 1 << 20
BASE = [50 * MB]  # the 1x size, set from --mb


def jsonl_line(size: int) -> Iterator[bytes]:
    yield GOOD.encode() + b'{"text": "'
    yield from _fill(b"word ", size)
    yield b'"}\n' + GOOD.encode()


def csv_field(size: int) -> Iterator[bytes]:
    yield b'text,title\n"'
    yield from _fill(b'a ""quoted"" line\nof text ', size)
    yield b'",huge\n"A good row, read after it.",ok\n'


def deep_json(size: int) -> Iterator[bytes]:
    depth = _depth(size)
    yield b'{"a": ' * depth + b"1" + b"}" * depth


def _depth(size: int) -> int:
    """Nesting for a size: 250,000 levels (1.75 MB of text) at 1x, whatever --mb says."""
    return size // BASE[0] * 250_000


def _fill(pattern: bytes, size: int) -> Iterator[bytes]:
    block = pattern * (MB // len(pattern))
    for _ in range(size // len(block)):
        yield block


def run(sources: list[str], stdin: Callable[[], Iterator[bytes]] | None = None
        ) -> tuple[float, float, str]:
    """Run the readers over ``sources`` in a child; return seconds, peak MB and its output."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, *sources], stdout=subprocess.PIPE,
                             stdin=subprocess.PIPE if stdin else subprocess.DEVNULL)
    if stdin is not None:
        def feed() -> None:
            assert child.stdin is not None
            try:
                for block in stdin():
                    child.stdin.write(block)
                child.stdin.close()
            except BrokenPipeError:
                pass
        threading.Thread(target=feed, daemon=True).start()
    assert child.stdout is not None
    output = child.stdout.read().decode().strip()
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    return time.perf_counter() - started, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50, help="size of the 1x inputs, in MB")
    args = parser.parse_args()
    BASE[0] = args.mb * MB
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        if os.path.exists("/dev/zero"):
            rows.append(("/dev/zero as a file", "-", *run(["/dev/zero"])))
        for times in (1, 2, 4):
            size = args.mb * times * MB
            for name, make, suffix in (("JSON Lines line, file", jsonl_line, ".jsonl"),
                                       ("CSV field", csv_field, ".csv"),
                                       ("JSON depth", deep_json, ".json")):
                path = Path(folder) / f"case{suffix}"
                with path.open("wb") as out:
                    for block in make(size):
                        out.write(block)
                label = f"{_depth(size):,} deep" if make is deep_json else f"{size // MB} MB"
                seconds, peak, output = run([str(path)])
                rows.append((name, label, seconds, peak, output))
                path.unlink()
            rows.append(("JSON Lines line, stdin", f"{size // MB} MB",
                         *run(["-"], lambda size=size: jsonl_line(size))))  # type: ignore[misc]
    print("| input | size | seconds | peak RSS MB | result |")
    print("|---|---|---|---|---|")
    order = [row[0] for row in rows]
    for name, label, seconds, peak, output in sorted(rows, key=lambda r: order.index(r[0])):
        print(f"| {name} | {label} | {seconds:.2f} | {peak:.0f} | {output} |")


if __name__ == "__main__":
    main()
