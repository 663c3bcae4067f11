"""Story linking on hand-built features: same event together, same kind of event apart."""

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
    term_counts,
)
from dateline.link.features import marks
from dateline.link.stories import is_mark

DAY = datetime(2026, 3, 20, 9)

# Two reports each of six events; the two earthquakes and the two rehab stays share their
# vocabulary and differ in names, places and dates.
EVENTS = {
    "quake-chile": (["person:michelle bachelet", "org:onemi"], ["country:CL", "geo:3874960"],
                    "A magnitude 7.1 earthquake struck near Puerto Montt in southern Chile, "
                    "killing 12 people and damaging hundreds of homes, said Michelle Bachelet. "
                    "Rescue teams from ONEMI searched collapsed buildings in Puerto Montt."),
    "quake-japan": (["person:fumio kishida", "org:japan meteorological agency"],
                    ["country:JP", "geo:2111149"],
                    "A magnitude 6.8 earthquake struck near Sendai in northern Japan, killing "
                    "9 people and damaging hundreds of homes, said Fumio Kishida. Rescue teams "
                    "from the Japan Meteorological Agency searched collapsed buildings."),
    "rehab-reid": (["person:tara reid", "org:promises treatment center"], ["geo:5368361"],
                   "Actress Tara Reid has checked into the Promises Treatment Center in Malibu, "
                   "her publicist said, asking for privacy as Reid enters rehab for exhaustion."),
    "rehab-lohan": (["person:lindsay lohan", "org:betty ford center"], ["geo:5380668"],
                    "Actress Lindsay Lohan has checked into the Betty Ford Center in Rancho "
                    "Mirage, her lawyer said, asking for privacy as Lohan enters rehab."),
    "budget": (["org:congress", "person:chuck schumer"], ["country:US"],
               "Congress passed the spending bill late on Friday, averting a government "
               "shutdown; Chuck Schumer said the budget deal funds agencies through September."),
    "ferry": (["org:coast guard", "person:ferdinand marcos"], ["country:PH", "geo:1701668"],
              "A ferry carrying 200 passengers sank off Manila Bay; the Coast Guard rescued 180 "
              "and Ferdinand Marcos ordered an inquiry into the overloaded ferry sinking."),
}
# A second wording of each, as another outlet would write it a day later.
FOLLOW_UP = {
    "quake-chile": "Chile counts the dead after the 7.1 quake near Puerto Montt: Bachelet "
                   "visited the city where ONEMI said 12 were killed in the earthquake.",
    "quake-japan": "Aftershocks rattled Sendai a day after the 6.8 quake; the Japan "
                   "Meteorological Agency and Kishida warned of more damage to buildings.",
    "rehab-reid": "Tara Reid is in rehab at the Promises Treatment Center in Malibu, a source "
                  "close to Reid told reporters, after months of exhaustion.",
    "rehab-lohan": "Lindsay Lohan began 90 days of court-ordered rehab at the Betty Ford Center "
                   "in Rancho Mirage, where Lohan checked in on Thursday.",
    "budget": "The budget deal Congress passed on Friday keeps agencies open through "
              "September; Schumer called the spending bill a relief after the shutdown threat.",
    "ferry": "Rescuers searched Manila Bay for 20 missing passengers after the ferry sank; the "
             "Coast Guard said the ferry was overloaded and Marcos ordered an inquiry.",
}


def features(article_id: str, event: str, text: str, day: int) -> ArticleFeatures:
    people, places, _ = EVENTS[event]
    return ArticleFeatures(
        article_id=article_id, published=DAY + timedelta(days=day), source=f"outlet{day}",
        title=text[:60], terms=tuple(term_counts(text).items()),
        entities=tuple((key, 2) for key in people), places=tuple(places),
        incident_types=(), dates=())


def corpus() -> list[ArticleFeatures]:
    out = []
    for n, (event, (_, _, text)) in enumerate(EVENTS.items()):
        out.append(features(f"{event}-1", event, text, n % 2))
        out.append(features(f"{event}-2", event, FOLLOW_UP[event], n % 2 + 1))
    return out


