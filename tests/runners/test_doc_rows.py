"""An article's export rows built without a store equal `dateline export` of a store."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

import pytest

from dateline.export import columns_of, rows_of
from dateline.export.writers import arrow_table
from dateline.ingest.sources import IngestOptions
from dateline.runners import ingest
from dateline.runners.doc_rows import ENTITY_MENTIONS, PER_ARTICLE_TABLES, export_rows
from dateline.settings import Settings
from dateline.store import Store
from dateline.store.rows import article_row, layer_rows

from .conftest import demo_lines

pytestmark = pytest.mark.model


def _typed(rows: list[dict[str, Any]], table: str) -> Counter[str]:
    """The rows as the Parquet export types them, one key each (order aside)."""
    def plain(value: Any) -> Any:
        return "nan" if isinstance(value, float) and math.isnan(value) else value

    columns = columns_of(table)
    return Counter(json.dumps({k: plain(v) for k, v in sorted(r.items())
                               if k not in ("story_id", "stored_at")}, default=str)
                   for r in arrow_table(rows, columns).to_pylist())


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("rows")
    corpus = folder / "articles.jsonl"
    corpus.write_text("\n".join(demo_lines(12)) + "\n", encoding="utf-8")
    store = Store(f"sqlite:///{folder / 'rows.db'}")
    ingest([str(corpus)], store, Settings(), IngestOptions(), workers=1)
    return store


@pytest.mark.parametrize("table", PER_ARTICLE_TABLES)
def test_doc_rows_equal_the_export_of_a_store(stored: Store, table: str) -> None:
    mine: list[dict[str, Any]] = []
    for article in rows_of(stored, "articles"):
        doc = stored.load(article["id"])
        row = article_row(doc, extractor=article["extractor"], origin=article["origin"],
                          run_id=None, stored_at=article["stored_at"])
        mine.extend(export_rows(row, layer_rows(doc))[table])
    theirs = list(rows_of(stored, table))
    assert theirs
    assert _typed(mine, table) == _typed(theirs, table)


def test_doc_rows_entity_mentions_group_into_the_entities_table(stored: Store) -> None:
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for article in rows_of(stored, "articles"):
        doc = stored.load(article["id"])
        row = article_row(doc, extractor="x", origin=None, run_id=None, stored_at="")
        for mention in export_rows(row, layer_rows(doc))[ENTITY_MENTIONS]:
            entry = grouped.setdefault((mention["name"], mention["label"]), {
                "name": mention["name"], "label": mention["label"], "ids": set(),
                "mentions": 0, "days": []})
            entry["ids"].add(mention["article_id"])
            entry["mentions"] += mention["mention_count"]
            entry["days"].append(mention["day"])
    mine = [{"name": e["name"], "label": e["label"], "articles": len(e["ids"]),
             "mentions": e["mentions"], "first_day": min(e["days"]), "last_day": max(e["days"])}
            for e in grouped.values()]
    assert _typed(mine, "entities") == _typed(list(rows_of(stored, "entities")), "entities")
