"""Group articles into stories as they arrive: join the best matching story or start one.

Each new article is compared with a few candidate stories only: those the index holds under
the article's keys (its named entities, places and rarest terms, in the weeks around its
publication). The score mixes what the text says (TF-IDF cosine against the story's centroid)
with who and where (shared canonical entities and places, weighed by how rare they are), so
two earthquakes or two rehab check-ins share words but not names and stay apart. After an
article joins, the story is compared with its own candidates and merged with one that now
matches as well, which makes the result depend little on arrival order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from dateline.link.features import ArticleFeatures
from dateline.link.index import Story, StoryIndex
from dateline.link.text import TextModel
from dateline.records import content_id

CENTROID_TERMS = 300
STORY_KEYS = 400
STORY_DATES = 20
UNDATED = "u"


@dataclass(frozen=True)
class LinkSettings:
    """How eagerly articles join stories; the defaults were set on ECB+ (docs/quality.md)."""

    # Least score for an article to join a story (and for two stories to merge).
    threshold: float = 0.35
    # Weights of the text, entity and place similarities in the score (they sum to 1).
    text_weight: float = 0.5
    entity_weight: float = 0.35
    place_weight: float = 0.15
    # An article never joins a story whose reports are further apart than this.
    window_days: int = 10
    # Width of the time buckets keys are posted under.
    bucket_days: int = 7
    # Stories scored per article, from the index's best candidates.
    candidates: int = 25
    # An article's rarest terms used as index keys.
    key_terms: int = 10
    # Keys found in more than this share of documents are too common to find candidates by.
    common_key_share: float = 0.05
    # Compare a story that grew with its own candidates and merge one that matches.
    recheck: bool = True


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: its story, the score it joined with, and whether it is new."""

    article_id: str
    story_id: str
    score: float
    new: bool
    # Stories the re-check merged into ``story_id`` after this article joined.
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Profile:
    """What is compared: an article or a story, in the same shape."""

    terms: Mapping[str, float]
    entities: Mapping[str, float]
    places: Mapping[str, float]
    first: datetime | None
    last: datetime | None


def _profile_of_article(features: ArticleFeatures) -> _Profile:
    return _Profile(dict(features.terms), {k: 1.0 for k, _ in features.entities},
                    {k: 1.0 for k in features.places}, features.published, features.published)


def _profile_of_story(story: Story) -> _Profile:
    size = max(1, story.size)
    return _Profile(dict(story.terms), {k: n / size for k, n in story.entities},
                    {k: n / size for k, n in story.places}, story.first_published,
                    story.last_published)


def _earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else min(a, b, key=_sortable)


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else max(a, b, key=_sortable)


def _sortable(when: datetime) -> float:
    return when.timestamp() if when.tzinfo else when.replace(tzinfo=None).toordinal() * 86400.0 \
        + when.hour * 3600 + when.minute * 60 + when.second


def _top(counter: Mapping[str, float], limit: int) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit])