def link(articles: list[ArticleFeatures], settings: LinkSettings | None = None) -> dict[str, str]:
    linker = StoryLinker(InMemoryStoryIndex(), settings or LinkSettings())
    for article in articles:
        linker.add(article)
    # From the index: regrouping may move an article after its own assignment.
    return {a.article_id: linker.index.story_of(a.article_id) or "" for a in articles}


def test_stories_reports_of_one_event_join_and_same_kind_events_stay_apart():
    story_of = link(corpus())
    for event in EVENTS:
        assert story_of[f"{event}-1"] == story_of[f"{event}-2"], event
    assert story_of["quake-chile-1"] != story_of["quake-japan-1"]
    assert story_of["rehab-reid-1"] != story_of["rehab-lohan-1"]
    assert len(set(story_of.values())) == len(EVENTS)


def test_stories_arrival_order_does_not_change_the_result():
    articles = corpus()
    reference = link(articles)
    for seed in range(8):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        other = link(shuffled)
        assert bcubed(reference, other)[2] == 1.0, seed  # type: ignore[arg-type]


def test_stories_story_keeps_title_first_report_span_and_sources():
    linker = StoryLinker(InMemoryStoryIndex())
    later = features("quake-chile-2", "quake-chile", FOLLOW_UP["quake-chile"], 1)
    first = features("quake-chile-1", "quake-chile", EVENTS["quake-chile"][2], 0)
    linker.add(later)
    assignment = linker.add(first)
    story = linker.index.get(assignment.story_id)
    assert story is not None and not assignment.new
    assert story.first_article == "quake-chile-1" and story.title == first.title
    assert story.first_published == first.published and story.last_published == later.published
    assert set(story.sources) == {"outlet0", "outlet1"}
    assert set(story.articles) == {"quake-chile-1", "quake-chile-2"}


def test_stories_relinking_an_article_does_not_duplicate_it():
    linker = StoryLinker(InMemoryStoryIndex())
    first = features("budget-1", "budget", EVENTS["budget"][2], 0)
    story_id = linker.add(first).story_id
    again = linker.add(first)
    assert again.story_id == story_id and not again.new
    assert linker.index.get(story_id).articles == ("budget-1",)  # type: ignore[union-attr]
    assert linker.text_model.documents == 1


def test_stories_far_apart_in_time_never_join():
    text = EVENTS["budget"][2]
    story_of = link([features("b1", "budget", text, 0), features("b2", "budget", text, 60)])
    assert story_of["b1"] != story_of["b2"]


def test_stories_candidates_come_from_shared_keys_not_a_scan():
    index = InMemoryStoryIndex()
    linker = StoryLinker(index)
    for article in corpus():
        linker.add(article)
    probe = features("probe", "ferry", FOLLOW_UP["ferry"], 1)
    found = index.candidates(linker.article_keys(probe), limit=25)
    assert found and all("ferry" in index.stories[s].first_article for s in found[:1])
    assert len(found) < len(index)
    # An article sharing no name, place or rare word with any story finds no candidate.
    alien = ArticleFeatures("alien", DAY, None, "x", tuple(term_counts("zzyzx qwertz").items()),
                            (), (), (), ())
    assert index.candidates(linker.article_keys(alien), limit=25) == []


def test_stories_marks_are_the_numbers_and_the_years_and_months_of_dates():
    found = dict(marks("Flaw CVE 2008-4844 hit 1,200 sites, up 3.5 percent.", ("2008-12-17",)))
    # Thousands separators go, decimals stay; a hyphen splits two numbers.
    assert found == {"#2008": 1, "#4844": 1, "#1200": 1, "#3.5": 1, "@2008": 1, "@2008-12": 1}


def _flaw(article_id: str, text: str, year: str) -> ArticleFeatures:
    # Two Internet Explorer flaws years apart: the same words, company and product.
    return ArticleFeatures(
        article_id=article_id, published=None, source=None, title=text[:40],
        terms=tuple(term_counts(text).items()),
        entities=(("org:microsoft", 2), ("product:internet explorer", 2)), places=(),
        incident_types=(), dates=(), marks=marks(text, (f"{year}-12-17",)))


