"""Find what a cue reports: the clause it governs, the clause "according to" qualifies, or a quote.

Hand-written over spaCy's dependency parse: spaCy has no attribution component, textacy's
``direct_quotations`` finds only quoted speech after a short verb list, and citron (the BBC's
quote extractor) ships its own models for spaCy 2 and is no longer maintained.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dateline.resources.cues import (
    ACTION_OBJECTS,
    ADDRESSEE_FORMS,
    INFINITIVE_FORMS,
    NAMING_FORMS,
    OBJECT_CONTENT_FORMS,
    POLL_NOUNS,
    PREPOSITION_FORMS,
    REASON_PREPOSITIONS,
)
from dateline.stages.tree import climb

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token

QUOTE_MARKS = frozenset("\"'“”„«»‘’‹›")
_LEADING_JUNK = frozenset({",", ";", ":", "—", "–", "-", "―", "(", "...", "…"})
_TRAILING_JUNK = frozenset({",", ";", ":", "—", "–", "-", "―", "(", "and", "but", "or"})
_COMPLEMENTIZERS = frozenset({"that"})
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {close: open_ for open_, close in _OPENING.items()}


def clause_content(cue: Token) -> set[int]:
    """Return token ids of the clause a verb cue reports ("said [the relocation was temporary]")."""
    content: set[int] = set()
    for child in cue.children:
        if child.dep_ == "ccomp":
            content.update(t.i for t in child.subtree)
    if content:
        return content
    for child in cue.children:
        # The parser sometimes files a complement clause as adverbial ("said after the
        # convention he would not accept"); one with its own subject and no "if", "because"
        # or "when" is what was said.
        if child.dep_ == "advcl" and child.i > cue.i and \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) and \
                not any(c.dep_ == "mark" for c in child.children):
            return {t.i for t in child.subtree}
    if cue.lower_ in ADDRESSEE_FORMS:
        # "told a meeting of leaders that few people understood ...": a that-clause the
        # parser hung under the addressee.
        for child in cue.children:
            if child.dep_ not in ("dobj", "dative"):
                continue
            for clause in child.subtree:
                if clause.dep_ in ("relcl", "acl") and any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                    return {t.i for t in clause.subtree}
    if cue.dep_ in ("parataxis", "ccomp", "advcl") and cue.head.i != cue.i and \
            _parenthetical(cue) and _set_off(cue):
        # The attribution is set off inside or after what it reports: everything else in the
        # sentence is the content, coordinated clauses included ("A, but B, she said").
        own = {t.i for t in cue.subtree}
        return {t.i for t in cue.sent if t.i not in own}
    if cue.lower_ in INFINITIVE_FORMS:
        for child in cue.children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                # "urged Republicans to vote": who is urged belongs to what was urged.
                urged = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i < child.i]
                return {t.i for c in [*urged, child] for t in c.subtree}
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON")]
    if cue.lower_ in NAMING_FORMS and objects:
        # "called Oz a quack": the object and what it was called.
        named = [c for c in cue.children if c.dep_ in ("oprd", "xcomp", "ccomp") or
                 (c.dep_ == "prep" and c.lower_ in ("as", "to", "with"))]
        if named:
            return {t.i for c in objects + named for t in c.subtree}
    # "denied entry", "questioned the suspect": deeds, not speech.
    deed = objects and (objects[0].lower_ in ACTION_OBJECTS or
                        (cue.lower_.startswith("question") and
                         (objects[0].pos_ == "PRON" or objects[0].ent_type_ == "PERSON")))
    if cue.lower_ in OBJECT_CONTENT_FORMS and objects and not deed:
        reasons = [c for c in cue.children if c.dep_ == "prep" and c.lower_ in REASON_PREPOSITIONS
                   and c.i > objects[0].i]
        content = {t.i for c in objects[:1] + reasons for t in c.subtree}
        if (len(content) >= 2 and objects[0].pos_ != "PRON") or reasons:
            return content
    for preposition in PREPOSITION_FORMS.get(cue.lower_, ()):
        for child in cue.children:
            if child.dep_ in ("prep", "prt") and child.lower_ == preposition:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return {t.i for c in objects for t in c.subtree}
    return set()


def _parenthetical(cue: Token) -> bool:
    """Return True when a cue can be an aside on the sentence around it: it has a subject of
    its own ("Prices will rise, the bank warned"), and no conjunction but "as" ties it on.

    A participle ("Trump released a statement, describing ...") or a clause of time or
    condition ("Trump remains unmanageable, especially when advised") modifies the sentence
    but reports none of it. On PolNeAR train articles kept aside, rules with the tagger and
    the cue classifier: content F1 0.808 -> 0.812, 9 fewer quotes of no attribution.
    """
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) and \
        not any(c.dep_ == "mark" and c.lower_ != "as" for c in cue.children)


def _set_off(cue: Token) -> bool:
    """Return True when the cue's clause is set off by commas from the clause it reports.

    "The plan, the minister said, was dead." / "Prices will rise, the bank warned."
    """
    doc = cue.doc
    first, last = cue.left_edge.i, cue.right_edge.i
    # The cue clause's own commas belong to its subtree: look past them.
    while first < cue.i and doc[first].is_punct:
        first += 1
    while last > cue.i and doc[last].is_punct:
        last -= 1
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    opened = before is not None and (before.text in (",", "—", "–") or before.text in QUOTE_MARKS)
    closed = after is None or after.text in (",", ".", "—", "–", ";", "!", "?") or \
        after.text in QUOTE_MARKS or after.is_space
    return opened and closed


def according_content(according: Token) -> tuple[set[int], Token | None]:
    """Return the content token ids and the source head of an "according to X" phrase."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(according.doc) and according.nbor().lower_ == "to":
        to = according.nbor()
    if to is None:
        return set(), None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    own = {t.i for t in according.subtree} | {t.i for t in to.subtree}
    return _qualified(according, own), source


