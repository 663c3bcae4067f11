"""Stories and the index the linker finds candidate stories in.

The linker never scans all stories: it asks the index for the stories posted under an
article's keys (its named entities, places and rare terms, each tied to a time bucket), so
the work per article depends on how many stories share its keys in its weeks, not on the
size of the store. ``StoryIndex`` is the protocol a store implements (SQL tables);
``InMemoryStoryIndex`` implements it in dicts for tests, evaluation and benchmarks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one real event, with what the linker compares new articles to."""

    id: str
    title: str
    # The earliest report (by publication time, else by arrival).
    first_article: str
    first_published: datetime | None
    last_published: datetime | None
    articles: tuple[str, ...]
    sources: tuple[str, ...]
    # Centroid: summed relative term frequencies of its articles (the heaviest 300 terms).
    terms: tuple[tuple[str, float], ...]
    # Entity, place and incident-type keys with the number of its articles naming each.
    entities: tuple[tuple[str, int], ...] = ()
    places: tuple[tuple[str, int], ...] = ()
    incident_types: tuple[tuple[str, int], ...] = ()
    # Days (or months, years) its articles say things happened, most named first (at most 20).
    dates: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Return the number of articles in the story."""
        return len(self.articles)


class StoryIndex(Protocol):
    """Where the linker keeps stories and finds candidates (a store implements it in SQL)."""

    def get(self, story_id: str) -> Story | None:
        """Return the story with this id, or None."""
        ...

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story holding this article, or None."""
        ...

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        """Return up to ``limit`` ids of stories posted under any of ``keys``, most shared first.

        Ties are broken by story id, so the answer does not depend on insertion order.
        """
        ...

    def put(self, story: Story, keys: Sequence[str]) -> None:
        """Insert or replace ``story``, post it under exactly ``keys`` and map its articles to it."""
        ...

    def delete(self, story_id: str) -> None:
        """Remove a story (merged into another), its keys and its article mapping."""
        ...


class InMemoryStoryIndex:
    """A StoryIndex in dicts: postings key -> story ids, story -> keys, article -> story."""

    def __init__(self) -> None:
        self.stories: dict[str, Story] = {}
        self._postings: dict[str, set[str]] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._story_of: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.stories)

    def get(self, story_id: str) -> Story | None:
        return self.stories.get(story_id)

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        shared: Counter[str] = Counter()
        for key in set(keys):
            shared.update(self._postings.get(key, ()))
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [story_id for story_id, _ in ranked[:limit]]

    def put(self, story: Story, keys: Sequence[str]) -> None:
        self._unpost(story.id)
        self.stories[story.id] = story
        self._keys[story.id] = tuple(dict.fromkeys(keys))
        for key in self._keys[story.id]:
            self._postings.setdefault(key, set()).add(story.id)
        for article_id in story.articles:
            self._story_of[article_id] = story.id

    def delete(self, story_id: str) -> None:
        story = self.stories.pop(story_id, None)
        self._unpost(story_id)
        if story is not None:
            for article_id in story.articles:
                if self._story_of.get(article_id) == story_id:
                    del self._story_of[article_id]

    def _unpost(self, story_id: str) -> None:
        for key in self._keys.pop(story_id, ()):
            posted = self._postings.get(key)
            if posted is not None:
                posted.discard(story_id)
                if not posted:
                    del self._postings[key]
