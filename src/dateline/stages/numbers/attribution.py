"""Find who asserts a figure, and the cue that says so.

In order of trust: a quote (from the quotes stage) whose content holds the figure gives its
speaker and cue; else an "according to X" in the same sentence; else a reporting verb that
governs the figure's clause ("police said 3 were killed", "3 were killed, police said"). The
source is linked to the entity it names through ``stages.lookup.ref_for``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.records import Doc, Ref, Span
from dateline.resources.cues import REPORTING_FORMS
from dateline.stages.lookup import quote_content_index, ref_for
from dateline.stages.tree import within_paragraph

if TYPE_CHECKING:
    from spacy.tokens import Token

_MAX_CLIMB = 8
# Right-hand parts of a source phrase that belong to it: "a spokesman for the sheriff's office".
_SOURCE_RIGHT_DEPS = frozenset({"prep", "pobj", "compound", "flat", "poss", "case", "amod"})


def from_quotes(doc: Doc, start: int, end: int) -> tuple[Ref, Span | None] | None:
    """Return (speaker, cue) of the quote whose content holds [start, end), if it has a speaker."""
    for quote in quote_content_index(doc).overlapping(start, max(end, start + 1)):
        if quote.speaker is None:
            continue
        if any(c.start <= start and end <= c.end for c in quote.contents):
            return quote.speaker, quote.cue
    return None


def attribute(doc: Doc, start: int, end: int, token: Token | None) -> tuple[Ref | None,
                                                                          Span | None]:
    """Return (source, cue) for the figure at [start, end), whose clause holds ``token``."""
    quoted = from_quotes(doc, start, end)
    if quoted is not None:
        return quoted
    if token is None:
        return None, None
    return according_to(doc, token) or reported_by(doc, token) or (None, None)


def according_to(doc: Doc, token: Token) -> tuple[Ref, Span] | None:
    """Return the source of the nearest "according to X" in the token's sentence."""
    sent = token.sent
    best: tuple[int, Ref, Span] | None = None
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end:
            continue
        to = tok.doc[tok.i + 1]
        if to.lower_ != "to":
            continue
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        distance = abs(tok.i - token.i)
        if best is None or distance < best[0]:
            cue = Span(tok.idx, to.idx + len(to.text), doc.article.text[tok.idx:to.idx + len(to.text)])
            best = (distance, _source_ref(doc, source), cue)
    return (best[1], best[2]) if best else None


def reported_by(doc: Doc, token: Token) -> tuple[Ref, Span] | None:
    """Return the subject of the reporting verb that governs the token's clause."""
    current = token
    for _ in range(_MAX_CLIMB):
        if current.lower_ in REPORTING_FORMS and current.pos_ in ("VERB", "AUX"):
            # A passive's subject is what is reported ("no injuries were reported"); its
            # source, if any, is the agent ("were reported by police").
            subject = next((c for c in current.children
                            if c.dep_ == "nsubj" and c.i != token.i), None) or _agent(current)
            # A number is what is counted, never who says it: "149 confirmed orders" is a
            # tally the parser can read as "149" confirming.
            if subject is not None and not _inside(token, subject) and not subject.like_num:
                cue = Span(current.idx, current.idx + len(current.text), current.text)
                return _source_ref(doc, subject), cue
        if current.head.i == current.i:
            break
        current = current.head
    return None


def _agent(verb: Token) -> Token | None:
    """Return the noun of a passive's "by" phrase ("police" in "reported by police")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _inside(token: Token, phrase_head: Token) -> bool:
    first: int = phrase_head.left_edge.i
    last: int = phrase_head.right_edge.i
    position: int = token.i
    return first <= position <= last


def _source_ref(doc: Doc, head: Token) -> Ref:
    """Return a Ref for the noun phrase headed by ``head``, without clauses or appositions."""
    start = head.left_edge.i
    end = head.i
    for child in head.rights:
        if child.dep_ not in _SOURCE_RIGHT_DEPS or child.i != end + 1:
            break
        end = child.right_edge.i
    start, end = within_paragraph(head, start, end)
    while start < end and head.doc[start].is_punct:
        start += 1
    first, last = head.doc[start], head.doc[end]
    return ref_for(doc, first.idx, last.idx + len(last.text))
