"""The PLOVER ontology tables: they load, agree with each other, and map to CAMEO, ACLED, CASE."""

import pytest

from dateline.errors import ConfigError
from dateline.resources import ontology
from dateline.resources.ontology import (
    PLOVER_TYPES,
    acled_type,
    actor_sector,
    cameo_roots,
    case_subtype,
    lexicon,
    modes,
    plover_mode,
    refines,
)

# The 30 subtypes of CASE 2021 task 2 (25 ACLED sub-event types and 5 unseen ones).
CASE_SUBTYPES = frozenset("""
ABDUCT_DISSAP AGREEMENT AIR_STRIKE ARMED_CLASH ARREST ART_MISS_ATTACK ATTACK CHANGE_TO_GROUP_ACT
CHEM_WEAP DISR_WEAP FORCE_AGAINST_PROTEST GOV_REGAINS_TERIT GRENADE HQ_ESTABLISHED MOB_VIOL
NON_STATE_ACTOR_OVERTAKES_TER NON_VIOL_TERRIT_TRANSFER OTHER PEACE_PROTEST PROPERTY_DISTRUCT
PROTEST_WITH_INTER REM_EXPLOS SEX_VIOL SUIC_BOMB VIOL_DEMONSTR ORG_CRIME NATURAL_DISASTER
MAN_MADE_DISASTER DIPLO ATTRIB
""".split())
ACLED_SUB_EVENTS = frozenset({
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
    "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other"})


def test_ontology_lexicon_rows_name_known_types_modes_and_contexts():
    known_contexts = {c.name for c in ontology.contexts()}
    rows = [row for entries in lexicon().values() for row in entries]
    assert len(rows) > 300
    assert {row.type for row in rows} == set(PLOVER_TYPES)
    for row in rows:
        assert row.mode is None or row.mode in {m.name for m in modes()[row.type]}, row
        assert set(row.contexts) <= known_contexts, row
        assert 0 < row.weight <= 1, row


def test_ontology_every_mode_names_its_codebook_mode():
    for type_, rows in modes().items():
        assert type_ in PLOVER_TYPES
        for mode in rows:
            assert mode.plover, mode
            assert mode.refines in (None, "*") or mode.refines in {m.name for m in rows}, mode


@pytest.mark.parametrize("lemma, type_", [
    ("attack", "ASSAULT"), ("talk", "CONSULT"), ("arrest", "COERCE"), ("protest", "PROTEST"),
    ("withdraw", "RETREAT"), ("sanction", "SANCTION"), ("deploy", "MOBILIZE"), ("aid", "AID"),
    ("threaten", "THREATEN"), ("accuse", "ACCUSE"), ("reject", "REJECT"), ("demand", "REQUEST"),
    ("agree", "AGREE"), ("praise", "SUPPORT"), ("pardon", "CONCEDE"), ("cooperate", "COOPERATE"),
])
def test_ontology_each_type_has_its_core_verbs(lemma, type_):
    assert type_ in {row.type for row in lexicon()[lemma]}


@pytest.mark.parametrize("type_, mode, plover", [
    ("ASSAULT", "drone", "heavy-weapons"), ("ASSAULT", "grenade", "explosives"),
    ("ASSAULT", "firearms", "firearms"), ("COERCE", "occupy", "confiscate"),
    ("PROTEST", "strike", "strike-gen"), ("ASSAULT", None, None),
])
def test_ontology_refined_modes_collapse_to_codebook_modes(type_, mode, plover):
    assert plover_mode(type_, mode) == plover


@pytest.mark.parametrize("specific, general, expected", [
    ("suicide-attack", "explosives", True), ("drone", "aerial", True),
    ("aerial", "explosives", False), ("chemical", "missile", True), ("firearms", None, True),
])
def test_ontology_mode_refinement(specific, general, expected):
    assert refines("ASSAULT", specific, general) is expected


@pytest.mark.parametrize("type_, roots", [
    ("ASSAULT", ("18", "19", "20")), ("CONSULT", ("04",)), ("PROTEST", ("14",)),
    ("ACCUSE", ("11", "09")), ("RETREAT", ("08",)), ("SANCTION", ("16",)), ("NOPE", ()),
])
def test_ontology_cameo_roots(type_, roots):
    assert cameo_roots(type_) == roots


