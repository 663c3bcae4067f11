"""The forms of reporting verbs that the quote, figure and event stages match."""

from dateline.resources.cues import REPORTING_FORMS, verb_forms


def test_cues_verb_forms_double_a_final_consonant_where_english_does():
    forms = verb_forms(["admit", "beg", "refer"])
    assert {"admitted", "admitting", "begged", "begging", "referred", "referring"} <= forms
    assert not {"admited", "beged", "refered"} & forms


def test_cues_verb_forms_keep_regular_and_irregular_forms():
    assert verb_forms(["threaten"]) == {"threaten", "threatens", "threatened", "threatening"}
    assert {"said", "says", "saying"} <= verb_forms(["say"])
    assert {"denied", "denies", "denying"} <= verb_forms(["deny"])


def test_cues_reporting_forms_hold_the_real_past_of_admit():
    assert "admitted" in REPORTING_FORMS and "admited" not in REPORTING_FORMS
