"""Pair quotation marks into quotations, across paragraphs when news style continues a quote.

Written by hand: spaCy tags quote marks as punctuation but does not pair them, and the pairing
rules of news copy (curly and straight marks mixed in one text, nested quotes in the other
kind of mark, a quote running over several paragraphs that each reopen with a mark but close
only at the end, apostrophes that look like closing single quotes) are not handled by any
well-kept library we know of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.resources.cues import TITLE_CUE_WORDS
from dateline.resources.grammar import TITLE_CASE_SMALL_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse

# Mark families: a quote opened with one family closes with the same family.
_CURLY_OPEN = "“„«"
_CURLY_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_OPENERS_BEFORE = " \t\n([{—–-/:;,"
_DOUBLE = ("curly", "straight")
_TWIN = '"\x01'
# A transcript line that names its speaker ("PENCE: Well, look..."), which starts a new turn
# even when the previous paragraph's quotation has not been closed.
TRANSCRIPT_LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’\- ]{1,40}[A-Z.]):\s")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: where its marks are, and its inner text per paragraph (without marks)."""

    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the end of the last paragraph)
    pieces: tuple[tuple[int, int], ...]  # inner spans, one per paragraph, without the marks
    closed: bool = True

    @property
    def inner_start(self) -> int:
        return self.pieces[0][0]

    @property
    def inner_end(self) -> int:
        return self.pieces[-1][1]

    def words(self, text: str) -> int:
        return sum(len(text[a:b].split()) for a, b in self.pieces)


def find_quotations(text: str) -> list[Quotation]:
    """Return the outermost quotations of the text, in order."""
    # Archives of some papers write a double quote as two apostrophes or backticks (''so'');
    # pair them as one straight mark (same length, so offsets still point into the text).
    text = text.replace("''", _TWIN).replace("``", _TWIN)
    quotations: list[Quotation] = []
    # A quote running over paragraphs: its opening mark, family and the pieces so far.
    pending: tuple[int, str, list[tuple[int, int]]] | None = None
    lines = _lines(text)
    for index, (line_start, line_end) in enumerate(lines):
        found, left_open = _pair_line(text, line_start, line_end)
        first = _first_visible(text, line_start, line_end)
        if pending is not None:
            opened, family, pieces = pending
            pending = None
            turn = _is_transcript_turn(text, line_start, line_end)
            if not turn and found and found[0][0] == first and found[0][3] == family:
                _, close_at, _, _ = found.pop(0)
                pieces.append((first + 1, close_at))
                quotations.append(_make(text, opened, pieces, close_at + 1, True))
            elif not turn and left_open == (first, family):
                # The paragraph reopens the quote and leaves it open again: it goes on.
                pieces.append((first + 1, line_end))
                left_open = None
                pending = (opened, family, pieces)
                if not _continues(text, lines, index, family):
                    quotations.append(_make(text, opened, pieces, line_end, False))
                    pending = None
                continue
            else:
                quotations.append(_make(text, opened, pieces, pieces[-1][1], False))
        for open_at, close_at, _, _ in found:
            quotations.append(_make(text, open_at, [(open_at + 1, close_at)], close_at + 1, True))
        if left_open is not None and left_open[1] in _DOUBLE:
            at, family = left_open
            if _continues(text, lines, index, family):
                pending = (at, family, [(at + 1, line_end)])
            elif len(text[at:line_end].split()) >= 3:
                # An unclosed mark at the end of a paragraph: the quote runs to its end.
                quotations.append(_make(text, at, [(at + 1, line_end)], line_end, False))
    if pending is not None:
        quotations.append(_make(text, pending[0], pending[2], pending[2][-1][1], False))
    return [q for q in quotations if any(text[a:b].strip() for a, b in q.pieces)]


def _continues(text: str, lines: list[tuple[int, int]], index: int, family: str) -> bool:
    """Return True when the next paragraph reopens a quote of this family (news style)."""
    if index + 1 >= len(lines):
        return False
    start, end = lines[index + 1]
    first = _first_visible(text, start, end)
    if first < 0 or _is_transcript_turn(text, start, end):
        return False
    mark = text[first]
    return mark == '"' if family == "straight" else mark in _CURLY_OPEN + _CURLY_CLOSE


