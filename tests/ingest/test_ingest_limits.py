"""Every reader of read_sources under its limits: a bad or oversized input is one failure naming
the limit and its setting, and the inputs before and after it are still read."""

from __future__ import annotations

import io
import json
import os

import pytest

from dateline.ingest import sources as sources_module
from dateline.ingest.sources import IngestOptions, Item, SourceFailure, read_sources

from .texts import FERRY, FLOOD, STRIKE, VOTE

SURROGATE = '{"text": "NATO said \\udfff on Friday"}'
DEEP = '{"a": ' * 100_000 + "1" + "}" * 100_000


def _read(paths, stdin=None, **options):
    return list(read_sources([str(p) for p in paths], IngestOptions(**options), stdin=stdin))


def _summary(found):
    """(origin, error class or 'ok') for each thing read, in order."""
    return [(f.origin, f.error if isinstance(f, SourceFailure) else "ok") for f in found]


def test_limits_fifo_and_device_in_a_folder_are_failure_rows_not_hangs(tmp_path):
    (tmp_path / "a.txt").write_text(FERRY)
    os.mkfifo(tmp_path / "b.pipe")  # never written to: reading it would block forever
    (tmp_path / "c.txt").write_text(STRIKE)
    found = _read([tmp_path])
    assert _summary(found) == [(str(tmp_path / "a.txt"), "ok"),
                               (str(tmp_path / "b.pipe"), "InputError"),
                               (str(tmp_path / "c.txt"), "ok")]
    assert "is a named pipe (FIFO), not a regular file, so it is not read" in found[1].message
    if os.path.exists("/dev/zero"):
        [device] = _read(["/dev/zero"])
        assert "/dev/zero is a character device" in device.message


def test_limits_surrogate_and_deep_json_each_fail_alone(tmp_path):
    (tmp_path / "1.txt").write_text(FERRY)
    (tmp_path / "2.json").write_text(SURROGATE)
    (tmp_path / "3.json").write_text(DEEP)
    (tmp_path / "4.jsonl").write_text("\n".join([SURROGATE, DEEP, json.dumps({"text": VOTE}),
                                                 '{"text": 1' + "0" * 5000 + "}"]) + "\n")
    (tmp_path / "5.json").write_text(json.dumps([{"text": FLOOD}, json.loads(SURROGATE)]))
    (tmp_path / "6.txt").write_text(STRIKE)
    found = _read([tmp_path])
    assert _summary(found) == [
        (str(tmp_path / "1.txt"), "ok"), (str(tmp_path / "2.json"), "EncodingError"),
        (str(tmp_path / "3.json"), "FormatError"), (f"{tmp_path / '4.jsonl'}:1", "EncodingError"),
        (f"{tmp_path / '4.jsonl'}:2", "FormatError"), (f"{tmp_path / '4.jsonl'}:3", "ok"),
        (f"{tmp_path / '4.jsonl'}:4", "FormatError"), (f"{tmp_path / '5.json'}#1", "ok"),
        (f"{tmp_path / '5.json'}#2", "EncodingError"), (str(tmp_path / "6.txt"), "ok")]
    assert "half of a UTF-16 surrogate pair" in found[1].message
    assert "(setting max_json_depth)" in found[2].message and "(setting max_json_depth)" in \
        found[4].message
    assert "more than 4,300 digits" in found[6].message


def test_limits_empty_json_array_is_a_failure_not_a_language_complaint(tmp_path):
    (tmp_path / "empty.json").write_text("[]")
    [failure] = _read([tmp_path / "empty.json"])
    assert failure.error == "FormatError"
    assert failure.message.endswith("empty.json is an empty JSON array: no article in it.")


def test_limits_jsonl_line_over_the_limit_is_skipped_and_the_next_read(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in (FERRY, "x" * 5000, STRIKE)))
    found = _read([path], max_bytes=1000)
    assert _summary(found) == [(f"{path}:1", "ok"), (f"{path}:2", "TooLargeError"),
                               (f"{path}:3", "ok")]
    assert ("(one JSON Lines line) is larger than the limit of 1,000 bytes (setting max_bytes)"
            in found[1].message)


def test_limits_stdin_first_line_over_the_limit_is_one_failure_and_the_rest_is_read():
    data = (json.dumps({"text": "y" * 5000}) + "\n" + json.dumps({"text": VOTE}) + "\n").encode()
    found = _read(["-"], stdin=io.BytesIO(data), max_bytes=1000)
    assert _summary(found) == [("standard input:1", "TooLargeError"), ("standard input:2", "ok")]
    [text] = _read(["-"], stdin=io.BytesIO(b"plain words " * 200), max_bytes=1000)
    assert text.message == ("standard input is larger than the limit of 1,000 bytes (setting "
                            "max_bytes); it was not read. Split it or raise the limit.")


