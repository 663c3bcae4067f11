"""The orders a list can be read in besides newest first: by type, by country, oldest first...

Each order names output columns of the table's query (store/query.py) and ends with the
columns that make it total, so keyset cursors work in every order. The orders follow the
indexes of store/schema.py (type then day, country then day), so a sorted page is still read
off an index. ``sort=type`` reads the order as written here; ``sort=-type`` reverses every key.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dateline.errors import ConfigError

Keys = tuple[tuple[str, bool], ...]   # (output column, descending)


def _by_day(day: str, *ties: str) -> Keys:
    """Oldest first: ``-day`` (the default of day-ordered tables) is newest first."""
    return ((day, False), *((t, True) for t in ties))


def _within(first: str, day: str, *ties: str) -> Keys:
    """Grouped by ``first``, newest first within each group (the indexes' own order)."""
    return ((first, False), (day, True), *((t, False) for t in ties))


SORTS: dict[str, dict[str, Keys]] = {
    "events": {"day": _by_day("day", "article_id", "n"),
               "type": _within("type", "day", "article_id", "n"),
               "country": _within("country", "day", "article_id", "n")},
    "quotes": {"day": _by_day("day", "article_id", "n")},
    "claims": {"day": _by_day("day", "article_id", "n")},
    "articles": {"day": _by_day("day", "id")},
    "places": {"day": _by_day("day", "article_id", "n")},
    "times": {"day": _by_day("day", "article_id", "n")},
    "failures": {"id": (("id", False),)},
    "entities": {"articles": (("articles", False), ("name", True), ("label", True)),
                 "mentions": (("mentions", False), ("name", False), ("label", False)),
                 "name": (("name", False), ("label", False)),
                 "label": (("label", False), ("name", False)),
                 "first_day": (("first_day", False), ("name", False), ("label", False)),
                 "last_day": (("last_day", False), ("name", False), ("label", False))},
    "stories": {"last_day": _by_day("last_day", "id"),
                "type": _within("type", "last_day", "id"),
                "country": _within("country", "last_day", "id")},
    "incidents": {"day": _by_day("day", "id"),
                  "type": _within("type", "day", "id"),
                  "country": _within("country", "day", "id")},
}

# The order query() reads without a sort: each table's own, written as a sort.
DEFAULT_SORT: dict[str, str] = {"events": "-day", "quotes": "-day", "claims": "-day",
                                "articles": "-day", "places": "-day", "times": "-day",
                                "failures": "-id", "entities": "-articles",
                                "stories": "-last_day", "incidents": "-day"}


def sorts_of(table: str) -> list[str]:
    """The ``sort`` values a table accepts, each column both ways."""
    return [f"{sign}{name}" for name in SORTS.get(table, {}) for sign in ("", "-")]


def check_sort(table: str, sort: str) -> None:
    if sort not in sorts_of(table):
        raise ConfigError(f"Cannot sort {table} by {sort!r}. Sorts: "
                          f"{', '.join(sorts_of(table))} (a leading - reverses).")


def resort(table: str, stmt: sa.Select[Any], order: Any, sort: str | None
           ) -> tuple[sa.Select[Any], Any]:
    """Return the query in the ``sort`` order, with its sort keys as ``_k0``, ``_k1``..."""
    if not sort or sort == DEFAULT_SORT.get(table):
        return stmt, order
    check_sort(table, sort)
    keys = SORTS[table][sort.lstrip("-")]
    if sort.startswith("-"):
        keys = tuple((name, not desc) for name, desc in keys)
    inner = stmt.subquery()
    shown = [c for c in inner.c if not c.name.startswith("_k")]
    new_order = tuple((inner.c[name], desc) for name, desc in keys)
    labelled = [column.label(f"_k{i}") for i, (column, _) in enumerate(new_order)]
    return sa.select(*shown, *labelled), new_order
