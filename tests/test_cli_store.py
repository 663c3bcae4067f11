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
from dateline.errors import InputError
from dateline.store import open_store
from dateline.store.linking import StoreLinking
from ingest.texts import FERRY, FLOOD, STRIKE, rss
from runners import stub_stage  # noqa: F401 - registers the fast test stage
from store.link_docs import follow_up_doc
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
    with open_store(str(db)) as store, StoreLinking(store) as linking:
        for doc in (port_doc(), follow_up_doc(), summit_doc()):
            store.save(doc)
            linking.link([doc])
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
    # Where it failed is said once, though the reader's message opens with it.
    assert "failed: in/b.jsonl:2 is not valid JSON" in first.stderr
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


def test_cli_query_factuality_takes_several_and_refuses_unknown_ones(filled):
    rows = [json.loads(line) for line in invoke(
        "query", "events", "--db", filled, "--format", "jsonl", "--factuality",
        "Asserted, future").stdout.splitlines()]
    assert rows and {r["factuality"] for r in rows} <= {"asserted", "future"}
    wrong = CliRunner().invoke(cli, ["query", "events", "--db", str(filled),
                                     "--factuality", "asserted,maybe"])
    assert wrong.exit_code == 2
    assert "'maybe' is not one of asserted, negated" in wrong.output


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
    assert out.read_text().splitlines()[0].startswith(
        "event_id_cnty,event_date,time_precision,event_type")
    lines = invoke("export", "--table", "claims", "--db", filled, "--what", "killed").stdout
    assert [json.loads(line)["value"] for line in lines.splitlines()] == ["12"]


def test_cli_summary_prints_counts_actors_timeline_and_claims(filled):
    shown = invoke("summary", "--db", filled)
    assert "3 articles, 2 stories" in shown.stdout and "2 events" in shown.stdout
    assert "2 incidents, 3 incident reports" in shown.stdout
    # Only the story two articles report is listed as followed, with its two reports.
    assert "Stories reported more than once" in shown.stdout
    followed = shown.stdout.split("Stories reported more than once")[1].split("Timeline")[0]
    (row,) = [line for line in followed.splitlines() if "Gunmen attack" in line]
    assert "│ 2 " in row and "NATO moves" not in followed
    assert "Timeline: the main event of the latest articles" in shown.stdout
    assert "Claims with their sources, by story" in shown.stdout
    assert "port authority" in shown.stdout
    # The two tolls of one attack are compared within their incident, with who gives each.
    assert "Figures compared within each incident" in shown.stdout
    (row,) = [line for line in shown.stdout.splitlines() if "ASSAULT Khorramshahr" in line
              and "killed" in line]
    assert "at least 12 (provincial officials, 2026-02-10); 15 (Khuzestan police chief, " \
        "2026-02-11)" in row


def test_cli_query_and_export_stories_and_incidents(filled, tmp_path):
    rows = [json.loads(line) for line in invoke(
        "query", "stories", "--db", filled, "--format", "jsonl").stdout.splitlines()]
    assert [(r["title"], r["articles"]) for r in rows] == [
        ("NATO moves Iraq mission", 1), ("Gunmen attack port police post", 2)]
    table = invoke("query", "incidents", "--db", filled, "--country", "IR")
    assert "Khorramshahr" in table.stdout and "Naples" not in table.stdout
    csv_text = invoke("query", "incidents", "--db", filled, "--format", "csv",
                      "--type", "assault").stdout
    assert csv_text.splitlines()[0].startswith("id,story_id,day,time_precision,type")
    assert len(csv_text.splitlines()) == 2
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"incidents.{fmt}"
        result = invoke("export", "--table", "incidents", "--format", fmt, "--out", out,
                        "--db", filled, "--since", "2026-02-01")
        assert result.stderr.strip() == f"Wrote 2 incidents row(s) to {out}."


def test_cli_show_story_and_incident(filled):
    story = json.loads(invoke("query", "stories", "--db", filled, "--format", "jsonl",
                              "--country", "IR").stdout)
    shown = invoke("show", "story", story["id"][:7], "--db", filled)
    text = " ".join(shown.stdout.replace("│", " ").split())
    assert "Gunmen attack port police post" in text and "2 report(s)" in text
    assert "first report: 2026-02-10T09:30:00+03:30 by Example Wire" in text
    assert text.index("Example Wire") < text.index("Gulf Daily")  # reports in time order
    assert "revised: at least 12 (provincial officials, 2026-02-10 09:30) → 15 (Khuzestan " \
        "police chief, 2026-02-11 08:00)" in text
    assert "disagree: Khuzestan police chief says 15; provincial officials says at least 12" \
        in text
    incident = json.loads(invoke("show", "story", story["id"], "--db", filled,
                                                  "--format", "json").stdout)["incidents"][0]
    as_json = json.loads(invoke("show", "incident", incident["id"], "--db", filled,
                                "--format", "json").stdout)
    assert [r["publisher"] for r in as_json["articles"]] == ["Example Wire", "Gulf Daily"]
    assert incident["fatalities"] == 15
    with pytest.raises(InputError, match="No story with id 'sto_nothing'"):
        invoke("show", "story", "sto_nothing", "--db", filled)
    assert invoke("show", "planet", "x", "--db", filled).exit_code == 2


def test_cli_ingest_keeps_urls_and_links_articles_into_stories(here):
    lines = [{"text": FLOOD, "url": "https://a.example/flood", "published": "2026-03-18"},
             {"text": FLOOD + " More rain fell.", "url": "https://b.example/flood",
              "published": "2026-03-19"},
             {"text": STRIKE, "url": "https://c.example/strike", "published": "2026-03-19"}]
    (here / "in.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    unlinked = invoke("ingest", "in.jsonl", "--db", "c.db", "--no-progress", "--no-link")
    assert unlinked.exit_code == 0, unlinked.output
    exported = invoke("export", "--table", "articles", "--format", "jsonl", "--out", "-",
                      "--db", "c.db")
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sorted(r["url"] for r in rows) == [line["url"] for line in lines]
    assert all(r["story_id"] is None for r in rows)
    linked = invoke("link", "--db", "c.db", "--no-progress")
    assert linked.stdout.startswith("Linked 3 article(s) into 2 story(ies)"), linked.stdout
    rows = [json.loads(line) for line in invoke("export", "--table", "articles", "--out", "-",
                                                 "--db", "c.db").stdout.splitlines()]
    story = {r["url"]: r["story_id"] for r in rows}
    assert story["https://a.example/flood"] == story["https://b.example/flood"]
    assert story["https://c.example/strike"] != story["https://a.example/flood"]
    # Ingest links as it stores (the default); re-ingesting changes nothing.
    (here / "more.jsonl").write_text(json.dumps({"text": FLOOD + " Rivers rose.",
                                                 "url": "https://d.example/flood",
                                                 "published": "2026-03-19"}) + "\n")
    for _ in range(2):
        assert invoke("ingest", "more.jsonl", "--db", "c.db", "--no-progress").exit_code == 0
    rows = [json.loads(line) for line in invoke("export", "--table", "articles", "--out", "-",
                                                 "--db", "c.db").stdout.splitlines()]
    story = {r["url"]: r["story_id"] for r in rows}
    assert story["https://d.example/flood"] == story["https://a.example/flood"]
    stories = [json.loads(line) for line in invoke("query", "stories", "--db", "c.db",
                                                   "--format", "jsonl").stdout.splitlines()]
    assert sorted(s["articles"] for s in stories) == [1, 3]


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
