from __future__ import annotations

import json
from dataclasses import replace

import pytest

from dateline.ingest.sources import IngestOptions
from dateline.runners import ingest
from dateline.serialize import doc_to_dict
from dateline.settings import Settings
from dateline.store import Filters, open_store, query
from ingest.texts import FERRY, FLOOD, STRIKE, VOTE

from .stub_stage import STUB


@pytest.fixture
def corpus(tmp_path):
    """Four good articles, one the stub stage fails on, and four inputs that are not articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join([
        json.dumps({"text": FERRY, "published": "2026-03-15"}),
        "{broken",
        json.dumps({"text": STRIKE}),
        json.dumps({"text": "EXPLODE " + VOTE}),
    ]) + "\n")
    (folder / "b.txt").write_text(FLOOD)
    (folder / "c.txt").write_text(VOTE)
    (folder / "empty.txt").write_text("")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return folder


def _run(sources, db, settings=STUB, **kwargs):
    with open_store(db) as store:
        return ingest([str(s) for s in sources], store, settings,
                      IngestOptions.from_settings(settings), **kwargs)


def test_runner_stores_good_articles_and_records_each_failure(corpus, tmp_path):
    db = str(tmp_path / "run.db")
    seen = []
    result = _run([corpus, tmp_path / "missing.txt"], db, on_progress=seen.append)
    counts = result.counts
    assert (counts.read, counts.stored, counts.unchanged, counts.failed) == (5, 4, 0, 5)
    assert seen[-1].done == 9 and seen[-1].total == 8  # the estimate counts lines and files
    with open_store(db) as store:
        assert store.counts()["articles"] == 4 and store.counts()["entities"] == 4
        failures = {f["origin"]: f for f in query(store, "failures", limit=100).rows}
        assert set(failures) == {f"{corpus / 'a.jsonl'}:2", f"{corpus / 'a.jsonl'}:4",
                                 str(corpus / "empty.txt"), str(corpus / "image.txt"),
                                 str(tmp_path / "missing.txt")}
        exploded = failures[f"{corpus / 'a.jsonl'}:4"]
        assert (exploded["stage"], exploded["error"]) == ("test_first_word", "ValueError")
        assert exploded["article_id"] is not None
        assert failures[str(corpus / "image.txt")]["error"] == "BinaryInputError"
        [run] = store.runs()
        assert (run["status"], run["stored"], run["failed"], run["read"]) == ("done", 4, 5, 5)
        stored = {r["origin"] for r in query(store, "articles").rows}
        assert stored == {f"{corpus / 'a.jsonl'}:1", f"{corpus / 'a.jsonl'}:3",
                          str(corpus / "b.txt"), str(corpus / "c.txt")}


def test_runner_rerun_skips_stored_articles_and_keeps_counts(corpus, store_url):
    db = store_url  # SQLite and PostgreSQL
    _run([corpus], db)
    again = _run([corpus], db)
    assert (again.counts.stored, again.counts.unchanged, again.counts.failed) == (0, 4, 4)
    with open_store(db) as store:
        counts = store.counts()
        assert (counts["articles"], counts["entities"], counts["failures"]) == (4, 4, 4)
        assert [r["status"] for r in store.runs()] == ["done", "done"]


def test_runner_replaces_articles_when_the_extractor_changes(corpus, tmp_path):
    db = str(tmp_path / "run.db")
    _run([corpus / "b.txt"], db)
    other = replace(STUB, stage_options={"test_first_word": {"label": "OTHER"}})
    result = _run([corpus / "b.txt"], db, settings=other)
    assert result.counts.stored == 1
    with open_store(db) as store:
        assert [r["label"] for r in query(store, "entities").rows] == ["OTHER"]


def test_runner_counts_duplicates_within_a_run_once(tmp_path):
    (tmp_path / "one.txt").write_text(FERRY)
    (tmp_path / "two.txt").write_text(FERRY)
    result = _run([tmp_path / "one.txt", tmp_path / "two.txt"], str(tmp_path / "run.db"))
    assert (result.counts.stored, result.counts.unchanged) == (1, 1)


def test_runner_marks_an_interrupted_run(corpus, tmp_path, monkeypatch):
    from dateline.runners import local

    def interrupt(self, articles):
        next(articles)
        raise KeyboardInterrupt

    monkeypatch.setattr(local._Run, "extract_here", interrupt)
    db = str(tmp_path / "run.db")
    with pytest.raises(KeyboardInterrupt):
        _run([corpus], db)
    with open_store(db) as store:
        [run] = store.runs()
        assert run["status"] == "interrupted" and run["finished"] is not None


@pytest.mark.model
def test_runner_two_workers_store_what_one_process_stores(tmp_path, demo_subset):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    settings = Settings()
    first = _run([demo_subset], one, settings=settings, workers=1)
    second = _run([demo_subset], two, settings=settings, workers=2)
    assert first.counts == second.counts and first.counts.stored == 8
    with open_store(one) as a, open_store(two) as b:
        assert a.counts()["events"] == b.counts()["events"]
        ids = [r["id"] for r in query(a, "articles", Filters(), limit=100).rows]
        assert ids == [r["id"] for r in query(b, "articles", Filters(), limit=100).rows]
        for aid in ids:
            assert doc_to_dict(a.load(aid)) == doc_to_dict(b.load(aid))
