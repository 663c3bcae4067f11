"""Claims: figures with value or bounds, hedges, what is counted, predicate and source."""

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

import pytest

from dateline.errors import StageError
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Article, Doc, Entity, Mention, Quote, Ref, Span
from dateline.settings import Settings
from dateline.stages.claims import Claims
from dateline.stages.numbers.attribution import from_quotes
from dateline.stages.numbers.counted import predicate_kind
from dateline.stages.numbers.figures import digit_value, scan, split_currency
from dateline.stages.numbers.hedges import bounds, hedge_after, hedge_before
from dateline.stages.numbers.names import NameSpans

D = Decimal


# Fast tests: plain words, hand-built records -----------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # (start, end, value, low, high, vague, unit) of each figure found
    ("around 1,300 people", [(1, 2, D(1300), None, None, None, None)]),
    ("1.5 million", [(0, 2, D(1500000), None, None, None, None)]),
    ("$ 3 billion", [(0, 3, D(3000000000), None, None, None, "$")]),
    ("3bn euros", [(0, 2, D(3000000000), None, None, None, "€")]),
    ("twenty - five", [(0, 3, D(25), None, None, None, None)]),
    ("a hundred and twenty", [(0, 4, D(120), None, None, None, None)]),
    ("thirteen hundred", [(0, 2, D(1300), None, None, None, None)]),
    ("a dozen", [(0, 2, D(12), None, None, None, None)]),
    ("half a dozen", [(0, 3, D(6), None, None, None, None)]),
    ("both men", [(0, 1, D(2), None, None, None, None)]),
    ("20 percent", [(0, 2, D(20), None, None, None, "%")]),
    ("2 per cent", [(0, 3, D(2), None, None, None, "%")]),
    # ranges
    ("between 10 and 15", [(1, 4, None, D(10), D(15), None, None)]),
    ("10 - 15", [(0, 3, None, D(10), D(15), None, None)]),
    ("two or three", [(0, 3, None, D(2), D(3), None, None)]),
    ("10 to 15 million", [(0, 4, None, D(10000000), D(15000000), None, None)]),
    # vague quantities keep their words and honest bounds, never a value
    ("several hundred", [(0, 2, None, D(200), D(999), "several hundred", None)]),
    ("several dozen", [(0, 2, None, D(24), D(119), "several dozen", None)]),
    ("a few", [(0, 2, None, D(2), D(9), "a few", None)]),
    ("dozens", [(0, 1, None, D(24), None, "dozens", None)]),
    ("hundreds of thousands", [(0, 3, None, D(200000), None, "hundreds of thousands", None)]),
    ("tens of thousands", [(0, 3, None, D(20000), None, "tens of thousands", None)]),
    # two figures, not a range: a change, or a hedge after the figure
    ("rose from 10 to 15", [(2, 3, D(10), None, None, None, None),
                            (4, 5, D(15), None, None, None, None)]),
    ("two or more", [(0, 1, D(2), None, None, None, None)]),
    # codes, scores, and words that are not numbers
    ("call 714 - 796 - 7802", []),
    ("won 3 - 2", []),
    ("the first time", []),
    ("a man and an hour", []),
    ("tens of people", []),
    # money: currency marks glued to the figure or apart, magnitudes the tokenizer split off
    ("hkd2.5 - billion bridge", [(0, 3, D(2500000000), None, None, None, "HKD")]),
    ("us$ 80bn", [(0, 2, D(80000000000), None, None, None, "$")]),
    ("hk$4bn", [(0, 1, D(4000000000), None, None, None, "HKD")]),
    ("eur60 m", [(0, 2, D(60000000), None, None, None, "€")]),
    ("£ 12 m .", [(0, 3, D(12000000), None, None, None, "£")]),
    ("¥ 7bn", [(0, 2, D(7000000000), None, None, None, "¥")]),
    ("rs250", [(0, 1, D(250), None, None, None, "INR")]),
    ("jpy 90 million", [(0, 3, D(90000000), None, None, None, "¥")]),
    ("$ 3.4 - billion", [(0, 4, D(3400000000), None, None, None, "$")]),
    ("a 2.5 - million - strong army", [(1, 4, D(2500000), None, None, None, None)]),
    # a lone "m" is no million without money; software, summits and flights are no currency
    ("12 m", [(0, 1, D(12), None, None, None, None)]),
    ("php7 and cop26 and g7 and mh17", []),
])
def test_claims_scan_reads_figures_from_words(text, expected):
    found = [(f.start, f.end, f.value, f.low, f.high, f.vague, f.unit) for f in scan(text.split())]
    assert found == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("sgd2.4", ("SGD", "2.4")), ("us$75bn", ("$", "75bn")), ("rs500", ("INR", "500")),
    ("€35", ("€", "35")), ("nz$40", ("NZD", "40")), ("eur2,500", ("€", "2,500")),
    ("php5", None), ("a380", None), ("cop26", None), ("#40bn", None), ("eur", None),
    ("sgd1.2.3", None), ("$", None),
])
def test_claims_split_currency_glued_to_a_figure(word, expected):
    assert split_currency(word) == expected


