"""Decisions kept as tables: the confidence of each kind of quote draft, and the prepositions
that mark an event's recipient for each PLOVER type (``quote_confidence.tsv``,
``event_recipients.tsv``; each file names its sources). Tables load once per process.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dateline.errors import ConfigError
from dateline.resources.ontology import _rows


@lru_cache(maxsize=1)
def _quote_confidence() -> dict[str, float]:
    return {draft: float(value) for draft, value, _ in _rows("quote_confidence.tsv")}


def quote_confidence(draft: str) -> float:
    """Return the confidence (or the adjustment) that quote_confidence.tsv gives ``draft``."""
    table = _quote_confidence()
    if draft not in table:
        raise ConfigError(f"quote_confidence.tsv has no row {draft!r}. "
                          f"Rows: {', '.join(sorted(table))}.")
    return table[draft]


@dataclass(frozen=True, slots=True)
class RecipientRule:
    """One row of event_recipients.tsv: a preposition that names whom a type is aimed at."""

    type: str
    attached: Literal["trigger", "either"]
    mode: str | None
    giving: bool | None


@lru_cache(maxsize=1)
def _recipient_rules() -> dict[str, tuple[RecipientRule, ...]]:
    rules: dict[str, list[RecipientRule]] = defaultdict(list)
    for type_, preposition, attached, mode, giving in _rows("event_recipients.tsv"):
        if attached not in ("trigger", "either") or giving not in ("yes", "no", "-"):
            raise ConfigError(f"event_recipients.tsv row {type_} {preposition}: attached must "
                              f"be trigger or either, giving yes, no or -.")
        rules[preposition].append(RecipientRule(
            type_, "trigger" if attached == "trigger" else "either",
            None if mode == "-" else mode, None if giving == "-" else giving == "yes"))
    return {preposition: tuple(rows) for preposition, rows in rules.items()}


def marks_recipient(type_: str, preposition: str, *, on_trigger: bool, mode: str | None,
                    giving: bool) -> bool:
    """Return True when ``preposition`` names the recipient of an event of ``type_``.

    ``on_trigger``: the phrase hangs on the event word itself, not on the verb governing it.
    """
    for rule in _recipient_rules().get(preposition, ()):
        if rule.type not in ("*", type_) or (rule.attached == "trigger" and not on_trigger):
            continue
        if (rule.mode is not None and rule.mode != mode) or \
                (rule.giving is not None and rule.giving != giving):
            continue
        return True
    return False
