"""The quotes stage on sentences written for these tests: kinds, cues, speakers, channels."""

from __future__ import annotations

import pytest

from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Doc, Quote
from dateline.settings import Settings
from dateline.stages.quotes.marks import find_quotations

STAGES = ("nlp", "entities", "quotes")


def _pieces(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in q.pieces] for q in find_quotations(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("“We will win,” she said.", [["We will win,"]]),
    ('"We will win," she said.', [["We will win,"]]),
    ("'We will win,' she said. It's the players' union.", [["We will win,"]]),
    ("‘We will win,’ she said of Clinton’s plan.", [["We will win,"]]),
    # Nested quotes stay inside the outer quotation.
    ('He said: "They called it “a farce” at the time."', [["They called it “a farce” at the time."]]),
    # A quote running over two paragraphs reopens the second and closes only at its end.
    ("“The first paragraph goes on.\n\n“The second one ends,” he said.",
     [["The first paragraph goes on.", "The second one ends,"]]),
    # Archive style: two apostrophes for a double quotation mark.
    ("''We are ready,'' the coach said.", [["We are ready,"]]),
    # A quote opened with one kind of mark and closed with the other.
    ("“We are ready,\" the coach said.", [["We are ready,"]]),
    ('She said "more hours” were needed.', [["more hours"]]),
    # Apostrophes, inch marks and possessives are not quotes.
    ("The voters’ choice was Clinton’s to lose.", []),
    ('A 12" pipe burst on Main Street.', []),
    # A transcript turn starts a new quotation even when the last one was left open.
    ('"SMITH: We vote today.\n\n"JONES: Not yet."', [["SMITH: We vote today."], ["JONES: Not yet."]]),
])
def test_quotes_pairs_quotation_marks(text: str, expected: list[list[str]]) -> None:
    assert _pieces(text) == expected


def _quotes(run, text: str) -> tuple[Quote, ...]:
    doc: Doc = run(text, STAGES)
    for quote in doc.quotes:
        # Every span points back to its evidence.
        spans = [quote, *quote.contents, quote.cue, quote.speaker, quote.channel]
        for span in spans:
            if span is not None:
                assert doc.article.text[span.start:span.end] == span.text
    return doc.quotes


