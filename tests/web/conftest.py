"""Web fixtures: one store per session, filled from the demo corpus by the real pipeline plus
hand-built Docs (web/docs.py, store/sample_docs.py) whose every field the tests know exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DEMO_CORPUS
from dateline.records import Doc
from dateline.settings import Settings
from store.link_docs import follow_up_doc, other_attack_doc
from store.sample_docs import port_doc, summit_doc
from web.docs import flood_docs, script_doc

TOKEN = "test-token-7f3a"


def known_docs() -> list[Doc]:
    return [port_doc(), follow_up_doc(), other_attack_doc(), summit_doc(), *flood_docs(),
            script_doc()]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the demo articles (extracted and linked now) and the hand-built
    Docs, linked into stories as ingest links them."""
    from dateline.runners import ingest
    from dateline.store import open_store
    from dateline.store.linking import StoreLinking

    db = tmp_path_factory.mktemp("web") / "demo.db"
    with open_store(str(db)) as store:
        result = ingest([str(DEMO_CORPUS)], store, Settings(db=str(db)))
        assert result.counts.failed == 0, result.failures
        with StoreLinking(store) as linking:
            for doc in known_docs():
                store.save(doc, extractor="hand-built", origin="tests/web")
                linking.link([doc])
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