def test_ontology_every_type_has_a_cameo_root():
    assert all(cameo_roots(t) for t in PLOVER_TYPES)


@pytest.mark.parametrize("type_, mode, contexts, expected", [
    ("ASSAULT", "aerial", (), ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "clash", (), ("Battles", "Armed clash")),
    ("ASSAULT", "firearms", ("protest",), ("Protests", "Excessive force against protesters")),
    ("PROTEST", "riot", (), ("Riots", "Violent demonstration")),
    ("COERCE", "arrest", (), ("Strategic developments", "Arrests")),
    ("MOBILIZE", "base", (), ("Strategic developments", "Headquarters or base established")),
    ("ACCUSE", "disapprove", (), None),
])
def test_ontology_acled_crosswalk(type_, mode, contexts, expected):
    assert acled_type(type_, mode, contexts) == expected


def test_ontology_acled_crosswalk_only_names_acled_sub_events():
    for type_ in PLOVER_TYPES:
        for mode in [None, *(m.name for m in modes().get(type_, ()))]:
            found = acled_type(type_, mode)
            assert found is None or found[1] in ACLED_SUB_EVENTS, (type_, mode, found)


@pytest.mark.parametrize("type_, mode, contexts, sector, expected", [
    ("ASSAULT", "drone", (), None, "AIR_STRIKE"),
    ("ASSAULT", "suicide-attack", (), None, "SUIC_BOMB"),
    ("ASSAULT", "explosives", ("responsibility",), None, "ATTRIB"),
    ("ASSAULT", None, ("military",), None, "ARMED_CLASH"),
    ("ASSAULT", None, (), None, "ATTACK"),
    ("COERCE", "arrest", ("crime_drugs",), None, "ORG_CRIME"),
    ("COERCE", "arrest", (), None, "ARREST"),
    ("COERCE", "confiscate", ("weapons",), None, "DISR_WEAP"),
    ("COERCE", "occupy", ("territory",), "nonstate", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("COERCE", "occupy", ("territory",), "state", "GOV_REGAINS_TERIT"),
    ("PROTEST", "demo", (), None, "PEACE_PROTEST"),
    ("PROTEST", "obstruct", (), None, "VIOL_DEMONSTR"),
    ("AID", "humanitarian", ("natural_hazard",), None, "NATURAL_DISASTER"),
    ("CONSULT", None, ("peace_process",), None, "AGREEMENT"),
    ("SANCTION", "expel", (), None, "DIPLO"),
    (None, None, ("accident",), None, "MAN_MADE_DISASTER"),
    (None, None, (), None, "OTHER"),
])
def test_ontology_case2021_mapping(type_, mode, contexts, sector, expected):
    assert case_subtype(type_, mode, contexts, sector) == expected


def test_ontology_case2021_mapping_only_names_case_subtypes():
    contexts = [c.name for c in ontology.contexts()]
    for type_ in (None, *PLOVER_TYPES):
        for mode in [None, *(m.name for m in modes().get(type_ or "", ()))]:
            for context in [None, *contexts]:
                subtype = case_subtype(type_, mode, (context,) if context else ())
                assert subtype in CASE_SUBTYPES, (type_, mode, context, subtype)


@pytest.mark.parametrize("words, sector", [
    (["Taliban", "fighters"], "nonstate"), (["ISIS", "militants"], "nonstate"),
    (["Syrian", "army"], "state"), (["government", "forces"], "state"), (["villagers"], None),
])
def test_ontology_actor_sector(words, sector):
    assert actor_sector(words) == sector


def test_ontology_bad_condition_names_the_valid_choices():
    with pytest.raises(ConfigError, match="Valid: obj, subj"):
        ontology._condition("near=bomb", "test row")
    with pytest.raises(ConfigError, match="unknown word class @NOPE"):
        ontology._condition("obj=@NOPE", "test row")
    condition = ontology._condition("!mod=legal|@DIPLOMATIC", "test row")
    assert condition.negate and {"legal", "diplomatic"} <= condition.words


def test_ontology_word_classes_join_hyphenated_names_with_spaces():
    assert {"islamic-state", "islamic state", "boko haram"} <= ontology.word_classes()["NONSTATE"]
