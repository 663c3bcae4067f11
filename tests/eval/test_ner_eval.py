import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.eval.ner import read_conll
from dateline.eval.scoring import PRF, PerType

FIXTURE = Path(__file__).parents[1] / "fixtures" / "conll" / "eng.testa"


def test_ner_reader_rebuilds_text_and_iob1_spans():
    docs = list(read_conll(FIXTURE))
    assert len(docs) == 2
    first = docs[0]
    assert first.text.splitlines()[0] == "Jane Holloway visited Leeds on Monday ."
    spans = [(first.text[s:e], label) for s, e, label in first.spans]
    assert spans == [("Jane Holloway", "PER"), ("Leeds", "LOC"), ("Acme Corp", "ORG"),
                     ("Kenyan", "MISC")]
    # B- starts a new entity right after one of the same type (IOB1).
    second = docs[1]
    assert [(second.text[s:e], label) for s, e, label in second.spans] == [
        ("Paris", "LOC"), ("Berlin", "LOC")]


def test_scoring_prf_counts_and_per_type_totals():
    prf = PRF()
    prf.add([(0, 4, "PER"), (5, 9, "LOC")], [(0, 4, "PER"), (10, 12, "ORG")])
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 1)
    assert prf.precision == 0.5 and prf.recall == 0.5 and prf.f1 == 0.5
    per = PerType()
    per.add([(0, 4, "PER"), (5, 9, "MISC")], [(0, 4, "PER")])
    assert per.total().recall == 0.5
    assert per.total(exclude=frozenset({"MISC"})).f1 == 1.0


@pytest.mark.model
def test_ner_eval_cli_scores_the_fixture_as_json():
    result = CliRunner().invoke(cli, ["eval", "ner", "--data", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[0])
    assert out["task"] == "ner" and out["docs"] == 2
    metrics = out["metrics"]
    assert set(metrics) >= {"precision", "recall", "f1", "f1_no_misc", "per_type",
                            "baseline_f1_no_misc", "rules_f1_no_misc", "learned_f1_no_misc",
                            "PER_f1", "rules_ORG_f1", "learned_ORG_f1"}
    # The headline follows learned_ner (on by default); the pinned NER is scored beside it.
    assert metrics["f1_no_misc"] == metrics["learned_f1_no_misc"]
    assert 0.5 <= metrics["rules_f1_no_misc"] <= 1.0
    # Both NERs find the person.
    assert metrics["PER_f1"] == metrics["rules_PER_f1"] == metrics["learned_PER_f1"] == 1.0
    assert metrics["per_type"]["PER"]["support"] == 1
