"""The demo corpus holds stories of several reports, and the linker finds them."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO_CORPUS
from dateline.ingest.article import make_article
from dateline.link import InMemoryStoryIndex, StoryLinker, article_features
from dateline.pipeline import Pipeline
from dateline.settings import Settings

pytestmark = pytest.mark.model

TITLES = {
    "a380-delivered": "First Airbus A380 delivered",
    "a380-service": "First A380 enters commercial service",
    "iphone4-unveiled": "Apple unveils iPhone 4, iOS 4 at Worldwide Developers Conference 2010",
    "iphone4-orders": "Apple swamped by iPhone 4 pre-orders",
    "iphone-2009": "Apple launches new, faster iPhone",
    "a380-us": "A380 makes maiden flight to US",
    "dreamliner": "Boeing unveils new 787 Dreamliner",
    "iphone-intro": "Apple introduces iPhone and Apple TV",
    "apple-profits": "Apple Inc. doubled its profits",
}


@pytest.fixture(scope="module")
def story_of() -> dict[str, str]:
    records = {r["title"]: r for r in map(json.loads, DEMO_CORPUS.read_text("utf-8").splitlines())}
    pipeline = Pipeline.from_settings(Settings())
    docs = {}
    for name, title in TITLES.items():
        record = records[title]
        docs[name] = pipeline(make_article(record["text"], title=title, source=record["source"],
                                           published=record["published"], url=record["url"]))
    linker = StoryLinker(InMemoryStoryIndex())
    ordered = sorted(docs, key=lambda n: docs[n].article.published)  # type: ignore[arg-type,return-value]
    for name in ordered:
        linker.add(article_features(docs[name]))
    # From the index: regrouping may move an article after its own assignment.
    return {name: linker.index.story_of(doc.article.id) or "" for name, doc in docs.items()}


def test_demo_stories_reports_of_one_event_share_a_story(story_of):
    assert story_of["a380-delivered"] == story_of["a380-service"]
    assert story_of["iphone4-unveiled"] == story_of["iphone4-orders"]


def test_demo_stories_other_launches_stay_apart(story_of):
    assert len({story_of[n] for n in ("a380-delivered", "a380-us", "dreamliner")}) == 3
    assert story_of["iphone-2009"] != story_of["iphone4-unveiled"]


def test_demo_stories_one_company_s_results_stay_apart_from_its_launch_that_week(story_of):
    # Eight days apart, sharing Apple, Steve Jobs and the iPhone: the results tell of the
    # quarter that ended in December, the launch of 9 January.
    assert story_of["apple-profits"] != story_of["iphone-intro"]
