"""Group articles into stories as they arrive: join the best matching story or start one.

Each new article is compared with a few candidate stories only: those the index holds under
the article's keys (its named entities, places and rarest terms, in the weeks around its
publication). The score is the mean similarity between the article and the story's articles
(average link, from the story's sums of unit vectors) and mixes what the text says (TF-IDF)
with who and where (canonical entities and places, weighed by how rare they are) and with the
numbers and dates the text gives (a toll, a magnitude, a year), so two earthquakes or two rehab
check-ins share words but not names or figures and stay apart. After an article
joins, the story is compared with its own candidates and merged with those that now match as
well. By default (``LinkSettings.regroup``) ``add`` links as ``rebuild`` does instead, on the
same score: ties to the best matching members, then the touched stories regrouped
(dateline.link.neighbourhood), so that ingest and a rebuild give nearly the same stories.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from dateline.link import neighbourhood
from dateline.link.features import ArticleFeatures, days_of, nearest_gap
from dateline.link.index import LazyKeys, Story, StoryIndex
from dateline.link.text import TextModel
from dateline.records import content_id

CENTROID_TERMS = 300
CENTROID_KEYS = 100
STORY_KEYS = 400
# A story is posted under its heaviest names and places only.
KEY_ENTITIES = 30
KEY_PLACES = 10
STORY_DATES = 20
UNDATED = "u"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class LinkSettings:
    """How eagerly articles join stories; the defaults were set on ECB+ (docs/quality.md)."""

    # Least score for an article to join a story (and for two stories to merge).
    threshold: float = 0.25
    # Relative weights of the text, entity, place and mark similarities in the score (the
    # score divides by the sum of the weights of the signals both sides have).
    text_weight: float = 0.5
    entity_weight: float = 0.3
    place_weight: float = 0.1
    # The numbers and dates the text gives (``ArticleFeatures.marks``).
    mark_weight: float = 0.3
    # An article never joins a story whose reports are further apart than this.
    window_days: int = 14
    # Two dated sides that both name days things happened, none within this many days of a day
    # the other names, report different events (an earnings report and a product launch of one
    # company a week apart); None turns the check off. Undated articles are not checked: their
    # relative dates ("on Tuesday") cannot be resolved, and what is left (absolute dates, often
    # background) split reports of one event on ECB+ (B-cubed F1 0.902 -> 0.872).
    day_slack: int | None = 7
    # Width of the time buckets keys are posted under.
    bucket_days: int = 7
    # Stories scored per article, from the index's best candidates.
    candidates: int = 25
    # An article's rarest terms used as index keys.
    key_terms: int = 10
    # Keys found in more than this share of documents are too common to find candidates by.
    common_key_share: float = 0.05
    # Link as the rebuild does: tie a new article to its best matching members of its
    # candidate stories and group those stories again from their members' ties
    # (dateline.link.neighbourhood); off, an article joins the best story centroid.
    regroup: bool = True
    # Compare a story that grew with its own candidates and merge one that matches
    # (centroid linking only).
    recheck: bool = True
    # Most stories one re-check merges.
    max_merges: int = 4
    # In ``rebuild``, the best matching articles each article is tied to.
    neighbours: int = 2
    # In ``rebuild``, keys too common to find neighbours by: a looser bar than ``add``'s, as an
    # article whose best match shares only common-ish names must still find it there (the
    # time window bounds the articles each key lists).
    batch_common_key_share: float = 0.2


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: its story, the score it joined with, and whether it is new."""

    article_id: str
    story_id: str
    score: float
    new: bool
    # Stories the re-check merged into ``story_id`` after this article joined (or, at
    # ingest, the stories regrouping took apart: their members are in ``changed`` now).
    merged: tuple[str, ...] = ()
    # Stories written again when the stories it matched were regrouped (``story_id`` too).
    changed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Profile:
    """What is compared, an article or a story in one shape: sums of unit vectors and a count.

    The dot product of two profiles divided by both sizes is the mean cosine between their
    articles (average link), computed without keeping the articles' vectors.
    """

    terms: Mapping[str, float]
    entities: Mapping[str, float]
    places: Mapping[str, float]
    marks: Mapping[str, float]
    size: int
    first: datetime | None
    last: datetime | None
    # The days (proleptic ordinals, sorted) its reports say things happened.
    days: tuple[int, ...] = ()


def reported_at(features: ArticleFeatures) -> datetime | None:
    """Return when an article was published; None when it says not.

    The date an undated article's lead gives (``lead_date``) is not used: reports of one event
    often come weeks apart (on ECB+ a lead date up to two months after the first report), so
    it would keep follow-ups out while helping little.
    """
    return features.published


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


