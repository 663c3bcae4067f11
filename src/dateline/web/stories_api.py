"""The HTTP API of stories and incidents, one record at a time (the lists, with their filters,
are ``GET /api/stories`` and ``GET /api/incidents`` in web/api.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from dateline.web import storydata
from dateline.web.api import ERRORS, answer, check_params, store_of
from dateline.web.comparisons import disagreements, revisions
from dateline.web.errors import APIError
from dateline.web.schemas import ROW_MODELS

router = APIRouter(prefix="/api")

_StoryRow: Any = ROW_MODELS["stories"]
_IncidentRow: Any = ROW_MODELS["incidents"]


class FigureReportOut(BaseModel):
    """One figure as one report gave it: never averaged with the others."""

    model_config = ConfigDict(extra="allow")
    predicate: str
    value: str | None
    low: str | None
    high: str | None
    qualifier: str | None
    source: str | None = Field(description="Who gives the figure in the text, else the publisher.")
    publisher: str | None
    reported: str | None = Field(description="The reporting article's publication time.")
    article_id: str
    start: int
    end: int
    text: str


class IncidentOut(_IncidentRow):  # type: ignore[misc]
    """One real event of a story, merged from its reports."""

    figures: list[FigureReportOut]
    revisions: list[dict[str, Any]] = Field(description="A source changing a figure between "
                                                        "two of its reports.")
    disagreements: list[dict[str, Any]] = Field(description="Per figure, sources whose latest "
                                                            "reports differ.")


class IncidentDetail(IncidentOut):
    story: dict[str, Any] | None
    reports: list[dict[str, Any]] = Field(description="The article incidents merged into it, "
                                                      "each with its date and place as found "
                                                      "and its mentions (events) with evidence.")


class StoryDetail(_StoryRow):  # type: ignore[misc]
    """A story: its reports, sources and incidents."""

    reports: list[dict[str, Any]] = Field(description="Its articles, first published first.")
    incidents: list[IncidentOut]


def _with_figures(incidents: list[dict[str, Any]], figures: dict[str, list[dict[str, Any]]]
                  ) -> list[dict[str, Any]]:
    out = []
    for incident in incidents:
        reports = figures.get(incident["id"], [])
        out.append({**incident, "figures": reports, "revisions": revisions(reports),
                    "disagreements": disagreements(reports)})
    return out


@router.get("/stories/{story_id}", tags=["stories"], responses=ERRORS,
            response_model=StoryDetail, summary="One story with its reports and incidents")
async def get_story(request: Request, story_id: str = Path(description="The story id.")
                    ) -> Response:
    """The story's title, first report, time span and sources, its articles, and its
    incidents with every figure report, revision and disagreement."""
    check_params(request, set())

    def compute() -> dict[str, Any]:
        store = store_of(request)
        story = storydata.story_row(store, story_id)
        if story is None:
            raise APIError(404, f"No story with id {story_id!r}. List ids with GET "
                                "/api/stories.")
        incidents = storydata.story_incidents(store, story_id)
        figures = storydata.figure_reports(store, [i["id"] for i in incidents])
        return {**story, "reports": storydata.story_articles(store, story_id),
                "incidents": _with_figures(incidents, figures)}

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
        incident = storydata.incident_row(store, incident_id)
        if incident is None:
            own = storydata.article_incident(store, incident_id)
            if own is not None and own.get("story_incident_id"):
                incident = storydata.incident_row(store, own["story_incident_id"])
        if incident is None:
            raise APIError(404, f"No incident with id {incident_id!r}. List ids with GET "
                                "/api/incidents.")
        key = incident["id"]
        figures = storydata.figure_reports(store, [key])
        merged = _with_figures([incident], figures)[0]
        return {**merged, "story": storydata.story_row(store, incident["story_id"]),
                "reports": storydata.member_reports(store, key)}

    return await answer(request, compute)
