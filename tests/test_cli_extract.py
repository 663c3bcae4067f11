"""`dateline extract` end to end: good input, and one clear line for every kind of bad input."""

import json
import os
import subprocess
import sys

import pytest

ENGLISH = ("The transport minister said on Tuesday that the talks with the dock workers' union "
           "would continue next week, after a strike closed three ports in the north.")


def dateline(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "dateline", *args], input=stdin,
                          capture_output=True, timeout=300)


def assert_one_line_error(proc, code, pattern):
    err = proc.stderr.decode()
    assert proc.returncode == code, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 if code == 1 else len(lines) >= 1, err
    assert pattern in err, err
    assert proc.stdout == b""


@pytest.mark.parametrize(("content", "pattern"), [
    (b"", "is empty"),
    (b"   \n\n  ", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "PNG image"),
    (b"\x00\x01\x02\x03" * 50, "binary data"),
    (b"The caf\xe9 was closed on Monday after the storm.", "not valid UTF-8"),
    ("Le ministre des transports a déclaré mardi que les négociations avec le syndicat des "
     "dockers se poursuivraient la semaine prochaine.".encode(), "does not look like English"),
    (b"<html><body><div><p><b></div></span><table><tr><td>", "no article text"),
    (b'{"text": "unterminated', "not valid JSON"),
    (b"[]", "is an empty JSON array: no article in it"),
    (b"[1]", "is a JSON array with no article object in it"),
    (b'{"text": "NATO said \\udfff on Friday"}', "half of a UTF-16 surrogate pair"),
    (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "(setting max_json_depth)"),
    (b'{"text": ' + b"9" * 5000 + b"}", "a number of more than 4,300 digits"),
])
def test_cli_extract_bad_input_gets_one_line_and_exit_1(tmp_path, content, pattern):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert_one_line_error(dateline("extract", str(path)), 1, pattern)


def test_cli_extract_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert_one_line_error(dateline("extract", str(path)), 1, "the limit is 10,000,000")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_cli_extract_refuses_devices_and_pipes_without_reading(tmp_path):
    assert_one_line_error(dateline("extract", "/dev/zero"), 1,
                          "/dev/zero is a character device, not a regular file")
    os.mkfifo(tmp_path / "pipe")  # nobody writes: a plain open() would wait forever
    assert_one_line_error(dateline("extract", str(tmp_path / "pipe")), 1,
                          "is a named pipe (FIFO), not a regular file")


def test_cli_extract_caps_standard_input_at_max_bytes():
    proc = subprocess.run([sys.executable, "-m", "dateline", "extract", "-"], input=b"x" * 5000,
                          capture_output=True, timeout=300, env={**os.environ,
                                                                 "DATELINE_MAX_BYTES": "1000"})
    assert_one_line_error(proc, 1, "standard input is larger than the limit of 1,000 bytes "
                                   "(setting max_bytes)")


def test_cli_extract_bad_published_and_missing_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH)
    assert_one_line_error(dateline("extract", str(path), "--published", "next-ish"), 1,
                          "Cannot read the date 'next-ish'")
    assert_one_line_error(dateline("extract", str(tmp_path / "nope.txt")), 1, "does not exist")


def test_cli_extract_usage_errors_exit_2(tmp_path):
    proc = dateline("extract", "--format", "yaml")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"'yaml' is not one of 'json', 'text'" in proc.stderr


@pytest.mark.model
def test_cli_extract_json_from_stdin_and_text_report(tmp_path):
    proc = dateline("extract", "-", "--published", "2026-03-20", "--source", "Test Wire",
                    stdin=ENGLISH.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    out = json.loads(proc.stdout)
    assert out["article"]["published"] == "2026-03-20"
    assert out["article"]["source"] == "Test Wire"
    assert set(out) >= {"article", "entities", "times", "places", "quotes", "claims", "events"}
    for layer in ("entities", "times", "places", "quotes", "claims", "events", "incidents"):
        for item in out[layer]:
            assert ENGLISH[item["start"]:item["end"]] == item["text"]
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"text": ENGLISH, "title": "Ports strike", "date": "2026-03-20"}))
    proc = dateline("extract", str(path), "--format", "text")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "Ports strike" in proc.stdout.decode() and "Entities" in proc.stdout.decode()
