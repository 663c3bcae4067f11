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
    # Version 8: the source filter finds rows by the exact source strings that match (sources.py).
    sa.Index("ix_articles_agency", "dateline_agency", info={"since": 8},
             postgresql_using="hash"),
    # An article's publisher and agency by its id, without reading its row (and its text).
    sa.Index("ix_articles_sources", "id", "source", "dateline_agency", info={"since": 8}),
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
sa.Index("ix_quotes_channel", quotes.c.channel_text, info={"since": 8}, postgresql_using="hash")

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
sa.Index("ix_claims_source_name", claims.c.source_name, info={"since": 8},
         postgresql_using="hash")
sa.Index("ix_claims_source_text", claims.c.source_text, info={"since": 8},
         postgresql_using="hash")

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
# Both filters at once, or one filter with the list sorted by the other (version 7): a country's
# events of one type newest first, or a type's events by country, still read off one index
# instead of every event of the country (or type) filtered and sorted.
sa.Index("ix_events_country_type_day", events.c.country, events.c.type, events.c.day.desc(),
         events.c.article_id, events.c.n, info={"since": 7})
sa.Index("ix_events_type_country_day", events.c.type, events.c.country, events.c.day.desc(),
         events.c.article_id, events.c.n, info={"since": 7})
# The in-text sources, for the source filter (version 8). Hash indexes on PostgreSQL: equality
# is all the filter asks, and a B-tree refuses an entry over a third of a page.
sa.Index("ix_events_source_name", events.c.source_name, info={"since": 8},
         postgresql_using="hash")
sa.Index("ix_events_source_text", events.c.source_text, info={"since": 8},
         postgresql_using="hash")

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

# Incidents (version 3): the events of one article that are one real happening -------------
_V3 = {"since": 3}


def _v3(*columns: sa.Column[object]) -> list[sa.Column[object]]:
    """Mark columns as added by schema version 3 (their table is new in it)."""
    for column in columns:
        column.info.update(_V3)
    return list(columns)


