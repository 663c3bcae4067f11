"""Web fixtures: one store per session, filled from the demo corpus by the real pipeline plus
hand-built Docs (web/docs.py, store/sample_docs.py) whose every field the tests know exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DEMO_CORPUS
from dateline.records import Doc
from dateline.settings import Settings
from store.sample_docs import port_doc, summit_doc
from web.docs import flood_docs, script_doc

TOKEN = "test-token-7f3a"


def known_docs() -> list[Doc]:
    return [port_doc(), summit_doc(), *flood_docs(), script_doc()]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the 44 demo articles (extracted now) and the hand-built Docs."""
    from dateline.runners import ingest
    from dateline.store import open_store

    db = tmp_path_factory.mktemp("web") / "demo.db"
    with open_store(str(db)) as store:
        result = ingest([str(DEMO_CORPUS)], store, Settings(db=str(db)))
        assert result.counts.failed == 0, result.failures
        for doc in known_docs():
            store.save(doc, extractor="hand-built", origin="tests/web")
    return db


@pytest.fixture(scope="session")
def app_settings(demo_store: Path) -> Settings:
    return Settings(db=str(demo_store), api_token=TOKEN)


@pytest.fixture(scope="session")
def client(app_settings: Settings) -> Iterator[object]:
    """A test client of the app over the demo store, with writes enabled by TOKEN."""
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    with TestClient(create_app(app_settings), raise_server_exceptions=False) as test_client:
        yield test_client
