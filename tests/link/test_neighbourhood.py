"""Linking one article at a time as the rebuild links a batch: ties, regrouping, order."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from dateline.eval.clusters import bcubed
from dateline.link import (
    ArticleFeatures,
    InMemoryStoryIndex,
    LinkSettings,
    StoryLinker,
    stories_of,
)

from .test_stories import EVENTS, FOLLOW_UP, corpus, features

DAY = datetime(2026, 3, 20, 9)


def ingest(articles: list[ArticleFeatures], settings: LinkSettings | None = None
           ) -> dict[str, str]:
    """Link one at a time; return each article's story as the index holds it at the end."""
    linker = StoryLinker(InMemoryStoryIndex(), settings or LinkSettings())
    for article in articles:
        linker.add(article)
    return {a.article_id: linker.index.story_of(a.article_id) or "" for a in articles}


def rebuild(articles: list[ArticleFeatures]) -> dict[str, str]:
    return stories_of(StoryLinker(InMemoryStoryIndex()).rebuild(articles))


def words(article_id: str, shared: list[str], day: int, own: int = 2) -> ArticleFeatures:
    """An article of hand-picked terms: ``shared`` ones and ``own`` of its own."""
    terms = [*shared, *(f"{article_id}own{i}" for i in range(own))]
    return ArticleFeatures(article_id, DAY + timedelta(hours=day), "outlet", article_id,
                           tuple((t, 1 / len(terms)) for t in terms), (), (), (), ())


def synthetic(events: int, seed: int) -> list[ArticleFeatures]:
    """Events of one to six reports over a month, with their own names, places and words;
    pairs of events share half their words (same kind of event)."""
    rng = random.Random(seed)
    out = []
    for event in range(events):
        kind = [f"kind{event // 2}w{i}" for i in range(8)]
        own = [f"event{event}w{i}" for i in range(12)]
        names = [f"person:e{event}p{i}" for i in range(3)]
        start = DAY + timedelta(days=rng.randrange(30))
        for report in range(rng.randint(1, 6)):
            terms = rng.sample(kind, 5) + rng.sample(own, 8)
            out.append(ArticleFeatures(
                f"e{event}r{report}", start + timedelta(hours=rng.randrange(72)),
                f"outlet{rng.randrange(20)}", f"event {event}",
                tuple((t, 1 / len(terms)) for t in terms),
                tuple((n, 1) for n in rng.sample(names, 2)), (f"geo:{event}",), (), ()))
    return out


def test_neighbourhood_ingest_gives_the_stories_the_rebuild_gives_in_any_order():
    articles = synthetic(60, seed=5)
    batch = rebuild(articles)
    truth = {a.article_id: a.article_id.split("r")[0] for a in articles}
    assert bcubed(truth, batch)[2] >= 0.95  # type: ignore[arg-type]
    for seed in range(4):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        one_by_one = ingest(shuffled)
        assert bcubed(batch, one_by_one)[2] >= 0.97, seed  # type: ignore[arg-type]


def test_neighbourhood_hand_built_corpus_is_the_same_in_every_order():
    articles = corpus()
    reference = ingest(articles)
    assert reference == rebuild(articles)
    for seed in range(6):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert ingest(shuffled) == reference, seed


def test_neighbourhood_a_report_that_bridges_two_stories_joins_them():
    left = words("left", [f"a{i}" for i in range(8)], 0)
    right = words("right", [f"b{i}" for i in range(8)], 1)
    both = words("both", [*(f"a{i}" for i in range(4)), *(f"b{i}" for i in range(4))], 2)
    story_of = ingest([left, right, both])
    assert story_of["left"] == story_of["right"] == story_of["both"]
    assert story_of == rebuild([left, right, both])
    # Joining story centroids, the bridge joined one story and the other stayed apart.
    centroids = ingest([left, right, both], LinkSettings(regroup=False))
    assert centroids["left"] != centroids["right"]


def test_neighbourhood_a_story_splits_where_better_matches_displace_its_only_tie():
    # d1 first matches the c reports best and joins their story; once c3 and d2, d3 (its own
    # event) arrive, neither d1 nor any c report keeps a tie to the other side, and d1
    # leaves: the rebuild makes the same two stories, and so does every arrival order.
    # (Joining story centroids, d1 stayed with the c reports and d2, d3 made a story alone.)
    c = [f"c{i}" for i in range(8)]
    d = [f"d{i}" for i in range(8)]
    arrivals = [words("c1", c, 0), words("c2", c, 1), words("d1", [*c[:5], *d[:5]], 2),
                words("c3", c, 3), words("d2", d[:6], 4), words("d3", d[:6], 5)]
    early = ingest(arrivals[:3])
    assert early["d1"] == early["c1"]
    story_of = ingest(arrivals)
    assert story_of["c1"] == story_of["c2"] == story_of["c3"]
    assert story_of["d1"] == story_of["d2"] == story_of["d3"] != story_of["c1"]
    assert story_of == rebuild(arrivals)
    centroids = ingest(arrivals, LinkSettings(regroup=False))
    assert centroids["d1"] == centroids["c1"] != centroids["d2"]
    for seed in range(4):
        shuffled = arrivals[:]
        random.Random(seed).shuffle(shuffled)
        assert bcubed(story_of, ingest(shuffled))[2] == 1.0  # type: ignore[arg-type]


def test_neighbourhood_a_story_is_named_after_its_first_report_whatever_arrived_first():
    first = features("quake-chile-1", "quake-chile", EVENTS["quake-chile"][2], 0)
    later = features("quake-chile-2", "quake-chile", FOLLOW_UP["quake-chile"], 1)
    story_of = ingest([later, first])
    assert story_of["quake-chile-1"] == story_of["quake-chile-2"] == rebuild([first, later])[
        "quake-chile-1"]


def test_neighbourhood_identical_undated_copies_are_one_story_that_chains_no_events():
    text = EVENTS["budget"][2]
    undated = [replace(features(f"u{n}", "budget", FOLLOW_UP["budget"], 0), published=None)
               for n in range(6)]
    dated = [features("d1", "budget", text, 0), features("d2", "budget", text, 60)]
    for order in ([*undated, *dated], [*dated, *undated], [undated[0], *dated, *undated[1:]]):
        story_of = ingest(order)
        assert len({story_of[a.article_id] for a in undated}) == 1
        assert story_of["d1"] != story_of["d2"]


def test_neighbourhood_remembers_each_member_with_its_best_ties():
    linker = StoryLinker(InMemoryStoryIndex())
    for article in corpus():
        linker.add(article)
    held = linker.index.members(["ferry-1", "ferry-2", "budget-1"])
    assert set(held) == {"ferry-1", "ferry-2", "budget-1"}
    assert [o for o, _ in held["ferry-1"].ties] == ["ferry-2"]
    assert held["ferry-1"].ties[0][1] >= linker.settings.threshold
    assert held["ferry-1"].features == next(a for a in corpus() if a.article_id == "ferry-1")


def test_neighbourhood_a_story_without_remembered_members_is_joined_by_its_centroid():
    # A store linked before members were remembered: the linker falls back to centroids.
    linker = StoryLinker(InMemoryStoryIndex())
    first = features("ferry-1", "ferry", EVENTS["ferry"][2], 0)
    linker.add(first)
    linker.index._members.clear()  # type: ignore[attr-defined]
    joined = linker.add(features("ferry-2", "ferry", FOLLOW_UP["ferry"], 1))
    assert not joined.new and joined.story_id == linker.index.story_of("ferry-1")
