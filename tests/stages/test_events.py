"""Events: PLOVER type and mode from the trigger, participants, circumstances and factuality.

The parse comes from the real spaCy model; times, places, claims and quotes are written by hand
into the Doc so these tests do not depend on the other stages' output.
"""

from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

import pytest

from dateline.errors import StageError
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Article, Claim, Doc, Entity, Mention, Place, Quote, Ref, Span, TimeRef
from dateline.settings import Settings
from dateline.stages.events import Events
from dateline.stages.events.circumstances import time_bounds

EVENTS = Events()
model = pytest.mark.model


@lru_cache(maxsize=1)
def _parser() -> Pipeline:
    components = ("tagger", "parser", "ner", "lemmatizer")
    return Pipeline.from_settings(Settings(stages=("nlp",),
                                           stage_options={"nlp": {"components": components}}))


def parsed(text: str, published: str | None = "2026-03-20") -> Doc:
    """Return a Doc carrying the spaCy parse and nothing else."""
    article = make_article(text, published=published, check_language=False)
    return next(iter(_parser().pipe([article], keep_parse=True)))


def events(text: str, **layers) -> list:
    return list(EVENTS(replace(parsed(text), **layers)).events)


def at(text: str, word: str, cls=Span, **fields):
    start = text.index(word)
    return cls(start, start + len(word), word, **fields)


def only(found, type_):
    matching = [e for e in found if e.type == type_]
    assert len(matching) == 1, [(e.type, e.trigger.text) for e in found]
    return matching[0]


def triggered(found, word):
    matching = [e for e in found if e.trigger.text == word]
    assert len(matching) == 1, [(e.type, e.trigger.text) for e in found]
    return matching[0]


@model
@pytest.mark.parametrize("text, type_, mode", [
    ("Rebels fired mortar shells at the army base on Monday.", "ASSAULT", "shelling"),
    ("Warplanes bombed the rebel town overnight.", "ASSAULT", "aerial"),
    ("A drone strike hit a convoy near the border.", "ASSAULT", "drone"),
    ("A suicide bomber blew himself up at a checkpoint in the capital.", "ASSAULT",
     "suicide-attack"),
    ("Gunmen kidnapped two engineers on the highway.", "ASSAULT", "abduct"),
    ("Attackers hurled a grenade into the crowded market.", "ASSAULT", "grenade"),
    ("Hostilities between the two armies resumed near the border.", "ASSAULT", "clash"),
    ("Police arrested twelve people in the port city.", "COERCE", "arrest"),
    ("Customs officers seized a cache of rifles and ammunition.", "COERCE", "confiscate"),
    ("Soldiers defused a roadside bomb outside the school.", "COERCE", "defuse"),
    ("Thousands of teachers went on strike over pay.", "PROTEST", "strike"),
    ("Students held a peaceful protest outside parliament.", "PROTEST", "demo"),
    ("Rioters torched cars and looted shops in the old town.", "PROTEST", "riot"),
    ("The two governments signed a trade agreement in Geneva.", "SUPPORT", "sign"),
    ("The army withdrew its troops from the valley.", "RETREAT", "withdraw"),
    ("The rebels released ten hostages on Sunday.", "RETREAT", "release"),
    ("The foreign ministers held talks in Cairo.", "CONSULT", None),
    ("The government expelled three diplomats from the embassy.", "SANCTION", "expel"),
    ("The government deployed more soldiers to the border.", "MOBILIZE", "troops"),
    ("The army set up a new observation post near the river.", "MOBILIZE", "base"),
    ("Government forces recaptured the town from the militants.", "COERCE", "occupy"),
    ("The union accused the minister of lying.", "ACCUSE", "disapprove"),
    ("The opposition rejected the proposal.", "REJECT", None),
    ("The agency provided food aid to the flood victims.", "AID", "humanitarian"),
])
def test_events_types_and_modes_from_trigger_and_cues(text, type_, mode):
    event = only(events(text), type_)
    assert event.mode == mode
    assert event.trigger.text in text and event.text.strip() == text.strip()
    assert 0 < event.confidence <= 1


