"""Search the store: every word of a query, in any order, in articles, events, quotes, claims
and entities, ranked by the database's full-text engine (see search_index.py).

    >>> found = search(store, "crane Mecca")                  # ten of each kind, with totals
    >>> more = search_kind(store, "crane Mecca", "events", limit=50, offset=50)

Words match whole and unaccented ("brasilia" finds "BRASÍLIA"); a word ending in ``*`` matches
as a prefix (``kill*`` finds "killed" and "killings"). Rows have the keys of ``query`` rows for
the same table, so one template shows both.

Ranking scores every row it ranks (bm25 reads each match's positions and length), so a word in
every fourth article would cost tens of milliseconds per kind. Only the ``RANK_WINDOW`` most
recently indexed matches are ranked: they come first, best first, and any older matches follow,
most recent first. Under the window (nearly every search) every match is ranked; pages follow
the same order to the last match, and totals count every match.
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
# How many of the most recently indexed matches of a kind are ranked (see the module's doc).
RANK_WINDOW = 1000


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
    window = _window_start(store, kind, terms, total)
    matched = _matches(store.backend, kind, terms, page=(limit, offset),
                       window=(window, min(total, RANK_WINDOW) if window is not None else total))
    stmt, _order = _spec(kind).build(Filters())
    table = schema.articles if kind == "articles" else getattr(schema, kind)
    on = (table.c.id == matched.c.article_id if kind == "articles" else
          sa.and_(table.c.article_id == matched.c.article_id, table.c.n == matched.c.n))
    stmt = stmt.join(matched, on).order_by(matched.c.band, matched.c.score.desc(),
                                       matched.c.id)
    rows = store.execute(stmt)
    for row in rows:
        for key in [k for k in row if k.startswith("_k")]:
            del row[key]
    finish = _spec(kind).finish
    if finish:
        finish(store, rows)
    return Found(kind, rows, total, offset)


def _match_sql(backend: str, kind: str) -> tuple[str, str]:
    """(FROM and WHERE of the matching index rows, the id column) for ``backend``."""
    if backend == "postgresql":
        return (f"FROM search_text s, to_tsquery('simple', :terms) q "
                f"WHERE s.kind = '{kind}' AND s.words @@ q", "s.id")
    fts = f"search_fts_{kind}"
    return f"FROM {fts} WHERE {fts} MATCH :terms", "rowid"


def _terms_of(backend: str, terms: Terms) -> str:
    return terms.postgres() if backend == "postgresql" else terms.sqlite()


def _window_start(store: Store, kind: str, terms: Terms, total: int) -> int | None:
    """The index id of the oldest match in the ranking window, or None when every match is
    ranked (no more than RANK_WINDOW match). Read in id order from the index, unscored."""
    if total <= RANK_WINDOW:
        return None
    source, key = _match_sql(store.backend, kind)
    found = store.execute(sa.text(f"SELECT {key} AS id {source} ORDER BY {key} DESC "
                                  "LIMIT 1 OFFSET :skip").bindparams(
        terms=_terms_of(store.backend, terms), skip=RANK_WINDOW - 1))
    return int(found[0]["id"]) if found else None


def _matches(backend: str, kind: str, terms: Terms, *, page: tuple[int, int] | None = None,
             window: tuple[int | None, int] = (None, 0)) -> sa.Subquery:
    """The matching index rows (``id``, ``article_id``, ``n``, ``band``, ``score``) as a
    subquery. With ``page`` (limit, offset), only that page of them in search order: band 0,
    the ranked matches (ids from ``window``'s start on, ``window[1]`` of them), best score
    first, ties in index order; then band 1, older matches, most recent first. Without it,
    every match, unscored (counting and grouping need no score)."""
    columns: dict[str, Any] = {"id": sa.Integer, "article_id": sa.String, "n": sa.Integer,
                               "band": sa.Integer, "score": sa.Float}
    source, key = _match_sql(backend, kind)
    params: dict[str, Any] = {"terms": _terms_of(backend, terms)}
    if backend == "postgresql":
        rank, best, recency = "ts_rank(s.words, q)", "score DESC, s.id", "CAST(s.id AS FLOAT)"
    else:
        # FTS5's rank is bm25, lower for better matches: negated, it sorts like ts_rank. Ordered
        # by rank with a LIMIT inside the FTS query, the engine keeps only the best rows.
        rank, best, recency = "-rank", "rank, rowid", "rowid"
    parts = []
    if page is None:
        parts.append(f"SELECT {key} AS found, 0 AS band, 0 AS score {source}")
    else:
        limit, offset = page
        start, ranked = window
        if offset < ranked:
            since = "" if start is None else f" AND {key} >= :start"
            parts.append(f"SELECT * FROM (SELECT {key} AS found, 0 AS band, {rank} AS score "
                         f"{source}{since} ORDER BY {best} "
                         "LIMIT :ranked_limit OFFSET :ranked_offset) r")
            params.update(ranked_limit=min(limit, ranked - offset), ranked_offset=offset)
        if start is not None and offset + limit > ranked:
            parts.append(f"SELECT * FROM (SELECT {key} AS found, 1 AS band, {recency} AS score "
                         f"{source} AND {key} < :start ORDER BY {key} DESC "
                         "LIMIT :older_limit OFFSET :older_offset) o")
            params.update(older_limit=offset + limit - max(offset, ranked),
                          older_offset=max(0, offset - ranked))
        if start is not None:
            params["start"] = start
        if not parts:  # past the last match
            parts.append(f"SELECT {key} AS found, 0 AS band, 0 AS score {source} AND 0 = 1")
    union = " UNION ALL ".join(parts)
    sql = (f"SELECT s.id, s.article_id, s.n, f.band AS band, f.score AS score FROM ({union}) f "
           "JOIN search_text s ON s.id = f.found")
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
