"""Search the store: every word of a query, in any order, in articles, events, quotes, claims
and entities, ranked by the database's full-text engine (see search_index.py).

    >>> found = search(store, "crane Mecca")                  # ten of each kind, with totals
    >>> more = search_kind(store, "crane Mecca", "events", limit=50, offset=50)

Words match whole and unaccented ("brasilia" finds "BRASÍLIA"); a word ending in ``*`` matches
as a prefix (``kill*`` finds "killed" and "killings"). Rows have the keys of ``query`` rows for
the same table, so one template shows both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from dateline.errors import ConfigError
from dateline.store import schema
from dateline.store.query import Filters, _spec
from dateline.store.search_index import KINDS, fold
from dateline.store.store import Store

MAX_WORDS = 16
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Terms:
    """A query as the index reads it: folded words, each whole or a prefix."""

    words: tuple[str, ...]
    prefixes: tuple[bool, ...]

    def sqlite(self) -> str:
        return " ".join(f'"{w}"' + ("*" if p else "")
                        for w, p in zip(self.words, self.prefixes, strict=True))

    def postgres(self) -> str:
        return " & ".join(f"'{w}'" + (":*" if p else "")
                          for w, p in zip(self.words, self.prefixes, strict=True))


@dataclass(frozen=True)
class Found:
    """One page of one kind's matches, best first, and how many match in all."""

    kind: str
    rows: list[dict[str, Any]]
    total: int
    offset: int


def parse(text: str) -> Terms:
    """Fold a query into its words; ``word*`` asks for a prefix. Punctuation only separates."""
    words: list[str] = []
    prefixes: list[bool] = []
    for raw in text.split():
        folded = fold(raw).split()
        for i, word in enumerate(folded):
            if word not in words:
                words.append(word)
                prefixes.append(raw.endswith("*") and i == len(folded) - 1)
    if len(words) > MAX_WORDS:
        raise ConfigError(f"A search takes at most {MAX_WORDS} words; this one has "
                          f"{len(words)}. Leave out the common ones.")
    return Terms(tuple(words), tuple(prefixes))


def search(store: Store, text: str, *, limit: int = 10) -> dict[str, Found]:
    """Return the first ``limit`` matches of each kind, with each kind's total."""
    return {kind: search_kind(store, text, kind, limit=limit) for kind in KINDS}


def search_kind(store: Store, text: str, kind: str, *, limit: int = 10, offset: int = 0
                ) -> Found:
    """Return one page of ``kind`` matching every word of ``text``, best match first."""
    if kind not in KINDS:
        raise ConfigError(f"Unknown search kind {kind!r}. Kinds: {', '.join(KINDS)}.")
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    terms = parse(text)
    if not terms.words:
        return Found(kind, [], 0, offset)
    if kind == "entities":
        return _entities(store, terms, limit, offset)
    if store.backend == "postgresql":
        total = _count(store, sa.select(sa.func.count()).select_from(
            _matches(store.backend, kind, terms)))
    else:  # the FTS table alone counts: no row of search_text need be read
        total = _count(store, sa.select(sa.func.count()).select_from(sa.text(
            f"search_fts_{kind}")).where(sa.text(f"search_fts_{kind} MATCH :terms"))
            .params(terms=terms.sqlite()))
    # The engine ranks and cuts the page itself; only the page's rows are then read whole.
    matched = _matches(store.backend, kind, terms, page=(limit, offset))
    stmt, _order = _spec(kind).build(Filters())
    table = schema.articles if kind == "articles" else getattr(schema, kind)
    on = (table.c.id == matched.c.article_id if kind == "articles" else
          sa.and_(table.c.article_id == matched.c.article_id, table.c.n == matched.c.n))
    stmt = stmt.join(matched, on).order_by(matched.c.score.desc(), matched.c.id)
    rows = store.execute(stmt)
    for row in rows:
        for key in [k for k in row if k.startswith("_k")]:
            del row[key]
    finish = _spec(kind).finish
    if finish:
        finish(store, rows)
    return Found(kind, rows, total, offset)


def _matches(backend: str, kind: str, terms: Terms, *, page: tuple[int, int] | None = None
             ) -> sa.Subquery:
    """The matching index rows (``id``, ``article_id``, ``n``, ``score``: higher is better)
    as a subquery; with ``page`` (limit, offset), only that page of them, best first, ties in
    index order. Without it, every match, unscored (counting and grouping need no score)."""
    columns: dict[str, Any] = {"id": sa.Integer, "article_id": sa.String, "n": sa.Integer,
                               "score": sa.Float}
    params: dict[str, Any] = {}
    if backend == "postgresql":
        score = "ts_rank(s.words, q)" if page else "0"
        cut = " ORDER BY score DESC, s.id LIMIT :limit OFFSET :offset" if page else ""
        sql = (f"SELECT s.id, s.article_id, s.n, {score} AS score "
               "FROM search_text s, to_tsquery('simple', :terms) q "
               f"WHERE s.kind = '{kind}' AND s.words @@ q{cut}")
        params["terms"] = terms.postgres()
    else:
        fts = f"search_fts_{kind}"
        # FTS5's rank is bm25, lower for better matches: negated, it sorts like ts_rank. Ordered
        # by rank with a LIMIT inside the FTS query, the engine keeps only the best rows.
        found = (f"SELECT rowid, -rank AS score FROM {fts} WHERE {fts} MATCH :terms "
                 "ORDER BY rank, rowid LIMIT :limit OFFSET :offset" if page else
                 f"SELECT rowid, 0 AS score FROM {fts} WHERE {fts} MATCH :terms")
        sql = (f"SELECT s.id, s.article_id, s.n, f.score AS score FROM ({found}) f "
               "JOIN search_text s ON s.id = f.rowid")
        params["terms"] = terms.sqlite()
    if page:
        params.update(limit=page[0], offset=page[1])
    return (sa.text(sql).bindparams(**params)
            .columns(*(sa.column(k, t) for k, t in columns.items())).subquery("matched"))


def _entities(store: Store, terms: Terms, limit: int, offset: int) -> Found:
    """Matching entities once per (name, label), the most widely named first.

    Matched in the index of distinct names (store/names.py: one row per name with its counts),
    not per entity row, so a name in every fourth article costs what a rare one costs."""
    if store.backend == "postgresql":
        sql = ("SELECT id FROM entity_names, to_tsquery('simple', :terms) q "
               "WHERE to_tsvector('simple', words) @@ q")
        found = terms.postgres()
    else:
        sql = "SELECT rowid AS id FROM search_fts_names WHERE search_fts_names MATCH :terms"
        found = terms.sqlite()
    matched = sa.text(sql).bindparams(terms=found).columns(sa.column("id", sa.Integer)
                                                           ).subquery("matched")
    n = schema.entity_names
    total = _count(store, sa.select(sa.func.count()).select_from(matched))
    rows = store.execute(
        sa.select(n.c.name, n.c.label, n.c.articles, n.c.mentions, n.c.first_day, n.c.last_day)
        .join(matched, matched.c.id == n.c.id)
        .order_by(n.c.articles.desc(), n.c.name, n.c.label).limit(limit).offset(offset))
    return Found("entities", rows, total, offset)


def _count(store: Store, stmt: sa.Select[Any]) -> int:
    rows = store.execute(stmt)
    return int(next(iter(rows[0].values()))) if rows else 0