def test_claims_name_spans_hold_names_and_acronyms_only():
    text = "Vostok 1 flew over Kabul, and the craft landed; NASA watched."
    def mention(word, label, kind="name"):
        start = text.index(word)
        return Mention(start, start + len(word), word, label=label, kind=kind)
    entities = (Entity(0, 8, "Vostok 1", mentions=(mention("Vostok 1", "PRODUCT"),
                                                   mention("the craft", "PRODUCT", "nominal"))),
                Entity(18, 23, "Kabul", mentions=(mention("Kabul", "GPE"),)),
                Entity(48, 52, "NASA", mentions=(mention("NASA", "ORG", "acronym"),)))
    names = NameSpans.of(Doc(article=Article(id="a", text=text), entities=entities))
    assert names.overlaps(7, 8) and names.overlaps(20, 30) and names.overlaps(48, 52)
    assert not names.overlaps(8, 18)  # between two names
    assert not names.overlaps(text.index("the craft"), text.index(" landed"))  # a nominal
    assert not names.overlaps(53, 60)
    assert not NameSpans.of(Doc(article=Article(id="b", text=text))).overlaps(0, 8)


@pytest.mark.parametrize(("word", "expected"), [
    ("1,300", D(1300)), ("2.5", D("2.5")), (".38", D("0.38")), ("3bn", D(3000000000)),
    ("10k", D(10000)), ("1st", None), ("9mm", None), ("07/21/15", None), ("1,30", None),
])
def test_claims_digit_value(word, expected):
    assert digit_value(word) == expected


@pytest.mark.parametrize(("text", "start", "expected"), [
    ("killed around 1,300 people", 2, ("around", "~")),
    ("at least 5 dead", 2, ("at least", ">=")),
    ("as many as 40", 3, ("as many as", "<=")),
    ("an estimated 300", 2, ("an estimated", "~")),
    ("nearly 1,000", 1, ("nearly", "<=")),
    ("killed 1,300 people", 1, None),
])
def test_claims_hedge_before_is_the_longest_qualifier(text, start, expected):
    hedge = hedge_before(text.split(), start)
    assert (hedge and (hedge.text, hedge.direction)) == expected


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("300 or more people", 1, ("or more", ">=")),
    ("a dozen or so", 2, ("or so", "~")),
    ("300 - plus", 1, ("-plus", ">=")),
    ("300 people", 1, None),
    ("two or three", 1, None),
])
def test_claims_hedge_after(text, end, expected):
    hedge = hedge_after(text.split(), end)
    assert (hedge and (hedge.text, hedge.direction)) == expected


@pytest.mark.parametrize(("direction", "expected"), [
    (">=", (D(5), None)), ("<=", (None, D(5))), ("~", (None, None)), ("=", (None, None)),
    (None, (None, None)),
])
def test_claims_bounds_follow_the_hedge(direction, expected):
    assert bounds(D(5), None, None, direction) == expected


