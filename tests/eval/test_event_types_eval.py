"""CASE 2021 event-type scorer: reading snippets, choosing the main event, mapping, scoring."""

from pathlib import Path

import pytest

from dateline.errors import ConfigError, FormatError
from dateline.eval import event_types
from dateline.eval.event_types import main_event, predict_subtype, read_snippets, score
from dateline.records import Article, Doc, Event, Ref, Span
from dateline.settings import Settings

FIXTURE = Path(__file__).parents[1] / "fixtures" / "case2021" / "snippets.tsv"
TEXT = "Rebels may attack the town. Warplanes bombed the town. Talks will resume."


def event(type_, mode=None, *, word, factuality="asserted", confidence=0.7, context=(),
          actors=()):
    start = TEXT.index(word)
    return Event(start, start + len(word), word, type=type_, mode=mode,
                 trigger=Span(start, start + len(word), word), factuality=factuality,
                 confidence=confidence, context=context, actors=actors)


def doc_with(*events):
    sentences = (Span(0, 27, TEXT[0:27]), Span(28, 54, TEXT[28:54]), Span(55, 73, TEXT[55:73]))
    return Doc(article=Article(id="a", text=TEXT), sentences=sentences, events=events)


def test_event_types_reads_the_tsv_columns():
    snippets = list(read_snippets(FIXTURE))
    assert [s.id for s in snippets] == ["1", "2", "3", "4", "5"]
    assert snippets[1].subtype == "ARREST" and snippets[1].text.startswith("Police arrested 14")


def test_event_types_rejects_files_without_the_header(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("snippet\tsubtype\nRebels attacked.\tATTACK\n", encoding="utf-8")
    with pytest.raises(FormatError, match="header"):
        list(read_snippets(bad))
    with pytest.raises(ConfigError, match="No CASE 2021"):
        event_types.find_files(tmp_path)


def test_event_types_score_micro_is_accuracy_and_macro_averages_every_label():
    metrics = score(["A", "A", "B", "C"], ["A", "B", "B", "C"])
    assert metrics["micro_f1"] == 0.75
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3, abs=1e-4)
    assert metrics["per_type"]["B"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667,
                                        "support": 1}


def test_event_types_score_counts_labels_only_predicted():
    metrics = score(["A", "A"], ["A", "Z"])
    assert set(metrics["per_type"]) == {"A", "Z"} and metrics["macro_f1"] == pytest.approx(
        (2 / 3 + 0) / 2, abs=1e-4)


def test_event_types_main_event_prefers_an_asserted_material_event_with_a_mode():
    hypothetical = event("ASSAULT", word="attack", factuality="hypothetical")
    bombing = event("ASSAULT", "aerial", word="bombed")
    talks = event("CONSULT", word="Talks", factuality="future")
    doc = doc_with(hypothetical, bombing, talks)
    assert main_event(doc) is bombing
    assert predict_subtype(doc) == "AIR_STRIKE"


def test_event_types_main_event_prefers_the_lead_when_all_else_is_equal():
    first = event("ASSAULT", word="attack")
    second = event("ASSAULT", word="bombed")
    assert main_event(doc_with(first, second)) is first


@pytest.mark.parametrize("events, expected", [
    ((), "OTHER"),
    ((event("COERCE", "occupy", word="attack", context=("territory",),
            actors=(Ref(0, 6, "Rebels"),)),), "NON_STATE_ACTOR_OVERTAKES_TER"),
    ((event("ASSAULT", "explosives", word="bombed", context=("responsibility",)),), "ATTRIB"),
    ((event("CONSULT", word="Talks"),), "DIPLO"),
])
def test_event_types_predict_maps_type_mode_context_and_actor_sector(events, expected):
    assert predict_subtype(doc_with(*events)) == expected


@pytest.mark.model
def test_event_types_run_scores_a_file_end_to_end():
    (result,) = event_types.run(FIXTURE, limit=None, settings=Settings())
    metrics = result.metrics
    assert result.docs == 5 and metrics["failed"] == 0
    assert metrics["micro_f1"] == 1.0 and metrics["macro_f1"] == 1.0
    assert metrics["baseline_micro_f1"] == 0.2 and metrics["coverage"] >= 0.8
    assert metrics["per_type"]["AIR_STRIKE"]["f1"] == 1.0


@pytest.mark.model
def test_event_types_run_reports_both_sides_of_learned_triggers():
    (off,) = event_types.run(FIXTURE, limit=None, settings=Settings())
    (on,) = event_types.run(FIXTURE, limit=None, settings=Settings(learned_triggers=True))
    assert off.metrics["lexicon_macro_f1"] == off.metrics["macro_f1"]
    assert on.metrics["learned_macro_f1"] == on.metrics["macro_f1"]
    assert {k: off.metrics[k] for k in ("lexicon_micro_f1", "learned_micro_f1")} == \
        {k: on.metrics[k] for k in ("lexicon_micro_f1", "learned_micro_f1")}
