"""Every number an article writes, as a candidate casualty figure with the words around it.

The claims stage reads a figure only where the parse ties it to a predicate of harm; a toll
told another way ("two men were wounded ... a third", "a double shooting", "no one else was
hurt", "the victims, ages 19 and 20"), or victims described one by one across sentences, is
missed there. Here each number written in the text (digits, number words, "double" and
"triple", "no one" and "nobody" for zero, "a" or "the" before a word for one person for one) is
described by the words beside it, the words of killing, injury and shooting near it in its
sentence, and where it stands, so the chooser can learn which of them states the toll. The
features are words and coarse positions, never values of one article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.resources.incidents import HARM_WORDS, NO_ONE_WORDS
from dateline.resources.numbers import (
    ADDRESS_NOUNS,
    CALENDAR_WORDS,
    MULTIPLICATIVES,
    TIME_NOUNS,
    UNITS,
)
from dateline.resources.predicates import PERSON_NOUNS

# Words that tell of a death, an injury, a shooting, and of none: a number near one may count.
_CUES = {**HARM_WORDS, "zero": NO_ONE_WORDS}
_WINDOW = 8
_MAX_VALUE = 500
_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+(?:['’][A-Za-z]+)?|\S")
_CLAUSE_BREAKS = frozenset({",", ":", ";", "|"})
_ORDINAL_ADJECTIVES = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


@dataclass(frozen=True, slots=True)
class Mention:
    """A number the text writes: its value and what is around it."""

    value: int
    sentence: int
    features: frozenset[str]


def _tokens(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _TOKEN.finditer(text)]


def _value_at(words: Sequence[str], i: int) -> int | None:
    """Return the count a token writes (with the next token for "no one", "a man"), else None."""
    word = words[i].lower()
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    before = words[i - 1].lower() if i > 0 else ""
    if before == "no" or (before == "-" and i > 1 and words[i - 2].lower() in UNITS):
        return None  # the "one" of "no one", "twenty-one": read with the word before
    if word.isdigit():
        value = int(word)
        return value if value <= _MAX_VALUE else None
    if word in UNITS:
        if nxt == "-" and i + 2 < len(words) and words[i + 2].lower() in UNITS:
            return UNITS[word] + UNITS[words[i + 2].lower()]
        return UNITS[word]
    if word in MULTIPLICATIVES:
        return MULTIPLICATIVES[word]
    if word in ("nobody", "none") or (word == "no" and nxt in ("one", "other", "others")):
        return 0
    if word in ("a", "an", "the") and _person_follows(words, i):
        return 1  # "a 24-year-old man", "the victim": one person, counted where a toll is told
    if word in PERSON_NOUNS and (i == 0 or before in _CLAUSE_BREAKS):
        return 1  # "Man killed, boy hurt in shooting": a headline's bare word for one person
    if word in _ORDINAL_ADJECTIVES and nxt in PERSON_NOUNS | {"victim", "person"}:
        return _ORDINAL_ADJECTIVES[word]  # "a third man was wounded": the third of them
    return None


def _person_follows(words: Sequence[str], i: int) -> bool:
    """Return True when a word for one person follows within six tokens ("a 24-year-old man")."""
    for word in words[i + 1:i + 7]:
        low = word.lower()
        if low in PERSON_NOUNS:
            return True
        if not (low.isalnum() or low == "-") or low in UNITS or low in _ORDINAL_ADJECTIVES:
            return False  # "a third man" is counted by its ordinal
    return False


def _shape(word: str) -> str:
    low = word.lower()
    if low.isdigit():
        return "NUM"
    if low in UNITS:
        return "NUMWORD"
    if low in CALENDAR_WORDS:
        return "CAL"
    if low in ADDRESS_NOUNS:
        return "ADDR"
    if low in TIME_NOUNS:
        return "TIME"
    if low in PERSON_NOUNS:
        return "PERSON"
    return low


def mentions(text: str, sentence_starts: Sequence[int]) -> list[Mention]:
    """Return the counts written in ``text`` with their features, in text order."""
    tokens = _tokens(text)
    words = [w for _, w in tokens]
    lows = [w.lower() for w in words]
    out = []
    for i, (offset, word) in enumerate(tokens):
        value = _value_at(words, i)
        if value is None:
            continue
        sentence = bisect_right(sentence_starts, offset)
        low, high = i, i + 1
        while low > 0 and bisect_right(sentence_starts, tokens[low - 1][0]) == sentence \
                and i - low < _WINDOW:
            low -= 1
        while high < len(tokens) and bisect_right(sentence_starts, tokens[high][0]) == sentence \
                and high - i <= _WINDOW:
            high += 1
        feats = {f"form={_form(word)}"}
        for step in (1, 2):
            feats.add(f"next{step}={_shape(words[i + step]) if i + step < len(words) else 'END'}")
            feats.add(f"prev{step}={_shape(words[i - step]) if i - step >= 0 else 'START'}")
        if i + 2 < len(words) and words[i + 1] == "-":
            feats.add(f"hyphen={lows[i + 2]}")  # "13-year-old", "3-year-old"
        for cue, vocabulary in _CUES.items():
            before = [i - j for j in range(low, i) if lows[j] in vocabulary]
            after = [j - i for j in range(i + 1, high) if lows[j] in vocabulary]
            if before:
                feats.add(f"{cue}_before={_near(min(before))}")
            if after:
                feats.add(f"{cue}_after={_near(min(after))}")
        if word[:1].isupper() and word.isalpha():
            feats.add("capitalised")
        out.append(Mention(value, sentence, frozenset(feats)))
    return out


def cues_in(text: str) -> set[str]:
    """Return which words of harm ("kill", "hurt", "shot") the text uses anywhere."""
    lows = {w.lower() for _, w in _tokens(text)}
    return {cue for cue, vocabulary in _CUES.items() if cue != "zero" and lows & vocabulary}


def _form(word: str) -> str:
    low = word.lower()
    if low.isdigit():
        return "digits"
    if low in UNITS:
        return "word"
    if low in MULTIPLICATIVES:
        return "multiple"
    if low in ("a", "an"):
        return "article"
    if low == "the":
        return "the_person"
    if low in _ORDINAL_ADJECTIVES:
        return "ordinal"
    if low in PERSON_NOUNS:
        return "bare_person"
    return "zero"


def _near(distance: int) -> str:
    return "1" if distance <= 1 else "3" if distance <= 3 else "far"