def test_limits_csv_oversized_field_and_ragged_rows_fail_alone(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("text,title\n"
                    f'"{FERRY}",Ferry\n'
                    f'"{"z" * 3000}\nstill the same field",Huge\n'
                    "a one-column row\n"
                    f'"{STRIKE}",Strike,extra\n'
                    f'"{VOTE}",Vote\n', encoding="utf-8")
    found = _read([path], max_bytes=1000)
    assert _summary(found) == [(f"{path}:2", "ok"), (f"{path}:3", "TooLargeError"),
                               (f"{path}:5", "FormatError"), (f"{path}:6", "FormatError"),
                               (f"{path}:7", "ok")]
    assert "(one CSV record) is larger than the limit of 1,000 bytes (setting max_bytes)" in \
        found[1].message
    assert "has fewer cells (1) than the header has columns (2)" in found[2].message
    assert "has more cells (3) than the header has columns (2)" in found[3].message
    assert found[4].article.title == "Vote"


def test_limits_csv_row_that_is_not_utf8_fails_alone(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(b"text\n\"Caf\xe9 owners said the strike would go on.\"\n"
                     + f'"{FLOOD}"\n'.encode())
    found = _read([path])
    assert _summary(found) == [(f"{path}:2", "FormatError"), (f"{path}:3", "ok")]
    assert "is not valid UTF-8 (byte 0xe9); the row is skipped" in found[0].message


def test_limits_file_names_that_are_not_utf8_are_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(FERRY.encode())
    with open(os.path.join(folder, b"empty\xff.txt"), "wb"):
        pass
    item, failure = _read([tmp_path])
    assert item.origin == f"{tmp_path}/caf\\xe9.txt" and item.article.text == FERRY
    assert failure.origin == f"{tmp_path}/empty\\xff.txt"
    assert failure.message == f"{tmp_path}/empty\\xff.txt is empty: give an article with some text."
    for text in (item.origin, failure.origin, failure.message):
        text.encode("utf-8")  # storable


def test_limits_published_dates_at_the_calendars_ends_are_refused(tmp_path):
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(json.dumps({"text": FERRY, "published": p}) for p in
                              ("0001-01-01T00:00:00-23:59", "9999-12-31", "2026-03-20")))
    found = _read([path])
    assert _summary(found) == [(f"{path}:1", "DateError"), (f"{path}:2", "DateError"),
                               (f"{path}:3", "ok")]
    assert "is out of range: publication dates run from year 100 to 9899" in found[0].message


def test_limits_an_unexpected_error_costs_one_input_not_the_run(tmp_path, monkeypatch):
    real = sources_module.read_document

    def flaky(data, **kwargs):  # a reader bug, for one input only
        if kwargs["name"].endswith("b.txt"):
            raise ZeroDivisionError("a bug")
        return real(data, **kwargs)

    monkeypatch.setattr(sources_module, "read_document", flaky)
    for name, text in (("a.txt", FERRY), ("b.txt", STRIKE), ("c.txt", VOTE)):
        (tmp_path / name).write_text(text)
    found = _read([tmp_path])
    assert _summary(found) == [(str(tmp_path / "a.txt"), "ok"),
                               (str(tmp_path / "b.txt"), "ZeroDivisionError"),
                               (str(tmp_path / "c.txt"), "ok")]
    assert found[1].message.startswith(f"Unexpected ZeroDivisionError while reading "
                                       f"{tmp_path / 'b.txt'}: a bug.")
    assert isinstance(found[0], Item)


def test_limits_options_take_the_new_limits_from_settings():
    from dateline.settings import Settings

    options = IngestOptions.from_settings(Settings(fetch_deadline=5.0, max_json_depth=7))
    assert (options.fetch_deadline, options.max_json_depth) == (5.0, 7)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_limits_forced_record_formats_refuse_a_fifo(tmp_path, fmt):
    os.mkfifo(tmp_path / "pipe")
    [failure] = _read([tmp_path / "pipe"], fmt=fmt)
    assert failure.error == "InputError" and "named pipe" in failure.message


def test_limits_stdin_lines_are_read_as_they_arrive_not_a_chunk_at_a_time():
    import threading

    read_end, write_end = os.pipe()
    writer = os.fdopen(write_end, "wb")
    writer.write((json.dumps({"text": FERRY}) + "\n" + json.dumps({"text": VOTE}) + "\n").encode())
    writer.flush()  # two short lines, and the pipe stays open as a live feed would
    found = read_sources(["-"], IngestOptions(), stdin=os.fdopen(read_end, "rb"))
    first: list[object] = []
    reader = threading.Thread(target=lambda: first.extend([next(found), next(found)]))
    reader.start()
    reader.join(timeout=10)
    arrived = list(first)
    writer.close()  # ends the feed (and frees a reader still waiting for a full chunk)
    reader.join()
    assert [i.article.text for i in arrived] == [FERRY, VOTE]