incidents = sa.Table(
    "incidents", metadata, *_v3(*_key(), *_evidence(),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("sub_event", sa.Text, nullable=False, server_default=""),
    # The incident's own day when its date resolves to one, else the publication day.
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("country", sa.String(8), nullable=False, server_default=""),
    # date_found is NULL when the incident has no date; the date's span may be empty (0, 0, '').
    *_span("date_", since=3),
    sa.Column("date_value", sa.Text),
    sa.Column("time_precision", sa.Integer),
    sa.Column("date_found", sa.String(16)),
    *_span("location_", since=3),
    sa.Column("location_name", sa.Text),
    sa.Column("location_geonames_id", sa.BigInteger),
    sa.Column("location_admin1", sa.Text),
    sa.Column("location_lat", sa.Float),
    sa.Column("location_lon", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("location_found", sa.String(16)),
    sa.Column("factuality", sa.String(16), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("context", sa.Text, nullable=False, server_default="[]"),
    sa.Column("note", sa.Text, nullable=False, server_default="")),
    sa.PrimaryKeyConstraint("article_id", "n"),
    sa.Index("ix_incidents_id", "id"),
    info=_V3,
)
sa.Index("ix_incidents_country_day", incidents.c.country, incidents.c.day.desc(),
         incidents.c.article_id, incidents.c.n, info=_V3)
sa.Index("ix_incidents_type_day", incidents.c.type, incidents.c.day.desc(),
         incidents.c.article_id, incidents.c.n, info=_V3)
sa.Index("ix_incidents_day", incidents.c.day.desc(), incidents.c.article_id, incidents.c.n,
         info=_V3)

incident_mentions = sa.Table(
    "incident_mentions", metadata, *_v3(*_key(), sa.Column("m", sa.Integer, nullable=False),
    sa.Column("event_id", sa.String(64), nullable=False)),
    sa.PrimaryKeyConstraint("article_id", "n", "m"),
    sa.Index("ix_incident_mentions_event", "event_id"),
    info=_V3,
)

incident_participants = sa.Table(
    "incident_participants", metadata, *_v3(*_key(), sa.Column("m", sa.Integer, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # actor or recipient
    *_evidence(),
    sa.Column("entity_id", sa.String(64)),
    sa.Column("name", sa.Text)),
    sa.PrimaryKeyConstraint("article_id", "n", "m"),
    info=_V3,
)

incident_figures = sa.Table(
    "incident_figures", metadata, *_v3(*_key(), sa.Column("m", sa.Integer, nullable=False),
    *_evidence(),
    sa.Column("predicate", sa.Text, nullable=False),
    sa.Column("value", sa.String(64)),
    sa.Column("low", sa.String(64)),
    sa.Column("high", sa.String(64)),
    sa.Column("qualifier", sa.Text),
    *_ref("source_")),
    sa.PrimaryKeyConstraint("article_id", "n", "m"),
    info=_V3,
)

# The tables that hold one article's annotations, children before parents (delete order).
LAYER_TABLES = (mentions, roles, entities, times, places, quotes, claims, participants,
                quantities, events, incident_mentions, incident_participants, incident_figures,
                incidents)

# Across articles (version 3): stories, story incidents, canonical entities -------------------
# Derived tables: ingest keeps them up to date as each article is saved, and `dateline link`
# rebuilds all of them from the articles' layers. The linker reads and writes stories, their
# keys and canonical entities through the index protocols of dateline.link (see links.py).

stories = sa.Table(
    "stories", metadata, *_v3(
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("first_article_id", sa.String(64)),
    sa.Column("first_published", sa.String(40)),
    sa.Column("last_published", sa.String(40)),
    # The time span of its reports as publication days ('' when none is known).
    sa.Column("first_day", sa.String(10), nullable=False, server_default=""),
    sa.Column("last_day", sa.String(10), nullable=False, server_default=""),
    sa.Column("article_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("sources", sa.Text, nullable=False, server_default="[]"),
    # The main incident's type and country, for filters; '' when it has none.
    sa.Column("type", sa.String(32), nullable=False, server_default=""),
    sa.Column("country", sa.String(8), nullable=False, server_default=""),
    # What the linker compares a new article with (JSON): its term centroid, the keys of its
    # entities, places and incident types with counts, and the dates it reports.
    sa.Column("terms", sa.Text, nullable=False, server_default="[]"),
    sa.Column("entities", sa.Text, nullable=False, server_default="[]"),
    sa.Column("places", sa.Text, nullable=False, server_default="[]"),
    sa.Column("incident_types", sa.Text, nullable=False, server_default="[]"),
    sa.Column("dates", sa.Text, nullable=False, server_default="[]"),
    sa.Column("updated", sa.String(40), nullable=False)),
    info=_V3,
)
sa.Index("ix_stories_day", stories.c.last_day.desc(), stories.c.id, info=_V3)
sa.Index("ix_stories_country_day", stories.c.country, stories.c.last_day.desc(), stories.c.id,
         info=_V3)
sa.Index("ix_stories_type_day", stories.c.type, stories.c.last_day.desc(), stories.c.id,
         info=_V3)

story_articles = sa.Table(
    "story_articles", metadata, *_v3(
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              primary_key=True),  # an article is in one story
    sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False)),
    sa.Index("ix_story_articles_story", "story_id", "article_id"),
    info=_V3,
)

# The candidate index: a story is posted under each of its keys (entities, places, rare terms,
# each tied to a time bucket); the primary key answers "which stories share these keys" from the
# index alone, so finding candidates never reads the stories table.
story_keys = sa.Table(
    "story_keys", metadata, *_v3(
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False)),
    sa.PrimaryKeyConstraint("key", "story_id"),
    sa.Index("ix_story_keys_story", "story_id"),
    info=_V3,
)

story_incidents = sa.Table(
    "story_incidents", metadata, *_v3(
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("sub_event", sa.Text, nullable=False, server_default=""),
    sa.Column("day", sa.String(10), nullable=False, server_default=""),
    sa.Column("time_precision", sa.Integer),
    sa.Column("location_name", sa.Text),
    sa.Column("country", sa.String(8), nullable=False, server_default=""),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("factuality", sa.String(16), nullable=False, server_default="asserted"),
    sa.Column("actors", sa.Text, nullable=False, server_default="[]"),
    sa.Column("recipients", sa.Text, nullable=False, server_default="[]"),
    sa.Column("context", sa.Text, nullable=False, server_default="[]"),
    sa.Column("fatalities", sa.Integer),
    sa.Column("reports", sa.Integer, nullable=False, server_default="0"),
    sa.Column("article_id", sa.String(64), nullable=False),  # the first report
    sa.Column("sources", sa.Text, nullable=False, server_default="[]"),
    sa.Column("note", sa.Text, nullable=False, server_default="")),
    sa.Index("ix_story_incidents_story", "story_id"),
    info=_V3,
)
sa.Index("ix_story_incidents_country_day", story_incidents.c.country,
         story_incidents.c.day.desc(), story_incidents.c.id, info=_V3)
sa.Index("ix_story_incidents_type_day", story_incidents.c.type, story_incidents.c.day.desc(),
         story_incidents.c.id, info=_V3)
sa.Index("ix_story_incidents_day", story_incidents.c.day.desc(), story_incidents.c.id, info=_V3)

story_incident_members = sa.Table(
    "story_incident_members", metadata, *_v3(
    # One article's incident (article_id, n) is a report of one story incident.
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("incident_id", sa.String(64),
              sa.ForeignKey("story_incidents.id", ondelete="CASCADE"), nullable=False)),
    sa.PrimaryKeyConstraint("article_id", "n"),
    sa.Index("ix_story_incident_members_incident", "incident_id"),
    info=_V3,
)

story_incident_figures = sa.Table(
    "story_incident_figures", metadata, *_v3(
    # Every report of every figure, never averaged: the value one source gave at one time.
    sa.Column("incident_id", sa.String(64),
              sa.ForeignKey("story_incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("k", sa.Integer, nullable=False),
    sa.Column("predicate", sa.Text, nullable=False),
    sa.Column("value", sa.String(64)),
    sa.Column("low", sa.String(64)),
    sa.Column("high", sa.String(64)),
    sa.Column("qualifier", sa.Text),
    sa.Column("source", sa.Text),  # who says so in the text, else the publisher
    sa.Column("publisher", sa.Text),
    sa.Column("reported", sa.String(40)),  # the article's publication time
    sa.Column("day", sa.String(10), nullable=False, server_default=""),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False)),
    sa.PrimaryKeyConstraint("incident_id", "k"),
    info=_V3,
)

canonical_entities = sa.Table(
    "canonical_entities", metadata, *_v3(
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("label", sa.String(32), nullable=False)),
    sa.Index("ix_canonical_entities_label_name", "label", "name"),
    info=_V3,
)

canonical_keys = sa.Table(
    "canonical_keys", metadata, *_v3(
    # Every key a canonical entity is known by ("org:nato"), the first one to claim it wins.
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("canonical_id", sa.String(64), nullable=False)),
    sa.Index("ix_canonical_keys_canonical", "canonical_id"),
    info=_V3,
)

entity_links = sa.Table(
    "entity_links", metadata, *_v3(
    # An article's entity (article_id, n) is a mention of one canonical entity.
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("canonical_id", sa.String(64), nullable=False)),
    sa.PrimaryKeyConstraint("article_id", "n"),
    sa.Index("ix_entity_links_canonical", "canonical_id", "article_id"),
    info=_V3,
)

# What the linker remembers of each linked article (version 6): its features (compressed
# JSON) and its best matching articles, so that ingest groups a story's members again as
# `dateline link` would, from their ties, without reading their layers.
story_members = sa.Table(
    "story_members", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("features", sa.LargeBinary, nullable=False),
    # JSON [[article id, score], ...], best first.
    sa.Column("ties", sa.Text, nullable=False, server_default="[]"),
    # The article it repeats word for word, if any.
    sa.Column("copy_of", sa.String(64)),
    info={"since": 6},
)

link_state = sa.Table(
    "link_state", metadata, *_v3(
    # State the linker carries between runs, such as its text model's term frequencies.
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.LargeBinary, nullable=False)),
    info=_V3,
)

# Derived tables, children before parents (the order `dateline link` clears them in).
LINK_TABLES = (entity_links, canonical_keys, canonical_entities, story_incident_figures,
               story_incident_members, story_incidents, story_keys, story_articles, stories,
               story_members, link_state)

# Summaries (schema version 5) ------------------------------------------------------------------
# Counts kept up to date by the store in the transaction that saves an article (summary.py), so
# a list page's total, facets and time axis read a few thousand summary rows instead of
# counting every event. Derived: migration 5 fills them from the layers of an existing store.
_V5 = {"since": 5}


def _v5(*columns: sa.Column[object]) -> list[sa.Column[object]]:
    """Mark columns as added by schema version 5 (their table is new in it)."""
    for column in columns:
        column.info.update(_V5)
    return list(columns)


list_counts = sa.Table(
    "list_counts", metadata, *_v5(
    # How many rows of one list (events, quotes, claims, articles) share these values; a value
    # the row does not have is "" (never NULL: it is part of the key). Each row is counted
    # twice: per day (grain "d", day "2026-03-20") and per month (grain "m", day "2026-03"),
    # the month rows answering most pages from 30 times fewer rows.
    sa.Column("layer", sa.String(16), nullable=False),
    sa.Column("grain", sa.String(1), nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("type", sa.Text, nullable=False),     # event type, quote kind, what a claim counts
    sa.Column("country", sa.String(8), nullable=False),
    sa.Column("factuality", sa.String(16), nullable=False),
    sa.Column("publisher", sa.Text, nullable=False),
    # The articles' wire agency (dateline_agency), beside the publisher: source= matches
    # either. Version 9 rebuilt the table with it in the key (summary.rebuild).
    sa.Column("agency", sa.Text, nullable=False),
    sa.Column("n", sa.Integer, nullable=False)),
    sa.PrimaryKeyConstraint("layer", "grain", "day", "type", "country", "factuality",
                            "publisher", "agency"),
    info=_V5,
)

entity_names = sa.Table(
    "entity_names", metadata, *_v5(
    # One row per distinct (label, name) of the entities layer, with what the entity list
    # and search show of it; its words (name and aliases, folded) are what search matches.
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("first_day", sa.String(10), nullable=False),
    sa.Column("last_day", sa.String(10), nullable=False),
    sa.Column("words", sa.Text, nullable=False)),
    sa.UniqueConstraint("label", "name", name="uq_entity_names_label_name"),
    sa.Index("ix_entity_names_articles", "articles", "name"),
    info=_V5,
)

# Every distinct source string (version 8): publishers, wire agencies and the in-text sources
# of events, quotes and claims. The source filter matches these few strings (through a trigram
# index: sources.py) and then reads the rows that hold them by the indexes above.
source_names = sa.Table(
    "source_names", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Index("ix_source_names_value", "value", postgresql_using="hash", info={"since": 8}),
    info={"since": 8},
)