@dataclass
class StoryLinker:
    """Assign articles to stories kept in ``index``; ``text_model`` holds document frequencies.

    The text model must be saved with the index between runs (``TextModel.to_bytes``) so that
    term weights keep counting every article linked so far.
    """

    index: StoryIndex
    settings: LinkSettings = field(default_factory=LinkSettings)
    text_model: TextModel = field(default_factory=TextModel)

    # Keys ------------------------------------------------------------------------------------

    def _bucket(self, when: datetime | None) -> str:
        if when is None:
            return UNDATED
        return str(when.toordinal() // self.settings.bucket_days)

    def _buckets_around(self, when: datetime | None) -> list[str]:
        if when is None:
            return [UNDATED]
        middle = when.toordinal() // self.settings.bucket_days
        return [str(middle + step) for step in (-1, 0, 1)]

    def _is_common(self, key: str) -> bool:
        model = self.text_model
        return model.documents >= 200 and \
            model.df(key) > self.settings.common_key_share * model.documents

    def _content_keys(self, terms: Mapping[str, float], entities: Iterable[str],
                      places: Iterable[str]) -> list[str]:
        named = [k for k in (*entities, *places) if not self._is_common(k)]
        rare = sorted(terms, key=lambda t: (-terms[t] * self.text_model.idf(t), t))
        rare = [t for t in rare if not self._is_common(t)][: self.settings.key_terms]
        return [*named, *(f"w:{t}" for t in rare)]

    def article_keys(self, features: ArticleFeatures) -> list[str]:
        """Return the keys an article looks candidates up by (its own weeks and the two around)."""
        content = self._content_keys(dict(features.terms), (k for k, _ in features.entities),
                                     features.places)
        return [f"{k}#{b}" for b in self._buckets_around(features.published) for k in content]

    def story_keys(self, story: Story, buckets: Iterable[str]) -> list[str]:
        """Return the keys a story is posted under: its content keys in each of its buckets."""
        content = self._content_keys(dict(story.terms), (k for k, _ in story.entities),
                                     (k for k, _ in story.places))
        keys = [f"{k}#{b}" for b in dict.fromkeys(buckets) for k in content]
        return keys[:STORY_KEYS]

    # Scores ----------------------------------------------------------------------------------

    def _weighted_overlap(self, a: Mapping[str, float], b: Mapping[str, float]) -> float:
        """Share of the rarity-weighted keys of the smaller side that the other side has."""
        if not a or not b:
            return 0.0
        if len(a) > len(b):
            a, b = b, a
        idf = self.text_model.idf
        total = sum(w * idf(k) for k, w in a.items())
        shared = sum(min(w, 1.0) * idf(k) for k, w in a.items() if k in b)
        return shared / total if total else 0.0

    def _too_far(self, a: _Profile, b: _Profile) -> bool:
        if a.first is None or b.first is None or a.last is None or b.last is None:
            return False
        gap = max(_sortable(a.first) - _sortable(b.last), _sortable(b.first) - _sortable(a.last))
        return gap > self.settings.window_days * 86400

    def _score(self, a: _Profile, b: _Profile) -> float:
        if self._too_far(a, b):
            return 0.0
        s = self.settings
        text = self.text_model.cosine(a.terms, b.terms)
        entities = self._weighted_overlap(a.entities, b.entities)
        places = self._weighted_overlap(a.places, b.places)
        return s.text_weight * text + s.entity_weight * entities + s.place_weight * places

    def score(self, features: ArticleFeatures, story: Story) -> float:
        """Return how well an article matches a story (0 to 1; it joins at ``threshold``)."""
        return self._score(_profile_of_article(features), _profile_of_story(story))

    # Updates ---------------------------------------------------------------------------------

    def _new_story(self, features: ArticleFeatures) -> Story:
        return Story(
            id=content_id("story", features.article_id, prefix="sto_", length=16),
            title=features.title, first_article=features.article_id,
            first_published=features.published, last_published=features.published,
            articles=(features.article_id,),
            sources=(features.source,) if features.source else (),
            terms=_top(dict(features.terms), CENTROID_TERMS),
            entities=tuple((k, 1) for k, _ in features.entities),
            places=tuple((k, 1) for k in features.places),
            incident_types=tuple((t, 1) for t in features.incident_types),
            dates=features.dates[:STORY_DATES])

    def _merge(self, keep: Story, other: Story) -> Story:
        """Return ``keep`` grown by ``other``; the earlier first report gives title and first."""
        terms: Counter[str] = Counter(dict(keep.terms))
        terms.update(dict(other.terms))
        first = keep
        if other.first_published is not None and (
                keep.first_published is None
                or _sortable(other.first_published) < _sortable(keep.first_published)):
            first = other

        def added(a: tuple[tuple[str, int], ...], b: tuple[tuple[str, int], ...]
                  ) -> tuple[tuple[str, int], ...]:
            total: Counter[str] = Counter(dict(a))
            total.update(dict(b))
            return tuple(sorted(total.items()))

        dates = Counter(keep.dates) + Counter(other.dates)
        return Story(
            id=keep.id, title=first.title, first_article=first.first_article,
            first_published=_earlier(keep.first_published, other.first_published),
            last_published=_later(keep.last_published, other.last_published),
            articles=tuple(dict.fromkeys([*keep.articles, *other.articles])),
            sources=tuple(dict.fromkeys([*keep.sources, *other.sources])),
            terms=_top(terms, CENTROID_TERMS),
            entities=added(keep.entities, other.entities),
            places=added(keep.places, other.places),
            incident_types=added(keep.incident_types, other.incident_types),
            dates=tuple(d for d, _ in sorted(dates.items(), key=lambda i: (-i[1], i[0])))[
                :STORY_DATES])

    def _buckets_of(self, story: Story) -> list[str]:
        if story.first_published is None or story.last_published is None:
            return [UNDATED]
        first = story.first_published.toordinal() // self.settings.bucket_days
        last = story.last_published.toordinal() // self.settings.bucket_days
        return [str(b) for b in range(first, min(last, first + 8) + 1)]

    def _save(self, story: Story) -> None:
        self.index.put(story, self.story_keys(story, self._buckets_of(story)))

    def _best(self, profile: _Profile, keys: list[str], exclude: str | None = None
              ) -> tuple[Story | None, float]:
        best, best_score = None, 0.0
        for story_id in self.index.candidates(keys, limit=self.settings.candidates):
            if story_id == exclude:
                continue
            story = self.index.get(story_id)
            if story is None:
                continue
            score = self._score(profile, _profile_of_story(story))
            if score > best_score or (score == best_score and best is not None
                                      and story.id < best.id):
                best, best_score = story, score
        return best, best_score

    def add(self, features: ArticleFeatures) -> Assignment:
        """Link one article: join the best story scoring at least ``threshold``, or start one.

        An article already linked keeps its story (re-ingesting does not duplicate it).
        """
        known = self.index.story_of(features.article_id)
        if known is not None:
            return Assignment(features.article_id, known, 1.0, False)
        self.text_model.add([*(t for t, _ in features.terms), *(k for k, _ in features.entities),
                             *features.places])
        profile = _profile_of_article(features)
        best, score = self._best(profile, self.article_keys(features))
        if best is None or score < self.settings.threshold:
            story = self._new_story(features)
            self._save(story)
            return Assignment(features.article_id, story.id, round(score, 4), True)
        story = self._merge(best, self._new_story(features))
        merged = self._recheck(story) if self.settings.recheck else ()
        if not merged:
            self._save(story)
        return Assignment(features.article_id, best.id, round(score, 4), False, merged)

    def _recheck(self, story: Story) -> tuple[str, ...]:
        """Merge into ``story`` the best other story that now matches it; return merged ids."""
        profile = _profile_of_story(story)
        keys = [f"{k}#{b}" for b in self._buckets_of(story)
                for k in self._content_keys(dict(story.terms), (k for k, _ in story.entities),
                                            (k for k, _ in story.places))]
        other, score = self._best(profile, keys, exclude=story.id)
        if other is None or score < self.settings.threshold:
            return ()
        self.index.delete(other.id)
        self._save(self._merge(story, other))
        return (other.id,)


def stories_of(assignments: Iterable[Assignment]) -> dict[str, str]:
    """Return article id -> final story id, following the merges the re-check made."""
    story_of: dict[str, str] = {}
    merged_into: dict[str, str] = {}
    for assignment in assignments:
        story_of[assignment.article_id] = assignment.story_id
        for old in assignment.merged:
            merged_into[old] = assignment.story_id

    def final(story_id: str) -> str:
        seen = set()
        while story_id in merged_into and story_id not in seen:
            seen.add(story_id)
            story_id = merged_into[story_id]
        return story_id

    return {article: final(story) for article, story in story_of.items()}