@pytest.mark.parametrize(("predicate", "expected"), [
    ("killed", "killed"), ("died", "killed"), ("fatally shot", "killed"), ("shot dead", "killed"),
    ("shot and killed", "killed"), ("death toll", "killed"), ("passed away", "killed"),
    ("took life", "killed"), ("wounded", "injured"), ("critically shot", "injured"),
    ("are in critical condition", "injured"), ("sent to hospital", "injured"), ("shot", "shot"),
    ("arrested", "arrested"), ("not injured", None), ("never killed", None), ("lives", None),
    ("included", None), (None, None),
])
def test_claims_predicate_kind(predicate, expected):
    assert predicate_kind(predicate) == expected


def test_claims_source_comes_from_the_quote_holding_the_figure():
    text = 'Iranian authorities said the strikes "have killed around 1,300 people".'
    doc = Doc(article=Article(id="a", text=text), quotes=(
        Quote(0, len(text), text, kind="mixed",
              contents=(Span(37, 71, text[37:71]),),
              cue=Span(20, 24, "said"), speaker=Ref(0, 19, "Iranian authorities", "e1", "Iran")),
        Quote(0, 10, text[:10], kind="indirect", contents=(Span(0, 10, text[:10]),)),
    ))
    start = text.index("around")
    speaker, cue = from_quotes(doc, start, start + len("around 1,300"))
    assert (speaker.text, speaker.entity_id, cue.text) == ("Iranian authorities", "e1", "said")
    assert from_quotes(doc, 0, 5) is None  # the only quote there has no speaker
    assert from_quotes(doc, 20, 24) is None  # the cue is not content


def test_claims_needs_the_parse():
    with pytest.raises(StageError, match="claims: needs parse, which the 'nlp' stage produces"):
        Claims()(Doc(article=Article(id="a", text="Three people died.")))


# Model tests: the real parse, quotes given by hand so they do not depend on the quotes stage ---

@lru_cache(maxsize=1)
def _parser() -> Pipeline:
    return Pipeline.from_settings(Settings(stages=("nlp", "entities")))


def claims_of(text, quotes=(), **options):
    article = make_article(text, published="2026-03-20", check_language=False)
    doc = next(_parser().pipe([article], keep_parse=True))
    return Claims(**options)(replace(doc, quotes=tuple(quotes))).claims


