"""Kill an ingest with SIGKILL mid-way, run it again, and compare with an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.ingest.sources import IngestOptions
from dateline.runners import ingest
from dateline.serialize import doc_to_dict
from dateline.settings import Settings
from dateline.store import open_store

from .conftest import demo_lines

ARTICLES = 24
TABLES = ("articles", "entities", "times", "places", "quotes", "claims", "events",
          "event_participants")


def _count(db: Path, table: str = "articles") -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "dateline", "ingest", str(corpus), "--db", str(db),
            "--workers", "2", "--no-progress"]


@pytest.mark.model
def test_runner_survives_sigkill_and_resumes_without_loss_or_duplicates(tmp_path):
    corpus = tmp_path / "demo.jsonl"
    corpus.write_text("\n".join(demo_lines(ARTICLES)) + "\n", encoding="utf-8")
    reference = tmp_path / "reference.db"
    with open_store(str(reference)) as store:
        ingest([str(corpus)], store, Settings(), IngestOptions(), workers=1)
    expected = {t: _count(reference, t) for t in TABLES}
    assert expected["articles"] == ARTICLES

    db = tmp_path / "killed.db"
    # One article per batch, so the store grows one article at a time and the kill lands mid-way
    # however fast the machine is (batch size does not change what is extracted).
    env = {**os.environ, "DATELINE_BATCH_SIZE": "1"}
    process = subprocess.Popen(_ingest_command(corpus, db), cwd=tmp_path, env=env,
                               start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _count(db) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the ingest finished before it could be killed: " + \
        process.stderr.read().decode()[-500:]  # type: ignore[union-attr]
    os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers, mid-way
    process.wait()
    stored_when_killed = _count(db)
    assert 2 <= stored_when_killed < ARTICLES
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status, finished FROM runs").fetchall() == [("running", None)]

    resumed = subprocess.run(_ingest_command(corpus, db), cwd=tmp_path, capture_output=True,
                             text=True, timeout=600, env=env)
    assert resumed.returncode == 0, resumed.stderr[-1000:]
    assert f"{ARTICLES - stored_when_killed} new article(s)" in resumed.stdout
    assert f"{stored_when_killed} already stored" in resumed.stdout
    assert {t: _count(db, t) for t in TABLES} == expected
    with open_store(str(reference)) as a, open_store(str(db)) as b:
        for doc in a.iter_docs():
            assert doc_to_dict(b.load(doc.article.id)) == doc_to_dict(doc)
