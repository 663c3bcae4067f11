"""What several benchmarks share: loading a sibling benchmark, reading a process's peak memory.

The benchmarks run as scripts (``python bench/x.py``), so this folder is on ``sys.path``.
"""

from __future__ import annotations

import importlib.util
import resource
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent


def bench_module(name: str) -> Any:
    """Load ``bench/<name>.py`` as a module (its ``__main__`` block does not run)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB.

    Linux's ``ru_maxrss`` of a child counts the parent's memory at the fork (after a build, a
    large page cache); ``VmHWM`` counts only this process's own, and resets with
    ``/proc/self/clear_refs`` where Linux allows it.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
