"""Reading It Happened and MEANTIME factuality gold, on tiny files written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.eval.factuality import f1, run, scores
from dateline.eval.factuality_data import (
    held_out,
    meantime_class,
    read_conllu,
    read_it_happened,
)
from dateline.settings import Settings

CONLLU = """# sent_id = a
1\tShe\tshe\tPRON\tPRP\t_\t3\tnsubj\t_\t_
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tneg\t_\t_
4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tWe\twe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\twon\twin\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t!\t!\tPUNCT\t.\t_\t2\tpunct\t_\t_
"""
HEADER = "Split\tAnnotator.ID\tDisplay.Position\tSentence.ID\tPred.Token\tPred.Lemma\t" \
         "Is.Predicate\tIs.Understandable\tHappened\tConfidence\tKeep\n"
ROWS = [("toy.conllu 1", 4, "false", 4, "True"), ("toy.conllu 1", 4, "false", 3, "True"),
        ("toy.conllu 2", 2, "true", 4, "True"), ("toy.conllu 2", 2, "false", 1, "True"),
        ("toy.conllu 2", 2, "false", 4, "False"), ("toy.conllu 2", 2, "na", 4, "True")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "toy.conllu").write_text(CONLLU, encoding="utf-8")
    lines = [f"dev\t1\t1\t{s}\t{t}\tx\tTrue\tTrue\t{h}\t{c}\t{k}\n" for s, t, h, c, k in ROWS]
    (tmp_path / "it-happened-toy.tsv").write_text(HEADER + "".join(lines), encoding="utf-8")
    return tmp_path


def test_factuality_conllu_spaces_words_and_contractions() -> None:
    text, words = read_conllu_text(CONLLU)
    assert text == "She didn't go."
    assert [text[a:b] for a, b in words] == ["She", "did", "n't", "go", "."]


def read_conllu_text(body: str) -> tuple[str, list[tuple[int, int]]]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.conllu"
        path.write_text(body, encoding="utf-8")
        return read_conllu(path)[0]


def test_factuality_it_happened_majority_and_ties_by_confidence(folder: Path) -> None:
    found = list(read_it_happened(folder / "it-happened-toy.tsv"))
    assert [(p.text[p.start:p.end], p.label) for p in found] == [
        ("go", "not_happened"), ("won", "happened")]  # 1 vs 1 kept votes, the surer wins


def test_factuality_meantime_attributes_map_to_four_classes() -> None:
    assert meantime_class({"polarity": "NEG", "time": "FUTURE"}) == "negated"
    assert meantime_class({"certainty": "POSSIBLE", "polarity": "POS"}) == "hypothetical"
    assert meantime_class({"certainty": "CERTAIN", "special_cases": "COND_MAIN_CLAUSE"}) == \
        "hypothetical"
    assert meantime_class({"certainty": "CERTAIN", "time": "FUTURE"}) == "future"
    assert meantime_class({"certainty": "CERTAIN", "time": "NON_FUTURE"}) == "asserted"
    assert meantime_class({"certainty": "", "polarity": "", "time": ""}) is None


def test_factuality_split_is_fixed() -> None:
    groups = [f"doc{n}" for n in range(200)]
    assert [held_out(g) for g in groups] == [held_out(g) for g in groups]
    assert 60 < sum(held_out(g) for g in groups) < 140


def test_factuality_scores_count_the_rare_class() -> None:
    gold = ["asserted", "negated", "future", "asserted"]
    assert f1(gold, ["asserted", "negated", "asserted", "asserted"], "negated") == 1.0
    result = scores(gold, ["asserted"] * 4, binary=False)
    assert result["accuracy"] == 0.5
    assert result["macro_f1"] == pytest.approx((2 / 3) / 4, abs=1e-4)  # asserted alone scores


@pytest.mark.model
def test_factuality_eval_scores_only_the_held_out_part(folder: Path) -> None:
    [result] = run(folder, limit=None, settings=Settings())
    held = [g for g in ("toy.conllu:0",) if held_out(g)]
    assert result.metrics["predicates"] == (2 if held else 0)
    assert result.metrics["trained_on"] == (0 if held else 2)
    assert "rules_accuracy" in result.metrics and "baseline_accuracy" in result.metrics
