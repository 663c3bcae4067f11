"""Across articles: canonical entities, stories, and the incidents a story's articles report.

Everything here is pure (no SQL, no files): a store supplies persistence through two small
protocols, ``StoryIndex`` and ``CanonicalIndex``, and saves the linker's ``TextModel``.

    from dateline.link import (InMemoryStoryIndex, StoryLinker, article_features,
                               merge_incidents, IncidentReport)

    linker = StoryLinker(InMemoryStoryIndex())
    for doc in docs:                                   # processed Docs, in arrival order
        assignment = linker.add(article_features(doc))  # -> Assignment(story_id, score, new)
    # Regrouping may move an article after its own assignment: ask the index at the end.
    story = linker.index.get(linker.index.story_of(doc.article.id))  # title, first report...

    incidents = merge_incidents(story.id, [IncidentReport(doc.article.id, incident,
                                                          doc.article.published,
                                                          doc.article.source)
                                           for doc in story_docs for incident in doc.incidents])
"""

from dateline.link.entities import (
                                    CanonicalEntity,
                                    CanonicalIndex,
                                    EntityResolver,
                                    InMemoryCanonicalIndex,
                                    KeyedEntity,
                                    canonical_id,
                                    entity_keys,
                                    keyed_entities,
                                    resolve_all,
)
from dateline.link.features import ArticleFeatures, article_features
from dateline.link.incidents import (
                                    Disagreement,
                                    FigureReport,
                                    FigureSeries,
                                    IncidentReport,
                                    Revision,
                                    StoryIncident,
                                    figure_series,
                                    incidents_agree,
                                    merge_incidents,
)
from dateline.link.index import InMemoryStoryIndex, Member, Story, StoryIndex
from dateline.link.neighbourhood import MemberCache
from dateline.link.stories import Assignment, LinkSettings, StoryLinker, stories_of
from dateline.link.text import TextModel, term_counts

__all__ = [
    "ArticleFeatures", "Assignment", "CanonicalEntity", "CanonicalIndex", "Disagreement",
    "EntityResolver", "FigureReport", "FigureSeries", "InMemoryCanonicalIndex",
    "InMemoryStoryIndex", "IncidentReport", "KeyedEntity", "LinkSettings", "Member",
    "MemberCache", "Revision", "Story",
    "StoryIncident", "StoryIndex", "StoryLinker", "TextModel", "article_features",
    "canonical_id", "entity_keys", "figure_series", "incidents_agree", "keyed_entities",
    "merge_incidents", "resolve_all", "stories_of", "term_counts",
]