@model
@pytest.mark.parametrize("text", [
    "The company released its quarterly results on Monday.",
    "She shot a short film about the old harbour.",
    "She waited for the photographer she had hired to shoot her new costume.",
    "The crew will shoot the final episode in Lisbon.",
    "The designers struck a balance between speed and cost.",
    "Stocks rallied on Wall Street after the report.",
    "The earthquake killed eight people and damaged hundreds of homes.",
    "A fire at the furniture factory injured four workers.",
    "The threat environment has changed, analysts said.",
    "He works at the Ministry of Finance.",
    "A powerful earthquake struck the coastal region overnight.",
    "A tank at the chemical plant exploded on Sunday. Four workers were injured.",
    # Hostility is an attitude; only hostilities are fighting.
    "The hostility of the crowd grew as the match went on.",
])
def test_events_none_in_sentences_without_a_political_event(text):
    assert events(text) == []


@model
@pytest.mark.parametrize("text, type_, factuality", [
    ("The army did not attack the village.", "ASSAULT", "negated"),
    ("The rebels denied attacking the convoy.", "ASSAULT", "denied"),
    ("The army could attack the village at any time.", "ASSAULT", "hypothetical"),
    ("If the talks fail, the army may attack the town.", "ASSAULT", "hypothetical"),
    ("The militia threatened to attack the town.", "ASSAULT", "hypothetical"),
    ("The militia threatened to attack the town.", "THREATEN", "asserted"),
    ("The ministers will meet in Paris next week.", "CONSULT", "future"),
    ("The army plans to withdraw its troops from the valley.", "RETREAT", "future"),
    ("Cooperation with the neighbours would continue.", "COOPERATE", "future"),
    ("There was no disagreement with the government.", "REJECT", "negated"),
    ("Rebels attacked the convoy.", "ASSAULT", "asserted"),
    ("The guard did not survive the assault.", "ASSAULT", "asserted"),
    # What someone is ready or wants to do lies ahead, as news annotation (MEANTIME) marks it.
    ("The troops were ready to launch an offensive.", "ASSAULT", "future"),
    ("The rebels refused to release the hostages.", "RETREAT", "negated"),
    ("The rebels refused to release the hostages.", "REJECT", "asserted"),
])
def test_events_factuality_from_negation_modality_and_embedding(text, type_, factuality):
    assert only(events(text), type_).factuality == factuality


@model
@pytest.mark.parametrize("text, word, factuality", [
    ("No one was injured in the blast.", "injured", "negated"),
    ("Nothing happened after the vote.", "happened", "negated"),
    ("No one was injured in the blast.", "blast", "asserted"),
    ("The strike did not stop the talks.", "strike", "asserted"),
    ("The strike did not stop the talks.", "talks", "asserted"),
    ("The attack did not happen.", "attack", "negated"),
    ("Police prevented the attack.", "attack", "negated"),
    ("Police failed to prevent the attack.", "attack", "asserted"),
    ("Officials refused to comment on the arrests.", "arrests", "asserted"),
    ("Officials refused to comment on the arrests.", "comment", "negated"),
    ("The parties failed to reach a deal.", "deal", "negated"),
])
def test_events_rules_put_a_negation_on_its_own_event(text, word, factuality):
    from dateline.stages.events.factuality import factuality as rules
    from dateline.stages.nlp import load_model

    parse = load_model(Settings().model, ("tagger", "parser", "lemmatizer"))(text)
    token = next(t for t in parse if t.text == word)
    assert rules(token, None, None, False) == factuality


@model
@pytest.mark.parametrize("text, word, intended", [
    ("The company wants to build a new factory.", "build", True),
    ("The agency called for a new inquiry.", "inquiry", True),
    ("Airbus is willing to contribute funds.", "contribute", True),
    ("He was able to fix the leak.", "fix", False),
    ("The militia threatened to attack the town.", "attack", False),
    ("The company may want to build a factory.", "build", False),
    ("The company built a factory.", "built", False),
])
def test_events_rules_tell_an_intention_from_other_hypotheticals(text, word, intended):
    from dateline.stages.events.factuality import intended as is_intended
    from dateline.stages.nlp import load_model

    parse = load_model(Settings().model, ("tagger", "parser", "lemmatizer"))(text)
    assert is_intended(next(t for t in parse if t.text == word)) is intended


@model
def test_events_historical_when_the_time_is_years_before_publication():
    text = "Rebels attacked the town in 2015."
    doc = events(text, times=(at(text, "2015", TimeRef, value="2015", precision="year"),))
    event = only(doc, "ASSAULT")
    assert event.factuality == "historical" and event.time.value == "2015"