def _summary(quote: Quote) -> dict[str, object]:
    return {
        "kind": quote.kind,
        "contents": [c.text for c in quote.contents],
        "cue": quote.cue.text if quote.cue else None,
        "speaker": quote.speaker.text if quote.speaker else None,
        "descriptor": quote.speaker_descriptor,
        "channel": quote.channel.text if quote.channel else None,
    }


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("“We will rebuild the bridge by spring,” the mayor said in a statement.",
     {"kind": "direct", "contents": ["We will rebuild the bridge by spring"], "cue": "said",
      "speaker": "the mayor", "descriptor": "the mayor", "channel": "in a statement"}),
    ("“The talks were productive,” said Maria Lopez, the foreign minister.",
     {"kind": "direct", "contents": ["The talks were productive"], "cue": "said",
      "speaker": "Maria Lopez", "descriptor": None, "channel": None}),
    ("The governor said: “Nobody will be left behind.”",
     {"kind": "direct", "contents": ["Nobody will be left behind."], "cue": "said",
      "speaker": "The governor", "descriptor": "The governor", "channel": None}),
    ("A senior diplomatic source said the talks would resume next week.",
     {"kind": "indirect", "contents": ["the talks would resume next week"], "cue": "said",
      "speaker": "A senior diplomatic source", "descriptor": "A senior diplomatic source",
      "channel": None}),
    ("The official told Reuters that the border would stay closed.",
     {"kind": "indirect", "contents": ["the border would stay closed"], "cue": "told",
      "speaker": "The official", "descriptor": "The official", "channel": "Reuters"}),
    ("The president said in an interview with the BBC that sanctions would stay.",
     {"kind": "indirect", "contents": ["sanctions would stay"], "cue": "said",
      "speaker": "The president", "descriptor": "The president",
      "channel": "in an interview with the BBC"}),
    ("The senator wrote on Twitter that the bill was dead.",
     {"kind": "indirect", "contents": ["the bill was dead"], "cue": "wrote",
      "speaker": "The senator", "descriptor": "The senator", "channel": "on Twitter"}),
    ("According to the ministry, 40 people were injured in the blast.",
     {"kind": "indirect", "contents": ["40 people were injured in the blast"],
      "cue": "According to", "speaker": "the ministry", "descriptor": "the ministry",
      "channel": None}),
    ("The factory will close in June, according to a statement from the company.",
     {"kind": "indirect", "contents": ["The factory will close in June"], "cue": "according to",
      "speaker": "the company", "descriptor": "the company",
      "channel": "a statement from the company"}),
    # "News" in a broadcaster's name is no medium: ABC News itself is the source.
    ("According to ABC News, the boat sank off the coast.",
     {"kind": "indirect", "contents": ["the boat sank off the coast"], "cue": "According to",
      "speaker": "ABC News", "descriptor": None, "channel": None}),
    ("The plan, the minister said, was dead.",
     {"kind": "indirect", "contents": ["The plan", "was dead"], "cue": "said",
      "speaker": "the minister", "descriptor": "the minister", "channel": None}),
    ("Prices will rise, the central bank warned on Tuesday.",
     {"kind": "indirect", "contents": ["Prices will rise"], "cue": "warned",
      "speaker": "the central bank", "descriptor": "the central bank", "channel": None}),
    ("The minister said the plan was “dead on arrival” and would be withdrawn.",
     {"kind": "mixed", "contents": ["the plan was “dead on arrival” and would be withdrawn"],
      "cue": "said", "speaker": "The minister", "descriptor": "The minister", "channel": None}),
    ("The senator warned of “catastrophic consequences.”",
     {"kind": "partial", "contents": ["catastrophic consequences."], "cue": "warned",
      "speaker": "The senator", "descriptor": "The senator", "channel": None}),
    ("Union leaders called for an immediate pay rise.",
     {"kind": "indirect", "contents": ["an immediate pay rise"], "cue": "called",
      "speaker": "Union leaders", "descriptor": "Union leaders", "channel": None}),
    ("The union urged members to reject the offer.",
     {"kind": "indirect", "contents": ["members to reject the offer"], "cue": "urged",
      "speaker": "The union", "descriptor": "The union", "channel": None}),
    ("The ministry denied the reports of a ceasefire.",
     {"kind": "indirect", "contents": ["the reports of a ceasefire"], "cue": "denied",
      "speaker": "The ministry", "descriptor": "The ministry", "channel": None}),
    ("Critics called the proposal a gift to polluters.",
     {"kind": "indirect", "contents": ["the proposal a gift to polluters"], "cue": "called",
      "speaker": "Critics", "descriptor": "Critics", "channel": None}),
    # The printed dateline is not part of what the bank said.
    ("WASHINGTON (AP) — The economy will slow next year, the central bank said.",
     {"kind": "indirect", "contents": ["The economy will slow next year"], "cue": "said",
      "speaker": "the central bank", "descriptor": "the central bank", "channel": None}),
    ("''The vote was fair,'' the observer said.",
     {"kind": "direct", "contents": ["The vote was fair"], "cue": "said",
      "speaker": "the observer", "descriptor": "the observer", "channel": None}),
    # An opening phrase set off by a comma frames the report; it is not what was said.
    ("Following the vote, the council will meet again in May, the mayor said.",
     {"kind": "indirect", "contents": ["the council will meet again in May"], "cue": "said",
      "speaker": "the mayor", "descriptor": "the mayor", "channel": None}),
    ("The mayor vowed to reopen the library.",
     {"kind": "indirect", "contents": ["to reopen the library"], "cue": "vowed",
      "speaker": "The mayor", "descriptor": "The mayor", "channel": None}),
    ("'The vote was fair,' the observer mission said.",
     {"kind": "direct", "contents": ["The vote was fair"], "cue": "said",
      "speaker": "the observer mission", "descriptor": "the observer mission", "channel": None}),
    ("“The bridge changed our lives.” ― Maria Lopez",
     {"kind": "direct", "contents": ["The bridge changed our lives."], "cue": "―",
      "speaker": "Maria Lopez", "descriptor": None, "channel": None}),
    # A speaker never reaches over a paragraph break into the dateline above it.
    ("Saturday, October 9, 2010\n\nRecent reports have revealed that a defector was arrested.",
     {"kind": "indirect", "contents": ["a defector was arrested"], "cue": "revealed",
      "speaker": "Recent reports", "descriptor": "Recent reports", "channel": None}),
])
def test_quotes_reads_kind_cue_speaker_and_channel(run, text: str, expected: dict[str, object]) -> None:
    quotes = _quotes(run, text)
    assert [_summary(q) for q in quotes] == [expected]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "She starred in the film “Gone With the Wind” in 1939.",
    "Dwayne “The Rock” Johnson visited the base on Monday.",
    "The so-called “peace plan” was published on Monday.",
    "Let's say the plan works.",
    "Prices rose sharply in March as demand grew.",
    "The company said nothing.",
    "Voters believe the economy is improving.",
    "The poll shows the race is tied.",
    # Verbs of saying used for deeds.
    "Police questioned him on Monday.",
    "The border guards were denying entry to refugees.",
    # The writer's own asides, on the empty "it".
    "It is fair to say that the plan failed.",
    "It is interesting to note that prices fell in March.",
    # A verb of saying set off after a clause it does not report: a clause of time, a
    # participle with nothing to report.
    "The council remains divided, especially when advised.",
    "The mayor released a statement on Saturday night, describing.",
])
def test_quotes_ignores_titles_nicknames_and_non_speech(run, text: str) -> None:
    assert _quotes(run, text) == ()


