"""Runner fixtures: a slice of the bundled demo corpus for runs of the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.conftest import postgres_url, store_url  # noqa: F401 - the store tests' backends

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "articles.jsonl"


def demo_lines(count: int) -> list[str]:
    return DEMO.read_text(encoding="utf-8").splitlines()[:count]


@pytest.fixture
def demo_subset(tmp_path: Path) -> Path:
    """The first 8 demo articles as a JSON Lines file."""
    path = tmp_path / "demo8.jsonl"
    path.write_text("\n".join(demo_lines(8)) + "\n", encoding="utf-8")
    return path
