"""The HTTP API of stories and incidents, one record at a time (the lists, with their filters,
are ``GET /api/stories`` and ``GET /api/incidents`` in web/api.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from dateline.store import stories
from dateline.web import storydata
from dateline.web.api import ERRORS, answer, check_params, store_of
from dateline.web.errors import APIError
from dateline.web.schemas import ROW_MODELS

router = APIRouter(prefix="/api")

_IncidentRow: Any = ROW_MODELS["incidents"]


class FigureSeriesOut(BaseModel):
    """Every report of one figure of an incident, never averaged: by report time and by voice
    (who gives it), the spread, the latest, the revisions and who disagrees with whom."""

    model_config = ConfigDict(extra="allow")
    predicate: str
    lowest: str | None
    highest: str | None
    latest: dict[str, Any]
    reports: list[dict[str, Any]]
    by_voice: dict[str, list[dict[str, Any]]]
    revisions: list[dict[str, Any]] = Field(description="A figure that changed from one report "
                                                        "time to a later one: before, after.")
    disagreements: list[dict[str, Any]] = Field(description="Two voices whose latest figures "
                                                            "differ: first, second.")


class IncidentOut(_IncidentRow):  # type: ignore[misc]
    """One real event of a story, merged from its reports."""

    figures: list[FigureSeriesOut]


class IncidentDetail(IncidentOut):
    story: dict[str, Any] | None
    articles: list[dict[str, Any]] = Field(description="The article incidents merged into it "
                                                       "(its reports), each with its date and "
                                                       "place as found and its mentions "
                                                       "(events) with their evidence.")


class StoryDetail(BaseModel):
    """A story: its title, first report, time span, sources, articles and incidents."""

    model_config = ConfigDict(extra="allow")
    id: str
    title: str
    first_article_id: str | None
    first_published: str | None
    first_day: str
    last_day: str
    article_count: int
    sources: list[str]
    articles: list[dict[str, Any]] = Field(description="Its articles, first published first.")
    incidents: list[IncidentOut]


@router.get("/stories/{story_id}", tags=["stories"], responses=ERRORS,
            response_model=StoryDetail, summary="One story with its reports and incidents")
async def get_story(request: Request, story_id: str = Path(description="The story id.")
                    ) -> Response:
    """The story's title, first report, time span and sources, its articles, and its
    incidents with every figure's series (`dateline show story ID` prints the same)."""
    check_params(request, set())

    def compute() -> dict[str, Any]:
        found = stories.story(store_of(request), story_id)
        if found is None:
            raise APIError(404, f"No story with id {story_id!r}. List ids with GET "
                                "/api/stories.")
        return found

    return await answer(request, compute)


@router.get("/incidents/{incident_id}", tags=["incidents"], responses=ERRORS,
            response_model=IncidentDetail, summary="One incident with every report")
async def get_incident(request: Request,
                       incident_id: str = Path(description="A story incident id (or an "
                                                           "article incident's id).")
                       ) -> Response:
    """The incident merged across its story's articles: type, date and place with their
    precision, actors, figures by source and report time, and each report with its mentions."""
    check_params(request, set())

    def compute() -> dict[str, Any]:
        store = store_of(request)
        key = incident_id
        found = stories.incident(store, key)
        if found is None:
            own = storydata.article_incident(store, key)
            if own is not None and own.get("story_incident_id"):
                key = own["story_incident_id"]
                found = stories.incident(store, key)
        if found is None:
            raise APIError(404, f"No incident with id {incident_id!r}. List ids with GET "
                                "/api/incidents.")
        return {**found, "story": storydata.story_row(store, found["story_id"]),
                "articles": storydata.member_reports(store, key)}

    return await answer(request, compute)
