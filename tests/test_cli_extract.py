"""`dateline extract` end to end: good input, and one clear line for every kind of bad input."""

import json
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
