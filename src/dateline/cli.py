"""The dateline command line: thin click commands over the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from dateline import __version__
from dateline.cli_spark import load_command, spark_command
from dateline.errors import DatelineError, InputError
from dateline.settings import Settings, load_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dateline")
@click.option("--config", type=click.Path(dir_okay=False), default=None,
              help="TOML settings file (default: ./dateline.toml when present).")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """Turn news articles into a sourced record of who did what to whom, where, when, and who
    says so.

    Example: dateline extract article.txt --published 2026-03-20
    """
    ctx.obj = {"config": config}


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    """Load settings: defaults < dateline.toml < DATELINE_* < these flags."""
    return load_settings(ctx.obj.get("config") if ctx.obj else None, **overrides)


@cli.command()
@click.argument("file", required=False, default="-")
@click.option("--published", help="Publication date (ISO 8601) that relative dates resolve against.")
@click.option("--source", help="Publisher name.")
@click.option("--url", help="Where the article was published.")
@click.option("--title", help="Headline.")
@click.option("--input-format", "input_format", type=click.Choice(["auto", "text", "html", "json"]),
              default="auto", show_default=True, help="How to read FILE.")
@click.option("--format", "out_format", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="json for machines, text for people.")
@click.pass_context
def extract(ctx: click.Context, file: str, published: str | None, source: str | None,
            url: str | None, title: str | None, input_format: str, out_format: str) -> None:
    """Extract everything from one article (plain text, HTML or a JSON article object).

    FILE is a regular file (not a pipe or device), or - (the default) for standard input; either
    is read up to max_bytes (10 MB).

    Example: dateline extract story.html --published 2026-03-20 --format text
    """
    from dateline.budget import Budget
    from dateline.ingest.dates import parse_published
    from dateline.ingest.documents import read_document
    from dateline.pipeline import Pipeline

    settings = settings_from(ctx)
    when = parse_published(published) if published else None
    data = _read_input(file, settings.max_bytes)
    name = "standard input" if file == "-" else file
    article = read_document(data, name=name, fmt=input_format, published=when, source=source,  # type: ignore[arg-type]
                            url=url, title=title, max_bytes=settings.max_bytes,
                            max_chars=settings.max_chars, max_depth=settings.max_json_depth)
    Budget.from_settings(settings).admit(article)  # refused before the stages are imported
    doc = Pipeline.from_settings(settings)(article)
    if out_format == "json":
        from dateline.serialize import dumps

        click.echo(dumps(doc))
    else:
        from dateline.report import print_report

        print_report(doc)


def _read_input(file: str, max_bytes: int) -> bytes:
    """Read standard input or one regular file, never more than max_bytes + 1 bytes."""
    from dateline.errors import InputError
    from dateline.ingest.bounded import read_capped, read_file

    if file == "-":
        return read_capped(sys.stdin.buffer, max_bytes, "standard input")
    path = Path(file)
    if not os.path.lexists(path):
        raise InputError(f"{file} does not exist.")
    if path.is_dir():
        raise InputError(f"{file} is a folder; extract reads one article (see dateline ingest).")
    try:
        return read_file(path, max_bytes)
    except OSError as exc:
        raise InputError(f"Cannot read {file}: {exc.strerror or exc}.") from None


@cli.command(name="eval")
@click.argument("task", type=click.Choice(["ner", "times", "quotes", "places", "event-types",
                                           "casualties", "incidents", "meantime", "stories",
                                           "factuality", "triggers"]))
@click.option("--data", "data", required=True, type=click.Path(exists=True, path_type=Path),
              help="Gold file or folder (searched recursively for the task's format).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per dataset.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N docs.")
@click.pass_context
def eval_command(ctx: click.Context, task: str, data: Path, as_json: bool, limit: int | None) -> None:
    """Score one stage against public gold data and print the figures.

    \b
    TASK and the data it reads (PATH a file or a folder searched recursively):
      ner          CoNLL-2003 files (eng.testa, eng.testb)
      times        TimeML .tml files (TimeBank, AQUAINT, TempEval-3)
      quotes       PolNeAR folders (text/, attributions/): rules alone (rules_*)
                   and with the attribution tagger (learned_*) side by side
      places       LGL and TR-News XML, GeoVirus XML, GeoWebNews XML
      event-types  CASE 2021 task 2 TSV (id, snippet, subtype); with learned_triggers
                   off and on (lexicon_*, learned_*) side by side
      casualties   Gun Violence Archive incidents.jsonl + articles.jsonl
      incidents    the same GVA files: the reported incident's place and day
      meantime     MEANTIME CAT XML
      stories      ECB+ XML (topics/, with ECBplus_coreference_sentences.csv)
      factuality   It Happened (it-happened-*.tsv + UD CoNLL-U) or MEANTIME CAT XML:
                   held-out part, learned model and rules (rules_*) side by side
      triggers     ECB+, MEANTIME or TimeML folders: event triggers, lexicon alone and
                   with the learned filter (lexicon_*, learned_*), held-out part

    Example: dateline eval times --data ../shared/eval/timebank --limit 20
    """
    from dateline.eval import run_task

    results = run_task(task, data, limit=limit, settings=settings_from(ctx))
    if as_json:
        for result in results:
            click.echo(json.dumps(result.to_dict()))
        return
    from dateline.report import print_eval

    print_eval(results)



# Corpus commands: ingest, query, show, export ---------------------------------------------------
# Choices are spelled out here so that `dateline --help` need not import the store;
# tests/test_cli_store.py checks that they match the library's.
QUERY_TABLES = ("events", "quotes", "claims", "entities", "articles", "places", "times", "failures",
                "stories", "incidents")
EXPORT_TABLES = (*QUERY_TABLES, "docs", "gdelt", "acled")
INPUT_FORMATS = ("auto", "text", "html", "json", "jsonl", "csv", "tsv", "feed")
DB_HELP = "Store: a file path, sqlite:///file.db or postgresql://user@host/db (default: dateline.db)."


def _check_factuality(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a factuality no record holds, as the web filters do (it would match nothing)."""
    from dateline.store.query import FACTUALITIES, unknown_factuality

    if value and (wrong := unknown_factuality(value)):
        raise click.BadParameter(f"{wrong!r} is not one of {', '.join(FACTUALITIES)}.")
    return value