def fields(claim):
    return (claim.text, claim.value, claim.low, claim.high, claim.qualifier, claim.what,
            claim.predicate, claim.unit)


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("The attacks have killed around 1,300 people since February.",
     [("around 1,300", D(1300), None, None, "around", "people", "killed", None)]),
    ("The non-combat mission had included several hundred personnel.",
     [("several hundred", None, D(200), D(999), "several hundred", "personnel", "included",
       None)]),
    ("Three people were killed and 12 wounded in the shooting on Friday.",
     [("Three", D(3), None, None, None, "people", "killed", None),
      ("12", D(12), None, None, None, None, "wounded", None)]),
    ("At least 40 protesters were arrested, and dozens more were detained.",
     [("At least 40", D(40), D(40), None, "at least", "protesters", "arrested", None),
      ("dozens", None, D(24), None, "dozens", None, "detained", None)]),
    ("Between 10 and 15 civilians were evacuated.",
     [("Between 10 and 15", None, D(10), D(15), None, "civilians", "evacuated", None)]),
    ("Up to 300 troops will be deployed.",
     [("Up to 300", D(300), None, D(300), "up to", "troops", "deployed", None)]),
    ("The city will spend $3 billion on the project.",
     [("$3 billion", D(3000000000), None, None, None, None, "spend", "$")]),
    ("Two people were shot, one fatally.",
     [("Two", D(2), None, None, None, "people", "shot", None),
      ("one", D(1), None, None, None, None, "fatally shot", None)]),
    ("Three people are dead and two remain hospitalized.",
     [("Three", D(3), None, None, None, "people", "dead", None),
      ("two", D(2), None, None, None, None, "hospitalized", None)]),
    ("The shooting killed four people and wounded seven others.",
     [("four", D(4), None, None, None, "people", "killed", None),
      ("seven", D(7), None, None, None, "others", "wounded", None)]),
    ("The death toll rose to 15 on Monday.",
     [("15", D(15), None, None, None, None, "death toll", None)]),
    ("SPRINGFIELD - Two men are dead after the crash.",
     [("Two", D(2), None, None, None, "men", "dead", None)]),
    ("One of the six died, and two are in critical condition.",
     [("One", D(1), None, None, None, None, "died", None),
      ("six", D(6), None, None, None, None, None, None),
      ("two", D(2), None, None, None, None, "are in critical condition", None)]),
    ("Three of the victims were treated and released.",
     [("Three", D(3), None, None, None, "victims", "treated and released", None)]),
    # a multiplicative before an act counts its victims; elsewhere it is no figure
    ("Police are investigating a triple homicide in the city.",
     [("triple", D(3), None, None, None, "homicide", "homicide", None)]),
    ("It was the second double fatal shooting this year.",
     [("double", D(2), None, None, None, "shooting", "fatal shooting", None)]),
    ("The union accused the firm of a double standard.", []),
    ("Prices could triple after the shooting.", []),
])
def test_claims_read_value_hedge_what_and_predicate(text, expected):
    assert [fields(c) for c in claims_of(text)] == expected


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The talks were held on Feb. 28 and resumed in May 2025.",
    "The meeting starts at 5 p.m. and lasts two hours.",
    "The mission began in 2018.",
    "John Smith, 24, of Leeds was questioned.",
    "A 24-year-old woman and a three-story house were seen.",
    "It happened in the 2300 block of Raceway Road near 6700 Rio Dr.",
    "He drove along Interstate 95 and then Route 9.",
    "Officers found a .38 caliber revolver and a 12-gauge shotgun.",
    "Call 714-796-7802 for details.",
    "No one could say, and the one who knew left.",
    "It was the first time in the 2018 election.",
    "The last election was before the 2014 protests and the 2016 Olympic Games.",
    # numbers inside names: what a thing is called, not how many there are
    "Pier 7 will reopen to ferries in June.",
    "Apollo 11 landed, Vostok 1 flew and the Boeing 787 took off.",
    "The G20 met in Rome.",
])
def test_claims_leave_out_dates_times_ages_addresses_names_and_codes(text):
    assert [c.text for c in claims_of(text)] == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("In Kabul 5 people died.", [("5", D(5), "people", "died")]),  # a name beside, not around
    ("BAGHDAD 12 people were killed.", [("12", D(12), "people", "killed")]),
    ("Gate 4 closed after 30 passengers were hurt.", [("30", D(30), "passengers", "hurt")]),
])
def test_claims_a_name_before_a_figure_does_not_take_it(text, expected):
    assert [(c.text, c.value, c.what, c.predicate) for c in claims_of(text)] == expected


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("The HKD2.5-billion bridge will open in May.",
     [("HKD2.5-billion", D(2500000000), "HKD")]),
    ("The jets are worth US$80bn ($55bn) to the maker.",
     [("US$80bn", D(80000000000), "$"), ("$55bn", D(55000000000), "$")]),
    ("The club paid €35m, or £30m, for the striker.",
     [("€35m", D(35000000), "€"), ("£30m", D(30000000), "£")]),
    ("Fines reached EUR40m and S$5m.",
     [("EUR40m", D(40000000), "€"), ("S$5m", D(5000000), "SGD")]),
    ("The firm raised SGD 3m.", [("SGD 3m", D(3000000), "SGD")]),
    ("The stake is worth ¥2bn, or Rs500 a share.",
     [("¥2bn", D(2000000000), "¥"), ("Rs500", D(500), "INR")]),
])
def test_claims_read_money_with_currency_marks_glued_to_the_figure(text, expected):
    assert [(c.text, c.value, c.unit) for c in claims_of(text)] == expected


@pytest.mark.model
def test_claims_according_to_gives_source_and_cue_linked_to_the_entity():
    (claim,) = claims_of("The strikes have killed around 1,300 people, according to the "
                         "United Nations.")
    assert claim.source.text == "the United Nations"
    assert claim.source.name == "United Nations" and claim.source.entity_id
    assert claim.cue.text == "according to"
    assert claim.predicate_span.text == "killed"


