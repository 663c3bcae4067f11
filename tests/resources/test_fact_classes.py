"""The one table of factuality classes and its two views (incident grouping, event duplicates)."""

from typing import get_args

from dateline.records import Factuality
from dateline.resources.incidents import FACT_CLASSES, SAME_HAPPENING_CLASSES, SAME_STATE_CLASSES


def test_fact_classes_cover_every_factuality():
    for table in (FACT_CLASSES, SAME_HAPPENING_CLASSES, SAME_STATE_CLASSES):
        assert set(table) == set(get_args(Factuality))


def test_fact_classes_views_differ_on_historical_alone():
    differ = {f for f in FACT_CLASSES if SAME_HAPPENING_CLASSES[f] != SAME_STATE_CLASSES[f]}
    assert differ == {"historical"}
    assert SAME_HAPPENING_CLASSES["historical"] == "past"
    assert SAME_STATE_CLASSES["historical"] == SAME_STATE_CLASSES["asserted"] == "real"


def test_fact_classes_denial_and_plan_are_never_what_happened():
    for view in (SAME_HAPPENING_CLASSES, SAME_STATE_CLASSES):
        assert len({view["asserted"], view["denied"], view["future"]}) == 3
        assert view["negated"] == view["denied"] and view["hypothetical"] == view["future"]
