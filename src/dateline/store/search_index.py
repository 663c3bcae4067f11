"""The full-text index behind search: one row of words per article, event, quote, claim, entity.

Each row of ``search_text`` holds the words a reader would search a record by: an article's
title, text and the resolved names of what it mentions ("Makkah" for a text saying "Mecca");
an event's evidence, type, place, actors and what its numbers count; a quote's words and
speaker; a claim's words and what it counts; an entity's name, aliases and first mention.
The words are folded before they are stored (accents removed, lower case, punctuation
dropped: "BRASÍLIA" is stored as "brasilia"), and a query is folded the same way, so both
backends match the same words whatever the server's extensions.

The database indexes the folded words with its own engine:
- SQLite: one FTS5 table per kind (``search_fts_events``...), filled by triggers on
  ``search_text`` (external content), ranked with bm25.
- PostgreSQL: a ``tsvector`` column filled by a trigger, with one GIN index per kind,
  ranked with ts_rank.

The rows are derived: ``refresh`` rebuilds those of the given articles from their stored
layers (the store calls it in the transaction that saves them), and migration 4 fills the
index of an existing store the same way. Deleting an article deletes its rows (foreign key).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa

from dateline.store import schema

KINDS = ("articles", "events", "quotes", "claims", "entities")
_CHUNK = 500
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Return ``text`` as the index stores it: unaccented, lower-case words split by spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.casefold()))


# Schema ---------------------------------------------------------------------------------------


def create(conn: sa.Connection) -> None:
    """Create the index tables, triggers and indexes (migration 4), then fill them."""
    drop(conn)
    if conn.dialect.name == "postgresql":
        _create_postgres(conn)
    else:
        _create_sqlite(conn)
    ids = [row[0] for row in conn.execute(sa.select(schema.articles.c.id)
                                          .order_by(schema.articles.c.id))]
    refresh(conn, ids)


def drop(conn: sa.Connection) -> None:
    """Drop the index (what ``create`` makes), wherever it exists."""
    for kind in KINDS:
        if conn.dialect.name != "postgresql":
            conn.execute(sa.text(f"DROP TABLE IF EXISTS search_fts_{kind}"))
    conn.execute(sa.text("DROP TABLE IF EXISTS search_text"))
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("DROP FUNCTION IF EXISTS search_text_words()"))


def _text_table(conn: sa.Connection, vector: str = "") -> None:
    conn.execute(sa.text(
        "CREATE TABLE search_text ("
        + ("id BIGSERIAL PRIMARY KEY, " if vector else "id INTEGER PRIMARY KEY, ")
        + "kind VARCHAR(16) NOT NULL, "
        "article_id VARCHAR(64) NOT NULL REFERENCES articles (id) ON DELETE CASCADE, "
        f"n INTEGER NOT NULL, body TEXT NOT NULL{vector})"))
    conn.execute(sa.text("CREATE INDEX ix_search_text_article ON search_text (article_id)"))


def _create_sqlite(conn: sa.Connection) -> None:
    _text_table(conn)
    for kind in KINDS:
        fts = f"search_fts_{kind}"
        # External content: the words live once, in search_text; the FTS table holds the index.
        conn.execute(sa.text(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(body, content='search_text', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"))
        conn.execute(sa.text(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON search_text "
            f"WHEN new.kind = '{kind}' BEGIN "
            f"INSERT INTO {fts} (rowid, body) VALUES (new.id, new.body); END"))
        conn.execute(sa.text(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON search_text "
            f"WHEN old.kind = '{kind}' BEGIN "
            f"INSERT INTO {fts} ({fts}, rowid, body) VALUES ('delete', old.id, old.body); END"))


def _create_postgres(conn: sa.Connection) -> None:
    _text_table(conn, vector=", words TSVECTOR")
    conn.execute(sa.text(
        "CREATE FUNCTION search_text_words() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "NEW.words := to_tsvector('simple', NEW.body); RETURN NEW; END $$"))
    conn.execute(sa.text(
        "CREATE TRIGGER search_text_words BEFORE INSERT OR UPDATE ON search_text "
        "FOR EACH ROW EXECUTE FUNCTION search_text_words()"))
    for kind in KINDS:
        # One index per kind: a search of events never reads the postings of article texts.
        conn.execute(sa.text(f"CREATE INDEX ix_search_words_{kind} ON search_text "
                             f"USING gin (words) WHERE kind = '{kind}'"))


# Rows -----------------------------------------------------------------------------------------


def refresh(conn: sa.Connection, article_ids: Sequence[str]) -> None:
    """Replace the index rows of ``article_ids`` with rows built from their stored layers."""
    text = sa.table("search_text", sa.column("kind"), sa.column("article_id"), sa.column("n"),
                    sa.column("body"))
    for start in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[start:start + _CHUNK])
        conn.execute(text.delete().where(text.c.article_id.in_(chunk)))
        rows = [{"kind": kind, "article_id": aid, "n": n, "body": fold(" ".join(words))}
                for kind, aid, n, words in _records(conn, chunk)]
        rows = [r for r in rows if r["body"]]
        if rows:
            conn.execute(text.insert(), rows)


def _records(conn: sa.Connection, ids: list[str]
             ) -> Iterator[tuple[str, str, int, list[str]]]:
    """Yield (kind, article_id, n, words) for every searchable record of the articles."""
    a, e, p = schema.articles, schema.entities, schema.places
    names: dict[str, list[str]] = {aid: [] for aid in ids}
    row: Any  # a result row of each select in turn
    for row in conn.execute(sa.select(e.c.article_id, e.c.n, e.c.name, e.c.aliases, e.c.text)
                            .where(e.c.article_id.in_(ids))):
        words = [row.name, *_aliases(row.aliases)]
        names[row.article_id].extend(words)
        yield "entities", row.article_id, row.n, [*words, row.text]
    for row in conn.execute(sa.select(p.c.article_id, p.c.name).where(p.c.article_id.in_(ids))):
        names[row.article_id].append(row.name)
    for row in conn.execute(sa.select(a.c.id, a.c.title, a.c.text).where(a.c.id.in_(ids))):
        # Resolved names once each: they find the article by a name its text never spells.
        yield "articles", row.id, 0, [row.title or "", row.text, *dict.fromkeys(names[row.id])]
    yield from _events(conn, ids)
    q = schema.quotes
    for row in conn.execute(sa.select(q.c.article_id, q.c.n, q.c.text, q.c.speaker_name,
                                      q.c.speaker_text, q.c.speaker_descriptor)
                            .where(q.c.article_id.in_(ids))):
        yield "quotes", row.article_id, row.n, _present(row.text, row.speaker_name,
                                                        row.speaker_text, row.speaker_descriptor)
    c = schema.claims
    for row in conn.execute(sa.select(c.c.article_id, c.c.n, c.c.text, c.c.what, c.c.predicate,
                                      c.c.source_name, c.c.source_text)
                            .where(c.c.article_id.in_(ids))):
        yield "claims", row.article_id, row.n, _present(row.text, row.what, row.predicate,
                                                        row.source_name, row.source_text)


def _events(conn: sa.Connection, ids: list[str]) -> Iterator[tuple[str, str, int, list[str]]]:
    e, p, q = schema.events, schema.participants, schema.quantities
    parts: dict[tuple[str, int], list[str]] = {}
    row: Any
    for row in conn.execute(sa.select(p.c.article_id, p.c.n, p.c.name)
                            .where(p.c.article_id.in_(ids), p.c.name.is_not(None))):
        parts.setdefault((row.article_id, row.n), []).append(row.name)
    # What an event's numbers count ("killed"), as the events page's Counts filter reads them.
    for row in conn.execute(sa.select(q.c.article_id, q.c.n, q.c.kind)
                            .where(q.c.article_id.in_(ids))):
        parts.setdefault((row.article_id, row.n), []).append(row.kind)
    for row in conn.execute(sa.select(e.c.article_id, e.c.n, e.c.text, e.c.type, e.c.place_name)
                            .where(e.c.article_id.in_(ids))):
        yield "events", row.article_id, row.n, _present(
            row.text, row.type, row.place_name, *parts.get((row.article_id, row.n), []))


def _present(*values: str | None) -> list[str]:
    return [v for v in values if v]


def _aliases(raw: str | None) -> Iterable[str]:
    try:
        found: Any = json.loads(raw or "[]")
    except ValueError:
        return ()
    return [str(x) for x in found if isinstance(x, str)] if isinstance(found, list) else ()