def is_mark(key: str) -> bool:
    """Tell a number or date key ("#107", "@2008") from a word in a story's ``terms``.

    A story keeps the centroid of its marks in ``terms`` too (words never start with these
    signs), so a store that keeps ``terms`` keeps the marks without a field of their own.
    """
    return key[:1] in ("#", "@")


def _profile_of_story(story: Story) -> _Profile:
    terms = {k: v for k, v in story.terms if not is_mark(k)}
    marks = {k: v for k, v in story.terms if is_mark(k)}
    return _Profile(terms, dict(story.entities), dict(story.places), marks,
                    max(1, story.size), story.first_published, story.last_published,
                    days_of(story.dates))


def _story_terms(terms: Mapping[str, float], marks: Mapping[str, float]
                 ) -> tuple[tuple[str, float], ...]:
    return _top(terms, CENTROID_TERMS) + _top(marks, CENTROID_KEYS)


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def _earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else min(a, b, key=_sortable)


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else max(a, b, key=_sortable)


def _sortable(when: datetime) -> float:
    """Return seconds since the epoch; a time without a zone is read as UTC."""
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


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
    # Members' profiles and keys reused between arrivals (keep one per text model).
    members: neighbourhood.MemberCache = field(default_factory=neighbourhood.MemberCache)

    # Keys ------------------------------------------------------------------------------------

    def _buckets_around(self, when: datetime | None) -> list[str]:
        if when is None:
            return [UNDATED]
        middle = when.toordinal() // self.settings.bucket_days
        return [str(middle + step) for step in (-1, 0, 1)]

    def _is_common(self, key: str, share: float | None = None) -> bool:
        model = self.text_model
        share = self.settings.common_key_share if share is None else share
        return model.documents >= 200 and model.df(key) > share * model.documents

    def _content_keys(self, terms: Mapping[str, float], entities: Iterable[str],
                      places: Iterable[str], share: float | None = None) -> list[str]:
        model = self.text_model
        share = self.settings.common_key_share if share is None else share
        bar = share * model.documents
        counting = model.documents >= 200

        def common(key: str) -> bool:
            return counting and model.df(key) > bar

        named = [k for k in (*entities, *places) if not common(k)]
        idf = model.idf
        # The heaviest terms that are not common (a partial sort: a story has 300 terms).
        rare = heapq.nsmallest(self.settings.key_terms, ((-tf * idf(t), t)
                                                         for t, tf in terms.items()
                                                         if not common(t)))
        return [*named, *(f"w:{t}" for _, t in rare)]

    def article_keys(self, features: ArticleFeatures, share: float | None = None) -> list[str]:
        """Return the keys an article looks candidates up by (its own weeks and the two around)."""
        content = self.content_keys(features, share)
        return [f"{k}#{b}" for b in self._buckets_around(reported_at(features)) for k in content]

    def content_keys(self, features: ArticleFeatures, share: float | None = None) -> list[str]:
        """Return an article's names, places and rarest terms not commoner than ``share``."""
        return self._content_keys(dict(features.terms), (k for k, _ in features.entities),
                                  features.places, share)

    def story_keys(self, story: Story, buckets: Iterable[str]) -> list[str]:
        """Return the keys a story is posted under: its content keys in each of its buckets."""
        content = self._content_keys({k: v for k, v in story.terms if not is_mark(k)},
                                     (k for k, _ in story.entities[:KEY_ENTITIES]),
                                     (k for k, _ in story.places[:KEY_PLACES]))
        keys = [f"{k}#{b}" for b in dict.fromkeys(buckets) for k in content]
        return keys[:STORY_KEYS]

    # Scores ----------------------------------------------------------------------------------

    def profile(self, features: ArticleFeatures) -> _Profile:
        """Return an article's unit vectors: TF-IDF terms, and names and places by rarity."""
        idf = self.text_model.idf
        when = reported_at(features)
        # A name said often is what the article is about; the weight grows slowly with mentions.
        entities = _unit({k: (1.0 + math.log(n)) * idf(k) for k, n in features.entities})
        places = _unit({k: idf(k) for k in features.places})
        marks = _unit({k: (1.0 + math.log(n)) * idf(k) for k, n in features.marks})
        return _Profile(self.text_model.weigh(dict(features.terms)), entities, places, marks,
                        1, when, when, days_of(features.dates))

    def _too_far(self, a: _Profile, b: _Profile) -> bool:
        if a.first is None or b.first is None or a.last is None or b.last is None:
            return False
        gap = max(_sortable(a.first) - _sortable(b.last), _sortable(b.first) - _sortable(a.last))
        return gap > self.settings.window_days * 86400

    def _score(self, a: _Profile, b: _Profile) -> float:
        if self._too_far(a, b):
            return 0.0
        slack = self.settings.day_slack
        if slack is not None and a.days and b.days and a.first is not None \
                and b.first is not None and nearest_gap(a.days, b.days) > slack:
            return 0.0
        s = self.settings
        total = weights = 0.0
        # A signal one side lacks (an article naming no place) neither helps nor hurts.
        for weight, x, y in ((s.text_weight, a.terms, b.terms),
                             (s.entity_weight, a.entities, b.entities),
                             (s.place_weight, a.places, b.places),
                             (s.mark_weight, a.marks, b.marks)):
            if x and y:
                total += weight * _dot(x, y)
                weights += weight
        return total / (weights * a.size * b.size) if weights else 0.0

    def score(self, features: ArticleFeatures, story: Story) -> float:
        """Return how well an article matches a story (0 to 1; it joins at ``threshold``)."""
        return self._score(self.profile(features), _profile_of_story(story))

    # Updates ---------------------------------------------------------------------------------

    def _new_story(self, features: ArticleFeatures, profile: _Profile) -> Story:
        return Story(
            id=content_id("story", features.article_id, prefix="sto_", length=16),
            title=features.title, first_article=features.article_id,
            first_published=reported_at(features), last_published=reported_at(features),
            articles=(features.article_id,),
            sources=(features.source,) if features.source else (),
            terms=_story_terms(profile.terms, profile.marks),
            entities=_top(profile.entities, CENTROID_KEYS),
            places=_top(profile.places, CENTROID_KEYS),
            incident_types=tuple((t, 1) for t in features.incident_types),
            dates=features.dates[:STORY_DATES])

    def _merge(self, keep: Story, other: Story) -> Story:
        """Return ``keep`` grown by ``other``; the earlier first report gives title and first."""
        terms: Counter[str] = Counter(dict(keep.terms))
        terms.update(dict(other.terms))
        words = {k: v for k, v in terms.items() if not is_mark(k)}
        marks = {k: v for k, v in terms.items() if is_mark(k)}
        first = keep
        if other.first_published is not None and (
                keep.first_published is None
                or _sortable(other.first_published) < _sortable(keep.first_published)):
            first = other

        def added(a: tuple[tuple[str, float], ...], b: tuple[tuple[str, float], ...]
                  ) -> tuple[tuple[str, float], ...]:
            total: Counter[str] = Counter(dict(a))
            total.update(dict(b))
            return _top(total, CENTROID_KEYS)

        types: Counter[str] = Counter(dict(keep.incident_types))
        types.update(dict(other.incident_types))

        dates = Counter(keep.dates) + Counter(other.dates)
        return Story(
            id=keep.id, title=first.title, first_article=first.first_article,
            first_published=_earlier(keep.first_published, other.first_published),
            last_published=_later(keep.last_published, other.last_published),
            articles=tuple(dict.fromkeys([*keep.articles, *other.articles])),
            sources=tuple(dict.fromkeys([*keep.sources, *other.sources])),
            terms=_story_terms(words, marks),
            entities=added(keep.entities, other.entities),
            places=added(keep.places, other.places),
            incident_types=tuple(sorted(types.items())),
            dates=tuple(d for d, _ in sorted(dates.items(), key=lambda i: (-i[1], i[0])))[
                :STORY_DATES])

    def _buckets_of(self, story: Story) -> list[str]:
        """Return the buckets a story is posted under: its weeks, and the undated bucket.

        An undated article may report any story, so it looks in the undated bucket, where
        every story is posted; dated articles never look there for dated stories.
        """
        if story.first_published is None or story.last_published is None:
            return [UNDATED]
        first = story.first_published.toordinal() // self.settings.bucket_days
        last = story.last_published.toordinal() // self.settings.bucket_days
        return [*(str(b) for b in range(first, min(last, first + 8) + 1)), UNDATED]

    def _search_buckets(self, story: Story) -> list[str]:
        if story.first_published is None or story.last_published is None:
            return [UNDATED]
        first = story.first_published.toordinal() // self.settings.bucket_days
        last = story.last_published.toordinal() // self.settings.bucket_days
        return [str(b) for b in range(first - 1, min(last, first + 8) + 2)]

    def _save(self, story: Story, content: Sequence[str] | None = None) -> None:
        """Put a story, posted under ``content`` keys (by default its centroid's) in its weeks."""
        if content is None:
            self.index.put(story, LazyKeys(lambda: self.story_keys(story,
                                                                   self._buckets_of(story))))
            return
        buckets = self._buckets_of(story)
        self.index.put(story, LazyKeys(lambda: [f"{k}#{b}" for b in buckets
                                                for k in content][:STORY_KEYS]))

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
        self.count(features)
        if self.settings.regroup:
            placed = neighbourhood.place(self, features)
            if placed is not None:
                return placed
        return self._place(features)

    def relink(self, features: ArticleFeatures) -> Assignment:
        """Take a linked article out of its story and link it again against today's stories.

        A second pass of ``relink`` over every article, once all are in, corrects choices
        made early on thin evidence; this is what makes the result depend little on order.
        """
        if self.index.story_of(features.article_id) is None:
            return self.add(features)
        self._take_out(features)
        return self._place(features)

    def _take_out(self, features: ArticleFeatures) -> None:
        story_id = self.index.story_of(features.article_id)
        story = self.index.get(story_id) if story_id else None
        if story is None:
            return
        if story.size <= 1:
            self.index.delete(story.id)
            return
        profile = self.profile(features)

        def minus(a: tuple[tuple[str, float], ...], b: Mapping[str, float], limit: int
                  ) -> tuple[tuple[str, float], ...]:
            left = {k: v - b.get(k, 0.0) for k, v in a}
            return _top({k: v for k, v in left.items() if v > 1e-9}, limit)

        articles = tuple(a for a in story.articles if a != features.article_id)
        first = story.first_article if story.first_article in articles else articles[0]
        self.index.delete(story.id)
        self._save(replace(story, articles=articles, first_article=first,
                           terms=(minus(tuple((k, v) for k, v in story.terms if not is_mark(k)),
                                        profile.terms, CENTROID_TERMS)
                                  + minus(tuple((k, v) for k, v in story.terms if is_mark(k)),
                                          profile.marks, CENTROID_KEYS)),
                           entities=minus(story.entities, profile.entities, CENTROID_KEYS),
                           places=minus(story.places, profile.places, CENTROID_KEYS)))

    def _place(self, features: ArticleFeatures) -> Assignment:
        profile = self.profile(features)
        best, score = self._best(profile, self.article_keys(features))
        if best is None or score < self.settings.threshold:
            story = self._new_story(features, profile)
            self._save(story)
            return Assignment(features.article_id, story.id, round(score, 4), True)
        story = self._merge(best, self._new_story(features, profile))
        merged = self._recheck(story) if self.settings.recheck else ()
        if not merged:
            self._save(story)
        return Assignment(features.article_id, best.id, round(score, 4), False, merged)

    def _recheck(self, story: Story) -> tuple[str, ...]:
        """Merge into ``story`` the other stories that now match it (best first); return their ids."""
        merged: list[str] = []
        for _ in range(self.settings.max_merges):
            # Look in the story's own weeks and the two around, never in the undated bucket,
            # whose postings grow with the store.
            keys = self.story_keys(story, self._search_buckets(story))
            other, score = self._best(_profile_of_story(story), keys, exclude=story.id)
            if other is None or score < self.settings.threshold:
                break
            self.index.delete(other.id)
            story = self._merge(story, other)
            merged.append(other.id)
        if merged:
            self._save(story)
        return tuple(merged)

    # Rebuild ----------------------------------------------------------------------------------

    def rebuild(self, articles: Iterable[ArticleFeatures], *, counted: bool = False
                ) -> list[Assignment]:
        """Link a batch of unlinked articles at once (``dateline link``); return the assignments.

        Each article is tied to its ``neighbours`` best matching articles that score at least
        ``threshold`` (a nearest-neighbour graph over the batch), and a story is a group these
        ties connect. A report of a long story matches a few other reports well rather than all
        of them on average, and an article of another event of the same kind is tied only by
        its best matches, so this keeps such events apart better than ``add``, which only sees
        the stories made so far; and the result does not depend on the order of the batch.

        Term weights count the whole batch first: by default the articles are read into a list,
        counted and sorted by publication time. To stream a large store, call ``count`` on
        every article first, then pass them again in publication order (undated ones first)
        with ``counted=True``. Only articles within ``window_days`` of each other are compared,
        found through shared keys as ``add`` finds stories, so memory holds the articles of a
        few weeks (and every undated one), whatever the size of the store.
        """
        from dateline.link.rebuild import rebuild

        return rebuild(self, articles, counted=counted)

    def count(self, features: ArticleFeatures) -> None:
        """Count an article's terms, names, places and marks in the text model (once each)."""
        self.text_model.add([*(t for t, _ in features.terms), *(k for k, _ in features.entities),
                             *features.places, *(k for k, _ in features.marks)])


def spans_apart(a: tuple[float, float], b: tuple[float, float], window_days: int) -> bool:
    """Tell two (first, last) report-time spans, in seconds, further apart than the window.

    The one rule for both builders: the rebuild's merge of stories and ingest's regrouping.
    """
    return max(a[0] - b[1], b[0] - a[1]) > window_days * 86400


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

