"""One batch holding every kind of bad input beside good articles: each bad input gets its own
clear failure row, and every good article is stored."""

from __future__ import annotations

import json

from dateline.ingest.sources import IngestOptions
from dateline.runners import ingest
from dateline.store import open_store, query
from ingest.texts import FERRY, FLOOD, STRIKE, VOTE, XML_BOMB, rss

from .stub_stage import STUB


def test_runner_bad_inputs_each_fail_alone_and_good_articles_are_stored(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "ferry.txt").write_text(FERRY)
    (good / "lines.jsonl").write_text(json.dumps({"text": STRIKE}) + "\n{\"text\": oops}\n"
                                      + json.dumps({"text": FLOOD}) + "\n")
    (good / "herald.rss").write_text(rss([("Vote", VOTE, None)]))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3 binary")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "broken.xml").write_text("<rss><channel><item><title>cut off")
    (bad / "bomb.xml").write_text(XML_BOMB)
    sources = [str(good), str(bad), str(tmp_path / "missing.txt"),
               "http://127.0.0.1:9/private-feed.xml"]
    with open_store(str(tmp_path / "batch.db")) as store:
        result = ingest(sources, store, STUB, IngestOptions())
        stored = sorted(row["origin"] for row in query(store, "articles").rows)
        failures = {row["origin"]: row for row in query(store, "failures", limit=100).rows}
    assert stored == sorted([str(good / "ferry.txt"), f"{good / 'lines.jsonl'}:1",
                             f"{good / 'lines.jsonl'}:3", f"{good / 'herald.rss'}#1"])
    expected = {
        f"{good / 'lines.jsonl'}:2": ("FormatError", "is not valid JSON"),
        str(bad / "scan.txt"): ("BinaryInputError", "is a PDF file, not text"),
        str(bad / "empty.txt"): ("EmptyInputError", "is empty"),
        str(bad / "broken.xml"): ("FormatError", "is a malformed feed"),
        str(bad / "bomb.xml"): ("FormatError", "declares XML entities"),
        str(tmp_path / "missing.txt"): ("InputError", "does not exist"),
        "http://127.0.0.1:9/private-feed.xml": ("FetchError", "Pass --allow-private"),
    }
    assert set(failures) == set(expected)
    for origin, (error, words) in expected.items():
        assert failures[origin]["error"] == error and words in failures[origin]["message"]
        assert failures[origin]["stage"] == "ingest"
    assert (result.counts.stored, result.counts.failed) == (4, 7)


def test_runner_surrogates_deep_json_and_oversized_records_fail_alone(tmp_path):
    import sqlite3

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.txt").write_text(FERRY)
    (folder / "2.json").write_text('{"text": "NATO said \\udfff on Friday"}')
    (folder / "3.json").write_text('{"a": ' * 100_000 + "1" + "}" * 100_000)
    (folder / "4.csv").write_text(f'text\n"{"w" * 3000}"\n"{VOTE}"\n')
    (folder / "5.jsonl").write_text(json.dumps({"text": "v" * 3000}) + "\n"
                                    + json.dumps({"text": FLOOD}) + "\n")
    (folder / "6.txt").write_text(STRIKE)
    db = tmp_path / "batch.db"
    with open_store(str(db)) as store:
        result = ingest([str(folder)], store, STUB, IngestOptions(max_bytes=2000))
        stored = sorted(row["origin"] for row in query(store, "articles").rows)
        failures = sorted((row["origin"], row["error"]) for row in
                          query(store, "failures", limit=100).rows)
    assert stored == sorted([str(folder / "1.txt"), f"{folder / '4.csv'}:3",
                             f"{folder / '5.jsonl'}:2", str(folder / "6.txt")])
    assert failures == [(str(folder / "2.json"), "EncodingError"),
                        (str(folder / "3.json"), "TooLargeError"),
                        (f"{folder / '4.csv'}:2", "TooLargeError"),
                        (f"{folder / '5.jsonl'}:1", "TooLargeError")]
    assert (result.counts.stored, result.counts.failed) == (4, 4)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("done",)]
    with open_store(str(db)) as store:  # and the deep JSON within the size limit
        ingest([str(folder / "3.json")], store, STUB, IngestOptions())
        [deep] = [row for row in query(store, "failures", limit=100).rows
                  if row["origin"] == str(folder / "3.json") and row["error"] == "FormatError"]
        assert "(setting max_json_depth)" in deep["message"]
