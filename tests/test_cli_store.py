"""`dateline ingest | query | show | export` through click's runner, and the error contract
(one line, exit 1) through a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dateline import cli as cli_module
from dateline.cli import cli
from dateline.store import open_store
from ingest.texts import FERRY, FLOOD, STRIKE, rss
from runners import stub_stage  # noqa: F401 - registers the fast test stage
from store.sample_docs import port_doc, summit_doc


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in an empty folder, with the fast stub stage as the pipeline."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATELINE_STAGES", "test_first_word")
    return tmp_path


@pytest.fixture
def filled(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # rich tables as wide as a wide terminal
    db = tmp_path / "filled.db"
    with open_store(str(db)) as store:
        store.save(port_doc())
        store.save(summit_doc())
    return str(db)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def dateline(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "dateline", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_cli_store_choices_match_the_library():
    from dateline.export import EXPORT_TABLES
    from dateline.ingest.sources import INPUT_FORMATS
    from dateline.store import TABLES

    assert cli_module.QUERY_TABLES == TABLES
    assert cli_module.EXPORT_TABLES == EXPORT_TABLES
    assert cli_module.INPUT_FORMATS == INPUT_FORMATS


def test_cli_ingest_reports_counts_and_failures_then_skips_on_rerun(here):
    (here / "in").mkdir()
    (here / "in" / "a.txt").write_text(FERRY)
    (here / "in" / "b.jsonl").write_text(json.dumps({"body": STRIKE}) + "\n{oops\n")
    (here / "in" / "c.bin").write_bytes(b"%PDF-1.7 \x00\x01")
    first = invoke("ingest", "in", "--db", "corpus.db", "--no-progress")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("Stored 2 new article(s), 0 already stored, 2 failed")
    assert "into sqlite:///corpus.db" in first.stdout
    assert "failed: in/b.jsonl:2: in/b.jsonl:2 is not valid JSON" in first.stderr
    assert "in/c.bin is a PDF file, not text" in first.stderr
    assert "All failures: dateline query failures --db corpus.db" in first.stderr
    again = invoke("ingest", "in", "--db", "corpus.db", "--no-progress")
    assert again.stdout.startswith("Stored 0 new article(s), 2 already stored, 2 failed")
    listed = invoke("query", "failures", "--db", "corpus.db", "--format", "jsonl")
    assert sorted(json.loads(line)["origin"] for line in listed.stdout.splitlines()) == [
        "in/b.jsonl:2", "in/c.bin"]


def test_cli_ingest_field_map_defaults_and_stdin(here):
    (here / "a.csv").write_text(f'story,outlet\n"{FLOOD}",River Desk\n')
    result = invoke("ingest", "a.csv", "--map", "text=story,source=outlet", "--published",
                    "2026-03-18", "--db", "c.db", "--no-progress")
    assert result.stdout.startswith("Stored 1 new article(s)")
    rows = json.loads(invoke("query", "articles", "--db", "c.db", "--format", "jsonl").stdout)
    assert (rows["source"], rows["day"], rows["origin"]) == ("River Desk", "2026-03-18", "a.csv:2")
    piped = CliRunner().invoke(cli, ["ingest", "-", "--db", "c.db", "--no-progress"],
                               input=json.dumps({"text": STRIKE}) + "\n")
    assert piped.stdout.startswith("Stored 1 new article(s)")


def test_cli_ingest_refuses_local_urls_unless_allowed(here):
    result = invoke("ingest", "http://127.0.0.1:9/feed.xml", "--db", "c.db", "--no-progress")
    assert result.exit_code == 1
    assert "127.0.0.1, a loopback address. Pass --allow-private" in result.stderr


def test_cli_ingest_feed_file_with_only_failures_exits_1(here):
    (here / "feed.xml").write_text("<rss><channel><item>")
    result = invoke("ingest", "feed.xml", "nothing.txt", "--db", "c.db", "--no-progress")
    assert result.exit_code == 1
    assert "feed.xml is a malformed feed" in result.stderr
    assert "nothing.txt does not exist" in result.stderr


def _main(monkeypatch, *args):
    """Run the real entry point, dateline.cli.main, and return its exit status."""
    monkeypatch.setattr(sys, "argv", ["dateline", *map(str, args)])
    try:
        cli_module.main()
    except SystemExit as exc:
        return exc.code
    return 0


def test_cli_ingest_exit_status_through_the_entry_point(here, monkeypatch, capsys):
    (here / "empty.txt").write_text("")
    (here / "good.txt").write_text(FERRY)
    bad = ("empty.txt", "http://127.0.0.1:9/feed.xml", "--db", "c.db", "--no-progress")
    assert _main(monkeypatch, "ingest", *bad) == 1
    assert "empty.txt is empty" in capsys.readouterr().err
    assert _main(monkeypatch, "ingest", "good.txt", *bad) == 0
    assert _main(monkeypatch, "ingest", "good.txt", *bad) == 0  # stored before counts too
    assert _main(monkeypatch, "ingest", *bad) == 1


def test_cli_ingest_reads_feeds_served_locally_with_allow_private(here):
    import threading
    from http.server import ThreadingHTTPServer

    from ingest.conftest import Site, _handler  # the ingest tests' local server

    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = site.add("/rss", rss([("Ferry", FERRY, None), ("Strike", STRIKE, None)]),
                       "application/rss+xml")
        result = invoke("ingest", url, "--allow-private", "--db", "c.db", "--no-progress")
    finally:
        server.shutdown()
        server.server_close()
    assert result.stdout.startswith("Stored 2 new article(s), 0 already stored, 0 failed")


def test_cli_query_table_jsonl_csv_and_cursor(filled):
    table = invoke("query", "events", "--db", filled, "--type", "assault")
    assert "ASSAULT" in table.stdout and "Gunmen" in table.stdout and "AGREE" not in table.stdout
    first = invoke("query", "events", "--db", filled, "--format", "jsonl", "--limit", "1")
    assert json.loads(first.stdout)["type"] == "AGREE"
    assert "More rows: add --cursor " in first.stderr
    cursor = first.stderr.split("--cursor ")[1].split()[0]
    second = invoke("query", "events", "--db", filled, "--format", "jsonl", "--limit", "1",
                    "--cursor", cursor)
    assert json.loads(second.stdout)["type"] == "ASSAULT" and second.stderr == ""
    csv_text = invoke("query", "quotes", "--db", filled, "--format", "csv",
                      "--speaker", "Hart").stdout
    assert csv_text.splitlines()[0].startswith("article_id,n,day,kind,speaker")
    assert "the move was temporary" in csv_text


def test_cli_show_marks_an_article_by_id_prefix(filled):
    doc = port_doc()
    shown = invoke("show", doc.article.id[:6], "--db", filled)
    assert "marks: events" in shown.stdout and "Gunmen attacked a police post" in shown.stdout
    assert "Quotes" in shown.stdout and "Tavakoli" in shown.stdout
    as_json = invoke("show", doc.article.id, "--db", filled, "--format", "json")
    assert json.loads(as_json.stdout) == doc.to_dict()


def test_cli_export_to_a_file_and_to_stdout(filled, tmp_path):
    out = tmp_path / "acled.csv"
    result = invoke("export", "--table", "acled", "--format", "csv", "--out", out, "--db", filled)
    assert result.stderr.strip() == f"Wrote 1 acled row(s) to {out}."
    assert out.read_text().splitlines()[0].startswith("event_id_cnty,event_date,event_type")
    lines = invoke("export", "--table", "claims", "--db", filled, "--what", "killed").stdout
    assert [json.loads(line)["value"] for line in lines.splitlines()] == ["12"]


def test_cli_summary_prints_counts_actors_timeline_and_claims(filled):
    shown = invoke("summary", "--db", filled)
    assert "2 articles" in shown.stdout and "2 events" in shown.stdout
    assert "Timeline: the main event of the latest articles" in shown.stdout
    assert "Claims with their sources" in shown.stdout and "port authority" in shown.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["query", "claims", "--actor", "NATO"], "--actor does not apply to claims"),
    (["query", "events", "--since", "last week"], "--since must be a date like"),
    (["show", "ffffffffff"], "No article with id 'ffffffffff'"),
    (["export", "--format", "parquet"], "Parquet is binary"),
    (["query", "events", "--db", "mysql://x/y"], "Unknown store URL scheme 'mysql'"),
])
def test_cli_store_errors_are_one_line_and_exit_1(filled, args, message):
    if "--db" not in args:
        args = [*args, "--db", filled]
    proc = dateline(*args)
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr
