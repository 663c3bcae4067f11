"""The rows of the stories and incidents tables for a few stories, without a store.

    tables = story_tables(stories, docs)   # stories built by dateline.link, their members' Docs
    tables["stories"][0]["sources"]        # as `dateline export --table stories` writes it

``dateline link`` writes a story (``store.links.story_row``), merges its articles' incidents
(``link.merge_incidents``), files the story under its main incident and writes the story
incidents (``store.linking``); the export's queries (``store/query.py``) then join them with
the stories' titles and the articles' URLs. This module does the same for the stories one
Spark task builds, with the same functions, column for column as the export.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from dateline.link import IncidentReport, Story, merge_incidents
from dateline.records import Doc
from dateline.store.linking import filed_under, story_incident_rows
from dateline.store.links import story_row

Row = dict[str, Any]
# The incidents columns the export decodes from JSON text.
_INCIDENT_LISTS = ("actors", "recipients", "sources", "context")


def story_tables(stories: Sequence[Story], docs: Mapping[str, Doc]) -> dict[str, list[Row]]:
    """Return the ``stories`` and ``incidents`` export rows of these stories, and their
    ``members`` (``article_id``, ``story_id``); ``docs`` holds every member's Doc."""
    out: dict[str, list[Row]] = {"stories": [], "incidents": [], "members": []}
    for story in stories:
        reports: list[IncidentReport] = []
        numbers: dict[tuple[str, str], int] = {}
        for article_id in sorted(story.articles):  # as the store reads them: by article, n
            doc = docs[article_id]
            for n, incident in enumerate(doc.incidents):
                reports.append(IncidentReport(article_id, incident, doc.article.published,
                                              doc.article.source))
                numbers[(article_id, incident.id)] = n
        merged = merge_incidents(story.id, reports)
        row = story_row(story)
        if merged:
            kind, country = filed_under(merged)
            row["type"] = kind
            row["country"] = row["country"] if country is None else country
        out["stories"].append({
            "id": row["id"], "first_day": row["first_day"], "last_day": row["last_day"],
            "title": row["title"], "type": row["type"], "country": row["country"],
            "articles": row["article_count"], "sources": json.loads(row["sources"]),
            "first_published": row["first_published"],
            "first_article_id": row["first_article_id"]})
        incidents, _, _ = story_incident_rows(merged, numbers)
        for made in incidents:
            shown = {k: v for k, v in made.items() if k != "location_name"}
            shown.update({name: json.loads(made[name]) for name in _INCIDENT_LISTS})
            out["incidents"].append({**shown, "location": made["location_name"],
                                     "story_title": story.title,
                                     "url": docs[made["article_id"]].article.url})
        out["members"].extend({"article_id": a, "story_id": story.id} for a in story.articles)
    return out