@pytest.mark.model
@pytest.mark.parametrize(("text", "source", "cue"), [
    ("Police said three people were killed in the attack.", "Police", "said"),
    ("Three people were killed in the attack, police said.", "police", "said"),
    ("A spokesman for the sheriff's office told reporters that two men were arrested.",
     "A spokesman for the sheriff's office", "told"),
    # A source never reaches over a paragraph break into the dateline above it.
    ("Saturday, October 9, 2010\n\nRecent reports have revealed that two men were arrested.",
     "Recent reports", "revealed"),
])
def test_claims_reporting_verb_gives_its_subject_as_source(text, source, cue):
    (claim,) = claims_of(text)
    assert (claim.source.text, claim.cue.text) == (source, cue)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "To date, 149 confirmed orders for the aircraft have been received.",
    "Officials said 40 reported cases were new.",
])
def test_claims_a_number_is_never_the_source_of_a_figure(text):
    sources = [claim.source.text for claim in claims_of(text) if claim.source is not None]
    assert all(not source.replace(",", "").isdigit() for source in sources), sources


@pytest.mark.model
@pytest.mark.parametrize(("text", "source"), [
    # What a passive reports is its subject, never its source.
    ("No injuries were reported, but the army evacuated about 80 people.", None),
    ("About 80 people were evacuated, it was reported by the army.", "the army"),
])
def test_claims_a_passive_reporting_verb_gives_its_agent_as_source(text, source):
    (claim,) = [c for c in claims_of(text) if c.value == 80]
    assert (claim.source.text if claim.source else None) == source


@pytest.mark.model
def test_claims_a_quote_holding_the_figure_outranks_the_sentence():
    text = 'The mayor said "at least 12 people were hurt", according to local radio.'
    start, end = text.index("at least"), text.index('",')
    quote = Quote(0, end + 1, text[:end + 1], kind="direct", contents=(Span(start, end,
                  text[start:end]),), cue=Span(10, 14, "said"), speaker=Ref(0, 9, "The mayor"))
    (claim,) = claims_of(text, quotes=[quote])
    assert (claim.source.text, claim.cue.text) == ("The mayor", "said")
    (unquoted,) = claims_of(text)
    assert unquoted.source.text == "local radio"


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    # people named without a figure count one each; the text is the noun phrase
    ("A 24-year-old woman was fatally shot on Sunday.",
     [("A 24-year-old woman", D(1), "woman", "fatally shot")]),
    ("A man and a woman were killed in the crash.",
     [("A man and a woman", D(2), "man", "killed")]),
    ("The gunman killed his wife and two children.",
     [("his wife", D(1), "wife", "killed"), ("two", D(2), "children", "killed")]),
    ("The boy died at the hospital.", [("The boy", D(1), "boy", "died")]),
    ("The woman who was killed was a teacher.", [("The woman", D(1), "woman", "killed")]),
    ("Her grandfather passed away on Sunday.",
     [("Her grandfather", D(1), "grandfather", "passed away")]),
    ("The crash took the life of a student.", [("a student", D(1), "student", "took life")]),
    ("A teacher lost her life in the attack.", [("A teacher", D(1), "teacher", "lost life")]),
    ("A couple and their two children were found shot to death.",
     [("A couple", D(2), "couple", "shot to death"),
      ("two", D(2), "children", "found shot to death")]),
    ("A teenager was arrested after the robbery.",
     [("A teenager", D(1), "teenager", "arrested")]),
    ("A man was kidnapped and a woman was detained.",
     [("A man", D(1), "man", "kidnapped"), ("a woman", D(1), "woman", "detained")]),
    ("A 12-year-old girl is missing.", [("A 12-year-old girl", D(1), "girl", "missing")]),
    ("A CNN reporter was killed in the blast.",
     [("A CNN reporter", D(1), "CNN reporter", "killed")]),
    # a person's name counts one toward a harm or arrest tally; a company or product never does
    ("The accidental shooting killed 13-year-old Ruben Ortiz.",
     [("13-year-old Ruben Ortiz", D(1), "Ruben Ortiz", "killed")]),
    ("Police said Omar Haddad was arrested.", [("Omar Haddad", D(1), "Omar Haddad", "arrested")]),
    ("Deputies found the bodies of Anna Reyes, Tom Reyes and their three children.",
     [("Anna Reyes, Tom Reyes", D(2), "Anna Reyes", "bodies"),
      ("three", D(3), "children", "bodies")]),
    # a victim list giving each name its age names one person per name
    ("Mark Reed, 35, Amy Cole, 29, and their two children died in the fire.",
     [("Mark Reed, 35, Amy Cole", D(2), "Mark Reed", "died"),
      ("two", D(2), "children", "died")]),
    ("Mark Reed, 35, the owner of the shop, died in the fire.",
     [("Mark Reed", D(1), "Mark Reed", "died")]),
    # a participle the parser hangs off the main verb still describes the noun before it
    ("Police identified the teenager fatally shot on Sunday near the park.",
     [("the teenager", D(1), "teenager", "fatally shot")]),
    ("The family of a 14-year-old boy fatally shot outside a restaurant is devastated.",
     [("a 14-year-old boy", D(1), "boy", "fatally shot")]),
    ("The father of the boy shot at police.", []),
    ("Another man died of his injuries on Monday.", [("Another man", D(1), "man", "died")]),
    ("The shooting claimed the life of one woman.",
     [("one", D(1), "woman", "claimed life")]),
    ("The gunman killed his wife before killing himself.",
     [("his wife", D(1), "wife", "killed"), ("himself", D(1), None, "killing")]),
    ("The agreement lapses if Acme is indicted or convicted.", []),
    ("The launch of the “Starliner” is a year late.", []),
    # only harm and arrest count: being posted, charged or freed is no tally of one
    ("Reuters' Jane Porter, stationed in the capital, reports that roads are cut.", []),
    ("A soldier was deployed to the base.", []),
    ("A man was released on bail.", []),
    ("The suspect was charged with theft.", []),
    # stated zeros
    ("No one was injured in the blast.", [("No one", D(0), None, "injured")]),
    ("There were no injuries.", [("no", D(0), "injuries", "injuries")]),
    # no count: plural without a figure, negation, the killer, a zero without a tally
    ("The victims were killed.", []),
    ("His wife was not injured.", []),
    ("The gunman killed them.", []),
    ("I had no reason to go.", []),
])
def test_claims_count_people_named_without_a_figure_and_stated_zeros(text, expected):
    got = [(c.text, c.value, c.what, c.predicate) for c in claims_of(text)]
    assert got == expected


