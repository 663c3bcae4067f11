from __future__ import annotations

import io
import json

import pytest

from dateline.errors import ConfigError
from dateline.ingest.sources import IngestOptions, Item, SourceFailure, estimate_total, read_sources
from dateline.ingest.tabular import parse_field_map
from dateline.settings import Settings

from .texts import FERRY, FLOOD, STRIKE, VOTE, page


def _read(sources, **options):
    return list(read_sources([str(s) for s in sources], IngestOptions(**options)))


def _items(found):
    return [f for f in found if isinstance(f, Item)]


def _failures(found):
    return [f for f in found if isinstance(f, SourceFailure)]


def test_sources_read_text_html_and_json_files(tmp_path):
    (tmp_path / "ferry.txt").write_text(FERRY)
    (tmp_path / "flood.html").write_text(page("Passau floods", FLOOD))
    (tmp_path / "vote.json").write_text(json.dumps({"body": VOTE, "title": "Budget delayed",
                                                    "date": "2026-03-19", "source": "Assembly"}))
    found = _read(sorted(tmp_path.iterdir()))
    assert not _failures(found)
    ferry, flood, vote = (i.article for i in _items(found))
    assert ferry.text == FERRY and ferry.dateline.place == "ATHENS, Greece"
    assert ferry.dateline.agency == "AP"
    assert "Passau" in flood.text and flood.title == "Passau floods"
    assert flood.source == "Harbour Herald" and flood.published.date().isoformat() == "2026-03-18"
    assert (vote.title, vote.source, vote.published.day) == ("Budget delayed", "Assembly", 19)
    assert [i.origin for i in _items(found)] == [str(tmp_path / n) for n in
                                                 ("ferry.txt", "flood.html", "vote.json")]


def test_sources_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": FERRY, "published": "2026-03-15"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"headline": "no text here"}),
        "",
        json.dumps({"text": STRIKE, "published": "March 16, 2026"}),
    ]) + "\n")
    found = _read([path])
    assert [i.article.text for i in _items(found)] == [FERRY, STRIKE]
    assert _items(found)[1].article.published.isoformat() == "2026-03-16T00:00:00"
    failures = _failures(found)
    assert [(f.origin, f.error) for f in failures] == [
        (f"{path}:2", "FormatError"), (f"{path}:3", "FormatError"), (f"{path}:4", "FormatError")]
    assert "is not valid JSON" in failures[0].message
    assert "must hold a JSON object, not list" in failures[1].message
    assert "has no article text" in failures[2].message
    assert _items(found)[0].origin == f"{path}:1"


def test_sources_csv_with_a_field_map(tmp_path):
    path = tmp_path / "archive.csv"
    path.write_text('story,when,outlet,link\n'
                    f'"{STRIKE}",2026-03-16,Port Gazette,https://news.example/strike\n'
                    f'"{FLOOD}",17/03/2026,River Desk,\n'
                    f'"",2026-03-18,Nobody,\n')
    found = _read([path], field_map=parse_field_map(
        "text=story,published=when,source=outlet,url=link"))
    strike, flood = (i.article for i in _items(found))
    assert (strike.source, strike.url, strike.published.day) == (
        "Port Gazette", "https://news.example/strike", 16)
    assert (flood.source, flood.url, flood.published.day) == ("River Desk", None, 17)
    [empty] = _failures(found)
    assert empty.origin == f"{path}:4" and empty.error == "EmptyInputError"


def test_sources_csv_reports_a_missing_mapped_column(tmp_path):
    path = tmp_path / "archive.tsv"
    path.write_text(f"body\tdate\n{VOTE}\t2026-03-19\n")
    [failure] = _read([path], field_map={"text": "story"})
    assert "has no field 'story' (mapped to text). Fields: body, date" in failure.message
    [item] = _read([path])
    assert item.article.text == VOTE and item.article.published.day == 19


def test_sources_json_array_of_articles(tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"text": FERRY}, 3, {"content": FLOOD}]))
    found = _read([path])
    assert [i.article.text for i in _items(found)] == [FERRY, FLOOD]
    assert [f.origin for f in _failures(found)] == [f"{path}#2"]


@pytest.mark.parametrize(("spec", "expected"), [
    ("text=body,published=date", {"text": "body", "published": "date"}),
    (" title = headline ", {"title": "headline"}),
    ("", {}),
])
def test_field_map_parses(spec, expected):
    assert parse_field_map(spec) == expected


@pytest.mark.parametrize(("spec", "message"), [
    ("body=text", "--map cannot set 'body'. Article fields: text, title"),
    ("text", "--map entry 'text' needs a field name"),
    ("text=", "--map entry 'text' needs a field name"),
])
def test_field_map_rejects_bad_specs(spec, message):
    with pytest.raises(ConfigError, match=message):
        parse_field_map(spec)


