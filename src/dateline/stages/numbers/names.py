"""Tell where names lie, so a number or a person inside a name is not counted.

"Pier 7 reopens", "the Boeing 747", "Apollo 11": the number is part of what the thing is
called, not a count of anything. "Reuters' Jane Porter, stationed in the capital", "if Acme
is indicted": a name is not a tally of one. The entities stage knows which spans are names
(its name and acronym mentions); the parse knows a number that a capitalised name word labels
("Pier 7", where the tagger sees no entity at all).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.records import Doc

if TYPE_CHECKING:
    from spacy.tokens import Token

_NAME_KINDS = frozenset({"name", "acronym"})


@dataclass(frozen=True, slots=True)
class NameSpans:
    """Character spans of the entity names in a document, sorted by end."""

    ends: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()
    longest: int = 0
    # Start offsets of the words of people's names: the entities stage corrects the tagger's
    # labels ("Kendall" tagged ORG is a person once the text calls him "Kendall Reed").
    person_words: frozenset[int] = frozenset()

    @classmethod
    def of(cls, doc: Doc) -> NameSpans:
        spans = sorted((m.end, m.start) for e in doc.entities for m in e.mentions
                       if m.kind in _NAME_KINDS)
        people = frozenset(m.start + offset for e in doc.entities if e.label == "PERSON"
                           for m in e.mentions if m.kind in _NAME_KINDS
                           for offset in _word_offsets(m.text))
        return cls(tuple(e for e, _ in spans), tuple(s for _, s in spans),
                   max((e - s for e, s in spans), default=0), people)

    def is_person(self, token: Token) -> bool:
        """Return True when the token is a word of a person's name."""
        return token.ent_type_ == "PERSON" or token.idx in self.person_words

    def overlaps(self, start: int, end: int) -> bool:
        """Return True when [start, end) shares a character with a name."""
        for i in range(bisect_left(self.ends, start + 1), len(self.ends)):
            if self.ends[i] - self.longest >= end:
                return False  # this name and all later ones start at or after ``end``
            if self.starts[i] < end:
                return True
        return False


NO_NAMES = NameSpans()


def _word_offsets(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if not ch.isspace() and (i == 0 or text[i - 1].isspace())]


def labelled_by_name(first: Token, anchor: Token) -> bool:
    """Return True for a number a capitalised name word just before it labels ("Pier 7").

    The parse reads "Pier 7 will reopen" with "Pier" as a compound of "7"; "Apollo 11"
    and "Room 201" the other way round (the number modifies the name, see ``counted``).
    A dateline in capitals ("BAGHDAD 12 people") or a name in another phrase ("in Kabul 5
    died") is not a compound of the number and is left alone.
    """
    if first.i == 0:
        return False
    before = first.doc[first.i - 1]
    return bool(before.pos_ == "PROPN" and before.is_title and before.dep_ == "compound"
                and before.head.i == anchor.i)