@model
def test_events_actor_and_recipient_from_subject_and_object():
    event = only(events("Rebels attacked an army convoy near the border."), "ASSAULT")
    assert [a.text for a in event.actors] == ["Rebels"]
    assert [r.text for r in event.recipients] == ["army convoy"]


@model
def test_events_passive_agent_acts_and_subject_undergoes():
    event = only(events("Two journalists were detained by police in the capital."), "COERCE")
    assert [a.text for a in event.actors] == ["police"]
    assert [r.text for r in event.recipients] == ["Two journalists"]


@model
def test_events_targeting_names_every_recipient_and_the_mode_stays():
    event = only(events("Iran launched missile strikes targeting Israel and Jordan."), "ASSAULT")
    assert [a.text for a in event.actors] == ["Iran"]
    assert [r.text for r in event.recipients] == ["Israel", "Jordan"]
    assert event.mode == "missile"


@model
def test_events_compound_nationality_names_each_country_as_actor():
    text = "Joint U.S.-Israeli strikes on Iran continued overnight."
    places = (at(text, "U.S.", Place, name="United States", country_code="US"),
              at(text, "Israeli", Place, name="Israel", country_code="IL", demonym=True),
              at(text, "Iran", Place, name="Iran", country_code="IR"))
    event = only(events(text, places=places), "ASSAULT")
    assert [a.name for a in event.actors] == ["United States", "Israel"]
    assert [r.text for r in event.recipients] == ["Iran"]


@model
def test_events_place_prefers_in_phrase_and_never_the_dateline():
    text = "NAIROBI - Gunmen attacked a bus in Mandera on Monday."
    places = (at(text, "NAIROBI", Place, name="Nairobi", role="dateline"),
              at(text, "Mandera", Place, name="Mandera", country_code="KE"))
    event = only(events(text, places=places), "ASSAULT")
    assert event.place.name == "Mandera" and event.place.country_code == "KE"


@model
def test_events_time_from_the_clause_else_publication_date_with_less_confidence():
    text = "Gunmen attacked a bus on Monday."
    monday = at(text, "Monday", TimeRef, value="2026-03-16", precision="day")
    dated = only(events(text, times=(monday,)), "ASSAULT")
    assert (dated.time.text, dated.time.value) == ("Monday", "2026-03-16")
    inferred = only(events(text), "ASSAULT")
    assert inferred.time.value == "2026-03-20" and inferred.time.text == ""
    assert inferred.confidence < dated.confidence
    assert only(events("Gunmen will attack the bus."), "ASSAULT").time is None


@model
def test_events_quantities_from_claims_attached_to_the_event():
    text = "Militants attacked a market, killing 12 people, and police arrested 40 suspects."
    killed = at(text, "12 people", Claim, value=Decimal(12), predicate="killed")
    arrested = at(text, "40 suspects", Claim, value=Decimal(40), predicate="arrested")
    found = events(text, claims=(killed, arrested))
    assault, coerce = only(found, "ASSAULT"), only(found, "COERCE")
    assert [(q.kind, q.value) for q in assault.quantities] == [("dead", Decimal(12))]
    assert [(q.kind, q.value) for q in coerce.quantities] == [("arrested", Decimal(40))]


@model
def test_events_source_from_quote_speaker_reporting_verb_or_according_to():
    text = "The ministry said troops would withdraw from the valley."
    speaker = at(text, "The ministry", Ref, name="Ministry")
    quote = Quote(0, len(text), text, kind="indirect",
                  contents=(at(text, "troops would withdraw from the valley"),), speaker=speaker)
    assert only(events(text, quotes=(quote,)), "RETREAT").source.name == "Ministry"
    assert only(events(text), "RETREAT").source.text == "ministry"
    text = "Rebels attacked the convoy, according to local officials."
    assert only(events(text), "ASSAULT").source.text == "local officials"


@model
def test_events_contexts_from_cue_words_and_disaster_relief():
    assert "crime_drugs" in only(events("Police arrested three men for cocaine trafficking."),
                                 "COERCE").context
    relief = only(events("Soldiers rescued hundreds of residents after the flood."), "AID")
    assert "natural_hazard" in relief.context and relief.mode == "humanitarian"


@model
def test_events_protest_context_when_force_meets_protesters():
    event = only(events("Police fired live rounds at the protesters."), "ASSAULT")
    assert "protest" in event.context and event.mode == "firearms"


@model
def test_events_one_event_for_words_of_one_action():
    found = events("Gunmen attacked the village and killed five farmers.")
    assert [e.type for e in found] == ["ASSAULT"]


