"""Write docs/cli.md, the CLI reference, from the `--help` of every dateline command (make docs).

The page is generated, never edited by hand: change a command's help text, then run
`make docs` (or `python scripts/cli_reference.py`); tests/test_cli_reference.py fails while the
page and the commands disagree. `--check` exits 1 instead of writing when they disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "cli.md"
WIDTH = 100  # the CLI's own max_content_width, so the page shows what a terminal shows

HEADER = """# CLI reference

Generated from `dateline --help` and each command's `--help` by `scripts/cli_reference.py`
(`make docs`); do not edit by hand.
"""


def _sections(ctx: click.Context) -> list[str]:
    """Return the help of the command of ``ctx``, then of each of its subcommands."""
    command = ctx.command
    title = "#" * min(ctx.command_path.count(" ") + 2, 4) + f" `{ctx.command_path}`"
    sections = [f"{title}\n\n```text\n{command.get_help(ctx).rstrip()}\n```\n"]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            with click.Context(command.commands[name], info_name=name, parent=ctx) as sub:
                sections += _sections(sub)
    return sections


def render() -> str:
    """Return the reference page for the installed dateline CLI."""
    from dateline.cli import cli

    settings = {**cli.context_settings, "terminal_width": WIDTH}
    with click.Context(cli, info_name="dateline", **settings) as ctx:
        return "\n".join([HEADER, *_sections(ctx)])


def main(argv: list[str]) -> int:
    page = render()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
            print(f"{PAGE.relative_to(ROOT)} is out of date: run `make docs`.", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
