"""Shared fixtures: a cached pipeline per stage list, and the shared samples folder when present."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import pytest

from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Doc
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
DEMO_CORPUS = ROOT / "data" / "demo" / "articles.jsonl"


@lru_cache(maxsize=16)
def _pipeline(stages: tuple[str, ...]) -> Pipeline:
    return Pipeline.from_settings(Settings(stages=stages))


def run_stages(text: str, stages: Sequence[str], published: str | None = "2026-03-20") -> Doc:
    """Run ``text`` through the named stages (nlp first) and return the Doc."""
    article = make_article(text, published=published, check_language=False)
    return _pipeline(tuple(stages))(article)


@pytest.fixture
def run() -> Callable[..., Doc]:
    """Return run_stages; tests using it load the spaCy model and are marked ``model``."""
    return run_stages


@pytest.fixture(scope="session")
def samples() -> Path:
    """The shared samples folder; skipped outside CI when absent (CI always has it)."""
    import os

    if not SAMPLES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SAMPLES} is missing but CI must have it")
        pytest.skip(f"{SAMPLES} not present")
    return SAMPLES
