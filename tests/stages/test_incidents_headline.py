"""Incidents: the town an article's headline names, read with the outlet's home and side."""

import pytest

from dateline.resources.geo import open_gazetteer
from dateline.stages.incidents.headline import headline_town
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