@pytest.mark.model
def test_quotes_reads_what_a_poll_says_as_the_polls(run) -> None:
    quotes = _quotes(run, "In the latest Gallup poll, Clinton leads by 15 points.")
    assert [_summary(q) for q in quotes] == [
        {"kind": "indirect", "contents": ["Clinton leads by 15 points"], "cue": "In",
         "speaker": "the latest Gallup poll", "descriptor": "the latest Gallup poll",
         "channel": None}]
    # The polls in general are no source.
    assert _quotes(run, "Clinton has risen in the polls since July.") == ()


@pytest.mark.model
def test_quotes_goes_on_a_quote_with_the_same_speakers_next_quotation(run) -> None:
    quotes = _quotes(run, "The deal does “not go far enough,” he added. “We will fight it in court.”")
    assert [(q.kind, [c.text for c in q.contents]) for q in quotes] == [
        ("mixed", ["The deal does “not go far enough", "We will fight it in court."])]


@pytest.mark.model
def test_quotes_keeps_a_quote_split_by_its_attribution_as_one(run) -> None:
    quotes = _quotes(run, "“We are ready,” the coach said, “and we will win the final.”")
    assert [_summary(q) for q in quotes] == [
        {"kind": "direct", "contents": ["We are ready", "and we will win the final."],
         "cue": "said", "speaker": "the coach", "descriptor": "the coach", "channel": None}]


@pytest.mark.model
def test_quotes_joins_pieces_and_continues_paragraphs_with_one_speaker(run) -> None:
    text = ("“We will not give up,” Smith said. “We have never given up.\n\n"
            "“And we never will.”\n\n"
            "“The next paragraph is a quote of its own, with no attribution.”")
    first, second = _quotes(run, text)
    assert [c.text for c in first.contents] == [
        "We will not give up", "We have never given up.", "And we never will."]
    assert first.speaker is not None and first.speaker.text == "Smith"
    assert second.cue is None and second.speaker is not None
    assert second.speaker.text == "Smith" and second.kind == "direct"


@pytest.mark.model
def test_quotes_resolves_the_source_to_the_unnamed_source_before_it(run) -> None:
    text = ("A French military source said the move was temporary. "
            "“We will return,” the source told AFP.")
    first, second = _quotes(run, text)
    assert first.speaker_descriptor == "A French military source"
    assert first.speaker is not None and first.speaker.entity_id is None
    assert second.speaker is not None and second.speaker.text == "the source"
    assert second.speaker.name == "A French military source"
    assert second.channel is not None and second.channel.text == "AFP"


@pytest.mark.model
def test_quotes_links_speakers_to_entities_names_descriptions_and_pronouns(run) -> None:
    text = ("NATO held talks in Brussels on Monday. The alliance said its mission would "
            "continue. Gen. Peter Holm visited the base on Tuesday. He said the troops would stay.")
    doc = run(text, STAGES)
    nato = next(e for e in doc.entities if e.name == "NATO")
    holm = next(e for e in doc.entities if e.name == "Peter Holm")
    alliance, pronoun = doc.quotes
    assert alliance.speaker is not None and alliance.speaker.entity_id == nato.id
    assert alliance.speaker_descriptor == "The alliance"
    assert pronoun.speaker is not None and pronoun.speaker.text == "He"
    assert pronoun.speaker.entity_id == holm.id and pronoun.speaker_descriptor is None


