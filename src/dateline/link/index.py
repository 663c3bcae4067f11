"""Stories and the index the linker finds candidate stories in.

The linker never scans all stories: it asks the index for the stories posted under an
article's keys (its named entities, places and rare terms, each tied to a time bucket), so
the work per article depends on how many stories share its keys in its weeks, not on the
size of the store. ``StoryIndex`` is the protocol a store implements (SQL tables);
``InMemoryStoryIndex`` implements it in dicts for tests, evaluation and benchmarks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, overload

from dateline.link.features import ArticleFeatures


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
    # Centroid: the sum of its articles' unit TF-IDF vectors (the heaviest 300 terms); its
    # dot product with an article's vector, divided by the size, is their mean cosine.
    terms: tuple[tuple[str, float], ...]
    # The same sums for canonical entity keys and place keys, weighed by rarity (top 100).
    entities: tuple[tuple[str, float], ...] = ()
    places: tuple[tuple[str, float], ...] = ()
    # Incident types with the number of its articles reporting each.
    incident_types: tuple[tuple[str, int], ...] = ()
    # Days (or months, years) its articles say things happened, most named first (at most 20).
    dates: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Return the number of articles in the story."""
        return len(self.articles)


@dataclass(frozen=True, slots=True)
class Member:
    """A linked article as the linker remembers it: its features and its best matches.

    ``ties`` are the articles it matched best so far, each with the score it matched with,
    best first (at most twice the linker's ``neighbours``); a story is a group its members'
    ties connect, as in a rebuild. ``copy_of`` names the article it repeats word for word:
    a copy ties to that report only, and no later article ties to it.
    """

    features: ArticleFeatures
    ties: tuple[tuple[str, float], ...] = ()
    copy_of: str | None = None

    @property
    def article_id(self) -> str:
        """Return the id of the article."""
        return self.features.article_id


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

    def members(self, article_ids: Sequence[str]) -> dict[str, Member]:
        """Return the remembered members among these articles (absent ones are left out)."""
        ...

    def put_members(self, members: Sequence[Member]) -> None:
        """Remember these members (replacing what was remembered of the same articles)."""
        ...


class InMemoryStoryIndex:
    """A StoryIndex in dicts: postings key -> story ids, story -> keys, article -> story."""

    def __init__(self) -> None:
        self.stories: dict[str, Story] = {}
        self._postings: dict[str, set[str]] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._story_of: dict[str, str] = {}
        self._members: dict[str, Member] = {}

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

    def members(self, article_ids: Sequence[str]) -> dict[str, Member]:
        held = self._members
        return {a: held[a] for a in article_ids if a in held}

    def put_members(self, members: Sequence[Member]) -> None:
        for member in members:
            self._members[member.article_id] = member

    def _unpost(self, story_id: str) -> None:
        for key in self._keys.pop(story_id, ()):
            posted = self._postings.get(key)
            if posted is not None:
                posted.discard(story_id)
                if not posted:
                    del self._postings[key]


class LazyKeys(Sequence[str]):
    """A story's index keys, worked out when first read.

    A rebuild puts a story for every article and replaces it at each merge; an index that
    writes stories later (``BufferedStoryIndex``) reads the keys of the last version only.
    """

    __slots__ = ("_keys", "_make")

    def __init__(self, make: Callable[[], Iterable[str]]) -> None:
        self._make: Callable[[], Iterable[str]] | None = make
        self._keys: tuple[str, ...] = ()

    def _all(self) -> tuple[str, ...]:
        if self._make is not None:
            self._keys, self._make = tuple(self._make()), None
        return self._keys

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...

    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())
