"""Read the tense of the verb that governs a time expression, from the spaCy parse.

"said Friday" looks back, "will meet on Tuesday" looks ahead: the tense picks which Friday or
which Feb. 28 a bare calendar name means. The parse is the one the nlp stage already made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from dateline.resources.timex import (
    FORWARD_VERBS,
    FUTURE_AUXILIARIES,
    PERFECT_AUXILIARIES,
    POSSIBILITY_MODALS,
)
from dateline.stages.tree import is_root

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token

Tense = Literal["past", "present", "future"]

_MAX_HOPS = 6


def tense_at(parse: Parse | None, start: int, end: int) -> Tense | None:
    """Return the tense of the verb governing the characters [start, end), or None."""
    if parse is None:
        return None
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    return _tense_of(verb) if verb is not None else None


def _governing_verb(token: Token) -> Token | None:
    for _ in range(_MAX_HOPS):
        # Fine-grained tags only: the coarse POS needs the attribute ruler, often not loaded.
        if token.tag_.startswith("VB") or token.tag_ == "MD":
            return token
        if is_root(token):
            return None
        token = token.head
    return None


def _tense_of(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowered = {a.lower_ for a in auxes}
    if verb.tag_ == "VBN" and lowered & PERFECT_AUXILIARIES:
        return "past"
    if lowered & FUTURE_AUXILIARIES or verb.lower_ in FUTURE_AUXILIARIES or "going" in lowered:
        return "future"
    if verb.tag_ == "VB" and "to" in lowered and verb.dep_ in ("xcomp", "advcl", "ccomp") \
            and _lemma(verb.head) in FORWARD_VERBS:
        return "future"
    if lowered & POSSIBILITY_MODALS or verb.lower_ in POSSIBILITY_MODALS:
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        # "is expected in December", "is scheduled for Tuesday" look ahead.
        return "future" if _lemma(verb) in FORWARD_VERBS else "present"
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "pcomp"):
        head = verb.head
        return _tense_of(head) if head.i != verb.i and head.tag_.startswith("VB") else None
    return None


def _lemma(token: Token) -> str:
    # The lemmatizer may not be loaded (another stage list); fall back to the lower-case form.
    return str(token.lemma_ or token.lower_).lower()