# Two outlets each on two Internet Explorer flaws five years apart.
FLAWS = {
    "ie-2008-a": ("2008", "Microsoft rushed out an emergency patch on December 17, 2008 for a "
                  "flaw in Internet Explorer 7 that attackers used on 10,000 web pages."),
    "ie-2008-b": ("2008", "An Internet Explorer 7 flaw exploited on 10,000 sites got a Microsoft "
                  "fix out of the usual cycle on 17 December 2008, the company said."),
    "ie-2013-a": ("2013", "Microsoft rushed out a temporary fix on September 17, 2013 for a "
                  "flaw in Internet Explorer 8 and 9 exploited in targeted attacks in Asia."),
    "ie-2013-b": ("2013", "Attacks on an Internet Explorer 8 and 9 flaw led Microsoft to issue "
                  "a fix it tool on 17 September 2013, ahead of its usual patch."),
}


def test_stories_numbers_and_dates_keep_apart_two_events_told_in_the_same_words():
    articles = [_flaw(article_id, text, year) for article_id, (year, text) in FLAWS.items()]
    # Four articles give flat term weights: the bar is set between the two gaps.
    story_of = link(articles, LinkSettings(threshold=0.6))
    assert story_of["ie-2008-a"] == story_of["ie-2008-b"]
    assert story_of["ie-2013-a"] == story_of["ie-2013-b"]
    assert story_of["ie-2008-a"] != story_of["ie-2013-a"]
    # Without the marks, the words and names alone put the two flaws in one story.
    blind = link(articles, LinkSettings(threshold=0.6, mark_weight=0.0))
    assert len(set(blind.values())) == 1


def test_stories_story_keeps_its_marks_beside_its_terms_and_gives_them_back_on_relink():
    linker = StoryLinker(InMemoryStoryIndex())
    first = _flaw("ie-1", FLAWS["ie-2008-a"][1], "2008")
    second = _flaw("ie-2", FLAWS["ie-2008-b"][1], "2008")
    linker.add(first)
    story_id = linker.add(second).story_id
    story = linker.index.get(story_id)
    assert story is not None and story.size == 2
    assert {"#2008", "#7", "#10000", "@2008", "@2008-12"} <= {k for k, _ in story.terms
                                                               if is_mark(k)}
    again = linker.relink(second)
    assert again.story_id == story_id
    assert linker.index.get(story_id).size == 2  # type: ignore[union-attr]


def test_stories_rebuild_links_a_batch_like_add_and_keeps_same_kind_events_apart():
    articles = corpus()
    story_of = stories_of(StoryLinker(InMemoryStoryIndex()).rebuild(articles))
    for event in EVENTS:
        assert story_of[f"{event}-1"] == story_of[f"{event}-2"], event
    assert len(set(story_of.values())) == len(EVENTS)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        other = stories_of(StoryLinker(InMemoryStoryIndex()).rebuild(shuffled))
        assert bcubed(story_of, other)[2] == 1.0, seed  # type: ignore[arg-type]


def test_stories_rebuild_leaves_stories_in_the_index_and_skips_linked_articles():
    index = InMemoryStoryIndex()
    linker = StoryLinker(index)
    articles = corpus()
    story_of = stories_of(linker.rebuild(articles))
    assert len(index) == len(EVENTS)
    for article in articles:
        assert index.story_of(article.article_id) == story_of[article.article_id]
    story = index.get(story_of["ferry-1"])
    assert story is not None and set(story.articles) == {"ferry-1", "ferry-2"}
    assert linker.rebuild(articles) == [] and linker.text_model.documents == len(articles)


def test_stories_rebuild_ties_an_article_to_its_best_matches_only():
    # With a bar low enough for the two earthquakes to match each other, each report is tied
    # only to its best match (the other report of its own earthquake) and they stay apart.
    quakes = [a for a in corpus() if a.article_id.startswith("quake")]
    low = LinkSettings(threshold=0.02, neighbours=1)
    story_of = stories_of(StoryLinker(InMemoryStoryIndex(), low).rebuild(quakes))
    assert story_of["quake-chile-1"] == story_of["quake-chile-2"]
    assert story_of["quake-japan-1"] == story_of["quake-japan-2"]
    assert story_of["quake-chile-1"] != story_of["quake-japan-1"]
    # Tied to their two best, the reports reach the other earthquake too.
    loose = LinkSettings(threshold=0.02, neighbours=2)
    merged = stories_of(StoryLinker(InMemoryStoryIndex(), loose).rebuild(quakes))
    assert len(set(merged.values())) == 1


