"""The PolNeAR reader and the quotes scorer, on two hand-made articles under fixtures/polnear."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.eval.polnear import GoldAttribution, find_folders, parse_ann, read_folder
from dateline.eval.quotes import (
    GoldQuote,
    Predicted,
    QuoteScore,
    baseline_quotes,
    gold_quotes,
    is_direct,
    is_speech,
    match,
    quoted_words,
    word_starts,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "polnear"


def _docs():
    return list(read_folder(FIXTURE / "dev"))


def test_polnear_reader_finds_the_folder_and_reads_one_annotator_per_article():
    assert find_folders(FIXTURE) == [FIXTURE / "dev"]
    council, mayor = _docs()
    assert council.name == "fixture_2016-10-01_council-delays-vote"
    # The date comes from metadata.tsv when listed there, else from the file name.
    assert council.published == "2016-10-02" and mayor.published == "2016-10-03"
    assert len(council.attributions) == 4
    # The second annotator's file (_b2) holds one attribution; the first (_a1) three.
    assert len(mayor.attributions) == 3


def test_polnear_reader_joins_second_contents_and_keeps_sourceless_attributions():
    _, mayor = _docs()
    text = mayor.text
    said, criticism, headline = mayor.attributions
    assert [text[a:b] for a, b in said.content] == ["“The bridge will reopen in May,”",
                                                     "“Work is on schedule.”"]
    assert criticism.source == () and [text[a:b] for a, b in criticism.cue] == ["has faced criticism"]
    assert [text[a:b] for a, b in headline.source] == ["Mayor"]


def test_polnear_reader_sets_aside_discarded_text():
    attributions, set_aside = parse_ann("T1\tDiscard 5 20\tRead more here.\n"
                                        "T2\tDiscuss 30 40\tabcdefghij\n")
    assert attributions == [] and set_aside == ((5, 20), (30, 40))


def _attribution(text: str, cue: str, content: str) -> GoldAttribution:
    c, x = text.index(cue), text.index(content)
    return GoldAttribution((), ((c, c + len(cue)),), ((x, x + len(content)),))


@pytest.mark.parametrize(("text", "cue", "content", "speech"), [
    ("The mayor said the road was safe.", "said", "the road was safe", True),
    ("Voters believe the road is safe.", "believe", "the road is safe", False),
    ("The poll shows the race is tied.", "shows", "the race is tied", False),
    ("Officials were worried the dam would fail.", "were worried", "the dam would fail", False),
    ("Officials were worried “the dam would fail.”", "were worried", "“the dam would fail.”", True),
    ("According to police, two men fled.", "According to", "two men fled", True),
    ("Smith: we will win.", ":", "we will win", True),
    ("The senator lashed out at the plan.", "lashed out at", "the plan", True),
])
def test_quotes_scorer_tells_speech_from_thought_and_evidence(text, cue, content, speech):
    assert is_speech(text, _attribution(text, cue, content)) is speech


@pytest.mark.parametrize(("text", "direct"), [
    ("“We will win,”", True),
    ('"We will win."', True),
    ("the plan was “dead on arrival”", False),
    ("that the plan was dead", False),
])
def test_quotes_scorer_calls_a_quote_direct_only_when_quoted_throughout(text, direct):
    assert is_direct(text, ((0, len(text)),)) is direct


def test_quotes_scorer_calls_words_inside_paired_marks_direct_even_without_the_marks():
    text = "“The first paragraph goes on.\n\n“The second one ends here,” he said. He left."
    quoted = quoted_words(text)
    second = text.index("The second")
    # An annotator's range that leaves out the marks of a quote running over paragraphs.
    assert is_direct(text, ((second, second + len("The second one ends here")),), quoted)
    assert not is_direct(text, ((text.index("He left"), len(text) - 1),), quoted)


def test_quotes_scorer_compares_words_without_marks_or_leading_that():
    text = "He said that the plan was dead. “The plan was dead,” he said."
    first = word_starts(text, [(8, 30)])
    second = word_starts(text, [(32, 52)])
    assert [text[i:i + 4] for i in sorted(first)] == ["the ", "plan", "was ", "dead"]
    assert len(second) == 4


def _gold(words: set[int], source: set[int] = frozenset(), direct: bool = False) -> GoldQuote:
    return GoldQuote(frozenset(words), frozenset(source), bool(source), direct)


def _pred(words: set[int], speaker: set[int] = frozenset(), direct: bool = False) -> Predicted:
    return Predicted(frozenset(words), frozenset(speaker), bool(speaker), direct)


def test_quotes_scorer_matches_one_to_one_by_greatest_overlap():
    gold = [_gold({1, 2, 3}), _gold({4, 5})]
    # The wide prediction overlaps both gold quotes but may take only one.
    predicted = [_pred({1, 2, 3, 4, 5}), _pred({4, 5})]
    assert sorted(match(gold, predicted)) == [(0, 0), (1, 1)]
    assert match(gold, [_pred({9})]) == []


def test_quotes_scorer_counts_overlap_exact_speaker_and_set_aside_quotes():
    gold = [_gold({1, 2, 3}, source={10}, direct=True), _gold({4, 5, 6}, source={11})]
    everything = [*gold, _gold({20, 21})]
    aside = frozenset({20, 21})
    predicted = [
        _pred({1, 2, 3}, speaker={10}, direct=True),  # exact, speaker right
        _pred({5, 6}, speaker={12}),  # overlap only, speaker wrong
        _pred({20, 21}, speaker={13}),  # inside a thought attribution: set aside
        _pred({30, 31}),  # a false positive
    ]
    score = QuoteScore.empty()
    score.add(gold, everything, aside, predicted)
    metrics = score.metrics()
    assert (score.overlap.tp, score.overlap.fp, score.overlap.fn) == (2, 1, 0)
    assert (score.exact.tp, score.exact.fp, score.exact.fn) == (1, 2, 1)
    assert metrics["speaker_accuracy"] == 0.5
    assert (score.end_to_end.tp, score.end_to_end.fp, score.end_to_end.fn) == (1, 2, 1)
    assert (score.direct.tp, score.direct.fp, score.direct.fn) == (1, 0, 0)
    assert (score.indirect.tp, score.indirect.fp, score.indirect.fn) == (1, 1, 0)
    # Against every attribution nothing is set aside: the thought quote now matches.
    assert (score.overlap_all.tp, score.overlap_all.fp, score.overlap_all.fn) == (3, 1, 0)


def test_quotes_scorer_gold_sets_aside_thoughts_and_discards():
    council, mayor = _docs()
    speech, everything, aside = gold_quotes(council)
    assert len(speech) == 3 and len(everything) == 4
    text = council.text
    assert text.index("delay will") in aside and text.index("Read more") in aside
    speech, _, _ = gold_quotes(mayor)
    assert [q.direct for q in speech] == [True, False, False]
    assert [q.has_source for q in speech] == [True, False, True]


def test_quotes_baseline_takes_text_between_double_quotes():
    text = "“We will win,” she said. He called it \"a farce\". Its 'scare' quote."
    found = baseline_quotes(text)
    assert [sorted(text[i:i + 3] for i in p.words) for p in found] == [
        ["We ", "wil", "win"], ["a f", "far"]]
    assert all(not p.has_speaker for p in found)


@pytest.mark.model
def test_quotes_eval_cli_scores_the_fixture_as_json():
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[0])
    assert out["task"] == "quotes" and out["docs"] == 2
    metrics = out["metrics"]
    assert set(metrics) >= {"content_f1_exact", "content_f1_overlap", "direct_f1_overlap",
                            "indirect_f1_overlap", "speaker_accuracy", "end_to_end_f1",
                            "baseline_content_f1_overlap"}
    assert metrics["gold_quotes"] == 6
    # The stage finds the said-clause, both pieces of the direct quote, "according to" and
    # the headline label; the sourceless "has faced criticism" is beyond it.
    assert metrics["content_f1_overlap"] >= 0.8
    assert metrics["speaker_accuracy"] == 1.0
    assert metrics["baseline_content_f1_overlap"] < metrics["content_f1_overlap"]


@pytest.mark.model
def test_quotes_eval_reports_rules_beside_the_tagger_and_the_cues_in_one_run():
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[0])["metrics"]
    for key in ("content_f1_overlap", "speaker_accuracy", "end_to_end_f1"):
        # The headline follows learned_attribution and learned_cues (both on by default).
        assert metrics[key] == metrics[f"cues_{key}"]
        assert 0.0 <= metrics[f"rules_{key}"] <= 1.0
        assert 0.0 <= metrics[f"learned_{key}"] <= 1.0
    # The tagger only adds quotes where the rules found none, the cues where neither did.
    assert metrics["learned_content_recall_overlap"] >= metrics["rules_content_recall_overlap"]
    assert metrics["cues_content_recall_overlap"] >= metrics["learned_content_recall_overlap"]
    off = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(FIXTURE), "--json"],
                             env={"DATELINE_LEARNED_ATTRIBUTION": "false",
                                  "DATELINE_LEARNED_CUES": "false"})
    rules = json.loads(off.output.strip().splitlines()[0])["metrics"]
    assert rules["content_f1_overlap"] == metrics["rules_content_f1_overlap"]
