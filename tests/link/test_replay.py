"""Replaying the rebuild's joins from each article's ties gives the rebuild's stories."""

from __future__ import annotations

from dataclasses import replace

from dateline.link import ArticleFeatures, InMemoryStoryIndex, StoryLinker
from dateline.link.replay import ReplayMember, reading_order, replay_stories
from dateline.link.stories import _sortable

from .test_stories import EVENTS, FOLLOW_UP, corpus, features


def _order(f: ArticleFeatures) -> tuple[bool, str, str, str]:
    day = f.published.date().isoformat() if f.published else ""
    return reading_order(f, day, f.published.isoformat() if f.published else None)


def _batch() -> list[ArticleFeatures]:
    """Six events of two reports, an undated report bridging two budget deals 60 days apart,
    undated copies of it, and a dated copy of a ferry report."""
    text = EVENTS["budget"][2]
    undated = [replace(features(f"u{n}", "budget", FOLLOW_UP["budget"], 0), published=None)
               for n in range(3)]
    later = features("budget-60", "budget", text, 60)
    bridge = replace(features("u-other", "budget", text + " Agencies reopened.", 0),
                     published=None)
    ferry_copy = replace(corpus()[-1], article_id="ferry-copy")
    return sorted([*corpus(), *undated, later, bridge, ferry_copy], key=_order)


def _shown(stories: list) -> set[tuple]:  # type: ignore[type-arg]
    return {(s.id, s.title, s.first_article, s.first_published, s.last_published, s.sources,
             frozenset(s.articles)) for s in stories}


def test_replay_gives_the_rebuild_s_stories_titles_and_source_order() -> None:
    batch = _batch()
    index = InMemoryStoryIndex()
    linker = StoryLinker(index)
    linker.rebuild(batch)
    remembered = index.members([f.article_id for f in batch])
    members = [ReplayMember(f, remembered[f.article_id].ties[:2],
                            remembered[f.article_id].copy_of, order=_order(f)) for f in batch]
    last = max(_sortable(f.published) for f in batch if f.published)
    replayed = replay_stories(linker, members, last)
    assert _shown(replayed) == _shown(list(index.stories.values()))
    # The batch exercises the guards: copies joined, undated reports kept off one event.
    assert any(len(s.articles) > 3 for s in replayed)
    assert index.story_of("budget-60") != index.story_of("budget-1")
