"""Decision tables of resources/: quote draft confidences and recipient prepositions."""

import itertools

import pytest

from dateline.errors import ConfigError
from dateline.resources.decisions import marks_recipient, quote_confidence

TYPES = ("ASSAULT", "COERCE", "PROTEST", "CONSULT", "COOPERATE", "AGREE", "REJECT", "AID",
         "SUPPORT", "CONCEDE", "RETREAT", "SANCTION", "MOBILIZE", "THREATEN", "ACCIDENT")
PREPOSITIONS = ("on", "against", "at", "upon", "into", "toward", "towards", "with", "to", "from",
                "in", "by", "of")


def rules_as_code(type_, word, own, mode, giving):
    """The rules as the events stage wrote them before they became event_recipients.tsv."""
    aimed = own and (word in ("on", "against", "upon", "toward", "towards")
                     or (word in {"on", "against", "at", "upon", "into", "toward", "towards"}
                         and type_ in {"ASSAULT", "COERCE", "PROTEST"}))
    with_party = word == "with" and type_ in {"CONSULT", "COOPERATE", "AGREE", "REJECT",
                                              "ASSAULT"} and (
        type_ != "ASSAULT" or (own and mode == "clash"))
    to_party = word == "to" and (type_ in {"AID", "SUPPORT", "CONCEDE"} or giving)
    from_party = word == "from" and type_ == "RETREAT" and not giving and own
    return aimed or with_party or to_party or from_party


def test_decisions_recipient_table_decides_as_the_code_did():
    for type_, word, own, mode in itertools.product(TYPES, PREPOSITIONS, (True, False),
                                                    (None, "clash", "release")):
        for giving in ((True, False) if type_ == "RETREAT" else (False,)):
            assert marks_recipient(type_, word, on_trigger=own, mode=mode, giving=giving) == \
                rules_as_code(type_, word, own, mode, giving), (type_, word, own, mode, giving)


@pytest.mark.parametrize(("type_", "word", "on_trigger", "mode", "giving", "expected"), [
    ("ASSAULT", "into", True, None, False, True),     # "fired into the crowd"
    ("CONSULT", "at", True, None, False, False),      # "met at the palace" only locates
    ("ASSAULT", "with", True, "clash", False, True),  # "clashed with police"
    ("ASSAULT", "with", True, None, False, False),    # "attacked with gas": a weapon
    ("AID", "to", False, None, False, True),          # "sent aid to the refugees"
    ("RETREAT", "to", False, "release", True, True),  # "handed the town back to the army"
    ("RETREAT", "from", True, None, False, True),     # "withdrew from the town"
    ("RETREAT", "from", True, "release", True, False),
])
def test_decisions_recipient_examples(type_, word, on_trigger, mode, giving, expected):
    assert marks_recipient(type_, word, on_trigger=on_trigger, mode=mode,
                           giving=giving) is expected


def test_decisions_quote_confidence_orders_the_drafts():
    assert quote_confidence("cue_beside") > quote_confidence("reported_clause") > \
        quote_confidence("unattributed_statement")
    assert quote_confidence("floor") < quote_confidence("ceiling")


def test_decisions_unknown_quote_draft_names_the_rows():
    with pytest.raises(ConfigError, match=r"no row 'cue_nearby'\. Rows: according_to, ceiling"):
        quote_confidence("cue_nearby")
