"""Incidents scorer: GVA reader with places and days, the reported incident, the tallies, the CLI."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.eval.incidents import Case, Tally, read_cases, reported_incident
from dateline.records import Figure, Incident
from dateline.settings import Settings

# Written for these tests, in the GVA files' shape; kept here rather than under fixtures/ so
# that the casualties scorer's search of fixtures/ finds one GVA folder only.
INCIDENTS = [
    {"incident_id": "11", "date": "March 14, 2026", "state": "Ohio", "num_killed": 1,
     "num_injured": 2, "lat_long": [39.7589, -84.1916]},
    {"incident_id": "12", "date": "March 9, 2026", "state": "Oregon", "num_killed": 0,
     "num_injured": 1, "lat_long": [44.9429, -123.0351]},
]
ARTICLES = [
    {"id": "b1", "incident_id": "11", "title": "One killed, two hurt in Dayton shooting",
     "dct": "2026-03-15",
     "content": "DAYTON, Ohio — One man was killed and two others were wounded in a shooting "
                "in Dayton on Saturday night, police said.\n\nOfficers found the victims "
                "outside a bar on Main Street."},
    {"id": "b2", "incident_id": "12", "title": "Woman hurt", "dct": "2026-03-10",
     "content": "A woman was shot and injured in Salem, Oregon on Monday, police said. She was "
                "taken to a hospital."},
    {"id": "b3", "incident_id": "12", "title": "Empty page", "dct": "2026-03-11",
     "content": "Subscribe to our newsletter."},
]


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    (tmp_path / "incidents.jsonl").write_text(_jsonl(INCIDENTS), encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text(_jsonl(ARTICLES), encoding="utf-8")
    return tmp_path


def test_incidents_eval_reader_joins_gold_place_and_day(fixture):
    cases = list(read_cases(fixture))
    assert [c.article_id for c in cases] == ["b1", "b2", "b3"]
    assert (cases[0].day, cases[0].point) == (date(2026, 3, 14), (39.7589, -84.1916))


def _incident(n, type_, **killed_injured):
    figures = tuple(Figure(0, 1, "x", predicate=kind, value=Decimal(value))
                    for kind, value in killed_injured.items())
    return Incident(0, 1, "x", id=f"i{n}", type=type_, figures=figures)


def test_incidents_eval_reports_the_incident_with_the_most_people_harmed():
    talks = _incident(1, "CONSULT")
    shooting = _incident(2, "ASSAULT", killed=1, injured=2)
    older = _incident(3, "ASSAULT", killed=2)
    assert reported_incident([talks, shooting, older]).id == "i2"
    # Among equals, violence, an accident or a disaster first; then the first told.
    assert reported_incident([talks, _incident(4, "ASSAULT")]).id == "i4"
    assert reported_incident([]) is None


def test_incidents_eval_tally_counts_misses_and_unlocated_articles():
    tally = Tally()
    gold = Case("a", "", None, None, date(2026, 3, 14), (39.76, -84.19))
    tally.add(gold, (39.76, -84.19), date(2026, 3, 14))      # right on both
    tally.add(gold, (39.76, -84.60), date(2026, 3, 15))      # 35 km off, a day late
    tally.add(gold, None, None)                              # nothing found
    figures = tally.as_dict()
    assert figures["loc_acc_25km"] == pytest.approx(1 / 3, abs=1e-4)
    assert figures["loc_acc_161km"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["located"] == pytest.approx(2 / 3, abs=1e-4)
    assert (figures["date_exact"], figures["date_within1"]) == (
        pytest.approx(1 / 3, abs=1e-4), pytest.approx(2 / 3, abs=1e-4))


@pytest.mark.model
def test_incidents_eval_cli_scores_written_reports_against_their_baselines(fixture):
    result = CliRunner().invoke(cli, ["eval", "incidents", "--data", str(fixture), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.splitlines()[0])["metrics"]
    # b1 and b2 are placed and dated right; b3 is a page with no report.
    assert metrics["loc_acc_25km"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["date_exact"] == pytest.approx(2 / 3, abs=1e-4)
    # The publication day is a day late for both reports.
    assert metrics["baseline_date_exact"] == 0.0


def test_incidents_eval_an_article_the_pipeline_fails_on_counts_as_a_miss(fixture, monkeypatch):
    from dateline.eval import incidents

    def fail_on_first(articles, settings):
        return [None] + [((39.7589, -84.1916), date(2026, 3, 14), None)] * (len(articles) - 1)

    monkeypatch.setattr(incidents, "predictions", fail_on_first)
    [result] = incidents.run(fixture, limit=None, settings=Settings())
    assert result.metrics["failed"] == 1
    assert result.docs == 3  # the failed article stays in the figures, as a miss
    assert result.metrics["located"] == pytest.approx(2 / 3, abs=1e-4)
