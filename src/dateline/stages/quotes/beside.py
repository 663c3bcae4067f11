"""Find what attributes a quotation from beside it: a cue verb, a signature, a speaker label.

News copy attributes a quotation next to it: after it ("“...,” the alliance said"), before it
("He said: “...”", a paragraph ending in a colon), around it ("called the plan “a
disaster”"), with a signature ("“...” ― Jane Doe") or with a label opening the line
("PENCE: Well, ...", "Sanders: Clinton needs to ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.records import Entity
from dateline.resources.cues import NOT_SPEAKER_LABELS
from dateline.stages.quotes.content import balance_marks, clause_content
from dateline.stages.quotes.marks import TRANSCRIPT_LABEL, Quotation
from dateline.stages.quotes.speakers import subject_of
from dateline.stages.quotes.view import ArticleView

if TYPE_CHECKING:
    from spacy.tokens import Token

SENTENCE_END = frozenset({".", "!", "?"})
# Share of a cue's clause that must lie inside quotation marks for the quote to count as direct.
DIRECT_SHARE = 0.8
_DASHES = "―—–"
_SIGNATURE = re.compile(r"[\s\u00a0]*([" + _DASHES + r"])[\s\u00a0]*(\S.{0,60}?)[\s\u00a0.]*$")


def cue_after(view: ArticleView, quotation: Quotation, forms: frozenset[str]) -> Token | None:
    """Return the cue right after a quotation ("“...,” the alliance said")."""
    span = view.parse.char_span(quotation.end, min(len(view.text), quotation.end + 80),
                                alignment_mode="contract")
    if span is None:
        return None
    seen = 0
    for token in span:
        if token.is_space or token.text in (",", "—", "–", "-"):
            if "\n" in token.text:
                return None
            continue
        if token.i in view.quote_of or token.text in SENTENCE_END or seen >= 6:
            return None
        if view.is_cue(token, forms):
            # A verb that reports a clause of its own, mostly outside quotation marks, starts
            # another sentence: "“...” The board said the talks had ended." attributes nothing
            # before it; "“A,” he said, “B.”" does.
            words = [i for i in clause_content(token) if not view.parse[i].is_punct]
            unquoted = [i for i in words if i not in view.quote_of]
            if len(unquoted) > (1 - DIRECT_SHARE) * len(words):
                return None
            return token
        seen += 1
    return None


def cue_before(view: ArticleView, quotation: Quotation, forms: frozenset[str]) -> Token | None:
    """Return the cue just before a quotation ("He said: “...”", or a paragraph ending in ':')."""
    span = view.parse.char_span(max(0, quotation.start - 200), quotation.start,
                                alignment_mode="contract")
    tokens = [t for t in span if not t.is_space] if span is not None else []
    if not tokens:
        return None
    line = view.line(quotation.start)
    same_line = [t for t in tokens if view.line(t.idx) == line]
    if same_line:
        if same_line[-1].text not in (",", ":") and not view.is_cue(same_line[-1], forms):
            return None
        window = same_line[-9:]
    elif tokens[-1].text == ":":
        # The quotation opens a paragraph after one ending in a colon ("Caddell continued:").
        window = [t for t in tokens if view.line(t.idx) == view.line(tokens[-1].idx)][-12:]
    else:
        return None
    for token in reversed(window):
        if token.i in view.quote_of or (token.text in SENTENCE_END and token.i != window[-1].i):
            return None
        if view.is_cue(token, forms):
            return token
    return None


def cue_governing(view: ArticleView, quotation: Quotation, forms: frozenset[str]) -> Token | None:
    """Return a cue the quoted words depend on ("called the plan “a disaster”")."""
    span = view.parse.char_span(quotation.inner_start, quotation.inner_end,
                                alignment_mode="expand")
    if span is None or len(quotation.pieces) > 1:
        return None
    token = span.root
    line = view.line(quotation.start)
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if view.line(token.idx) != line:
            return None
        if token.i in view.quote_of:
            continue
        if view.is_cue(token, forms) and subject_of(token):
            return token
    return None


def inverted_subject(view: ArticleView, cue: Token) -> Token | None:
    """Find the speaker after an inverted cue when the parse gave it no subject ("said Smith")."""
    for token in view.parse[cue.i + 1:min(len(view.parse), cue.i + 8)]:
        if token.text in SENTENCE_END or token.i in view.quote_of:
            return None
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            while token.dep_ in ("compound", "flat") and token.head.i > token.i:
                token = token.head
            return token
    return None


def signature(view: ArticleView, quotation: Quotation) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Return the dash and the name signing a quotation ("“...” ― Jane Doe"), if any."""
    line_end = view.text.find("\n", quotation.end)
    line_end = len(view.text) if line_end < 0 else line_end
    match = _SIGNATURE.match(view.text[quotation.end:line_end])
    if match is None or not match.group(2)[:1].isupper() or len(match.group(2).split()) > 6:
        return None
    dash = quotation.end + match.start(1)
    name = quotation.end + match.start(2)
    return (dash, dash + 1), (name, name + len(match.group(2)))


@dataclass(frozen=True)
class Label:
    """A line that opens with its speaker's name and a colon."""

    speaker: tuple[int, int]
    colon: int
    content: tuple[int, int]
    quoted: bool  # the words after the colon lie inside quotation marks
    line: tuple[int, int]
    quotations: tuple[int, ...]  # indexes of the quotations on the line


def labels(view: ArticleView, entities: tuple[Entity, ...]) -> list[Label]:
    """Return transcript turns ("PENCE: Well, ...") and "Name: ..." lines (headlines)."""
    out = []
    for line_start, line_end in view.lines():
        first = view.first_visible_in(line_start, line_end)
        match = TRANSCRIPT_LABEL.match(view.text, first)
        if match and match.group(1).strip().lower() not in NOT_SPEAKER_LABELS:
            speaker: tuple[int, int] | None = match.span(1)
        else:
            speaker = _name_label(view, entities, first, line_end)
        if speaker is None:
            continue
        colon = view.text.index(":", speaker[1])
        a, b = balance_marks(view.text, colon + 1, line_end)
        if len(view.text[a:b].split()) < 3:
            continue
        inside = tuple(i for i, q in enumerate(view.quotations)
                       if q.start < line_end and q.end > line_start)
        quoted = any(view.quotations[i].inner_start <= a and b <= view.quotations[i].inner_end
                     for i in inside)
        out.append(Label(speaker, colon, (a, b), quoted, (first, line_end), inside))
    return out


def _name_label(view: ArticleView, entities: tuple[Entity, ...], first: int,
                line_end: int) -> tuple[int, int] | None:
    """Return the span of a person or organisation name opening a line before a colon."""
    colon = view.text.find(":", first, min(line_end, first + 60))
    if colon < 0:
        return None
    span = view.parse.char_span(first, colon, alignment_mode="contract")
    if span is None or not 1 <= len(span) <= 4 or not all(t.pos_ == "PROPN" for t in span):
        return None
    wanted = ("PERSON", "ORG")
    named = any(e.label_ in wanted for e in span.ents) or any(
        (m.label or e.label) in wanted for e in entities for m in e.mentions
        if m.start <= span.start_char and span.end_char <= m.end)
    return (span.start_char, span.end_char) if named else None