@model
def test_events_ids_are_content_hashes_stable_across_runs():
    text = "Rebels attacked the convoy."
    first, second = events(text), events(text)
    assert [e.id for e in first] == [e.id for e in second] and first[0].id.startswith("evt_")


@model
def test_events_settings_filter_by_confidence_and_negation():
    doc = parsed("The army did not attack the village. Rebels attacked the convoy.")
    assert [e.factuality for e in Events(keep_negated=False)(doc).events] == ["asserted"]
    assert Events(min_confidence=1.0)(doc).events == ()


def test_events_need_the_parse():
    with pytest.raises(StageError, match="nlp"):
        EVENTS(Doc(article=Article(id="x", text="Rebels attacked.")))


@model
def test_events_weapons_do_not_act():
    event = only(events("Six shells hit the area near the border post."), "ASSAULT")
    assert event.actors == () and event.mode == "shelling"


@model
def test_events_claim_of_responsibility_credits_the_claimant():
    event = only(events("The group claimed responsibility for the bombing of the bridge."),
                 "ASSAULT")
    assert "responsibility" in event.context and [a.text for a in event.actors] == ["group"]


@model
def test_events_clashes_of_protesters_are_riots():
    event = only(events("Protesters clashed with police outside the ministry."), "PROTEST")
    assert event.mode == "riot"


@pytest.mark.parametrize("value, first, last", [
    ("2026", "2026-01-01", "2026-12-31"),
    ("2026-02", "2026-02-01", "2026-02-28"),
    ("2026-03-20T10:00", "2026-03-20", "2026-03-20"),
    ("2026-W12", "2026-03-16", "2026-03-22"),
    ("2026-Q2", "2026-04-01", "2026-06-30"),
    ("2025-WI", "2025-12-01", "2026-02-28"),
    ("199", "1990-01-01", "1999-12-31"),
    ("2025-05/2026-03-20", "2025-05-01", "2026-03-20"),
    ("2025-05/", "2025-05-01", "9999-12-31"),
])
def test_events_time_bounds_of_iso_and_timeml_values(value, first, last):
    start, end = time_bounds(value)
    assert (start.isoformat(), end.isoformat()) == (first, last)


@pytest.mark.parametrize("value", ["PRESENT_REF", "P3D", "", None, "XXXX-XX-XX"])
def test_events_time_bounds_none_without_a_calendar_anchor(value):
    assert time_bounds(value) is None


@model
@pytest.mark.parametrize("text", [
    "Someone said it attacked the town.",
    "Everyone said they had attacked the town.",
])
def test_events_pronoun_speakers_resolve_without_looping(text):
    event = only(events(text), "ASSAULT")
    assert all(a.name is None for a in event.actors)


@model
@pytest.mark.parametrize("text, trigger, factuality", [
    ("The deal lets the ban return if the firm is charged or convicted.", "convicted",
     "hypothetical"),
    ("The army could attack or seize the town.", "seize", "hypothetical"),
    ("The army did not attack or seize the town.", "seize", "negated"),
    ("The rebels will attack the town and seize the bridge.", "seize", "future"),
    ("Without the ceasefire the army would have attacked the town and seized the port.", "seized",
     "hypothetical"),
    ("If the talks collapse, the army may shell the city and seize the port.", "seize",
     "hypothetical"),
    # A conjunct with its own auxiliary or subject, or after "but", keeps its own marks.
    ("The army did not attack the town but seized the bridge.", "seized", "asserted"),
    ("The rebels attacked the town and will seize the bridge.", "attacked", "asserted"),
    ("Police arrested two men and charged them with theft.", "charged", "asserted"),
])
def test_events_conjoined_verbs_share_condition_modality_negation_and_tense(text, trigger,
                                                                           factuality):
    assert triggered(events(text), trigger).factuality == factuality


@model
def test_events_conjoined_participle_shares_the_passive_subject():
    event = triggered(events("The deal lets the ban return if the firm is charged or convicted."),
                      "convicted")
    assert [r.text for r in event.recipients] == ["firm"] and event.actors == ()


