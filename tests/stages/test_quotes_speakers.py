"""Who speaks through a cue with no subject of its own (stages/quotes/speakers.py)."""

from __future__ import annotations

import pytest

from dateline.records import Doc

STAGES = ("nlp", "entities", "quotes")


def _speakers(run, text: str) -> dict[str, str | None]:
    doc: Doc = run(text, STAGES)
    return {quote.cue.text: quote.speaker.text if quote.speaker else None
            for quote in doc.quotes if quote.cue is not None}


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "speaker"), [
    # A gerund after a preposition is spoken by the subject of the clause it hangs on.
    ("After warning that the budget was too small, Senator Smith voted for the bill.",
     "warning", "Senator Smith"),
    ("In addition to stating that taxes were too high, Smith has vowed to cut spending.",
     "stating", "Smith"),
    ("The governor ended the meeting by announcing that the plant would close.",
     "announcing", "The governor"),
    # After "as", "from", "for" and the like the verb's object speaks.
    ("The paper quoted the minister as saying that the talks had failed.", "saying",
     "the minister"),
    ("The new laws bar migrants from claiming that they are refugees.", "claiming", "migrants"),
    # An infinitive after an adjective: the copula's subject.
    ("Voters are more likely to say that the economy is getting worse.", "say", "Voters"),
])
def test_quotes_speakers_gerund_or_infinitive_takes_the_clause_subject(
        run, text: str, cue: str, speaker: str) -> None:
    assert _speakers(run, text)[cue] == speaker


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "speaker"), [
    # The second verb of saying goes on the first one's act of speech, not on the subject of
    # the clause the first one reports.
    ("Jones said that he was tired of the fight and added that the party would lose.",
     "added", "Jones"),
    ("Jones said the council went into recess and said the vote was delayed.", "said", "Jones"),
])
def test_quotes_speakers_second_cue_hung_on_a_reported_clause_takes_the_reporter(
        run, text: str, cue: str, speaker: str) -> None:
    doc: Doc = run(text, STAGES)
    second = [q for q in doc.quotes if q.cue is not None and q.cue.text == cue][-1]
    assert second.speaker is not None and second.speaker.text == speaker
    assert second.cue is not None and second.cue.start > text.index(" and ")


@pytest.mark.model
def test_quotes_speakers_cue_with_its_own_subject_keeps_it(run) -> None:
    # "she" has her own verb of saying: the climb to the reporting clause never starts.
    speakers = _speakers(run, "Jones said the council was split, and she added that it would vote.")
    assert speakers["added"] == "she"
