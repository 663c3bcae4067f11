"""Walk spaCy's dependency tree safely: compare tokens by index, and bound every climb.

spaCy builds a new ``Token`` object each time one is read (``token.head``, ``doc[i]``), so an
identity test between tokens is meaningless: ``token.head is token`` is false even at the
root, whose head is itself, and a loop waiting for it never ends. Compare ``.i`` instead. A
climb up the heads ends at the sentence's root, so it never needs more steps than the sentence
has tokens; ``climb`` stops there even if the parse were malformed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token



def is_root(token: Token) -> bool:
    """Return True for a sentence root: spaCy makes the root its own head."""
    return bool(token.head.i == token.i)


def same_token(a: Token | None, b: Token | None) -> bool:
    """Return True when two spaCy tokens are the same word of the same parse."""
    if a is None or b is None:
        return a is b
    return bool(a.i == b.i and a.doc is b.doc)


def max_climb(token: Token) -> int:
    """Return the most head steps a climb from ``token`` can take: its sentence's length."""
    doc = token.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return len(token.sent)
    return len(doc)


def climb(token: Token, keep_going: Callable[[Token], bool], limit: int | None = None) -> Token:
    """Go up the heads from ``token`` while ``keep_going(current)`` holds; return where it stops.

    The climb stops at the root, after ``limit`` steps when given, and never takes more steps
    than the sentence has tokens.
    """
    steps = max_climb(token) if limit is None else min(limit, max_climb(token))
    current = token
    for _ in range(steps):
        if is_root(current) or not keep_going(current):
            return current
        current = current.head
    return current


def within_paragraph(head: Token, start: int, end: int) -> tuple[int, int]:
    """Narrow the token range [start, end] of the phrase headed by ``head`` to its paragraph:
    the parser can hang a dateline above a paragraph on its first noun ("2010\n\nRecent
    reports"), and a phrase never spans a paragraph break."""
    doc = head.doc
    for i in range(head.i - 1, start - 1, -1):
        if "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(head.i + 1, end + 1):
        if "\n" in doc[i].text:
            end = i - 1
            break
    return start, end