def poll_content(preposition: Token) -> tuple[set[int], Token | None]:
    """Return the content token ids and the poll of an "in the poll" phrase, else nothing.

    "In the latest poll, Trump leads by 15 points": the poll says what the clause says, as
    "according to the poll" would (PolNeAR marks such a phrase as an attribution of its own).
    """
    poll = next((c for c in preposition.children if c.dep_ == "pobj" and
                 c.lower_ in POLL_NOUNS), None)
    if poll is None or preposition.dep_ != "prep":
        return set(), None
    return _qualified(preposition, {t.i for t in preposition.subtree}), poll


def _qualified(phrase: Token, own: set[int]) -> set[int]:
    """Return the clause a qualifying phrase sits in, without the phrase (``own``)."""
    clause = climb(phrase.head, lambda t: t.pos_ not in ("VERB", "AUX"))
    sentence = phrase.sent
    if clause.i == phrase.i:
        return {t.i for t in sentence if t.i not in own}
    # Bounds, not ``t.sent``: finding a token's sentence walks the sentence each time.
    return {t.i for t in clause.subtree if t.i not in own and sentence.start <= t.i < sentence.end}


def ranges(doc: Parse, ids: Iterable[int]) -> list[tuple[int, int]]:
    """Group token ids into contiguous token ranges [start, end), trimmed of unbalanced edge punctuation."""
    out: list[tuple[int, int]] = []
    for i in sorted(set(ids)):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    trimmed = []
    for start, end in out:
        while start < end and (doc[start].text in _LEADING_JUNK or doc[start].is_space or
                               (doc[start].lower_ in _COMPLEMENTIZERS and doc[start].dep_ == "mark")):
            if doc[start].text in _OPENING and bracket_paired(doc, start, end, closing=False):
                break  # "(ADB) joined ...": a bracket closed inside the range stays
            start += 1
        while end > start:
            last = doc[end - 1]
            if last.text in _CLOSING and bracket_paired(doc, start, end, closing=True):
                break  # "... Development Bank (ADB)": the bracket closes what the range opened
            if not (last.text in _TRAILING_JUNK or last.is_space or last.text == "." or
                    (last.is_punct and last.text not in QUOTE_MARKS and last.text not in "?!")):
                break
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def bracket_paired(doc: Parse, start: int, end: int, closing: bool) -> bool:
    """Return True when the bracket at the edge of [start, end) is paired inside the range.

    Edge punctuation is trimmed from content only when it is unbalanced: "(ADB)" keeps its
    closing bracket, "the plan (" loses its dangling one. ``closing`` picks the last token
    (a closing bracket) rather than the first (an opening one).
    """
    if closing:
        mine, partner = doc[end - 1].text, _CLOSING[doc[end - 1].text]
        walk = range(end - 2, start - 1, -1)
    else:
        mine, partner = doc[start].text, _OPENING[doc[start].text]
        walk = range(start + 1, end)
    # Walk away from the edge bracket: its partner must come before a nested pair is left open.
    depth = 0
    for i in walk:
        if doc[i].text == mine:
            depth += 1
        elif doc[i].text == partner:
            if depth == 0:
                return True
            depth -= 1
    return False


def balance_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a quote mark at either edge of [start, end) that has no partner inside it."""
    for _ in range(2):
        inner = text[start:end]
        opens = sum(inner.count(c) for c in "“„«‘")
        closes = sum(inner.count(c) for c in "”»")
        straight = inner.count('"')
        unpaired_close = (inner[-1:] in ("”", "»") and closes > opens) or \
            (inner[-1:] == '"' and straight % 2)
        if end > start and unpaired_close:
            end -= 1
        unpaired_open = (text[start] in "“„«" and opens > closes) or \
            (text[start] == '"' and text[start:end].count('"') % 2)
        if end > start and unpaired_open:
            start += 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
            end -= 1
    return start, end
