"""Acceptance at the pure level: two reports of the NATO relocation form one story.

The seed article is read from ../shared/samples at test time and never copied into the
project. The second report (another outlet, a day later, other figures and sources) and the
unrelated article of the same kind (another mission withdrawn elsewhere) are written here.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import permutations

import pytest

from dateline.ingest.article import make_article
from dateline.link import (
    IncidentReport,
    InMemoryStoryIndex,
    StoryLinker,
    article_features,
    merge_incidents,
)
from dateline.pipeline import Pipeline
from dateline.records import Doc
from dateline.settings import Settings

pytestmark = pytest.mark.model

SECOND_REPORT = (
    "BRUSSELS (Dateline Wire) — The last NATO trainers have left Iraq, the alliance confirmed "
    "on Saturday, a day after announcing that NATO Mission Iraq had moved its staff to Europe.\n"
    "About 500 personnel served with the mission, which will now operate from Joint Force "
    "Command Naples in Italy, NATO spokesperson Allison Hart told reporters.\n"
    "Hart said the relocation was temporary and that cooperation with the government in "
    "Baghdad would continue.\n"
    "An Iraqi government spokesman said Baghdad had been consulted on the withdrawal.\n"
    "The mission, set up in 2018 to advise Iraqi security forces against a return of Daesh, "
    "is commanded by French General Christophe Hintzy.\n"
    "The U.S.-Israeli strikes on Iran that began on Feb. 28 have killed more than 1,500 "
    "people, the rights group HRANA said on Saturday."
)

UNRELATED = (
    "JUBA, South Sudan (Dateline Wire) — The United Nations said on Thursday it had withdrawn "
    "its civilian staff from Malakal in South Sudan to Entebbe, Uganda, after fighting "
    "between rival militias moved close to the town.\n"
    "About 120 UN employees left on two flights, a spokesman for the UN Mission in South "
    "Sudan, Stephane Dujarric, said in New York.\n"
    "Peacekeepers will stay to protect civilians at the camp in Malakal, he said.\n"
    "Clashes near the town have killed at least 30 people this week, according to local "
    "officials."
)


def pipeline_doc(text: str, published: str, source: str) -> Doc:
    article = make_article(text, published=published, source=source, check_language=False)
    return Pipeline.from_settings(Settings())(article)


@pytest.fixture(scope="module")
def docs(request) -> dict[str, Doc]:
    samples = request.getfixturevalue("samples")
    seed = (samples / "nato-iraq.txt").read_text(encoding="utf-8")
    return {"seed": pipeline_doc(seed, "2026-03-20", "AFP"),
            "second": pipeline_doc(SECOND_REPORT, "2026-03-21", "Dateline Wire"),
            "unrelated": pipeline_doc(UNRELATED, "2026-03-19", "UN News")}


@pytest.mark.parametrize("order", list(permutations(("seed", "second", "unrelated"))))
def test_nato_story_two_reports_join_and_the_unrelated_withdrawal_does_not(docs, order):
    linker = StoryLinker(InMemoryStoryIndex())
    for name in order:
        linker.add(article_features(docs[name]))
    ids = {name: linker.index.story_of(docs[name].article.id) for name in docs}
    assert ids["seed"] == ids["second"]
    assert ids["unrelated"] != ids["seed"]


def test_nato_story_incident_keeps_both_figures_with_their_sources(docs):
    reports = [IncidentReport(docs[name].article.id, incident, docs[name].article.published,
                              docs[name].article.source)
               for name in ("seed", "second") for incident in docs[name].incidents]
    merged = merge_incidents("story", reports)
    with_killed = [m for m in merged if any(f.predicate == "killed" for f in m.figures)]
    assert len(with_killed) == 1, [(m.type, m.location, m.figures) for m in merged]
    incident = with_killed[0]
    assert incident.type == "ASSAULT" and {r.article_id for r in incident.reports} == {
        docs["seed"].article.id, docs["second"].article.id}
    (series,) = [f for f in incident.figures if f.predicate == "killed"]
    given = {(r.value, r.said_by, r.outlet) for r in series.reports}
    assert given == {(Decimal(1300), "Iranian authorities", "AFP"),
                     (Decimal(1500), "HRANA", "Dateline Wire")}
    assert series.latest.value == Decimal(1500)
    assert len(series.disagreements) == 1
    (revision,) = series.revisions
    assert (revision.before.value, revision.after.value) == (Decimal(1300), Decimal(1500))
    # The relocation itself is one incident reported by both outlets.
    retreats = [m for m in merged if m.type == "RETREAT"]
    assert any(len({r.article_id for r in m.reports}) == 2 for m in retreats), \
        [(m.type, m.location, [r.article_id for r in m.reports]) for m in retreats]
