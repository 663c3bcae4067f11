"""Pydantic models that describe the API in its OpenAPI schema.

Rows are built from the store's column table (store/columns.py), so the schema lists exactly
the keys ``dateline query --format jsonl`` writes. Routes return ready-made JSON responses,
so these models document the answers without validating every row on every request.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from dateline.store.columns import COLUMN_KINDS

_KIND_TYPES: dict[str, Any] = {"str": str | None, "int": int | None, "float": float | None,
                               "list": list[str], "json": list[dict[str, Any]]}


def _row_model(table: str) -> type[BaseModel]:
    fields: dict[str, Any] = {name: (_KIND_TYPES[kind], None) for name, kind in COLUMN_KINDS[table]}
    return create_model(f"{table.title()}Row", __config__=ConfigDict(extra="allow"), **fields)


ROW_MODELS: dict[str, type[BaseModel]] = {t: _row_model(t) for t in COLUMN_KINDS}


def page_model(table: str) -> type[BaseModel]:
    """The answer of ``GET /api/{table}``: a page of rows and the way to the next one."""
    row = ROW_MODELS[table]
    return create_model(
        f"{table.title()}Page",
        data=(list[row], ...),  # type: ignore[valid-type]
        next_cursor=(str | None, Field(None, description="Pass as ?cursor= for the next page; "
                                                         "null on the last page.")),
        next=(str | None, Field(None, description="The URL of the next page, or null.")),
        prev_cursor=(str | None, Field(None, description="Pass as ?before= for the page "
                                                         "before; null on the first page.")),
        prev=(str | None, Field(None, description="The URL of the page before, or null.")),
        total=(int, Field(description="How many rows match, all pages together (at least "
                                      "this many when `capped`).")),
        capped=(bool, Field(False, description=(
            "True when the filters are ones the summary counts do not answer (a word of the "
            "text, a substring of the source...) and more than 10,000 rows match: `total` is "
            "then 10,000 and the facets count the newest 10,000 rows."))),
        facets=(list[FacetOut], Field(description="Counts of the matching rows per value of "
                                                  "each facet column, the commonest first.")),
        exports=(dict[str, str], Field(description="URLs that download every matching row: "
                                                   "csv, jsonl, parquet.")),
    )


class FacetValue(BaseModel):
    value: str
    count: int


class FacetOut(BaseModel):
    """Counts of one column's values; ``filter`` is the parameter a value narrows to."""

    column: str
    filter: str | None
    newest: int | None = Field(None, description="Counted among this many newest rows of the "
                                                 "list without this facet's own filter (a "
                                                 "filter counted row by row); null: all rows.")
    values: list[FacetValue]


class ArticleIn(BaseModel):
    """An article to extract or store; only ``text`` is required."""

    text: str = Field(description="The article text (plain text).")
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or date-time; relative "
                                                    "dates in the text resolve against it.")
    source: str | None = Field(None, description="Publisher.")
    url: str | None = None
    author: str | None = None


class Stored(BaseModel):
    """The answer of ``POST /api/articles``."""

    id: str
    outcome: str = Field(description="inserted, replaced (another extractor) or unchanged.")
    article: str = Field(description="The stored article's API URL.")
    page: str = Field(description="The stored article's web page.")
    counts: dict[str, int]


class EntityProfile(BaseModel):
    """What the corpus says about one entity."""

    model_config = ConfigDict(extra="allow")
    name: str
    label: str
    articles: int
    mentions: int
    first_day: str | None
    last_day: str | None
    aliases: list[str]
    searched_articles: int = Field(description="How many of the newest articles naming the "
                                               "entity its quotes, events and claims come from.")
    roles: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    claims: list[dict[str, Any]]


class TimelineDay(BaseModel):
    day: str
    total: int
    types: dict[str, int]


class ClaimGroupOut(BaseModel):
    """Claims that count the same thing, from different sources."""

    kind: str
    what: str
    label: str
    total: int
    articles: int
    sources: list[str]
    min: str | None
    max: str | None
    claims: list[dict[str, Any]]


class ComparisonOut(BaseModel):
    """Reports of one figure within one incident or one story, never across unrelated ones."""

    scope: str = Field(description="incident or story")
    scope_id: str
    title: str
    href: str = Field(description="The incident's or the story's page.")
    kind: str = Field(description="What happened to what is counted: killed, injured...")
    what: str
    label: str
    sources: list[str]
    articles: int
    min: str | None
    max: str | None
    disagree: bool = Field(description="True when the reports do not all state one figure.")
    reports: list[dict[str, Any]]


def request_body(description: str) -> dict[str, Any]:
    """The OpenAPI request body of the routes that read an article."""
    return {"requestBody": {"required": True, "description": description, "content": {
        "application/json": {"schema": ArticleIn.model_json_schema()},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    }}}
