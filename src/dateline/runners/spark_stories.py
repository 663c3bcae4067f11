"""Stories across the corpus, built in Spark as ``dateline link`` builds them in one process.

    linked = link_stories(spark, docs)   # docs: article_id and link (a record's linked part)
    linked.stories, linked.incidents     # the export's tables, with a ``month`` column
    linked.owners                        # article_id -> story_id

The batch rebuild (``StoryLinker.rebuild``) ties each article to its best matching articles
within its time window, found through shared keys, and makes a story of each group the ties
connect. Here every step is a Spark job, and the driver holds no article:

1. Features: each executor turns its records into the linker's features
   (``store.linking.features_of``, as the rebuild reads a stored article).
2. Term weights: the document frequency of each hashed term is a Spark count, in the job
   that computes the features; the driver gathers the counts (a fixed 2^18 buckets,
   whatever the corpus) into the linker's ``TextModel`` and broadcasts it.
3. Blocking: each article's content keys (its names, places and rarest terms, keys as common
   as the rebuild's cutoff left out: ``StoryLinker.content_keys``); candidate pairs are a join
   on key within the rebuild's window (``window_days``; an undated article pairs with every
   article after it, as in the rebuild). Word-for-word copies are found per fingerprint and
   pair with nothing. Each article keeps its ``2 × candidates`` candidates sharing most keys.
4. Scores: the executors score the pairs with the linker's own ``_score`` over its profiles;
   a window function keeps each article's ``neighbours`` best ties at or above the threshold.
5. Groups: connected components of the ties and copies (``runners/spark_groups.py``): by
   union-find in the driver up to a million articles, else by min-label propagation over the
   edge DataFrame (one join and aggregation per step, as many steps as the longest chain).
6. Stories: a task per group replays the rebuild's joins in its order with its guards
   (``link.replay``) and writes the stories, their incidents and memberships
   (``runners/story_rows.py``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from dateline.link import ArticleFeatures, InMemoryStoryIndex, LinkSettings, StoryLinker
from dateline.link.features import fingerprint
from dateline.link.replay import ReplayMember, reading_order, replay_stories
from dateline.link.stories import _sortable, reported_at
from dateline.link.text import TextModel
from dateline.runners.spark_groups import group_labels
from dateline.runners.spark_steps import step
from dateline.runners.story_rows import story_tables
from dateline.store.linking import features_of
from dateline.store.rows import rows_doc

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleFeatures))
_FEATURES = (("article_id", "string"), ("dated", "boolean"), ("seconds", "double"),
             ("day", "string"), ("published", "string"), ("features", "binary"),
             ("digest", "binary"), ("buckets", "ints"))
_FEATURES_SCHEMA = ", ".join(f"{name} {kind.replace('ints', 'array<int>')}"
                             for name, kind in _FEATURES)
_TABLE_ROWS_SCHEMA = "kind string, article_id string, story_id string, row string"
# The bucket every article counts in once, beside its terms' (which are 0 or more).
_ARTICLES = -1
# Profiles a Python worker keeps between the pairs it scores (an article is in many pairs).
_PROFILES = 20_000

# Per Python worker: the model broadcast by the driver, read once per broadcast.
_MODELS: dict[str, TextModel] = {}
_HASHER: list[TextModel] = []


@dataclass(frozen=True)
class LinkedFrames:
    """What ``link_stories`` makes: the stories and incidents tables, and each article's story."""

    stories: DataFrame
    incidents: DataFrame
    owners: DataFrame
    rows: DataFrame  # cached: what the three are read from
    articles: int
    steps: int  # of label propagation (0: the ties were grouped in the driver)
    counts: dict[str, int]  # rows of the stories and incidents tables

    def release(self) -> None:
        """Drop the cached rows, once the tables are written."""
        self.rows.unpersist()


