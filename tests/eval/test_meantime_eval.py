"""MEANTIME scorer: rebuilding text from tokens, span matching, values, arguments, end to end."""

from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.eval import meantime
from dateline.eval.meantime import (
    AGENT,
    PATIENT,
    Predicted,
    detokenize,
    match_spans,
    read_document,
    score_arguments,
    score_spans,
    score_values,
)
from dateline.settings import Settings

FOLDER = Path(__file__).parents[1] / "fixtures" / "meantime"
FIXTURE = FOLDER / "1_Rebels_attack_army_convoy.xml"


def span_of(text, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def test_meantime_detokenize_spaces_words_not_punctuation():
    text, spans = detokenize([("1", 0, "Apple"), ("2", 0, "("), ("3", 0, "AAPL"),
                              ("4", 0, ")"), ("5", 0, "rose"), ("6", 0, "5"), ("7", 0, "%"),
                              ("8", 0, ","), ("9", 0, "``"), ("10", 0, "wow"), ("11", 0, "''"),
                              ("12", 1, "Next"), ("13", 1, "$"), ("14", 1, "9"), ("15", 1, ".")])
    assert text == 'Apple (AAPL) rose 5%, "wow"\nNext $9.'
    assert text[slice(*spans["3"])] == "AAPL" and text[slice(*spans["13"])] == "$"


def test_meantime_reads_text_markables_and_creation_time():
    gold = read_document(FIXTURE)
    assert gold.text.splitlines()[2].startswith("Rebels attacked an army convoy near Goma")
    assert gold.published == "2010-03-03"
    assert {gold.text[a:b] for a, b in gold.events.values()} == {
        "attack", "attacked", "killing", "said", "respond"}
    assert [(gold.text[a:b], v) for (a, b), v in gold.timexes] == [
        ("March 3, 2010", "2010-03-03"), ("Tuesday", "2010-03-02")]
    assert [gold.text[a:b] for a, b in gold.values] == ["5"]
    # Only Arg0 and Arg1 are kept; the location role is not an agent or a patient.
    assert ("11", "3", AGENT) in gold.participants and ("11", "4", PATIENT) in gold.participants
    assert len(gold.participants) == 7
    # The last sentence has no markable, so nothing in it is scored.
    assert gold.text[:gold.scored_until].endswith("would respond.")


def test_meantime_find_files_needs_cat_xml(tmp_path):
    (tmp_path / "other.xml").write_text("<root/>", encoding="utf-8")
    with pytest.raises(ConfigError, match="No MEANTIME"):
        meantime.find_files(tmp_path)
    assert meantime.find_files(FOLDER) == [FIXTURE]


def test_meantime_match_spans_is_one_to_one_in_order():
    assert match_spans([(0, 5), (10, 15)], [(1, 2), (3, 4), (11, 12)]) == {0: 0, 2: 1}
    prf = score_spans([(0, 5), (10, 15)], [(1, 2), (3, 4), (20, 22)])
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 1)


def test_meantime_time_values_count_only_when_the_value_is_right():
    gold = [((0, 5), "2010-03-02"), ((10, 15), "P1Y")]
    prf = score_values(gold, [((0, 5), "2010-03-02"), ((10, 14), "P2Y"), ((30, 35), "2010")])
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 1)


def test_meantime_arguments_need_the_event_the_participant_and_the_role():
    gold = read_document(FIXTURE)
    text = gold.text
    attacked = span_of(text, "attacked")
    predicted = Predicted(
        triggers=[attacked],
        arguments=[(attacked, span_of(text, "Rebels", 1), AGENT),
                   (attacked, span_of(text, "army convoy", 1), AGENT)],
        timexes=[], values=[])
    prf = score_arguments(gold, predicted)
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 6)
    found = score_arguments(gold, predicted, found_events_only=True)
    assert (found.tp, found.fp, found.fn) == (1, 1, 1)


@pytest.mark.model
def test_meantime_run_scores_the_fixture_end_to_end():
    (result,) = meantime.run(FOLDER, limit=None, settings=Settings())
    metrics = result.metrics
    assert result.docs == 1 and metrics["failed"] == 0
    assert metrics["gold_events"] == 5 and metrics["gold_timexes"] == 2
    # dateline codes the attack (not "said" or "respond"): every trigger it emits is an event.
    assert metrics["event_trigger_precision"] == 1.0
    assert 0.2 <= metrics["event_trigger_recall"] <= 0.6
    assert metrics["argument_f1_found_events"] >= 0.5
    assert all(0.0 <= metrics[k] <= 1.0 for k in ("timex_value_f1", "value_mention_f1"))
