"""Store fixtures: every store test runs on a fresh SQLite file and on a fresh PostgreSQL schema.

``make test`` starts a throw-away PostgreSQL server (scripts/test-services.sh) and passes its
URL in DATELINE_TEST_POSTGRES. Without one the PostgreSQL cases skip with a message, except under
CI=true, where they fail: CI must exercise both backends.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from dateline.store import Store, open_store

POSTGRES_ENV = "DATELINE_TEST_POSTGRES"
BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


def postgres_server() -> str:
    """Return the test server's URL, or skip (fail under CI) when there is none."""
    url = os.environ.get(POSTGRES_ENV, "")
    if url:
        return url
    message = (f"no PostgreSQL server: {POSTGRES_ENV} is unset (make test starts one with "
               "scripts/test-services.sh)")
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI must run the PostgreSQL tests")
    pytest.skip(message)


def fresh_postgres_schema(prefix: str = "t") -> Iterator[str]:
    """Yield a URL whose connections use a fresh, empty schema; drop it afterwards."""
    import sqlalchemy as sa

    server = postgres_server()
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in server else "?"
    yield f"{server}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema; dropped after the test."""
    yield from fresh_postgres_schema()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store on each backend."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened, migrated, empty store on each backend."""
    opened = open_store(store_url)
    yield opened
    opened.close()