def _make(text: str, start: int, pieces: list[tuple[int, int]], end: int, closed: bool) -> Quotation:
    trimmed = []
    for a, b in pieces:
        while a < b and (text[a].isspace() or text[a] == _TWIN[1]):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        trimmed.append((a, b))
    if end < len(text) and text[end] == _TWIN[1]:
        end += 1
    return Quotation(start, end, tuple(trimmed), closed)


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for match in re.finditer(r"\n", text):
        if text[start:match.start()].strip():
            out.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _first_visible(text: str, start: int, end: int) -> int:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return -1


def _is_transcript_turn(text: str, start: int, end: int) -> bool:
    return TRANSCRIPT_LABEL.match(text, _first_visible(text, start, end)) is not None


def _pair_line(text: str, start: int, end: int) -> tuple[list[tuple[int, int, bool, str]],
                                                        tuple[int, str] | None]:
    """Pair the marks of one paragraph: (open, close, closed, family) and the mark left open."""
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, bool, str]] = []

    def close(family: str, at: int) -> None:
        depth = max(i for i, (f, _) in enumerate(stack) if f == family)
        opened = stack[depth][1]
        del stack[depth:]
        if not stack:
            found.append((opened, at, True, family))

    for i in range(start, end):
        c = text[i]
        if c not in "\"'“”„«»‘’‹›":
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        families = [f for f, _ in stack]
        if c == '"':
            if "straight" in families:
                close("straight", i)
            elif "curly" in families and not before.isspace() and (after.isspace() or
                                                                    after in ",.;:?!)"):
                close("curly", i)  # “...": a quote opened curly and closed straight
            elif not after.isspace():
                stack.append(("straight", i))
        elif c in _CURLY_OPEN:
            # A left mark typed where a right one belongs ("end of quote“ said").
            if "curly" in families and not before.isspace() and (after.isspace() or after in ",.;:"):
                close("curly", i)
            else:
                stack.append(("curly", i))
        elif c in _CURLY_CLOSE:
            if "curly" in families:
                close("curly", i)
            elif "straight" in families and not before.isspace():
                close("straight", i)  # "...”: a quote opened straight and closed curly
            elif before in _OPENERS_BEFORE and after.isalnum():
                stack.append(("curly", i))  # a right mark typed where a left one belongs
        elif c in _SINGLE_OPEN:
            if before in _OPENERS_BEFORE + "\"“" and after.isalpha():
                stack.append(("single", i))
        elif c in _SINGLE_CLOSE:
            # An apostrophe sits inside a word ("Clinton’s"); a closing mark does not.
            if "single" in families and not after.isalnum() and not before.isspace():
                close("single", i)
        elif c == "'":
            if "straight-single" in families and not after.isalnum() and not before.isspace():
                close("straight-single", i)
            elif before in _OPENERS_BEFORE + "\"“" and after.isalpha():
                stack.append(("straight-single", i))
    left_open = (stack[0][1], stack[0][0]) if stack else None
    return found, left_open


def is_title_or_nickname(quotation: Quotation, text: str, parse: Parse) -> bool:
    """Return True for a quoted title ("the film “Casablanca”") or nickname (Dwayne “The Rock” Johnson)."""
    inner = text[quotation.inner_start:quotation.inner_end]
    words = inner.split()
    if not words or len(words) > 12 or len(quotation.pieces) > 1:
        return False
    before = parse.char_span(max(0, quotation.start - 40), quotation.start, alignment_mode="contract")
    after_span = parse.char_span(quotation.end, min(len(text), quotation.end + 20),
                                 alignment_mode="contract")
    prev = [t for t in before if not t.is_space][-2:] if before is not None else []
    nxt = [t for t in after_span if not t.is_space][:1] if after_span is not None else []
    # A nickname sits between the parts of a name.
    if len(words) <= 3 and prev and nxt and prev[-1].pos_ == "PROPN" and nxt[0].pos_ == "PROPN" \
            and prev[-1].whitespace_ and quotation.end < len(text) and text[quotation.end] == " ":
        return True
    if any(t.lower_ in TITLE_CUE_WORDS for t in prev):
        return True
    # Title Case without closing punctuation reads as a name of a work.
    return is_title_case(inner) and inner.rstrip()[-1:] not in ".!?," and \
        not _sentence_initial(text, quotation.start)


def is_title_case(inner: str) -> bool:
    """Return True for words capitalised as a title ("Legend in the Coal Fields")."""
    content = [w for w in inner.split() if w[:1].isalpha()]
    return len(content) >= 2 and all(w[:1].isupper() or w.lower() in TITLE_CASE_SMALL_WORDS for w in content)


def _sentence_initial(text: str, offset: int) -> bool:
    i = offset - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n.:;!?—–―"