@pytest.mark.model
@pytest.mark.parametrize(("text", "speaker", "name", "contents"), [
    # The span is the speaker as written; the name is who it stands for.
    ("Smith, who said the vote was rigged, left early.", "who", "Smith", ["the vote was rigged"]),
    ("An aide, who said the talks had stalled, left early.", "who", "An aide",
     ["the talks had stalled"]),
    ("The mayor said the road was safe, adding that repairs would start soon.", "The mayor", None,
     ["the road was safe"]),
    ("Merrill says Jones promised to stay and said she would fight on.", "Merrill", "Merrill",
     ["Jones promised to stay"]),
])
def test_quotes_takes_the_speaker_through_relative_and_coordinated_clauses(
        run, text: str, speaker: str, name: str | None, contents: list[str]) -> None:
    quotes = _quotes(run, text)
    first = quotes[0]
    assert first.speaker is not None and first.speaker.text == speaker
    assert first.speaker.name == name
    assert [c.text for c in first.contents] == contents
    if "adding" in text:
        # The participle reports a second quote by the same speaker.
        assert [c.text for c in quotes[1].contents] == ["repairs would start soon"]
        assert quotes[1].speaker is not None and quotes[1].speaker.text == "The mayor"


@pytest.mark.model
def test_quotes_reads_transcript_turns_and_headline_labels(run) -> None:
    text = ("Interview transcript\n\nSMITH: We will vote on the budget on Tuesday.\n\n"
            "JONES: Not before the audit is done.")
    quotes = _quotes(run, text)
    assert [(q.speaker.text if q.speaker else None, [c.text for c in q.contents],
             q.cue.text if q.cue else None) for q in quotes] == [
        ("SMITH", ["We will vote on the budget on Tuesday."], ":"),
        ("JONES", ["Not before the audit is done."], ":")]


@pytest.mark.model
def test_quotes_gives_a_long_unattributed_quote_no_speaker(run) -> None:
    quotes = _quotes(run, "“Nobody here has seen a storm like this one in forty years.”")
    assert len(quotes) == 1
    assert quotes[0].speaker is None and quotes[0].confidence <= 0.4


def _parsed(text: str) -> Doc:
    from dateline.ingest.article import make_article
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings

    pipeline = Pipeline.from_settings(Settings(stages=("nlp", "entities")))
    return next(pipeline.pipe([make_article(text, check_language=False)], keep_parse=True))


@pytest.mark.model
@pytest.mark.parametrize(("text", "pronoun", "linked"), [
    ("Mrs. Maria Lopez said the bridge would reopen.\n\n“We are ready,” she said.", "she", True),
    # Another person named since the last quote may be the one meant.
    ("Mrs. Maria Lopez said the bridge would reopen. Peter Holm toured the site.\n\n"
     "“We are ready,” she said.", "she", False),
    # Her title says she is not "he".
    ("Mrs. Maria Lopez said the bridge would reopen.\n\n“We are ready,” he said.", "he", False),
])
def test_quotes_gives_an_unlinked_pronoun_the_person_quoted_just_before(
        text: str, pronoun: str, linked: bool) -> None:
    from dateline.records import Ref
    from dateline.stages.quotes.identify import SpeakerLinker
    from dateline.stages.quotes.view import ArticleView

    doc = _parsed(text)
    lopez = next(e for e in doc.entities if e.name == "Maria Lopez")
    mention = next(m for m in lopez.mentions if m.kind == "name")
    prior = [("lopez", Ref(mention.start, mention.end, mention.text, entity_id=lopez.id,
                           name=lopez.name), None)]
    offset = text.rindex(f" {pronoun} said") + 1
    linker = SpeakerLinker(doc, ArticleView(doc.article.text, doc.parse))
    found = linker.last_quoted_person(prior, pronoun, offset)
    assert found == ((lopez.id, lopez.name) if linked else None)


@pytest.mark.model
def test_quotes_is_less_sure_of_a_speaker_that_names_no_source(run) -> None:
    study, official = _quotes(run, "The study notes that taxes rose. A senior official said "
                                   "taxes would fall.")
    assert study.speaker_descriptor == "The study"
    assert official.speaker_descriptor == "A senior official"
    assert study.confidence < official.confidence