def filter_options(command: Any) -> Any:
    """Add the query filters shared by `query` and `export`."""
    options = [
        click.option("--type", "type_", help="Event or incident type (PLOVER, e.g. ASSAULT), "
                     "quote kind, entity label, place role, or failure stage; several with "
                     "commas: ASSAULT,PROTEST."),
        click.option("--country", help="ISO 3166 code, e.g. IR: where the event happened, or a "
                     "place the article names; several with commas: IR,IQ."),
        click.option("--since", help="First day, inclusive: 2026-02-01, 2026-02 or 2026."),
        click.option("--until", help="Last day, inclusive: 2026-03-20, 2026-03 or 2026."),
        click.option("--actor", help="Words of an event actor's name."),
        click.option("--speaker", help="Words of a quote speaker's name or description."),
        click.option("--what", help="What a number counts, e.g. killed."),
        click.option("--source", multiple=True,
                     help="Publisher, wire agency or in-text source, e.g. AFP; repeat for "
                     "several (--source AFP --source Reuters), each whole, commas included."),
        click.option("--factuality", callback=_check_factuality,
                     help="Event or incident factuality: asserted, negated, denied, "
                     "hypothetical, future or historical; several with commas."),
        click.option("--text", help="Words of the evidence text."),
        click.option("--article", help="One article id."),
        click.option("--place", help="An event's place by its resolved name, exactly: Europe."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(values: dict[str, Any]) -> Any:
    from dateline.store import Filters, sources

    names = ("country", "since", "until", "actor", "speaker", "what", "text", "article",
             "place", "factuality")
    return Filters(type=values.get("type_"), source=sources.join(values.get("source") or ())
                   or None, **{n: values.get(n) for n in names})


@cli.command(name="ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: setting "
              "workers, 1). Each loads the pipeline once.")
@click.option("--input-format", "input_format", type=click.Choice(INPUT_FORMATS), default="auto",
              show_default=True, help="How to read inputs; auto goes by file name and content.")
@click.option("--map", "field_map", help="JSON Lines/CSV field mapping, e.g. "
              "text=body,published=date,source=outlet.")
@click.option("--follow-links", is_flag=True, help="For feed items, fetch and read the linked page.")
@click.option("--allow-private", is_flag=True, default=None, help="Allow fetching from loopback, "
              "private and link-local addresses (refused by default).")
@click.option("--published", help="Publication date for inputs that give none (ISO 8601).")
@click.option("--source", help="Publisher for inputs that name none.")
@click.option("--link/--no-link", default=None, help="Put each article in a story as it is "
              "stored (default: setting link, on); dateline link does it later for a whole store.")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Show a progress bar on a terminal.")
@click.pass_context
def ingest_command(ctx: click.Context, sources: tuple[str, ...], db: str | None,
                   workers: int | None, input_format: str, field_map: str | None,
                   follow_links: bool, allow_private: bool | None, published: str | None,
                   source: str | None, link: bool | None, progress: bool) -> None:
    """Read files, folders, globs, - (stdin), feeds or URLs; extract; store every article.

    Each stored article joins the story that reports the same event (or starts one), and its
    incidents are merged with that story's. Re-running is safe: articles already stored by the
    same dateline and settings are skipped, and an interrupted run (Ctrl-C, kill -9) resumes
    where it stopped. Bad inputs become failure rows (dateline query failures) and the run goes
    on: so does an input over a limit (a file, JSON Lines line or CSV record over max_bytes;
    pipes and devices are refused). Exit status 1 when inputs failed and no article was stored,
    now or before.

    Example: dateline ingest archive/ feeds.xml --db corpus.db --workers 2
    """
    from dateline.ingest.sources import IngestOptions
    from dateline.runners import ingest
    from dateline.runners.progress import ProgressBar
    from dateline.store import open_store

    settings = settings_from(ctx, db=db, workers=workers, allow_private=allow_private, link=link)
    options = IngestOptions.from_settings(settings, fmt=input_format, field_map=field_map,
                                          follow_links=follow_links, published=published,
                                          source=source)
    with open_store(settings.db) as store, ProgressBar(enabled=progress) as bar:
        result = ingest(list(sources), store, settings, options, on_progress=bar)
        where = store.display_url
    counts = result.counts
    rate = (counts.stored + counts.failed) / result.seconds if result.seconds else 0.0
    click.echo(f"Stored {counts.stored} new article(s), {counts.unchanged} already stored, "
               f"{counts.failed} failed, in {result.seconds:.1f} s ({rate:.1f} articles/s) "
               f"into {where}.")
    for origin, message in result.failures[:10]:
        # Readers' messages already open with where they failed ("file.jsonl:3: ...").
        said = message.startswith(origin) and message[len(origin):len(origin) + 1] in (":", " ")
        shown = message if said else f"{origin}: {message}"
        click.echo(f"  failed: {shown}", err=True)
    if counts.failed:
        more = f" ({counts.failed - 10} more)" if counts.failed > 10 else ""
        click.echo(f"All failures{more}: dateline query failures --db {db or settings.db}",
                   err=True)
    if counts.failed and not (counts.stored or counts.unchanged):
        ctx.exit(1)


@cli.command(name="query")
@click.argument("table", type=click.Choice(QUERY_TABLES))
@click.option("--db", help=DB_HELP)
@filter_options
@click.option("--format", "out_format", type=click.Choice(["table", "jsonl", "csv"]),
              default="table", show_default=True, help="table for people, jsonl or csv for tools.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True,
              help="Rows per page.")
@click.option("--cursor", help="Continue after the previous page (printed at its end).")
@click.pass_context
def query_command(ctx: click.Context, /, table: str, db: str | None, out_format: str, limit: int,
                  cursor: str | None, **filters: Any) -> None:
    """List stored events, quotes, claims, entities, articles, places, times, failures,
    stories or incidents (one per real event, merged across a story's reports).

    Rows come newest first; filters combine with AND.

    Example: dateline query incidents --type ASSAULT --country IR --since 2026-02-01
    """
    from dateline.store import open_store, query

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        page = query(store, table, _filters(filters), limit=limit, cursor=cursor)
    if out_format == "table":
        from dateline.export.terminal import print_rows

        print_rows(table, page.rows)
    else:
        from dateline.export import columns_of
        from dateline.export.writers import write_csv, write_jsonl

        stream = sys.stdout
        if out_format == "jsonl":
            write_jsonl(page.rows, columns_of(table), stream)
        else:
            write_csv(page.rows, columns_of(table), stream)
    if page.next_cursor:
        click.echo(f"More rows: add --cursor {page.next_cursor}", err=True)


@cli.command(name="show")
@click.argument("kind_or_id")
@click.argument("ident", required=False)
@click.option("--db", help=DB_HELP)
@click.option("--format", "out_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people; json: the Doc, story or incident.")
@click.pass_context
def show_command(ctx: click.Context, kind_or_id: str, ident: str | None, db: str | None,
                 out_format: str) -> None:
    """Print one stored article with its extractions marked, or one story or incident.

    \b
    dateline show ARTICLE_ID          an article (an id prefix is enough)
    dateline show story STORY_ID      its reports in time order, sources, incidents, and each
                                      figure as every source gave it: revisions, disagreements
    dateline show incident ID         one incident and every report of it

    Example: dateline show story sto_4be0 --db corpus.db
    """
    from dateline.store import open_store

    kind, key = ("article", kind_or_id) if ident is None else (kind_or_id, ident)
    if kind not in ("article", "story", "incident"):
        raise click.UsageError(f"Cannot show {kind!r}: use show ARTICLE_ID, show story ID or "
                               "show incident ID.")
    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        if kind == "article":
            doc = store.load(store.resolve_id(key))
        else:
            from dateline.store import stories

            found = (stories.story(store, stories.resolve_story_id(store, key))
                     if kind == "story"
                     else stories.incident(store, stories.resolve_incident_id(store, key)))
    if kind != "article":
        if found is None:  # removed since its id was resolved
            raise InputError(f"No {kind} with id {key!r}.")
        if out_format == "json":
            click.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
            return
        from dateline.export.story_view import print_incident, print_story

        (print_story if kind == "story" else print_incident)(found)
        return
    if out_format == "json":
        from dateline.serialize import dumps

        click.echo(dumps(doc))
        return
    from dateline.export.terminal import print_marked

    print_marked(doc)


@cli.command(name="link")
@click.option("--db", help=DB_HELP)
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Show a progress bar on a terminal.")
@click.pass_context
def link_command(ctx: click.Context, db: str | None, progress: bool) -> None:
    """Rebuild the stories, canonical entities and merged incidents of a whole store.

    Each article is tied to its best matching reports within a few weeks, and a story is each
    group these ties connect: better than the one-at-a-time linking of ingest, and the same
    whatever order articles arrived in. What an earlier link or ingest made is replaced. Use it
    after ingest --no-link, after an upgrade, or to tidy stories that ingest linked.

    Example: dateline link --db corpus.db
    """
    from dateline.runners.progress import LinkProgressBar
    from dateline.store import open_store
    from dateline.store.linking import relink

    with open_store(settings_from(ctx, db=db).db) as store, \
            LinkProgressBar(enabled=progress) as bar:
        result = relink(store, on_progress=bar)
        where = store.display_url
    click.echo(f"Linked {result.articles} article(s) into {result.stories} story(ies) with "
               f"{result.incidents} incident(s) and {result.entities} canonical entities, in "
               f"{result.seconds:.1f} s, in {where}.")


@cli.command(name="export")
@click.option("--table", type=click.Choice(EXPORT_TABLES), default="events", show_default=True,
              help="A query table; docs (whole articles); gdelt (one row per event mention) or "
              "acled (one row per incident).")
@click.option("--format", "out_format", type=click.Choice(["jsonl", "csv", "tsv", "parquet"]),
              default="jsonl", show_default=True, help="Output format.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write, or - for standard output (the default; Parquet needs a "
              "file).")
@click.option("--db", help=DB_HELP)
@filter_options
@click.pass_context
def export_command(ctx: click.Context, /, table: str, out_format: str, out: Path | None,
                   db: str | None, **filters: Any) -> None:
    """Export stored records as JSON Lines, CSV, TSV or Parquet, all rows, filtered.

    Articles carry their url and story_id; acled has one row per incident, merged across the
    reports of its story.

    Example: dateline export --table acled --format csv --out acled.csv --country IR
    """
    from dateline.export import export_table
    from dateline.store import open_store

    if out is not None and str(out) == "-":
        out = None
    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        count = export_table(store, table, out_format, out, _filters(filters),
                             stdout=sys.stdout)
    if out is not None:
        click.echo(f"Wrote {count} {table} row(s) to {out}.", err=True)


@cli.command(name="summary")
@click.option("--db", help=DB_HELP)
@click.pass_context
def summary_command(ctx: click.Context, db: str | None) -> None:
    """Print what to look at first: counts, top people and organisations, the latest events
    with their evidence sentences, figures compared within each incident, and claims with
    their sources by story.

    Example: dateline summary --db demo.db
    """
    from dateline.export.terminal import print_summary
    from dateline.store import open_store

    with open_store(settings_from(ctx, db=db).db) as store:
        print_summary(store)


@cli.command(name="serve")
@click.option("--db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback by default (0.0.0.0 opens it to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes (each opens the store and, on the first upload, the model).")
@click.option("--cache-seconds", type=click.FloatRange(min=0), default=2.0, show_default=True,
              help="Answer a repeated API read or list page from memory for this long; 0 turns it "
                   "off.")
@click.pass_context
def serve_command(ctx: click.Context, db: str | None, host: str, port: int, workers: int,
                  cache_seconds: float) -> None:
    """Serve the web app and the HTTP API (/api/, schema at /openapi.json) over a store.

    Writes (POST /api/articles, storing uploads) are off unless DATELINE_API_TOKEN (setting
    api_token) is set; then they need that token. Extraction (POST /api/extract, the upload
    form) needs it too, unless DATELINE_API_OPEN_EXTRACT=true (setting api_open_extract).

    Example: dateline serve --db demo.db --port 8000
    """
    from dateline.web.serve import serve

    settings = settings_from(ctx, db=db)
    serve(settings, host=host, port=port, workers=workers, cache_seconds=cache_seconds,
          echo=lambda line: click.echo(line, err=True))


def _register_commands() -> None:
    """Add the commands that live in their own modules."""
    from dateline.catalog import stages_command

    cli.add_command(stages_command)
    cli.add_command(spark_command)
    cli.add_command(load_command)


_register_commands()


def main() -> None:
    """Run the CLI: DatelineError becomes one line on stderr and exit 1; usage errors exit 2."""
    # spaCy's small models multiply small matrices: one BLAS thread per process is faster, and
    # several per worker process oversubscribe the cores (measured in docs/performance.md).
    # Set before numpy loads; an explicit value in the environment wins; workers inherit it.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        # Without standalone mode click returns ctx.exit(code)'s code instead of exiting.
        code = cli.main(standalone_mode=False, prog_name="dateline")
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except DatelineError as exc:
        click.echo(f"dateline: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("DATELINE_DEBUG"):
            raise
        click.echo(f"dateline: internal error: {type(exc).__name__}: {exc} "
                   "(set DATELINE_DEBUG=1 for a traceback and please report it)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
