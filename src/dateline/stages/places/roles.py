"""Decide the role of a place in the story: the dateline city, where something happened, or a
place merely mentioned.

A place is an event location when the parse puts it after a locative preposition ("in", "at",
"near"...) governed by a verb of happening ("killed in Mosul", "talks were held in Geneva") or
by a noun naming an event ("an attack near Kabul"). Reporting and residence verbs ("said in
Paris", "lives in Ohio") do not make an event. The events stage may refine this.

Word lists: compiled by the dateline authors from general English news usage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.records import PlaceRole
from dateline.resources.events import EVENT_NOUNS, NON_EVENT_VERBS
from dateline.resources.places import LOCATIVE_PREPOSITIONS, PLACE_WRAPPERS
from dateline.stages.tree import is_root

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token


def place_role(parse: Parse | None, start: int, end: int, in_dateline: bool) -> PlaceRole:
    """Return "dateline", "event" or "mention" for the place named at [start, end)."""
    if in_dateline:
        return "dateline"
    if parse is None:
        return "mention"
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "mention"
    token = span.root
    # Climb out of "the (northern) city of X" and "X, Y" to the phrase the preposition governs.
    for _ in range(4):
        head = token.head
        if token.dep_ in ("appos", "conj", "npadvmod") and not is_root(token):
            token = head
            continue
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_WRAPPERS:
            token = head.head
            continue
        break
    return "event" if _locates_happening(token, depth=2) else "mention"


def _locates_happening(token: Token, depth: int) -> bool:
    """Return True when ``token`` is the object of a locative preposition that a verb of
    happening or an event noun governs, directly or through the noun it qualifies ("work from
    a command centre in Naples")."""
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    if preposition.lower_ not in LOCATIVE_PREPOSITIONS | {"from"}:
        return False
    governor = preposition.head
    if preposition.lower_ != "from" and governor.pos_ in ("VERB", "AUX"):
        return not _non_event_verb(governor.lower_)
    if governor.pos_ in ("NOUN", "PROPN"):
        if governor.lower_ in EVENT_NOUNS and preposition.lower_ != "from":
            return True
        return depth > 0 and _locates_happening(governor, depth - 1)
    if preposition.lower_ == "from" and governor.pos_ == "VERB":
        return depth < 2 and not _non_event_verb(governor.lower_)
    return False


def _non_event_verb(word: str) -> bool:
    """Return True for a reporting or locating verb in any regular inflection ("lives", "based")."""
    if word in NON_EVENT_VERBS:
        return True
    for suffix, base in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and word[: -len(suffix)] + base in NON_EVENT_VERBS:
            return True
    return False


def attributive(parse: Parse | None, start: int, end: int) -> bool:
    """Return True when the name at [start, end) modifies a noun after it ("U.S. officials")."""
    if parse is None:
        return False
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i > span.end - 1:
        return True
    # "U.S.-Israeli attacks": the compound's parts are joined by hyphens before the noun.
    after = parse.text[end:end + 1]
    return bool(after == "-" and span.end < len(parse) and root.head.i >= span.end)
