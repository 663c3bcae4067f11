"""List the registered stages: what each requires and produces, its options and their defaults."""

from __future__ import annotations

import dataclasses
import inspect
import json
from typing import Any

import click

from dateline.errors import ConfigError
from dateline.options import describe, option_types
from dateline.registry import StageInfo, available_stages, get_stage

_SHOWN_ITEMS = 6  # a long default word list is shortened in the text listing


def stage_catalog() -> list[dict[str, Any]]:
    """Return one entry per installed stage, built-in or from a package, in name order."""
    entries = []
    for name in available_stages():
        try:
            info = get_stage(name)
        except ConfigError as exc:
            entries.append({"name": name, "error": str(exc)})
            continue
        entries.append(_entry(info))
    return entries


def _entry(info: StageInfo) -> dict[str, Any]:
    factory = info.factory
    doc = inspect.getdoc(factory) or ""
    defaults = _defaults(factory)
    return {
        "name": info.name,
        "factory": f"{factory.__module__}:{factory.__qualname__}",
        "summary": doc.splitlines()[0] if doc else "",
        "requires": list(info.requires),
        "produces": list(info.produces),
        "components": list(info.components),
        "options": [{"name": key, "type": describe(hint), "default": defaults.get(key)}
                    for key, hint in option_types(factory).items()],
    }


def _defaults(factory: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(factory):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(factory):
            if f.default is not dataclasses.MISSING:
                out[f.name] = _plain(f.default)
            elif f.default_factory is not dataclasses.MISSING:
                out[f.name] = _plain(f.default_factory())
        return out
    parameters = inspect.signature(factory).parameters.values()
    return {p.name: _plain(p.default) for p in parameters if p.default is not p.empty}


def _plain(value: Any) -> Any:
    """Return a default as JSON has it: sets sorted, tuples as lists."""
    if isinstance(value, frozenset | set):
        return sorted(value, key=str)
    if isinstance(value, tuple):
        return list(value)
    return value


def format_catalog(entries: list[dict[str, Any]]) -> str:
    """Return the catalog as text for a terminal."""
    lines: list[str] = []
    for entry in entries:
        if "error" in entry:
            lines += [f"{entry['name']}  (cannot be loaded: {entry['error']})", ""]
            continue
        lines.append(f"{entry['name']}  ({entry['factory']})")
        if entry["summary"]:
            lines.append(f"  {entry['summary']}")
        lines.append(f"  requires: {', '.join(entry['requires']) or '-'}")
        lines.append(f"  produces: {', '.join(entry['produces']) or '-'}")
        if entry["options"]:
            lines.append("  options:")
            width = max(len(o["name"]) for o in entry["options"])
            for option in entry["options"]:
                lines.append(f"    {option['name']:<{width}}  {option['type']}; "
                             f"default {_shown(option['default'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _shown(value: Any) -> str:
    if isinstance(value, list):
        if len(value) > _SHOWN_ITEMS:
            head = ", ".join(map(str, value[:_SHOWN_ITEMS]))
            return f"{len(value)} items ({head}, ...)"
        return "[" + ", ".join(map(str, value)) + "]"
    return json.dumps(value)


@click.command(name="stages")
@click.option("--format", "out_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Text for reading, or one JSON list with every default.")
def stages_command(out_format: str) -> None:
    """List the registered stages: what each requires and produces, its options and defaults.

    Stages come from the ``dateline.stages`` entry-point group, so a stage an installed package
    adds is listed too (docs/extending.md). Options are set in [stages.NAME] of dateline.toml.

    Example: dateline stages --format json
    """
    entries = stage_catalog()
    if out_format == "json":
        click.echo(json.dumps(entries, indent=2, default=str))
    else:
        click.echo(format_catalog(entries), nl=False)
