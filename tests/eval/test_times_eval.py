"""The times scorer: TimeML reading, TempEval-3 matching, and a run on hand-made gold files."""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import ConfigError, FormatError
from dateline.eval.timeml import find_tml, read_folder, read_tml
from dateline.eval.times import Found, as_timeml, canonical_value, run, score
from dateline.records import TimeRef
from dateline.settings import Settings

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "timeml"


def test_times_eval_reads_text_creation_time_and_timex_spans():
    doc = read_tml(GOLD / "newswire" / "ministers.tml")
    assert doc.name == "ministers"
    assert doc.created == date(2026, 3, 20)
    assert doc.text.startswith("\nThe ministers met on Tuesday and will meet again next week.\n")
    assert "since May 2025, & the talks" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Tuesday", "DATE", "2026-03-17"), ("next week", "DATE", "2026-W13"),
        ("May 2025", "DATE", "2025-05"), ("three days", "DURATION", "P3D")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_times_eval_finds_files_recursively_and_names_their_corpus():
    assert [p.name for p in find_tml(GOLD)] == ["ministers.tml", "club.tml"]
    docs = list(read_folder(GOLD))
    assert [(d.name, d.corpus) for d in docs] == [("ministers", "newswire"), ("club", "sports")]
    assert [d.name for d in read_folder(GOLD, limit=1)] == ["ministers"]
    assert [d.corpus for d in read_folder(GOLD / "sports" / "club.tml")] == [""]


def test_times_eval_refuses_a_file_that_is_not_timeml(tmp_path):
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed</TimeML>", encoding="utf-8")
    with pytest.raises(FormatError):
        read_tml(bad)
    no_text = tmp_path / "no_text.tml"
    no_text.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(FormatError, match="no <TEXT>"):
        read_tml(no_text)


@pytest.mark.parametrize(("gold", "system", "expected"), [
    # Exact span and value: everything counts.
    ([Found(0, 7, "DATE", "2026-03-17")], [Found(0, 7, "DATE", "2026-03-17")],
     {"strict": 1, "relaxed": 1, "value": 1, "type": 1}),
    # Overlap only: relaxed and value, not strict.
    ([Found(10, 21, "DURATION", "P9M")], [Found(0, 21, "DURATION", "P9M")],
     {"strict": 0, "relaxed": 1, "value": 1, "type": 1}),
    # A wrong value still matches the span.
    ([Found(0, 9, "DATE", "1999-WXX")], [Found(0, 9, "DATE", "1999-W05")],
     {"strict": 1, "relaxed": 1, "value": 0, "type": 1}),
    # No value (nothing to anchor) is never right.
    ([Found(0, 9, "DATE", "1999-W05")], [Found(0, 9, "DATE", None)],
     {"strict": 1, "relaxed": 1, "value": 0, "type": 1}),
    # One to one: two found expressions inside one gold span make one match and one extra.
    ([Found(0, 20, "DATE", "2026-03")], [Found(0, 5, "DATE", "2026-03"),
                                         Found(6, 20, "DATE", "2026-03")],
     {"strict": 0, "relaxed": 1, "value": 1, "type": 1}),
    # Disjoint spans: nothing matches.
    ([Found(0, 5, "DATE", "2026")], [Found(6, 9, "DATE", "2026")],
     {"strict": 0, "relaxed": 0, "value": 0, "type": 0}),
])
def test_times_eval_scores_tempeval3_matches(gold, system, expected):
    counts = score(gold, system)
    assert (counts.gold, counts.system) == (len(gold), len(system))
    assert {k: getattr(counts, k) for k in expected} == expected


def test_times_eval_metrics_are_precision_recall_and_f1():
    counts = score([Found(0, 5, "DATE", "2026"), Found(10, 15, "DATE", "2025")],
                   [Found(0, 5, "DATE", "2026"), Found(10, 15, "DATE", "2024"),
                    Found(20, 25, "SET", "P1W")])
    metrics = counts.metrics()
    assert metrics["strict_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["strict_recall"] == 1.0
    assert metrics["strict_f1"] == 0.8
    assert metrics["value_f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5), abs=1e-4)


@pytest.mark.parametrize(("value", "canonical"), [
    ("2000-W8", "2000-W08"), ("2000-W08", "2000-W08"), ("1989-W44-WE", "1989-W44-WE"),
    ("p3y", "P3Y"), ("2000-W8-WE", "2000-W08-WE"), (None, None),
])
def test_times_eval_canonical_value_pads_week_numbers(value, canonical):
    assert canonical_value(value) == canonical


def test_times_eval_scores_intervals_by_their_ends():
    part = TimeRef(6, 14, "May 2025", value="2025-05", precision="month")
    interval = TimeRef(0, 14, "since May 2025", value="2025-05/..", precision="month",
                       kind="interval", parts=(part,))
    duration = TimeRef(20, 30, "three days", value="P3D", precision="day", kind="duration")
    assert as_timeml([interval, duration]) == [Found(6, 14, "DATE", "2025-05"),
                                               Found(20, 30, "DURATION", "P3D")]


@pytest.mark.model
def test_times_eval_run_scores_the_hand_made_gold():
    result = run(GOLD, limit=None, settings=Settings())
    assert (result.task, result.dataset, result.docs) == ("times", "timeml", 2)
    m = result.metrics
    assert (m["gold"], m["found"], m["failures"]) == (7, 7, 0)
    assert m["strict_f1"] == pytest.approx(5 / 7, abs=1e-4)
    assert m["relaxed_f1"] == pytest.approx(6 / 7, abs=1e-4)
    assert m["value_f1"] == pytest.approx(5 / 7, abs=1e-4)
    assert 0.0 <= m["baseline_value_f1"] <= 1.0
    assert result.notes == (
        "newswire: 1 docs, value_f1 1.000, relaxed_f1 1.000, strict_f1 1.000",
        "sports: 1 docs, value_f1 0.333, relaxed_f1 0.667, strict_f1 0.333")


def test_times_eval_run_refuses_a_folder_without_timeml(tmp_path):
    with pytest.raises(ConfigError, match="No TimeML"):
        run(tmp_path, limit=None, settings=Settings())


@pytest.mark.model
def test_times_eval_cli_prints_json():
    outcome = CliRunner().invoke(cli, ["eval", "times", "--data", str(GOLD), "--json"])
    assert outcome.exit_code == 0, outcome.output
    payload = json.loads(outcome.output.strip().splitlines()[-1])
    assert (payload["task"], payload["dataset"], payload["docs"]) == ("times", "timeml", 2)
    assert set(payload["metrics"]) >= {"strict_f1", "relaxed_f1", "value_f1",
                                       "strict_precision", "strict_recall",
                                       "relaxed_precision", "relaxed_recall",
                                       "baseline_value_f1"}