@pytest.mark.model
@pytest.mark.parametrize(("text", "speaker", "name", "descriptor"), [
    # A name set beside a description speaks; the description is kept as the descriptor.
    ("An aerospace analyst, Maria Lopez, said that the order would lift the shares.",
     "Maria Lopez", "Maria Lopez", "An aerospace analyst"),
    ('"We are ready," a spokesman, John Smith, said.', "John Smith", "John Smith", "a spokesman"),
    ("A spokeswoman for the company, Jane Doe, said the plant would close.",
     "Jane Doe", "Jane Doe", "A spokeswoman for the company"),
    # The name first: no descriptor is read from the apposition after it.
    ("Maria Lopez, an aerospace analyst, said the order would lift the shares.",
     "Maria Lopez", "Maria Lopez", None),
    # An apposition that is no name leaves the description as the speaker.
    ("The minister, a former general, said the border would stay closed.",
     "The minister", None, "The minister"),
    # The owner of a spokesman is not the spokesman.
    ("Maria Lopez's spokesman said the bridge would reopen in May.",
     "Maria Lopez's spokesman", None, "Maria Lopez's spokesman"),
])
def test_quotes_takes_the_name_set_beside_a_description_as_the_speaker(
        run, text: str, speaker: str, name: str | None, descriptor: str | None) -> None:
    (quote,) = _quotes(run, text)
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.speaker.name == name
    assert (quote.speaker.entity_id is not None) == (name is not None)
    assert quote.speaker_descriptor == descriptor
    # The quote covers its attribution as written, description included.
    assert quote.start <= text.index(descriptor or speaker)


@pytest.mark.model
def test_quotes_resolves_a_later_description_to_the_name_beside_it(run) -> None:
    first, second = _quotes(run, "A spokesman, John Smith, said the plant would close. "
                                 "The spokesman said talks would resume in May.")
    assert second.speaker is not None and second.speaker.text == "The spokesman"
    assert second.speaker.name == "John Smith"
    assert first.speaker is not None and second.speaker.entity_id == first.speaker.entity_id


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), [
    # An organisation and a person in one subject: the person speaks.
    ("Acme Corp. CEO Maria Lopez said the plant would close in June.", "Maria Lopez"),
    ("The World Health Organization (WHO) regional director Peter Holm has said that vaccines "
     "must reach the region.", "Peter Holm"),
    # A coordination is led by its first conjunct, not the last name in it.
    ("Ms. Maria Lopez and Mr. Peter Holm say the plan is dead.", "Maria Lopez"),
    # A place inside an organisation's name is not the speaker.
    ("The French Interior Ministry said the border would reopen on Monday.", None),
])
def test_quotes_links_the_person_a_subject_names(run, text: str, name: str | None) -> None:
    (quote,) = _quotes(run, text)
    assert quote.speaker is not None
    if name is None:
        assert quote.speaker.name is None or "Ministry" in quote.speaker.name
    else:
        assert quote.speaker.name == name


@pytest.mark.model
def test_quotes_continues_the_speaker_but_not_into_an_unrelated_sentence(run) -> None:
    text = ('"The coming season will be hard," said Maria Lopez, head of the rowing club. '
            '"We thank our sponsors for their long and generous support." '
            "It was not disclosed whether the boathouse would be sold.")
    (quote,) = _quotes(run, text)
    assert quote.kind == "direct" and quote.speaker is not None
    assert quote.speaker.name == "Maria Lopez"
    assert [c.text for c in quote.contents] == [
        "The coming season will be hard",
        "We thank our sponsors for their long and generous support."]
    assert "boathouse" not in quote.text


@pytest.mark.model
@pytest.mark.parametrize(("text", "second_speaker"), [
    # A sentence about the speaker may come between.
    ("“We tried everything,” said Smith. He did not elaborate. "
     "“We have never given up on this town.”", "Smith"),
    # A quote of its own right after the speaker's remark in quotation marks.
    ("The deal does “not go far enough,” the minister added on Twitter. "
     "“Without reform, Europe risks a great deal.”", "the minister"),
    # Someone else in between: not Smith. The rules know nobody there; the attribution
    # tagger (on by default) reads Jones, who disagreed, as its source, as news copy means it.
    ("“We tried everything,” said Smith. Jones disagreed. "
     "“We have never given up on this town.”", "Jones"),
    # Something else in between: nobody is known to speak.
    ("The board said: “We wish them all well.” Prices fell. "
     "“We will be back next year to try again.”", None),
])
def test_quotes_continues_a_speaker_within_a_paragraph(
        run, text: str, second_speaker: str | None) -> None:
    quotes = _quotes(run, text)
    last = next(q for q in quotes if any("again" in c.text or "town" in c.text or
                                         "reform" in c.text for c in q.contents))
    assert (last.speaker.text if last.speaker else None) == second_speaker


