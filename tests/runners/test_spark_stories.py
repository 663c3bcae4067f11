"""Stories built in Spark equal `dateline link`'s on the whole demo corpus and the hand-built
reports of one incident (the port attack and its follow-up, the flood's two tolls).

The corpus is extracted once by the local runner; its store's records are what the Spark jobs
link (as they link docs/), so the module costs one local extraction and one Spark linking.
Besides the demo articles, the corpus holds what the rebuild treats apart: undated reports
(compared with every article, never joining two dated events) and word-for-word copies
(joining their first report and tying to nothing).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import DEMO_CORPUS
from dateline.ingest.sources import IngestOptions
from dateline.records import Doc
from dateline.runners import ingest
from dateline.runners.output import link_record
from dateline.settings import Settings
from dateline.store import Store, schema
from dateline.store.linking import relink
from dateline.store.rows import article_row, layer_rows
from store.link_docs import follow_up_doc, other_attack_doc
from store.sample_docs import port_doc, summit_doc
from web.docs import flood_docs

from .test_runner_spark import _exported, _key, _read

pytestmark = [pytest.mark.model, pytest.mark.spark]

HAND_BUILT = "hand-built"


def _variant(doc: Doc, suffix: str, published: Any, title: str | None = None) -> Doc:
    """Return ``doc`` under another id, published at ``published`` (None: undated) and, given
    a ``title``, under that title (another text to the linker: not a copy)."""
    article = dataclasses.replace(doc.article, id=f"{doc.article.id[:12]}{suffix}",
                                  published=published, title=title or doc.article.title)
    return dataclasses.replace(doc, article=article)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The demo corpus through the local runner, the hand-built reports, undated reports and
    copies; linked by `dateline link`'s rebuild."""
    db = tmp_path_factory.mktemp("stories") / "local.db"
    with Store(f"sqlite:///{db}") as local:
        result = ingest([str(DEMO_CORPUS)], local, Settings(), IngestOptions(), workers=1)
        assert result.counts.failed == 0
        ids = sorted(r["id"] for r in local.execute(schema.articles.select()))
        demo = list(local.load_many(ids[:6]))
        extra = [port_doc(), follow_up_doc(), other_attack_doc(), summit_doc(), *flood_docs(),
                 # Undated reports: one of a demo article's event, one a copy of the next.
                 _variant(demo[0], "undt", None, f"Update: {demo[0].article.title}"),
                 _variant(demo[1], "undt", None),
                 # A later copy of an undated report, and two copies of a dated one.
                 _variant(demo[1], "cpy1", demo[1].article.published),
                 _variant(demo[2], "cpy1", demo[2].article.published),
                 _variant(demo[2], "cpy2", demo[2].article.published)]
        for doc in extra:
            local.save(doc, extractor=HAND_BUILT, origin="tests/runners")
        relink(local)
    return Store(f"sqlite:///{db}")


@pytest.fixture(scope="module")
def linked(spark: Any, store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store's records linked in Spark; the stories, incidents and owners as Parquet."""
    from dateline.runners.spark_stories import link_stories
    from dateline.runners.spark_tables import _columns, spark_schema

    ids = sorted(r["id"] for r in store.execute(schema.articles.select()))
    records = [(doc.article.id, link_record(article_row(doc, extractor="x", origin=None,
                                                        run_id=None, stored_at=""),
                                            layer_rows(doc)))
               for doc in store.load_many(ids)]
    docs = spark.createDataFrame(records, "article_id string, link string").repartition(3)
    made = link_stories(spark, docs, stories_schema=spark_schema(_columns("stories")),
                        incidents_schema=spark_schema(_columns("incidents")))
    out = tmp_path_factory.mktemp("linked")
    try:
        assert made.articles == len(ids)
        for name, frame in (("stories", made.stories), ("incidents", made.incidents),
                            ("owners", made.owners)):
            frame.write.parquet(str(out / name))
    finally:
        made.release()
    return out


def _groups(pairs: list[tuple[str, str]]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for article, story in pairs:
        members.setdefault(story, set()).add(article)
    return {frozenset(m) for m in members.values()}


def test_spark_stories_group_articles_as_dateline_link(linked: Path, store: Store) -> None:
    m = schema.story_articles
    theirs = _groups([(r["article_id"], r["story_id"]) for r in store.execute(m.select())])
    mine = _groups([(r["article_id"], r["story_id"]) for r in _read(linked / "owners")])
    assert mine == theirs
    # The corpus links: stories of several reports, the undated ones and copies among them.
    assert sum(len(g) > 1 for g in theirs) >= 4
    grouped = {a for g in theirs if len(g) > 1 for a in g}
    assert any(a.endswith("undt") for a in grouped)
    assert any(a.endswith("cpy2") for a in grouped)


@pytest.mark.parametrize("table", ["stories", "incidents"])
def test_spark_stories_tables_equal_the_local_export(linked: Path, store: Store, table: str,
                                                     tmp_path: Path) -> None:
    mine = Counter(_key(r) for r in _read(linked / table))
    theirs = Counter(_key(r) for r in _exported(store, table, tmp_path))
    assert sum(theirs.values()) > 0
    assert mine == theirs
