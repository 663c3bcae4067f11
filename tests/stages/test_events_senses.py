"""Events: words of violence, protest, rejection and threat used in a sense that is no event.

Sport borrows the words of attack, a product is demonstrated, a veto can be a power someone
holds, a warning can be a forecast, and a crime can name a charge. Each negative sentence has a
positive twin that must still come out. Sentences written for these tests, not taken from any
evaluation set.
"""

import pytest

from .test_events import events

model = pytest.mark.model


def _coded(text):
    return [(e.type, e.trigger.text) for e in events(text)]


@model
@pytest.mark.parametrize("text", [
    # Play: a sport word takes part and nothing armed does.
    "The striker attacked the ball and scored in the second half.",
    "United attacked from the first whistle and won 3-0.",
    "The bowler struck twice in the final over of the innings.",
    "The visitors conceded a penalty in the 62nd minute.",
    "The goalkeeper fired the ball into the crowd in frustration.",
    # A manner: an -ing word before a bare noun of manner.
    "Spain started the game with attacking style.",
    "Their attacking play was impressive, but the team's defence let them down.",
    # A showing: a product demonstrated, a demonstration of a thing or one given.
    "The company gave a demonstration of its new phone at the trade show.",
    "Engineers demonstrated the new software to investors.",
    "The researchers demonstrated that the engine runs on hydrogen.",
    "Visitors queued for a product demonstration at the fair.",
    # A veto held is a power, not its use.
    "Russia holds veto power in the Security Council.",
    "The five permanent members each have a veto.",
    # A warning that forecasts trouble is speech, not a threat.
    "Officials warn of delays in the delivery of supplies.",
    "Airlines warned that flights could be cancelled over the holiday weekend.",
    # A crime that names a charge is not a crime the text reports.
    "He was charged with murder and kidnapping.",
    "The court upheld his indictment on one count of murder and two counts of kidnapping.",
])
def test_events_senses_no_event_for_play_manner_showing_power_forecast_or_charge(text):
    coded = _coded(text)
    assert not [c for c in coded if c[0] in ("ASSAULT", "PROTEST", "REJECT", "THREATEN",
                                             "CONCEDE")], coded


@model
@pytest.mark.parametrize("text, type_, trigger", [
    ("Protesters demonstrated outside parliament.", "PROTEST", "demonstrated"),
    ("Thousands joined a demonstration against the new law.", "PROTEST", "demonstration"),
    ("Police broke up a demonstration of students in the capital.", "PROTEST", "demonstration"),
    ("Troops attacked the village.", "ASSAULT", "attacked"),
    ("Rebels struck an army convoy near the border.", "ASSAULT", "struck"),
    ("Gunmen attacked a football stadium in the north.", "ASSAULT", "attacked"),
    ("Hooligans clashed with police after the match.", "ASSAULT", "clashed"),
    ("Russia vetoed the resolution.", "REJECT", "vetoed"),
    ("The president used his veto against the budget bill.", "REJECT", "veto"),
    ("The militia threatened to kill hostages.", "THREATEN", "threatened"),
    ("The minister warned that the army would retaliate.", "THREATEN", "warned"),
    ("Beijing warned it would impose sanctions on the firms.", "THREATEN", "warned"),
    ("The government warned of reprisals against the strikers.", "THREATEN", "warned"),
    ("Gunmen murdered three people before police arrested them.", "ASSAULT", "murdered"),
    ("Rebels kidnapped two aid workers on Monday.", "ASSAULT", "kidnapped"),
    ("The government conceded defeat in the disputed province.", "CONCEDE", "conceded"),
    ("Rights groups rejected the death penalty.", "REJECT", "rejected"),
])
def test_events_senses_real_events_still_come_out(text, type_, trigger):
    assert (type_, trigger) in _coded(text)


@model
@pytest.mark.parametrize("text, trigger", [
    # A crime with its own determiner, possessor or "of" phrase is one act, not the name of a
    # charge; the charge itself (the indictment) stays an event.
    ("Two men were charged with the murder of the mayor.", "murder"),
    ("He was accused of attacking the convoy.", "attacking"),
])
def test_events_senses_a_specific_crime_under_a_charge_stays_an_event(text, trigger):
    assert ("ASSAULT", trigger) in _coded(text)


@model
@pytest.mark.parametrize("text, trigger", [
    ("He was charged with murder and kidnapping.", "charged"),
    ("A court indicted the general on charges of murder.", "indicted"),
])
def test_events_senses_the_charge_is_the_event(text, trigger):
    assert ("ACCUSE", trigger) in _coded(text)


@model
def test_events_senses_the_power_to_veto_is_hypothetical():
    (veto,) = [e for e in events("The president has the power to veto legislation.")
               if e.type == "REJECT"]
    assert veto.factuality == "hypothetical"


@model
@pytest.mark.parametrize("text", [
    "Police arrested the goalkeeper at the airport.",
    "The referee was arrested after the match.",
])
def test_events_senses_legal_acts_in_sport_stay_events(text):
    assert "COERCE" in [e.type for e in events(text)]


@model
@pytest.mark.parametrize("text", [
    # Figurative senses of attack, meeting, marching, fighting and claiming.
    "The new bill is an assault on the environment, campaigners say.",
    "Critics called the ruling an attack on democracy.",
    "The company says it is meeting its obligations to pensioners.",
    "The two parties are marching in step on trade.",
    "The city fought to overturn the ruling in the appeals court.",
    "Managers must take more responsibility for the failures.",
    # A campaign rally is no protest.
    "The senator held a campaign rally in Ohio on Saturday.",
    "Thousands attended an election rally for the opposition candidate.",
    # Capturing a mood is no seizure.
    "The film captured the mood of the era.",
])
def test_events_senses_figurative_and_campaign_words_are_no_event(text):
    coded = _coded(text)
    assert not [c for c in coded if c[0] in ("ASSAULT", "PROTEST", "CONSULT", "COERCE")], coded


@model
@pytest.mark.parametrize("text, type_, trigger", [
    ("Thousands joined a rally against the war in the capital.", "PROTEST", "rally"),
    ("The president spoke by phone with the French leader on Tuesday.", "CONSULT", "spoke"),
    ("Putin phoned Erdogan on Monday.", "CONSULT", "phoned"),
    ("The minister told a news conference in Kabul that the border would reopen.", "CONSULT",
     "conference"),
    ("Gunmen stormed a hotel in the capital.", "ASSAULT", "stormed"),
    ("Rebels captured the northern city of Mosul on Sunday.", "COERCE", "captured"),
    ("Troops captured two enemy soldiers near the border.", "COERCE", "captured"),
    ("The Islamic State group took responsibility for the bombing.", "ASSAULT", "bombing"),
    ("US forces carried out airstrikes on Raqqa.", "ASSAULT", "airstrikes"),
    ("The group claimed responsibility for the attack on the base.", "ASSAULT", "attack"),
])
def test_events_senses_calls_conferences_storming_capture_and_carried_events(text, type_,
                                                                             trigger):
    assert (type_, trigger) in _coded(text)
