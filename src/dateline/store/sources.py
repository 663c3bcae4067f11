"""The source filter, read through indexes: ``source=AFP`` keeps the rows whose publisher,
wire agency or own in-text source (an event's or a claim's source, a quote's channel) contains
"AFP", compared as LIKE compares (``%`` and ``_`` are plain characters, case is ignored as
each database's ILIKE ignores it). Several values mean any of them: ``Filters.source`` holds
them joined by ``SEPARATOR`` (a control character no source string holds, so that a value may
hold a comma: "Reuters, London").

Matching every row's strings with LIKE read the article of each row in turn: a source that
few rows hold walked the whole list. Source strings are few beside the rows (publishers,
agencies, "police", "officials"), so ``source_names`` keeps each distinct string once and a
filter runs in two steps:

1. The strings that contain the value, found through a trigram index: on SQLite an FTS5 table
   with the ``trigram`` tokenizer (values of three characters or more; shorter ones compare
   the distinct strings with LIKE), on PostgreSQL a ``pg_trgm`` GIN index (when the extension
   can be created; else the distinct strings are compared one by one). Each candidate is then
   checked with the same ILIKE as the rows were, so the strings are exactly those it matches.
2. The rows that hold one of those strings, through the indexes of the source columns
   (schema.py, version 8): on SQLite by rowid when few match, else in the list's own order
   with each index entry checked (``Reading``, ``condition``): the same rows as LIKE over
   every row, in the same order.

Kept in the transaction that saves articles (``add``: the source strings of the stored
articles, where new). A string that no row holds any longer (a re-extraction dropped it) stays:
it matches no row, so no result changes. Migration 8 creates and fills the index (``create``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnClause
from sqlalchemy.sql.functions import FunctionElement

from dateline.store import schema

_CHUNK = 500
# The shortest value the trigram index answers: a value needs one whole trigram.
TRIGRAM = 3
# The columns that hold a source string, per table the filter reads.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("source", "dateline_agency"),
    "events": ("source_name", "source_text"),
    "quotes": ("channel_text",),
    "claims": ("source_name", "source_text"),
}
_FTS = "search_fts_sources"
# Between the values of a source filter that holds several (``Filters.source``).
SEPARATOR = "\x1f"


def values_of(source: str) -> list[str]:
    """The values of a source filter (``join``'s inverse), each once, in order."""
    return list(dict.fromkeys(v for v in source.split(SEPARATOR) if v))


def join(values: Sequence[str]) -> str:
    """One source filter that keeps the rows any of ``values`` keeps."""
    return SEPARATOR.join(dict.fromkeys(v for v in values if v))


def escape_like(value: str) -> str:
    """``value`` as a LIKE pattern's literal part (escape ``\\``): ``%`` and ``_`` match
    only themselves."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: sa.ColumnElement[Any], value: str) -> sa.ColumnElement[bool]:
    """``column`` holds ``value`` anywhere, case-insensitively; ``%`` and ``_`` are literal."""
    return column.ilike(f"%{escape_like(value)}%", escape="\\")


# Schema ---------------------------------------------------------------------------------------


def create(conn: sa.Connection) -> None:
    """Create the trigram index of ``source_names`` (migration 8, after the table) and fill the
    table with every source string stored."""
    if conn.dialect.name == "postgresql":
        _create_postgres(conn)
    else:
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {_FTS}"))
        # External content: the strings live once, in source_names; the FTS table indexes them.
        conn.execute(sa.text(
            f"CREATE VIRTUAL TABLE {_FTS} USING fts5(value, content='source_names', "
            "content_rowid='id', tokenize='trigram')"))
        conn.execute(sa.text(
            f"CREATE TRIGGER {_FTS}_insert AFTER INSERT ON source_names BEGIN "
            f"INSERT INTO {_FTS} (rowid, value) VALUES (new.id, new.value); END"))
        conn.execute(sa.text(
            f"CREATE TRIGGER {_FTS}_delete AFTER DELETE ON source_names BEGIN "
            f"INSERT INTO {_FTS} ({_FTS}, rowid, value) VALUES ('delete', old.id, old.value); "
            "END"))
    conn.execute(schema.source_names.insert().from_select(
        ["value"], sa.select(_stored_values(None).subquery().c.value)))


def drop(conn: sa.Connection) -> None:
    """Drop the distinct source strings and their trigram index (what migration 8 made but
    the indexes of the source columns), wherever they exist."""
    if conn.dialect.name != "postgresql":
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {_FTS}"))
    conn.execute(sa.text("DROP TABLE IF EXISTS source_names"))


def _create_postgres(conn: sa.Connection) -> None:
    """The pg_trgm GIN index, where the extension is there or can be created (it ships with
    PostgreSQL; creating it needs the CREATE privilege on the database)."""
    try:
        with conn.begin_nested():
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return  # the filter then compares the distinct strings one by one: still exact
    where = conn.execute(sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'")).scalar_one()
    quoted = conn.dialect.identifier_preparer.quote_schema(where)
    conn.execute(sa.text(f"CREATE INDEX ix_source_names_trigrams ON source_names "
                         f"USING gin (value {quoted}.gin_trgm_ops)"))


# Rows -----------------------------------------------------------------------------------------


def _stored_values(article_ids: Sequence[str] | None) -> sa.CompoundSelect[Any]:
    """Every distinct source string the rows of ``article_ids`` (all: None) hold."""
    parts = []
    for name, columns in COLUMNS.items():
        table = getattr(schema, name)
        key = table.c.id if name == "articles" else table.c.article_id
        for column in columns:
            stmt = sa.select(table.c[column].label("value")).where(table.c[column].is_not(None))
            if article_ids is not None:
                stmt = stmt.where(key.in_(list(article_ids)))
            parts.append(stmt)
    return sa.union(*parts)


def add(conn: sa.Connection, article_ids: Sequence[str]) -> None:
    """Add the source strings of these (just stored) articles that the table lacks."""
    n = schema.source_names
    ids = list(dict.fromkeys(article_ids))
    for start in range(0, len(ids), _CHUNK):
        found = _stored_values(ids[start:start + _CHUNK]).subquery()
        known = sa.exists().where(n.c.value == found.c.value)
        conn.execute(n.insert().from_select(["value"], sa.select(found.c.value).where(~known)))


# Filters --------------------------------------------------------------------------------------


Selected = sa.Select[Any] | sa.CompoundSelect[Any]


class _trigram_candidates(FunctionElement[bool]):
    """The source string id is among the FTS5 trigram matches of a phrase (SQLite); true on
    other databases, whose ILIKE reads the trigram index itself. (No Boolean type: SQLite
    would compare it with 1, and the comparison would hide the IN from the planner.)"""

    inherit_cache = True
    name = "trigram_candidates"


@compiles(_trigram_candidates, "sqlite")
def _candidates_on_sqlite(element: _trigram_candidates, compiler: Any, **kw: Any) -> str:
    column, phrase = element.clauses
    return (f"{compiler.process(column, **kw)} IN (SELECT rowid FROM {_FTS} "
            f"WHERE {_FTS} MATCH {compiler.process(phrase, **kw)})")


@compiles(_trigram_candidates)
def _candidates_elsewhere(element: _trigram_candidates, compiler: Any, **kw: Any) -> str:
    return "1 = 1"


def names_matching(value: str) -> sa.Select[Any]:
    """The distinct source strings that contain ``value`` (as ``contains`` compares)."""
    n = schema.source_names.alias("matched_sources")
    where = [contains(n.c.value, value)]
    if len(value) >= TRIGRAM:
        # An FTS5 phrase of trigrams is a substring match, case folded: every string the
        # ILIKE keeps is among its candidates ("%" and "_" are plain characters in it).
        phrase = '"' + value.replace('"', '""') + '"'
        where.insert(0, _trigram_candidates(n.c.id, sa.literal(phrase, sa.Text)))
    return sa.select(n.c.value).where(*where)


def names_of(source: str) -> Selected:
    """The distinct source strings that contain any value of the filter ``source``."""
    found = [names_matching(v) for v in values_of(source)] or [names_matching(source)]
    return found[0] if len(found) == 1 else sa.union(*found)


def articles_matching(source: str) -> Selected:
    """The ids of the articles whose publisher or wire agency contains a value of
    ``source``."""
    a = schema.articles.alias("source_articles")
    return _union([sa.select(a.c.id).where(a.c[column].in_(names_of(source)))
                   for column in COLUMNS["articles"]])


def rowid(table: sa.FromClause) -> sa.ColumnElement[int]:
    """SQLite's rowid of ``table``: every index of a row holds it, so a term on it is checked
    from the index entry alone, and a list of them is read row by row (never scanned)."""
    return ColumnClause("rowid", sa.Integer, _selectable=table)


def _own_rowids(table: sa.Table, names: Selected) -> list[sa.Select[Any]]:
    t = table.alias(f"own_{table.name}")
    return [sa.select(rowid(t)).where(t.c[column].in_(names))
            for column in COLUMNS.get(table.name, ()) if table.name != "articles"]


def rows_named(table: sa.Table, names: Selected) -> Selected:
    """The rowids (SQLite) of the rows of ``table`` whose own source is among ``names``, read
    through the index of each source column."""
    return _union(_own_rowids(table, names), every=True)


def _article_rowids(table: sa.Table, value: str) -> sa.Select[Any]:
    t = table.alias(f"of_{table.name}")
    key = t.c.id if table.name == "articles" else t.c.article_id
    return sa.select(rowid(t)).where(key.in_(articles_matching(value)))


def _union(selects: list[sa.Select[Any]], *, every: bool = False) -> Selected:
    # One select per column: each reads its own index (an OR of two would read neither).
    if len(selects) == 1:
        return selects[0]
    return sa.union_all(*selects) if every else sa.union(*selects)


class _unindexed(FunctionElement[Any]):
    """A column that no index may answer a term on (SQLite's unary ``+``); itself elsewhere."""

    inherit_cache = True
    name = "unindexed"


@compiles(_unindexed, "sqlite")
def _unindexed_on_sqlite(element: _unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(next(iter(element.clauses)), **kw))


@compiles(_unindexed)
def _unindexed_elsewhere(element: _unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(next(iter(element.clauses)), **kw))


@dataclass(frozen=True, slots=True)
class Reading:
    """How a list on SQLite reads the rows a source filter keeps (query.read_sources chooses
    it from how many articles and rows the source keeps)."""

    gather: bool = False          # few: read the matching rows by rowid, then sort them
    articles_each: bool = False   # many articles: look each row's article up in an index
    rows_each: bool = False       # many rows by their own source: check each row's strings
    # The newest day of the rows the filter keeps (from the summary counts, facets.bounded):
    # a walk in list order starts there instead of at the newest rows of other sources.
    last_day: str | None = None


class _article_named(FunctionElement[Any]):
    """The article of ``article_id`` has a publisher or agency among ``names``, looked up in
    the index that holds both beside the id (its row, long with its text, is never read)."""

    inherit_cache = True
    name = "article_named"


@compiles(_article_named)
def _article_named_sql(element: _article_named, compiler: Any, **kw: Any) -> str:
    article_id, names = (compiler.process(c, **kw) for c in element.clauses)
    index = " INDEXED BY ix_articles_sources" if compiler.dialect.name == "sqlite" else ""
    return (f"EXISTS (SELECT 1 FROM articles AS named_article{index} WHERE named_article.id = "
            f"{article_id} AND (named_article.source IN {names} OR "
            f"named_article.dateline_agency IN {names}))")


def condition(value: str, article_id: sa.ColumnElement[Any], row: sa.Table | None = None, *,
              reading: Reading | None = None) -> sa.ColumnElement[bool]:
    """The filter on rows of ``row`` (events, quotes, claims: their own sources count too)
    or of any table keyed by ``article_id``.

    With a ``reading`` (SQLite), few matching rows are read by rowid and sorted; many are found
    by walking the list's own index in its order, each entry checked without reading its row
    or its article unless it matches: by its article id and rowid against the sets of matching
    ones (read once), or where a set would be large, its article in the index of sources and
    its own strings. Without one, the database's planner chooses (PostgreSQL's knows how many
    rows each string has)."""
    own = [] if row is None or row.name == "articles" else [
        row.c[c] for c in COLUMNS.get(row.name, ())]
    if reading is None:
        return sa.or_(article_id.in_(articles_matching(value)),
                      *(c.in_(names_of(value)) for c in own))
    if reading.gather and row is not None:
        return rowid(row).in_(_union([_article_rowids(row, value),
                                      *_own_rowids(row, names_of(value))], every=True))
    names = names_of(value).scalar_subquery()
    by_article = (_article_named(article_id, names) if reading.articles_each else
                  _unindexed(article_id).in_(articles_matching(value)))
    if row is None or not own:
        return by_article
    if reading.rows_each:
        return sa.or_(by_article, *(_unindexed(c).in_(names_of(value)) for c in own))
    return sa.or_(by_article, _unindexed(rowid(row)).in_(rows_named(row, names_of(value))))


def counted(table: str, value: str, bound: int) -> sa.Select[Any]:
    """(articles, own) : how many articles the filter keeps (summed from the month counts of
    the articles list, a few hundred rows) and how many ``table`` rows hold a matching source
    of their own, counted up to ``bound`` + 1 (a few index reads, whatever the store's size)."""
    lc = schema.list_counts
    names = names_of(value)
    articles = sa.select(sa.func.coalesce(sa.func.sum(lc.c.n), 0)).where(
        lc.c.layer == "articles", lc.c.grain == "m",
        sa.or_(lc.c.publisher.in_(names), lc.c.agency.in_(names)))
    parts = [articles.scalar_subquery().label("articles")]
    own = COLUMNS.get(table, ()) if table != "articles" else ()
    if own:
        t = getattr(schema, table).alias("counted_rows")
        rows = _union([sa.select(t.c.n).where(t.c[c].in_(names)) for c in own],
                      every=True).limit(bound + 1).subquery()
        parts.append(sa.select(sa.func.count()).select_from(rows).scalar_subquery().label("own"))
    return sa.select(*parts)