def link_stories(spark: SparkSession, docs: DataFrame, settings: LinkSettings | None = None,
                 *, stories_schema: Any, incidents_schema: Any,
                 sized: Callable[[int], None] | None = None) -> LinkedFrames:
    """Build the stories of every article of ``docs`` (``article_id``, ``link``: the linked
    part of its record) as ``dateline link`` does; return the tables as DataFrames.

    ``sized`` is told the articles once they are counted (in the first job), before the
    shuffles that grow with them. The tables are read from a cache: call ``release`` once
    they are written.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.storagelevel import StorageLevel

    s = settings or LinkSettings()
    span = s.window_days * 86400
    found = docs.select("article_id", "link")  # one row per article, as docs/ holds them
    cached = (found.mapInArrow(_features, _FEATURES_SCHEMA)
              .withColumn("published", F.coalesce("published", F.lit("")))
              .persist(StorageLevel.MEMORY_AND_DISK))
    features = cached.withColumn("order", F.struct("dated", "day", "published", "article_id"))
    # 2. Term weights, counted over every article as the rebuild's first pass counts them, in
    # the job that computes the features: each article also counts once in bucket -1, which
    # gives the articles and the latest publication time.
    with step(spark, "features and term counts"):
        counted = (features.select(F.explode(F.concat("buckets", F.array(F.lit(_ARTICLES))))
                                   .alias("bucket"), "seconds")
                   .groupBy("bucket").agg(F.count("*").alias("count"),
                                          F.max("seconds").alias("last")).collect())
    totals = next((r for r in counted if r["bucket"] == _ARTICLES), None)
    documents, last_report = (0, None) if totals is None else (totals["count"], totals["last"])
    counts = [(r["bucket"], r["count"]) for r in counted if r["bucket"] != _ARTICLES]
    if sized is not None:
        sized(documents)
    weights = TextModel.from_counts(documents, counts).to_bytes()
    # The workers know a model by a digest of it (a broadcast has no public id).
    model = (hashlib.blake2b(weights, digest_size=8).hexdigest(),
             spark.sparkContext.broadcast(weights))
    # 3. Copies: the first report of a text still in the window is the original.
    repeated = features.groupBy("digest").count().where("count > 1").select("digest")
    copies = (features.join(repeated, "digest", "left_semi")
              .select("digest", "article_id", "seconds", "dated", "day", "published")
              .groupBy("digest").applyInPandas(_per_group(_copies, span),
                                               "article_id string, copy_of string")
              .persist(StorageLevel.MEMORY_AND_DISK))
    keyed = (features.join(copies, "article_id", "left").where("copy_of IS NULL")
             .select("article_id", "dated", "seconds", "order")
             .join(features.select("article_id", "features")
                   .mapInArrow(partial(_keys, s, model), "article_id string, keys array<string>"),
                   "article_id"))
    posted = (keyed.select("article_id", "dated", "seconds", "order",
                           F.explode("keys").alias("key"))
              .persist(StorageLevel.MEMORY_AND_DISK))
    new, old = posted.alias("p"), posted.alias("o")
    p, o = F.col("p.article_id"), F.col("o.article_id")
    # Dated pairs meet in a bucket of the window's width (the later one looks in its own and
    # the one before); an undated article is in the window of every article after it.
    dated_new = posted.where("dated").withColumn(
        "bucket", F.explode(F.array(F.floor(F.col("seconds") / span),
                                    F.floor(F.col("seconds") / span) - 1))).alias("p")
    dated_old = posted.where("dated").withColumn(
        "bucket", F.floor(F.col("seconds") / span)).alias("o")
    pairs = (dated_new.join(dated_old, ["key", "bucket"])
             .where((F.col("o.order") < F.col("p.order"))
                    & (F.col("p.seconds") - F.col("o.seconds") <= span))
             .select(p.alias("new"), o.alias("old"), F.col("o.order").alias("old_order"))
             .unionByName(new.join(old.where("NOT o.dated"), "key")
                          .where(F.col("o.order") < F.col("p.order"))
                          .select(p.alias("new"), o.alias("old"),
                                  F.col("o.order").alias("old_order"))))
    shared = pairs.groupBy("new", "old", "old_order").count()
    nearest = Window.partitionBy("new").orderBy(F.desc("count"), "old_order")
    candidates = (shared.withColumn("rank", F.row_number().over(nearest))
                  .where(F.col("rank") <= 2 * s.candidates).select("new", "old"))
    # 4. Scores, by the linker's own function, and each article's best ties.
    blobs = features.select("article_id", "features")
    scored = (candidates
              .join(blobs.withColumnRenamed("article_id", "new")
                    .withColumnRenamed("features", "new_features"), "new")
              .join(blobs.withColumnRenamed("article_id", "old")
                    .withColumnRenamed("features", "old_features"), "old")
              .mapInArrow(partial(_scores, s, model), "new string, old string, score double")
              .persist(StorageLevel.MEMORY_AND_DISK))
    both = scored.select(F.col("new").alias("article_id"), F.col("old").alias("other"),
                         "score").unionByName(
        scored.select(F.col("old").alias("article_id"), F.col("new").alias("other"), "score"))
    best = Window.partitionBy("article_id").orderBy(F.desc("score"), "other")
    ties = (both.withColumn("rank", F.row_number().over(best))
            .where(F.col("rank") <= s.neighbours)
            .groupBy("article_id").agg(F.collect_list(F.struct("rank", "other", "score"))
                                       .alias("tied"))
            .select("article_id", F.col("tied.other").alias("others"),
                    F.to_json(F.col("tied")).alias("ties"))
            .persist(StorageLevel.MEMORY_AND_DISK))
    # 5. Groups: what the ties and copies connect.
    edges = (ties.select("article_id", F.explode("others").alias("other"))
             .unionByName(copies.select("article_id", F.col("copy_of").alias("other"))))
    with step(spark, "copies, keys, pairs, scores, ties and groups"):
        labels, steps = group_labels(spark, edges, documents)
    # 6. Stories, a task per group.
    members = (features.select("article_id", "day", "published", "features")
               .join(labels, "article_id", "left")
               .withColumn("label", F.coalesce("label", "article_id"))
               .join(ties.select("article_id", "ties"), "article_id", "left")
               .join(copies, "article_id", "left")
               .join(found, "article_id"))
    rows = (members.groupBy("label")
            .applyInPandas(_per_group(_group_tables, s, model, last_report), _TABLE_ROWS_SCHEMA)
            .persist(StorageLevel.MEMORY_AND_DISK))
    owners = rows.where("kind = 'members'").select("article_id", "story_id")
    stories = rows.where("kind = 'stories'").select("row").mapInArrow(
        partial(_typed, "stories"), stories_schema)
    incidents = rows.where("kind = 'incidents'").select("row").mapInArrow(
        partial(_typed, "incidents"), incidents_schema)
    with step(spark, "stories of each group"):
        # The groups are built once (the tables read them from the cache), counted by kind.
        made = {r["kind"]: int(r["count"]) for r in rows.groupBy("kind").count().collect()}
    for done in (cached, copies, posted, scored, ties):
        done.unpersist()
    return LinkedFrames(stories, incidents, owners, rows, documents, steps,
                        {t: made.get(t, 0) for t in ("stories", "incidents")})


def _per_group(func: Callable[..., Any], *given: Any) -> Callable[[Any], Any]:
    """Return ``func`` with its first arguments given, for ``applyInPandas`` (which reads
    a function's type hints, and warns on a ``partial``)."""

    def run(group):  # type: ignore[no-untyped-def]  # unannotated: Spark reads no hints
        return func(*given, group)

    return run


# In the executors -------------------------------------------------------------------------


def _model(model: tuple[str, Any]) -> TextModel:
    key, shared = model
    held = _MODELS.get(key)
    if held is None:
        _MODELS.clear()
        held = _MODELS[key] = TextModel.from_bytes(shared.value)
    return held


def _linker(settings: LinkSettings, model: tuple[str, Any]) -> StoryLinker:
    return StoryLinker(InMemoryStoryIndex(), settings, _model(model))


def _loads(blob: bytes) -> ArticleFeatures:
    return ArticleFeatures(*pickle.loads(blob))  # written by _features, in this job


def _features(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    for batch in batches:
        rows: list[dict[str, Any]] = []
        for link in batch.column("link").to_pylist():
            data = json.loads(link)
            features = features_of(rows_doc(data["article"], data["layers"]))
            when = reported_at(features)
            counted = {*(t for t, _ in features.terms), *(k for k, _ in features.entities),
                       *features.places, *(k for k, _ in features.marks)}
            rows.append({
                "article_id": features.article_id, "dated": when is not None,
                "seconds": None if when is None else _sortable(when),
                "day": data["article"]["day"], "published": data["article"]["published"],
                "features": pickle.dumps(tuple(getattr(features, f) for f in _FIELDS),
                                         protocol=pickle.HIGHEST_PROTOCOL),
                "digest": fingerprint(features),
                "buckets": [_bucket(term) for term in counted]})
        yield pa.RecordBatch.from_pylist(rows, schema=_arrow(*_FEATURES))


def _bucket(term: str) -> int:
    if not _HASHER:  # a model of the linker's width, only to hash terms as it hashes them
        _HASHER.append(TextModel())
    return _HASHER[0].bucket_of(term)


def _arrow(*fields: tuple[str, str]) -> pa.Schema:
    """Return an Arrow schema of (name, type) fields: string, double, boolean, binary,
    strings (a list of strings) or ints (a list of ints)."""
    import pyarrow as pa

    types = {"string": pa.string(), "double": pa.float64(), "boolean": pa.bool_(),
             "binary": pa.binary(), "strings": pa.list_(pa.string()),
             "ints": pa.list_(pa.int32())}
    return pa.schema([(name, types[kind]) for name, kind in fields])


def _keys(settings: LinkSettings, model: tuple[str, Any], batches: Iterator[pa.RecordBatch]
          ) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    linker = _linker(settings, model)
    for batch in batches:
        ids = batch.column("article_id").to_pylist()
        keys = [linker.content_keys(_loads(blob), settings.batch_common_key_share)
                for blob in batch.column("features").to_pylist()]
        yield pa.RecordBatch.from_pydict({"article_id": ids, "keys": keys},
                                         schema=_arrow(("article_id", "string"),
                                                       ("keys", "strings")))


def _copies(span: float, group: Any) -> Any:
    """Return (article_id, copy_of) for the articles of one fingerprint, in reading order:
    a copy of the original still in the window, or a new original (copy_of None)."""
    import pandas as pd

    ordered = sorted(group.itertuples(index=False),
                     key=lambda r: (bool(r.dated), r.day, r.published, r.article_id))
    original: Any = None
    out: list[tuple[str, str | None]] = []
    for row in ordered:
        within = original is not None and (
            _missing(original.seconds) or row.seconds - original.seconds <= span)
        out.append((row.article_id, original.article_id if within else None))
        if not within:
            original = row
    return pd.DataFrame(out, columns=["article_id", "copy_of"])


def _missing(value: Any) -> bool:
    return value is None or value != value  # pandas gives NaN for a null double


def _scores(settings: LinkSettings, model: tuple[str, Any], batches: Iterator[pa.RecordBatch]
            ) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    linker = _linker(settings, model)
    profiles: dict[str, Any] = {}

    def profile(article_id: str, blob: bytes) -> Any:
        held = profiles.get(article_id)
        if held is None:
            if len(profiles) >= _PROFILES:
                profiles.pop(next(iter(profiles)))
            held = profiles[article_id] = linker.profile(_loads(blob))
        return held

    for batch in batches:
        out: dict[str, list[Any]] = {"new": [], "old": [], "score": []}
        for row in batch.to_pylist():
            # The later article's profile first, as the rebuild scores it.
            score = linker._score(profile(row["new"], row["new_features"]),
                                  profile(row["old"], row["old_features"]))
            if score >= settings.threshold:
                out["new"].append(row["new"])
                out["old"].append(row["old"])
                out["score"].append(score)
        yield pa.RecordBatch.from_pydict(out, schema=_arrow(
            ("new", "string"), ("old", "string"), ("score", "double")))


def _group_tables(settings: LinkSettings, model: tuple[str, Any], last_report: float | None,
                  group: Any) -> Any:
    """Return the rows of the stories, incidents and memberships of one group of articles."""
    import pandas as pd

    linker = _linker(settings, model)
    members: list[ReplayMember] = []
    docs = {}
    for row in group.itertuples(index=False):
        features = _loads(row.features)
        ties = () if _missing(row.ties) else tuple(
            (t["other"], t["score"]) for t in sorted(json.loads(row.ties), key=lambda t: t["rank"]))
        copy_of = None if _missing(row.copy_of) else row.copy_of
        members.append(ReplayMember(features, ties, copy_of,
                                    order=reading_order(features, row.day, row.published)))
        data = json.loads(row.link)
        docs[features.article_id] = rows_doc(data["article"], data["layers"])
    stories = replay_stories(linker, members, last_report)
    out: list[tuple[str, str | None, str | None, str | None]] = []
    for kind, rows in story_tables(stories, docs).items():
        for made in rows:
            if kind == "members":
                out.append((kind, made["article_id"], made["story_id"], None))
            else:
                out.append((kind, None, None, json.dumps(made, ensure_ascii=False)))
    return pd.DataFrame(out, columns=["kind", "article_id", "story_id", "row"])


def _typed(table: str, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Turn rows (JSON text) into the export's typed columns and a ``month`` column."""
    import pyarrow as pa

    from dateline.export import columns_of
    from dateline.export.writers import arrow_table
    from dateline.runners.output import month_column, month_of

    for batch in batches:
        rows = [json.loads(text) for text in batch.column("row").to_pylist()]
        months = pa.array([month_of(r.get(month_column(table))) for r in rows], pa.string())
        typed = arrow_table(rows, columns_of(table)).append_column("month", months)
        yield from typed.to_batches()