def test_sources_folders_recurse_sorted_and_skip_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(STRIKE)
    (tmp_path / "a.txt").write_text(FERRY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text(VOTE)
    (tmp_path / ".notes.txt").write_text(VOTE)
    found = _read([tmp_path])
    assert [i.article.text for i in found] == [FERRY, STRIKE]


def test_sources_globs_and_missing_paths(tmp_path):
    (tmp_path / "x1.txt").write_text(FERRY)
    (tmp_path / "x2.txt").write_text(FLOOD)
    (tmp_path / "y.txt").write_text(VOTE)
    found = _read([tmp_path / "x*.txt", tmp_path / "nothing-*.txt", tmp_path / "gone.txt"])
    assert [i.article.text for i in _items(found)] == [FERRY, FLOOD]
    assert [(f.error, f.message) for f in _failures(found)] == [
        ("InputError", f"{tmp_path / 'nothing-*.txt'} matches no files."),
        ("InputError", f"{tmp_path / 'gone.txt'} does not exist.")]


@pytest.mark.parametrize(("name", "data", "error", "message"), [
    ("photo.txt", b"\x89PNG\r\n\x1a\nbinary", "BinaryInputError", "is a PNG image, not text"),
    ("empty.txt", b"", "EmptyInputError", "is empty"),
    ("blank.html", b"   \n ", "EmptyInputError", "is empty"),
    ("latin1.txt", "Caf\xe9 owners said the strike would go on.".encode("latin-1"),
     "EncodingError", "is not valid UTF-8"),
    ("french.txt", "Le ministre a déclaré mardi que les négociations avec le syndicat se "
     "poursuivraient la semaine prochaine, après la grève.".encode(), "LanguageError",
     "does not look like English"),
])
def test_sources_bad_files_become_failures(tmp_path, name, data, error, message):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(FERRY)
    found = _read(sorted(tmp_path.iterdir()))
    assert [i.article.text for i in _items(found)] == [FERRY]
    [failure] = _failures(found)
    assert failure.error == error and message in failure.message
    assert failure.origin == str(tmp_path / name)


def test_sources_refuse_files_over_the_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text(FERRY * 50)
    [failure] = _read([tmp_path / "big.txt"], max_bytes=1000)
    assert failure.error == "TooLargeError" and "the limit is 1,000" in failure.message


def test_sources_stdin_as_json_lines_or_one_document():
    lines = (json.dumps({"text": FERRY}) + "\n" + json.dumps({"text": VOTE}) + "\n").encode()
    found = list(read_sources(["-"], IngestOptions(), stdin=io.BytesIO(lines)))
    assert [(i.article.text, i.origin) for i in found] == [
        (FERRY, "standard input:1"), (VOTE, "standard input:2")]
    [one] = list(read_sources(["-"], IngestOptions(), stdin=io.BytesIO(FLOOD.encode())))
    assert one.article.text == FLOOD and one.origin == "standard input"


def test_sources_defaults_fill_only_missing_metadata(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": FERRY, "source": "Ferry News"}) + "\n"
                                      + json.dumps({"text": VOTE, "date": "2026-01-02"}) + "\n")
    ferry, vote = (i.article for i in _read([tmp_path / "a.jsonl"], published="2026-03-20",
                                             source="Desk"))
    assert (ferry.source, ferry.published.isoformat()) == ("Ferry News", "2026-03-20T00:00:00")
    assert (vote.source, vote.published.isoformat()) == ("Desk", "2026-01-02T00:00:00")


def test_sources_ids_are_content_hashes(tmp_path):
    (tmp_path / "a.txt").write_text(FERRY)
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": FERRY, "title": "Ferry"}) + "\n")
    first, second = _read([tmp_path / "a.txt", tmp_path / "b.jsonl"])
    assert first.article.id == second.article.id


def test_ingest_options_from_settings_and_estimate(tmp_path):
    options = IngestOptions.from_settings(Settings(allow_private=True, max_bytes=5000),
                                          field_map="text=body", fmt=None)
    assert (options.allow_private, options.max_bytes, options.field_map, options.fmt) == (
        True, 5000, {"text": "body"}, "auto")
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n\n')
    (tmp_path / "b.csv").write_text("text\none\ntwo\nthree\n")
    (tmp_path / "c.txt").write_text(FERRY)
    assert estimate_total([str(tmp_path)]) == 6
    assert estimate_total([str(tmp_path), "https://example.org/feed"]) is None
