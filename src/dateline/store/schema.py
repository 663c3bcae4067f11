"""The one relational schema for SQLite and PostgreSQL: an article table and one table per layer.

Every annotation row keeps ``start``/``end``/``text`` into ``articles.text`` (the archived copy),
so a row read from the database still points at its evidence. Rows of one article are keyed by
``(article_id, n)``, ``n`` being the annotation's position in its Doc layer; nested parts
(mentions, roles, participants, quantities) add their own position. Replacing an article's
annotations is therefore a delete by ``article_id`` and a fresh insert, inside one transaction.

Conventions that keep both backends identical:
- Exact numbers (claim values, counts) are stored as decimal strings, never floats, so a value
  reads back as the same ``Decimal``; coordinates and confidences are floats.
- ``published`` keeps the ISO 8601 text as given (with or without an offset); ``day`` columns
  hold ``YYYY-MM-DD`` (or ``''`` when unknown) so filters and sort keys are plain string
  comparisons and never NULL, which keeps keyset pagination simple.
- Columns introduced after version 1 carry ``info={"since": N}`` and migration N adds them to
  existing databases (see migrations.py); a new table or index carries the same ``info``.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Shared column groups ------------------------------------------------------------------------


def _span(prefix: str = "", since: int = 1) -> list[sa.Column[object]]:
    """Return the three columns of an optional Span: ``{prefix}start``, ``end``, ``text``.

    ``since`` is the schema version that added them (migrations.py adds later ones in place).
    """
    info = {"since": since}
    return [sa.Column(f"{prefix}start", sa.Integer, info=info),
            sa.Column(f"{prefix}end", sa.Integer, info=info),
            sa.Column(f"{prefix}text", sa.Text, info=info)]


def _ref(prefix: str) -> list[sa.Column[object]]:
    """Return the columns of an optional Ref: a span plus the entity it points to."""
    return [*_span(prefix), sa.Column(f"{prefix}entity_id", sa.String(64)),
            sa.Column(f"{prefix}name", sa.Text)]


def _article_fk() -> sa.Column[object]:
    return sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                     nullable=False)


def _key() -> list[sa.Column[object]]:
    return [_article_fk(), sa.Column("n", sa.Integer, nullable=False)]


def _evidence() -> list[sa.Column[object]]:
    return [sa.Column("start", sa.Integer, nullable=False),
            sa.Column("end", sa.Integer, nullable=False),
            sa.Column("text", sa.Text, nullable=False)]


# Articles and bookkeeping --------------------------------------------------------------------

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("day", sa.String(10), nullable=False, server_default=""),
    sa.Column("language", sa.String(16), nullable=False, server_default="en"),
    sa.Column("author", sa.Text),
    *_span("dateline_"),
    sa.Column("dateline_place", sa.Text),
    sa.Column("dateline_date", sa.Text),
    sa.Column("dateline_agency", sa.Text),
    # Sentence boundaries as a JSON list of [start, end] pairs: needed to show evidence
    # sentences, never filtered on.
    sa.Column("sentences", sa.Text, nullable=False, server_default="[]"),
    # Where the article was read from: a path, "file.jsonl:12", a URL or a feed item link.
    sa.Column("origin", sa.Text),
    # dateline version + settings fingerprint: same extractor = no-op, another = replace.
    sa.Column("extractor", sa.String(80), nullable=False),
    sa.Column("run_id", sa.String(32)),
    sa.Column("stored_at", sa.String(40), nullable=False),
    sa.Index("ix_articles_day", "day", "id"),
    sa.Index("ix_articles_source", "source"),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("dateline_version", sa.String(40), nullable=False),
    sa.Column("settings_hash", sa.String(64), nullable=False),
    sa.Column("extractor", sa.String(80), nullable=False),
    sa.Column("sources", sa.Text, nullable=False, server_default="[]"),
    sa.Column("started", sa.String(40), nullable=False),
    sa.Column("finished", sa.String(40)),
    # running, done, interrupted, failed; a killed run stays "running" with no finish time.
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("read", sa.Integer, nullable=False, server_default="0"),
    sa.Column("stored", sa.Integer, nullable=False, server_default="0"),
    sa.Column("unchanged", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
)

failures = sa.Table(
    "failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("article_id", sa.String(64)),
    # "ingest" for input that never became an article, else the stage that failed.
    sa.Column("stage", sa.String(40), nullable=False),
    sa.Column("error", sa.String(80), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("run_id", sa.String(32)),
    sa.Column("created", sa.String(40), nullable=False),
    sa.Index("ix_failures_origin", "origin"),
    sa.Index("ix_failures_article", "article_id"),
)

# Layers --------------------------------------------------------------------------------------

entities = sa.Table(
    "entities", metadata, *_key(), *_evidence(),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("aliases", sa.Text, nullable=False, server_default="[]"),
    sa.Column("affiliation", sa.Text),
    sa.Column("affiliation_id", sa.String(64)),
    sa.Column("nationality", sa.Text),
    # Kept beside each entity so "top names" aggregates read one covering index, never the
    # articles or mentions tables: the publication day and the number of mentions.
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("mention_count", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "n"),
    sa.Index("ix_entities_id", "id"),
)
sa.Index("ix_entities_label_name", entities.c.label, entities.c.name, entities.c.article_id,
         entities.c.day, entities.c.mention_count)

mentions = sa.Table(
    "mentions", metadata, *_key(), sa.Column("m", sa.Integer, nullable=False), *_evidence(),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.PrimaryKeyConstraint("article_id", "n", "m"),
)

roles = sa.Table(
    "roles", metadata, *_key(), sa.Column("m", sa.Integer, nullable=False), *_evidence(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.PrimaryKeyConstraint("article_id", "n", "m"),
)

times = sa.Table(
    "times", metadata, *_key(), *_evidence(),
    sa.Column("value", sa.Text),
    sa.Column("precision", sa.String(16)),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("anchor", sa.Text),
    sa.Column("mod", sa.Text),
    # The ends of an interval, each a time expression of its own: JSON list of objects.
    sa.Column("parts", sa.Text, nullable=False, server_default="[]"),
    sa.PrimaryKeyConstraint("article_id", "n"),
)

places = sa.Table(
    "places", metadata, *_key(), *_evidence(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("geonames_id", sa.BigInteger),
    sa.Column("country_code", sa.String(8)),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("feature", sa.String(8)),
    sa.Column("feature_code", sa.String(16)),
    sa.Column("population", sa.BigInteger),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("demonym", sa.Boolean, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "n"),
    sa.Index("ix_places_country", "country_code", "article_id"),
)

quotes = sa.Table(
    "quotes", metadata, *_key(), *_evidence(),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    # Content spans as a JSON list of [start, end, text].
    sa.Column("contents", sa.Text, nullable=False),
    *_span("cue_"),
    *_ref("speaker_"),
    sa.Column("speaker_descriptor", sa.Text),
    *_span("channel_"),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "n"),
)
sa.Index("ix_quotes_day", quotes.c.day.desc(), quotes.c.article_id, quotes.c.n)

claims = sa.Table(
    "claims", metadata, *_key(), *_evidence(),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("value", sa.String(64)),
    sa.Column("low", sa.String(64)),
    sa.Column("high", sa.String(64)),
    sa.Column("qualifier", sa.Text),
    sa.Column("what", sa.Text),
    sa.Column("predicate", sa.Text),
    *_ref("source_"),
    *_span("cue_"),
    sa.Column("unit", sa.Text),
    *_span("predicate_", since=2),
    sa.PrimaryKeyConstraint("article_id", "n"),
)
sa.Index("ix_claims_day", claims.c.day.desc(), claims.c.article_id, claims.c.n)

events = sa.Table(
    "events", metadata, *_key(), *_evidence(),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("mode", sa.String(32)),
    # The event's own date when its time resolves to one, else the publication day.
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("country", sa.String(8), nullable=False, server_default=""),
    *_span("trigger_"),
    *_span("place_"),
    sa.Column("place_name", sa.Text),
    sa.Column("place_geonames_id", sa.BigInteger),
    sa.Column("place_admin1", sa.Text),
    sa.Column("place_lat", sa.Float),
    sa.Column("place_lon", sa.Float),
    *_span("time_"),
    sa.Column("time_value", sa.Text),
    sa.Column("time_precision", sa.String(16)),
    sa.Column("factuality", sa.String(16), nullable=False),
    *_ref("source_"),
    sa.Column("confidence", sa.Float, nullable=False),
    # PLOVER contexts as a JSON list of names.
    sa.Column("context", sa.Text, nullable=False, server_default="[]"),
    sa.PrimaryKeyConstraint("article_id", "n"),
    sa.Index("ix_events_id", "id"),
)
# Newest first within a country or a type, the two filters analysts start from: each index
# matches the query order (day DESC, article_id, n) so a page is read straight off the index.
sa.Index("ix_events_country_day", events.c.country, events.c.day.desc(), events.c.article_id,
         events.c.n)
sa.Index("ix_events_type_day", events.c.type, events.c.day.desc(), events.c.article_id, events.c.n)
sa.Index("ix_events_day", events.c.day.desc(), events.c.article_id, events.c.n)

participants = sa.Table(
    "event_participants", metadata, *_key(), sa.Column("m", sa.Integer, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # actor or recipient
    *_evidence(),
    sa.Column("entity_id", sa.String(64)),
    sa.Column("name", sa.Text),
    sa.PrimaryKeyConstraint("article_id", "n", "m"),
    sa.Index("ix_participants_name", "name"),
)

quantities = sa.Table(
    "event_quantities", metadata, *_key(), sa.Column("m", sa.Integer, nullable=False),
    *_evidence(),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("value", sa.String(64)),
    sa.Column("low", sa.String(64)),
    sa.Column("high", sa.String(64)),
    sa.Column("qualifier", sa.Text),
    sa.PrimaryKeyConstraint("article_id", "n", "m"),
)

# The tables that hold one article's annotations, children before parents (delete order).
LAYER_TABLES = (mentions, roles, entities, times, places, quotes, claims, participants,
                quantities, events)