@model
@pytest.mark.parametrize("text, trigger, actors, recipients", [
    # The possessor of an arrest, a conviction, a detention undergoes it; who orders or upholds
    # it acts, who protests it does not.
    ("The appeals court upheld Maria Lopez's conviction.", "conviction", ["appeals court"],
     ["Maria Lopez"]),
    ("Police ordered the activist's arrest.", "arrest", ["Police"], ["activist"]),
    ("Lawyers protested the journalist's detention.", "detention", [], ["journalist"]),
    ("The court upheld the general's indictment of one count of fraud.", "indictment", ["court"],
     ["general"]),
    # The possessor acts when an "of" phrase names who undergoes it, or the noun is no act
    # done to someone.
    ("The army's arrest of two journalists drew criticism.", "arrest", ["army"],
     ["two journalists"]),
    ("Russia's attack on the port killed three people.", "attack", ["Russia"], ["port"]),
])
def test_events_possessor_of_an_arrest_or_indictment_undergoes_it(text, trigger, actors,
                                                                  recipients):
    assert_parties(triggered(events(text), trigger), actors, recipients)


@model
@pytest.mark.parametrize("text, trigger, actors, recipients", [
    # Buildings and venues locate an event; only force can be aimed at them.
    ("The envoy visited the presidential residence.", "visited", ["envoy"], []),
    ("Rebels attacked the presidential residence.", "attacked", ["Rebels"],
     ["presidential residence"]),
    ("The chancellor met with the King of Jordan Mr. Abdullah at noon at the Raghadan Palace, "
     "the royal residence, in Amman.", "met", ["chancellor"], ["Abdullah"]),
    # A title followed by a name is that person; a name that speaks is someone else.
    ("The minister met the President of Ghana Mr. John Mensah on Monday.", "met", ["minister"],
     ["John Mensah"]),
    ("The minister met the President, Mensah said.", "met", ["minister"], ["President"]),
    # Who is placed under arrest, or remains in it, undergoes it; "house" says where.
    ("The opposition leader was placed under house arrest.", "arrest", [], ["opposition leader"]),
    ("Police placed the editor under house arrest.", "arrest", ["Police"], ["editor"]),
    ("The general remains under house arrest.", "arrest", [], ["general"]),
    ("Rallies were held against the execution of the cleric.", "execution", [], ["cleric"]),
])
def test_events_recipients_are_parties_not_places_titles_or_kinds(text, trigger, actors,
                                                                  recipients):
    assert_parties(triggered(events(text), trigger), actors, recipients)


@model
@pytest.mark.parametrize("text, actors", [
    ("The two countries signed the Treaty of Friendship in the New Century agreement.",
     ["two countries"]),
    # An unresolved "They" is no one; the words of the name are not parties either.
    ("They signed the Partnership for Peace in the Third Millennium agreement.", []),
    ("Hamas attacks continued overnight.", ["Hamas"]),
])
def test_events_words_of_a_name_are_not_actors(text, actors):
    event = next(e for e in events(text) if e.trigger.text in ("agreement", "attacks"))
    assert [a.text for a in event.actors] == actors


@model
def test_events_signers_of_a_named_agreement_resolve_through_the_entities_layer():
    text = "Both governments held talks. They signed the Partnership for Peace in the Third " \
           "Millennium agreement."
    they = at(text, "They", Mention, label="NORP", kind="pronoun")
    parties = Entity(0, 16, "Both governments", id="ent_parties", name="Both governments",
                     label="NORP", mentions=(at(text, "Both governments", Mention), they))
    event = triggered(events(text, entities=(parties,)), "agreement")
    assert [(a.text, a.entity_id) for a in event.actors] == [("They", "ent_parties")]


@model
@pytest.mark.parametrize("text, found", [
    ("A correspondent stationed in Kabul filed the report.", False),
    ("The company deployed new software across its offices.", False),
    ("About 3,000 soldiers are stationed in the region.", True),
    ("Russia deployed warships to the strait.", True),
    ("The government deployed more soldiers to the border.", True),
])
def test_events_troop_moves_need_an_armed_participant(text, found):
    assert any(e.type == "MOBILIZE" for e in events(text)) == found


@pytest.mark.model
def test_events_actor_written_with_its_title_links_to_the_person(run):
    doc = run("Mr. Tomas Varga met with the foreign minister in Vienna on Monday.",
              ("nlp", "entities", "times", "places", "quotes", "claims", "events"))
    (meeting,) = [e for e in doc.events if e.trigger.text == "met"]
    assert meeting.actors[0].text == "Mr. Tomas Varga" and meeting.actors[0].name == "Tomas Varga"


def assert_parties(event, actors, recipients):
    assert [a.text for a in event.actors] == actors
    assert [r.text for r in event.recipients] == recipients
