"""The dateline command line: thin click commands over the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from dateline import __version__
from dateline.errors import DatelineError
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

    FILE is a path, or - (the default) for standard input.

    Example: dateline extract story.html --published 2026-03-20 --format text
    """
    from dateline.ingest.dates import parse_published
    from dateline.ingest.documents import read_document
    from dateline.pipeline import Pipeline

    settings = settings_from(ctx)
    when = parse_published(published) if published else None
    data = _read_input(file, settings.max_bytes)
    name = "standard input" if file == "-" else file
    article = read_document(data, name=name, fmt=input_format, published=when, source=source,  # type: ignore[arg-type]
                            url=url, title=title, max_bytes=settings.max_bytes,
                            max_chars=settings.max_chars)
    doc = Pipeline.from_settings(settings)(article)
    if out_format == "json":
        from dateline.serialize import dumps

        click.echo(dumps(doc))
    else:
        from dateline.report import print_report

        print_report(doc)


def _read_input(file: str, max_bytes: int) -> bytes:
    from dateline.errors import InputError, TooLargeError

    if file == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(file)
        if not path.exists():
            raise InputError(f"{file} does not exist.")
        if path.is_dir():
            raise InputError(f"{file} is a folder; extract reads one article (see dateline ingest).")
        if path.stat().st_size > max_bytes:
            raise TooLargeError(f"{file} is {path.stat().st_size:,} bytes; the limit is "
                                f"{max_bytes:,} (setting max_bytes). Split the file or raise the limit.")
        data = path.read_bytes()
    return data


@cli.command(name="eval")
@click.argument("task", type=click.Choice(["ner", "times", "quotes", "places", "event-types",
                                           "casualties", "meantime"]))
@click.option("--data", "data", required=True, type=click.Path(exists=True, path_type=Path),
              help="Gold file or folder (searched recursively for the task's format).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per dataset.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N docs.")
@click.pass_context
def eval_command(ctx: click.Context, task: str, data: Path, as_json: bool, limit: int | None) -> None:
    """Score one stage against public gold data and print the figures.

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


def main() -> None:
    """Run the CLI: DatelineError becomes one line on stderr and exit 1; usage errors exit 2."""
    try:
        cli.main(standalone_mode=False, prog_name="dateline")
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