@pytest.mark.model
def test_quotes_rules_alone_know_no_speaker_after_someone_else_spoke() -> None:
    text = ("“We tried everything,” said Smith. Jones disagreed. "
            "“We have never given up on this town.”")
    pipeline = Pipeline.from_settings(Settings(stages=STAGES, learned_attribution=False))
    last = pipeline(make_article(text, check_language=False)).quotes[-1]
    assert "town" in last.text and last.speaker is None


@pytest.mark.model
def test_quotes_does_not_give_a_quotation_to_the_report_after_it(run) -> None:
    text = "“We wish every one of them well in the years ahead.” The board said the talks had ended."
    quotation, report = _quotes(run, text)
    assert quotation.speaker is None and quotation.cue is None
    assert report.kind == "indirect" and [c.text for c in report.contents] == ["the talks had ended"]


@pytest.mark.model
def test_quotes_does_not_join_a_term_in_quotation_marks_to_the_quote_before(run) -> None:
    text = ('The coach wrote, "We trained harder than anyone in the league this year." '
            'To "taper" means to rest before a race.')
    (quote,) = _quotes(run, text)
    assert [c.text for c in quote.contents] == [
        "We trained harder than anyone in the league this year."]


@pytest.mark.model
@pytest.mark.parametrize(("text", "quoted"), [
    # A negated passive with no agent says nobody said anything.
    ("It was not disclosed whether the boathouse would be sold.", False),
    ("It has not been confirmed that the mayor will resign.", False),
    # With an agent, or not negated, it reports someone's words.
    ("It was confirmed by the club that the boathouse would be sold.", True),
    ("The club did not say whether the boathouse would be sold.", True),
])
def test_quotes_reads_a_negated_agentless_passive_as_no_quote(run, text: str, quoted: bool) -> None:
    assert bool(_quotes(run, text)) == quoted


@pytest.mark.model
@pytest.mark.parametrize(("text", "content"), [
    ("The minister said the country would join the Asian Development Bank (ADB).",
     "the country would join the Asian Development Bank (ADB)"),
    ("The minister said the talks (and the vote) would wait.", "the talks (and the vote) would wait"),
])
def test_quotes_keeps_a_closing_bracket_that_closes_the_content(run, text: str, content: str) -> None:
    (quote,) = _quotes(run, text)
    assert [c.text for c in quote.contents] == [content]


@pytest.mark.parametrize(("text", "expected"), [
    ("join the bank (ADB)", "join the bank (ADB)"),
    ("(ADB) joined the talks", "(ADB) joined the talks"),
    ("the talks (and the vote).", "the talks (and the vote)"),
    # Unbalanced edge brackets go, and so does punctuation after them.
    ("join the bank (", "join the bank"),
    ("rates rose ) ,", "rates rose"),
    ("( rates rose", "rates rose"),
    ("rates rose ((a) b)", "rates rose ((a) b)"),
    ("rates rose (a) b)", "rates rose (a) b"),
])
def test_content_ranges_trim_only_unbalanced_brackets(text: str, expected: str) -> None:
    import spacy

    from dateline.stages.quotes.content import ranges

    doc = spacy.blank("en")(text)
    (span,) = ranges(doc, range(len(doc)))
    assert doc[span[0]:span[1]].text == expected


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), [
    # A plural noun, a collective one, a group named by its nationality: "they" goes back to it.
    ("Local officials said the bridge would reopen in May. They added that the road was open.",
     "Local officials"),
    ("The rescue team said the mine was flooded. They added that the pumps had failed.",
     "The rescue team"),
    # One person, or a thing, is no "they": the pronoun stays unlinked.
    ("Maria Lopez said the bridge would reopen. They also said the road was open.", None),
    ("The study said taxes rose. They added that the road was open.", None),
])
def test_quotes_gives_an_unlinked_they_the_group_quoted_just_before(run, text: str,
                                                                   name: str | None) -> None:
    they = next(q for q in _quotes(run, text) if q.speaker and q.speaker.text == "They")
    assert they.speaker.name == name