@pytest.mark.model
def test_claims_options_turn_off_zeros_singulars_and_measures():
    text = "A man was killed, no one was hurt, and the fire spread 40 miles."
    assert [c.text for c in claims_of(text)] == ["A man", "no one", "40"]
    assert claims_of(text)[2].unit == "mile"
    quiet = claims_of(text, keep_zeros=False, count_singulars=False, keep_measures=False)
    assert quiet == ()


@pytest.mark.model
def test_claims_through_the_whole_pipeline(run):
    doc = run("Gunmen killed at least 12 soldiers and one civilian on Friday, according to "
              "the army. Nearly 300 families were displaced.",
              ("nlp", "entities", "times", "places", "quotes", "claims"))
    got = [(c.text, c.value, c.qualifier, c.what, c.predicate) for c in doc.claims]
    assert got == [("at least 12", D(12), "at least", "soldiers", "killed"),
                   ("one", D(1), None, "civilian", "killed"),
                   ("Nearly 300", D(300), "nearly", "families", "displaced")]
    assert doc.claims[0].source.text == "the army"
    assert all(c.text == doc.article.text[c.start:c.end] for c in doc.claims)


@pytest.mark.parametrize(("words", "expected"), [
    (["a", "triple", "homicide"], [D(3)]),
    (["a", "double", "fatal", "shooting"], [D(2)]),
    (["it", "was", "a", "double", "fatal"], []),
    (["prices", "double"], []),
    (["a", "double", "standard"], []),
])
def test_claims_scan_reads_multiplicatives_only_before_an_act(words, expected):
    assert [f.value for f in scan(words)] == expected
