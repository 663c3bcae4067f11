"""One article as the quotes stage reads it: text, parse, quotations, paragraphs."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from dateline.records import Span
from dateline.stages.quotes.marks import Quotation, find_quotations, is_title_or_nickname

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token


def _denied_without_agent(token: Token) -> bool:
    """Return True for a negated passive with no agent ("It was not disclosed whether ...").

    It says that nobody said something: there is no speaker and no content to attribute.
    """
    children = list(token.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in children)
    return passive and any(c.dep_ == "neg" for c in children) and \
        not any(c.dep_ == "agent" for c in children)


class ArticleView:
    """The text, its parse and its quotations, with lookups by token and by paragraph."""

    def __init__(self, text: str, parse: Parse) -> None:
        self.text = text
        self.parse = parse
        self.quotations = [q for q in find_quotations(text)
                           if not is_title_or_nickname(q, text, parse)]
        # Token index -> index of the quotation it lies in (marks included).
        self.quote_of: dict[int, int] = {}
        for index, quotation in enumerate(self.quotations):
            span = parse.char_span(quotation.start, quotation.end, alignment_mode="expand")
            for token in span if span is not None else ():
                self.quote_of[token.i] = index
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    # --- tokens and spans ---------------------------------------------------------------------

    def is_cue(self, token: Token, forms: frozenset[str]) -> bool:
        """Return True for a verb of saying outside quotes ("so-called" is not one)."""
        if token.lower_ not in forms or not token.tag_.startswith("VB") or token.i in self.quote_of:
            return False
        if _denied_without_agent(token):
            return False
        return not (token.i >= 2 and self.parse[token.i - 1].text == "-" and
                    self.parse[token.i - 2].lower_ == "so")

    def cue_chars(self, token: Token) -> tuple[int, int]:
        """Return the characters of a cue verb with its particle ("pointed out")."""
        end = token.i + 1
        if any(c.dep_ == "prt" and c.i == end for c in token.rights):
            end += 1
        return self.chars((token.i, end))

    def chars(self, bounds: tuple[int, int]) -> tuple[int, int]:
        """Turn token bounds [start, end) into character offsets."""
        start, end = bounds
        return self.parse[start].idx, self.parse[end - 1].idx + len(self.parse[end - 1].text)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def trim_piece(self, start: int, end: int) -> tuple[int, int]:
        """Drop the comma that closes a quotation before its attribution ("We won,” she said")."""
        while end > start and (self.text[end - 1] in ", " or self.text[end - 1].isspace()):
            end -= 1
        return start, end

    # --- quotations ---------------------------------------------------------------------------

    def is_fragment(self, quotation: Quotation) -> bool:
        """Return True for quoted words that hold no verb ("“catastrophic consequences”")."""
        span = self.parse.char_span(quotation.inner_start, quotation.inner_end,
                                    alignment_mode="expand")
        return span is None or not any(t.pos_ in ("VERB", "AUX") for t in span)

    def is_statement(self, quotation: Quotation) -> bool:
        """Return True for a quotation that reads as a full sentence of speech."""
        inner = self.text[quotation.inner_start:quotation.inner_end].rstrip()
        return quotation.words(self.text) >= 6 and inner[-1:] in ".!?,\"”’" and \
            not self.is_fragment(quotation)

    # --- paragraphs (lines) -------------------------------------------------------------------

    def line(self, offset: int) -> int:
        """Return the index of the line holding this offset."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def lines(self) -> list[tuple[int, int]]:
        """Return (start, end) of every line with text."""
        ends = [s - 1 for s in self.line_starts[1:]] + [len(self.text)]
        return [(s, e) for s, e in zip(self.line_starts, ends, strict=True)
                if self.text[s:e].strip()]

    def previous_line(self, line: int) -> int:
        """Return the index of the last non-blank line before this one, or -1."""
        line -= 1
        while line >= 0:
            if self.text[self.line_starts[line]:self._line_end(line)].strip():
                return line
            line -= 1
        return -1

    def first_visible(self, line: int) -> int:
        """Return the offset of the first non-space character of a line."""
        return self.first_visible_in(self.line_starts[line], self._line_end(line))

    def first_visible_in(self, start: int, end: int) -> int:
        while start < end and self.text[start].isspace():
            start += 1
        return start

    def _line_end(self, line: int) -> int:
        return self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
