"""Incidents: the town an article's headline names, read with the outlet's home and side."""

import pytest

from dateline.resources.geo import open_gazetteer
from dateline.stages.incidents.grouping import Group
from dateline.stages.incidents.headline import headline_group, headline_town
from dateline.stages.places.outlet import Outlet, read_outlet


@pytest.mark.parametrize(("title", "name", "a1"), [
    ("Six injured in shooting at Fort Worth party", "Fort Worth", "TX"),
    ("Outrage after bloody night in Baltimore leaves 18 shot", "Baltimore", "MD"),
    # The site's name after the headline is not read: only the headline.
    ("Police identify four killed in Killeen shooting - KWTX News 10", "Killeen", "TX"),
])
def test_incidents_headline_town_named_in_the_headline(title, name, a1):
    town = headline_town(title, open_gazetteer(), None)
    assert town is not None and (town.name, town.cc, town.a1) == (name, "US", a1)


@pytest.mark.parametrize("title", [
    "Man killed, boy injured in apparent drive-by shooting",  # "Man": an English word
    "Child recovering after shooting in DeKalb County",  # a county, not the town
    # Inside a run of capitalized words too: "Fresno County" is not the town of Fresno.
    "Deputy Hurt In Fresno County Shooting",
    "Four injured by gunfire outside Marion nightclub",  # namesakes of one size
    "Shooting details emerge",
    None,
])
def test_incidents_headline_no_town_where_none_is_clear(title):
    assert headline_town(title, open_gazetteer(), None) is None


def test_incidents_headline_town_in_the_outlets_state_or_on_its_side():
    gazetteer = open_gazetteer()
    idaho = read_outlet("https://www.idahopress.com/x", gazetteer)
    assert idaho is not None and idaho.home is not None
    town = headline_town("Meridian man arrested after fatal shooting", gazetteer, idaho)
    assert town is not None and (town.name, town.a1) == ("Meridian", "ID")
    # Lafayette, Louisiana and Lafayette, Indiana are close in size: a call sign west of the
    # Mississippi settles it.
    title = "Woman injured after Lafayette teen discharged a firearm"
    assert headline_town(title, gazetteer, None) is None
    town = headline_town(title, gazetteer, Outlet("katc.com", side="west"))
    assert town is not None and town.a1 == "LA"


@pytest.mark.parametrize(("title", "kind"), [
    ("Teen shot to death outside corner store - Example News", "ASSAULT"),
    ("Two shootings overnight leave three hurt", "ASSAULT"),
    ("Boy accidentally shoots brother while cleaning rifle", "ACCIDENT"),
    ("Library opens new wing downtown", None),
    # The site's name is not the headline.
    ("Weather update - Shooting Star Radio", None),
    (None, None),
])
def test_incidents_headline_group_from_a_word_of_violence(title, kind):
    group = headline_group(title, [])
    assert (group.type if group is not None else None) == kind
    if group is not None:
        assert group.headline and not group.events


def test_incidents_headline_group_only_where_the_text_tells_of_no_harm():
    title = "Man shot in parking lot"
    assert headline_group(title, [Group("ASSAULT", "firearms")]) is None
    assert headline_group(title, [Group("ARREST", None)]) is not None