def test_stories_rebuild_never_ties_reports_further_apart_than_the_window():
    text = EVENTS["budget"][2]
    batch = [features("b1", "budget", text, 0), features("b2", "budget", text, 30),
             features("b3", "budget", text, 31)]
    story_of = stories_of(StoryLinker(InMemoryStoryIndex()).rebuild(batch))
    assert story_of["b2"] == story_of["b3"] != story_of["b1"]


def test_stories_rebuild_streamed_after_counting_gives_the_same_stories():
    articles = sorted(corpus(), key=lambda a: (a.published, a.article_id))
    at_once = stories_of(StoryLinker(InMemoryStoryIndex()).rebuild(articles))
    streamed = StoryLinker(InMemoryStoryIndex())
    for article in articles:
        streamed.count(article)
    story_of = stories_of(streamed.rebuild(iter(articles), counted=True))
    assert bcubed(at_once, story_of)[2] == 1.0  # type: ignore[arg-type]


def test_stories_rebuild_makes_identical_undated_copies_one_story_that_chains_no_events():
    # The budget deal reported on day 0 and, as a new event worded alike, on day 60; an
    # undated report matches both. Its identical copies are duplicates of it: one story, and
    # neither it nor its copies may chain the two dated events together.
    text = EVENTS["budget"][2]
    undated = [replace(features(f"u{n}", "budget", FOLLOW_UP["budget"], 0), published=None)
               for n in range(6)]
    dated = [features("d1", "budget", text, 0), features("d2", "budget", text, 60)]
    linker = StoryLinker(InMemoryStoryIndex())
    story_of = stories_of(linker.rebuild([*undated, *dated]))
    assert len({story_of[a.article_id] for a in undated}) == 1
    assert story_of["d1"] != story_of["d2"]


def test_stories_reports_naming_days_weeks_apart_are_different_events():
    # Two reports a few days apart that share their company, words and people: one tells of
    # what happened on 10 January, the other of a quarter that ended on 30 December.
    launch, results = EVENTS["budget"][2], FOLLOW_UP["budget"]
    batch = [replace(features("launch", "budget", launch, 0), dates=("2007-01-10",)),
             replace(features("results", "budget", results, 2),
                     dates=("2006-12-25", "2006-12-30"))]
    for linker_settings in (LinkSettings(), LinkSettings(day_slack=None)):
        apart = linker_settings.day_slack is not None
        story_of = stories_of(StoryLinker(InMemoryStoryIndex(), linker_settings).rebuild(batch))
        assert (story_of["launch"] != story_of["results"]) is apart
        story_of = link(batch, linker_settings)
        assert (story_of["launch"] != story_of["results"]) is apart
    # A day both name, or days within a week, keep them together.
    near = [replace(batch[0], dates=("2007-01-10",)),
            replace(batch[1], dates=("2006-12-30", "2007-01-05"))]
    assert len(set(stories_of(StoryLinker(InMemoryStoryIndex()).rebuild(near)).values())) == 1


def test_stories_rebuild_never_bridges_two_dated_events_through_an_undated_report():
    # Two dated reports 12 days apart tell of different days (so never tie to each other);
    # an undated report matches both: it may join one of them, not make them one story.
    text = EVENTS["budget"][2]
    first = replace(features("d1", "budget", text, 0), dates=("2026-03-20",))
    second = replace(features("d2", "budget", text, 12), dates=("2026-04-10",))
    bridge = replace(features("u", "budget", FOLLOW_UP["budget"], 0), published=None)
    story_of = stories_of(StoryLinker(InMemoryStoryIndex()).rebuild([bridge, first, second]))
    assert story_of["d1"] != story_of["d2"]
    assert story_of["u"] in (story_of["d1"], story_of["d2"])
