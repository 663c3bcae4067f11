"""Build the stories of one group of tied articles as the batch rebuild builds them.

``StoryLinker.rebuild`` ties each article to its best matches, then joins the stories of tied
articles one tie at a time, in the order the articles leave its time window, with two guards
(``rebuild.join_stories``): never stories further apart than the window, and never two stories
holding dated reports through an undated one. The guards make the outcome depend on that
order, and the titles and source lists depend on which story absorbs which.

A runner that finds the ties elsewhere (Spark: ``runners/spark_stories.py``) groups the
articles the ties connect, and gives each group here with every member's ties: the joins are
done again in the rebuild's order with the rebuild's own ``join_stories``. A join only ever touches
the stories of its two articles, both in the group, so each group gives the same stories as
the whole rebuild gives its articles.

    stories = replay_stories(linker, members, last_report=latest_publication_seconds)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.link.features import ArticleFeatures
from dateline.link.index import InMemoryStoryIndex, Member, Story
from dateline.link.rebuild import join_stories
from dateline.link.stories import StoryLinker, _sortable, reported_at

# Where an article stands in the rebuild's reading order: undated articles first, then by
# publication day, publication time as stored, and id (``store.linking.relink``'s order).
Order = tuple[bool, str, str, str]


@dataclass(frozen=True, slots=True)
class ReplayMember(Member):
    """A linked article of a group (its features, best ties and the text it copies) with
    its place in the rebuild's reading order.

    ``ties`` are its ``neighbours`` best matches scoring at least the threshold, best first
    (ties by article id); a ``copy_of`` article has none (it joins its original only).
    """

    order: Order = field(kw_only=True)


class _UnpostedIndex(InMemoryStoryIndex):
    """An in-memory index that keeps stories without posting them under keys (a replay
    never looks candidates up, and working out a story's keys is most of ``put``)."""

    def put(self, story: Story, keys: Sequence[str]) -> None:
        super().put(story, ())


def reading_order(features: ArticleFeatures, day: str, published: str | None) -> Order:
    """Return an article's place in the rebuild's reading order from its stored columns."""
    return (features.published is not None, day, published or "", features.article_id)


def replay_stories(linker: StoryLinker, members: Sequence[ReplayMember],
                   last_report: float | None) -> list[Story]:
    """Return the stories the rebuild makes of ``members``, a group its ties connect.

    ``linker`` holds the term weights of the whole corpus; ``last_report`` is the latest
    publication time (seconds) of the corpus, which tells the dated articles the rebuild lets
    go during its pass from those it keeps to the end.
    """
    index = _UnpostedIndex()
    replayer = StoryLinker(index, linker.settings, linker.text_model)
    undated = {m.article_id for m in members
               if m.copy_of is None and reported_at(m.features) is None}
    events: list[tuple[tuple[int, float, int, Order], list[tuple[str, str, float, bool]]]] = []
    for member in members:
        features = member.features
        replayer._save(replayer._new_story(features, replayer.profile(features)))
        events.append(_event(replayer, member, undated, last_report))
    for _, joins in sorted(events, key=lambda event: event[0]):
        for article, other, score, bridge in joins:
            join_stories(replayer, article, other, score, bridge=bridge)
    return list(index.stories.values())


def _event(linker: StoryLinker, member: ReplayMember, undated: set[str],
           last_report: float | None
           ) -> tuple[tuple[int, float, int, Order], list[tuple[str, str, float, bool]]]:
    """Return when the rebuild joins a member's ties, as a sort key, and the joins.

    A copy joins its original as it arrives: the undated ones first, the dated ones at their
    publication time. Any other article joins its ties when it leaves the window: a dated one
    as soon as an article more than the window later arrives (before that article), the rest
    at the end of the pass, undated ones first, each group in reading order.
    """
    span = linker.settings.window_days * 86400
    when = reported_at(member.features)
    seconds = None if when is None else _sortable(when)
    if member.copy_of is not None:
        key = (0, 0.0, 0, member.order) if seconds is None else (1, seconds, 0, member.order)
        return key, [(member.article_id, member.copy_of, 1.0, False)]
    if seconds is None:
        key = (2, 0.0, 0, member.order)
    elif last_report is not None and last_report - seconds > span:
        key = (1, seconds + span, 1, member.order)
    else:
        key = (2, 0.0, 1, member.order)
    article = member.article_id
    joins = [(article, other, score, article in undated or other in undated)
             for other, score in member.ties[:linker.settings.neighbours]]
    return key, joins
