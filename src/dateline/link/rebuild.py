"""Link a batch of articles at once (``dateline link``): a nearest-neighbour graph, not arrivals.

Each article is tied to its best matching articles of the batch within the time window, and a
story is a group these ties connect (``StoryLinker.rebuild`` documents the rules). What ingest
does one article at a time is in dateline.link.stories (centroids) and
dateline.link.neighbourhood (the same graph, kept as articles arrive).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable

from dateline.link.features import ArticleFeatures, fingerprint
from dateline.link.index import Member, Story
from dateline.link.stories import (
    _EPOCH,
    Assignment,
    StoryLinker,
    _Profile,
    _sortable,
    reported_at,
    spans_apart,
)


def rebuild(linker: StoryLinker, articles: Iterable[ArticleFeatures], *, counted: bool = False
            ) -> list[Assignment]:
    """Link ``articles`` at once with ``linker``; see ``StoryLinker.rebuild``."""
    if not counted:
        batch = [a for a in articles if linker.index.story_of(a.article_id) is None]
        for features in batch:
            linker.count(features)
        articles = sorted(batch, key=lambda a: (reported_at(a) is not None,
                                                _sortable(reported_at(a) or _EPOCH)))
    window: dict[int, tuple[_Profile, list[str], str, ArticleFeatures]] = {}
    postings: dict[str, set[int]] = {}
    best: dict[str, list[tuple[float, str]]] = {}
    assignments: list[Assignment] = []
    span = linker.settings.window_days * 86400
    dated: deque[tuple[float, int]] = deque()

    def tie(article: str, score: float, other: str) -> None:
        ranked = best.setdefault(article, [])
        ranked.append((score, other))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        # Twice as many as tie, remembered for ingest (neighbourhood.place rescores them).
        del ranked[2 * linker.settings.neighbours:]

    # Identical texts within reach: a copy is a duplicate of the first report, joins its
    # story and ties to nothing of its own (a hundred undated copies would otherwise tie
    # to each other's neighbours and chain their events).
    originals: dict[bytes, str] = {}
    digests: dict[str, bytes] = {}
    # Undated articles (kept to the end): a tie through one joins it to one dated event,
    # never two dated events to each other.
    undated: set[str] = set()

    def settle(position: int) -> None:
        _, keys, article, features = window.pop(position)
        ranked = best.pop(article, [])
        linker.index.put_members([Member(features, tuple((o, round(sc, 6))
                                                         for sc, o in ranked))])
        for score, other in ranked[:linker.settings.neighbours]:
            bridge = article in undated or other in undated
            assignments.extend(join_stories(linker, article, other, score, bridge=bridge))
        for key in keys:
            postings[key].discard(position)
        digest = digests.pop(article, b"")
        if originals.get(digest) == article:
            del originals[digest]

    for position, features in enumerate(articles):
        if counted and linker.index.story_of(features.article_id) is not None:
            continue
        when = reported_at(features)
        # Articles come in time order: the oldest dated ones leave once out of reach.
        while when is not None and dated and _sortable(when) - dated[0][0] > span:
            settle(dated.popleft()[1])
        profile = linker.profile(features)
        digest = fingerprint(features)
        original = originals.get(digest)
        if original is not None:
            copy = linker._new_story(features, profile)
            linker._save(copy)
            assignments.append(Assignment(features.article_id, copy.id, 0.0, True))
            linker.index.put_members([Member(features, ((original, 1.0),), original)])
            assignments.extend(join_stories(linker, features.article_id, original, 1.0))
            continue
        originals[digest] = features.article_id
        digests[features.article_id] = digest
        if when is None:
            undated.add(features.article_id)
        keys = linker._content_keys(dict(features.terms), (k for k, _ in features.entities),
                                    features.places, linker.settings.batch_common_key_share)
        shared: Counter[int] = Counter()
        for key in keys:
            shared.update(postings.get(key, ()))
        for i, _ in sorted(shared.items(), key=lambda x: (-x[1], x[0]))[
                : 2 * linker.settings.candidates]:
            other_profile, _, other, _ = window[i]
            score = linker._score(profile, other_profile)
            if score >= linker.settings.threshold:
                tie(other, score, features.article_id)
                tie(features.article_id, score, other)
        window[position] = (profile, keys, features.article_id, features)
        for key in keys:
            postings.setdefault(key, set()).add(position)
        if when is not None:
            dated.append((_sortable(when), position))
        story = linker._new_story(features, profile)
        linker._save(story)
        assignments.append(Assignment(features.article_id, story.id, 0.0, True))
    for position in list(window):
        settle(position)
    return assignments


def join_stories(linker: StoryLinker, article: str, other: str, score: float, *,
                 bridge: bool = False) -> list[Assignment]:
    """Merge the stories of two tied articles; say so.

    The story with the earlier first report keeps its id, so a story is named after its
    first report whichever way it was built (one article at a time at ingest, or here).
    A ``bridge`` (a tie through an undated article) merges nothing when both stories hold
    dated reports: an undated report may belong to one dated event, and must not make two
    of them one (copies of an undated article tied to each year's event of its kind).
    """
    a, b = linker.index.story_of(article), linker.index.story_of(other)
    story_a = linker.index.get(a) if a else None
    story_b = linker.index.get(b) if b else None
    if story_a is None or story_b is None or story_a.id == story_b.id:
        return []
    if stories_apart(linker, story_a, story_b) or (
            bridge and story_a.first_published is not None
            and story_b.first_published is not None):
        return []
    keep, gone = sorted((story_a, story_b), key=lambda st: (
        st.first_published is None, _sortable(st.first_published or _EPOCH), st.id))
    linker.index.delete(gone.id)
    linker._save(linker._merge(keep, gone))
    return [Assignment(article, keep.id, round(score, 4), False, (gone.id,))]


def stories_apart(linker: StoryLinker, a: Story, b: Story) -> bool:
    """Tell two stories whose reports lie further apart than ``window_days``.

    Two dated articles tie only within the window, so their stories never are; an undated
    article ties to any, and must not chain two events weeks or years apart into one.
    """
    if None in (a.first_published, a.last_published, b.first_published, b.last_published):
        return False
    return spans_apart(
        (_sortable(a.first_published), _sortable(a.last_published)),  # type: ignore[arg-type]
        (_sortable(b.first_published), _sortable(b.last_published)),  # type: ignore[arg-type]
        linker.settings.window_days)
