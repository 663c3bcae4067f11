"""Which predicates that did not happen teach the "how unreal" factuality model, and as what."""

from __future__ import annotations

import pytest

from dateline.train.factuality import kind_label


@pytest.mark.parametrize("domain, label, rule, expected", [
    # News gold names its class, whatever the rules read.
    ("news", "hypothetical", "asserted", "hypothetical"),
    ("news", "negated", "negated", "negated"),
    ("news", "future", "asserted", "future"),
    # Web gold only says "did not happen": the rules' reading of the grammar names the class.
    ("web", "not_happened", "hypothetical", "hypothetical"),
    ("web", "not_happened", "negated", "negated"),
    ("web", "not_happened", "future", "future"),
    # Where the rules read nothing unreal, a web item teaches no class.
    ("web", "not_happened", "asserted", None),
    ("web", "not_happened", "historical", None),
])
def test_factuality_kind_label_maps_web_items_by_the_rules_reading(
        domain: str, label: str, rule: str, expected: str | None) -> None:
    assert kind_label(domain, label, rule) == expected
