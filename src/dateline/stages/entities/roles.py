"""Read the titles, roles, nationality and affiliation written around a person's name.

Covers the patterns of news writing: pre-name modifiers ("Alliance spokesperson Allison Hart",
"French General Christophe Hintzy", "then-Supreme Leader Ali Khamenei") and appositions
("Gen. Alexus Grynkewich, NATO's Supreme Allied Commander Europe", "the President of Brazil,
Lula"). Hand-written over the dependency parse: no library labels these relations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from dateline.records import Role
from dateline.resources.people import MILITARY_RANKS, OFFICES, TITLE_MODIFIERS, TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token

Kind = Literal["org", "norp", "place"]
_HONORIFICS = (TITLES - OFFICES) | MILITARY_RANKS
_HYPHENS = frozenset({"-", "‐", "–"})
_CHAIN_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "advmod", "nummod"})


@dataclass(frozen=True)
class RoleReading:
    """What the words around one name say about its bearer."""

    roles: tuple[Role, ...]
    affiliations: tuple[tuple[int, int], ...]  # character spans naming an organisation or place
    nationality: str | None


def _word(token: Token) -> str:
    return str(token.lower_).rstrip(".")


def is_honorific(token: Token) -> bool:
    return _word(token) in _HONORIFICS


def read_roles(parse: Parse, start: int, end: int, kind_of: Callable[[Token], Kind | None]) -> RoleReading:
    """Read roles for the name at tokens [start, end); ``kind_of`` tells org/norp/place tokens."""
    roles: list[Role] = []
    affiliations: list[tuple[int, int]] = []
    nationality: str | None = None
    left = _left_chain(parse, start, end)
    for kind, tokens in _segments(left, kind_of):
        span = parse[tokens[0].i: tokens[-1].i + 1]
        if kind == "norp":
            nationality = nationality or span.text
            roles.append(Role(span.start_char, span.end_char, span.text, kind="nationality"))
        elif kind in ("org", "place"):
            affiliations.append((span.start_char, span.end_char))
            roles.append(Role(span.start_char, span.end_char, span.text, kind="affiliation"))
        elif kind == "title":
            roles.append(Role(span.start_char, span.end_char, span.text, kind="title"))
        else:
            roles.append(Role(span.start_char, span.end_char, span.text, kind="role"))
    for phrase in _appositions(parse, start, end):
        found = _role_phrase(parse, phrase, kind_of)
        if found is not None:
            role, orgs = found
            roles.append(role)
            affiliations.extend(orgs)
    return RoleReading(tuple(roles), tuple(affiliations), nationality)


def _left_chain(parse: Parse, start: int, end: int) -> list[Token]:
    """Return the modifier tokens written directly before the name, in order."""
    chain: list[Token] = []
    i = start - 1
    lowest = start
    while i >= 0:
        tok = parse[i]
        if tok.ent_type_ == "PERSON" or tok.is_space:
            break
        attached = tok.dep_ in _CHAIN_DEPS and lowest <= tok.head.i < end and \
            (tok.dep_ != "advmod" or _word(tok) in TITLE_MODIFIERS)
        # An office noun right before the name is its bearer's office even when the small parser
        # hangs both on something else ("UN emergency relief coordinator Jan Egeland").
        attached = attached or (i == lowest - 1 and _word(tok) in OFFICES and
                                tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "poss")
        hyphen = tok.text in _HYPHENS and i > 0 and not tok.whitespace_
        if tok.dep_ == "punct" and not hyphen:
            break
        # "Governor of Washington Chris Gregoire": "of" links the office to its place.
        of_link = tok.lower_ == "of" and tok.dep_ == "prep" and lowest <= tok.head.i < end
        if tok.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON") and tok.dep_ != "case" and not of_link:
            break
        if not (attached or hyphen or of_link or _word(tok) in TITLE_MODIFIERS or is_honorific(tok)):
            break
        if tok.dep_ == "case" and i == start - 1:
            break  # "NATO's Allison Hart" is rare; "'s" right before a name ends the chain
        chain.insert(0, tok)
        lowest = i
        i -= 1
    while chain and (chain[0].text in _HYPHENS or chain[0].dep_ == "case"):
        chain.pop(0)
    return chain


def _segments(tokens: list[Token], kind_of: Callable[[Token], Kind | None]) -> list[tuple[str, list[Token]]]:
    """Split the chain into nationality, affiliation, title and role runs."""
    out: list[tuple[str, list[Token]]] = []
    for tok in tokens:
        kind = kind_of(tok)
        if kind is None:
            if tok.dep_ == "case" and out and out[-1][0] in ("org", "place"):
                continue  # the "'s" of "NATO's" belongs to nobody
            kind_name = "title" if is_honorific(tok) and not tok.text[0].islower() else "role"
        else:
            kind_name = kind
        if (out and out[-1][0] == kind_name and kind_name in ("org", "place", "norp", "role") \
                and out[-1][1][-1].i == tok.i - 1) or (out and kind_name == "role" and out[-1][0] == "role"):
            out[-1][1].append(tok)
        else:
            out.append((kind_name, [tok]))
    # A hyphenated prefix such as "then-" joins the role that follows it.
    merged: list[tuple[str, list[Token]]] = []
    for kind_name, toks in out:
        if merged and merged[-1][0] == "role" and kind_name == "title" and \
                merged[-1][1][-1].text in _HYPHENS:
            merged[-1][1].extend(toks)
        else:
            merged.append((kind_name, toks))
    # "Former Chilean dictator": a bare modifier, a nationality and an office make one role
    # (the nationality is also kept on its own).
    for i in range(len(merged) - 2):
        (k1, t1), (k2, t2), (k3, t3) = merged[i:i + 3]
        if k1 == "role" and k2 == "norp" and k3 == "role" and \
                all(_word(t) in TITLE_MODIFIERS for t in t1):
            merged[i] = ("role", [*t1, *t2, *t3])
            merged[i + 2] = ("skip", t3)
    merged = [(k, t) for k, t in merged if k != "skip"]
    # "Governor of Washington": the place joins the office's text and is also an affiliation.
    joined: list[tuple[str, list[Token]]] = []
    for kind_name, toks in merged:
        if joined and joined[-1][0] == "role" and joined[-1][1][-1].lower_ == "of" and \
                kind_name in ("org", "place"):
            joined[-1][1].extend(toks)
            joined.append((kind_name, list(toks)))
        else:
            joined.append((kind_name, toks))
    return [(k, t) for k, t in joined if any(c.isalpha() for x in t for c in x.text)
            and t[-1].lower_ != "of"]


def _appositions(parse: Parse, start: int, end: int) -> list[tuple[int, int]]:
    """Return token ranges of appositive phrases describing the name."""
    head = max(range(start, end), key=lambda i: parse[i].head.i not in range(start, end))
    root = parse[head]
    phrases: list[tuple[int, int]] = []
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end:
            lo = min(t.i for t in child.subtree)
            hi = max(t.i for t in child.subtree) + 1
            if lo > end and parse[end].text == ",":
                phrases.append((lo, hi))
    # "the Prime Minister of Singapore, Mr. Lee Hsien Loong": the name is the office's apposition.
    # The small parser often hangs the name on an earlier noun ("guests, including the Prime
    # Minister of Singapore, Mr. Lee"), so an office noun just before the comma also counts.
    # Or reads the pair as a coordination ("the Prime Minister ..., Mr. Lee" as conj).
    owner = root.head if root.dep_ in ("appos", "conj") and root.head.i < start else None
    if owner is not None and not _comma_before(parse, start):
        owner = None  # "the President and John Smith": two people, not one
    if owner is not None and _word(owner) not in OFFICES:
        owner = _office_before(parse, start)
    if owner is not None:
        lo = owner.left_edge.i
        hi = start - 1
        while hi > lo and (parse[hi].is_punct or parse[hi].is_space or is_honorific(parse[hi])):
            hi -= 1
        if hi >= lo:
            phrases.append((lo, hi + 1))
    return phrases


def _comma_before(parse: Parse, start: int) -> bool:
    i = start - 1
    while i >= 0 and is_honorific(parse[i]):
        i -= 1
    return i >= 0 and parse[i].text == ","


def _office_before(parse: Parse, start: int) -> Token | None:
    """Return an office noun ending the phrase right before ", <name>", if there is one."""
    i = start - 1
    while i >= 0 and (is_honorific(parse[i]) or parse[i].is_space):
        i -= 1
    if i < 1 or parse[i].text != ",":
        return None
    for j in range(i - 1, max(-1, i - 7), -1):
        tok = parse[j]
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            return None
        if _word(tok) in OFFICES and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def _role_phrase(parse: Parse, phrase: tuple[int, int],
                 kind_of: Callable[[Token], Kind | None]) -> tuple[Role, list[tuple[int, int]]] | None:
    lo, hi = phrase
    while lo < hi and (parse[lo].pos_ == "DET" or parse[lo].is_punct):
        lo += 1
    while hi > lo and (parse[hi - 1].is_punct or parse[hi - 1].is_space):
        hi -= 1
    tokens = list(parse[lo:hi])
    if not tokens or len(tokens) > 12 or not any(_word(t) in OFFICES for t in tokens):
        return None
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return None
    orgs: list[tuple[int, int]] = []
    # "NATO's Supreme Allied Commander Europe": the possessor is the affiliation, not the role.
    for i, tok in enumerate(tokens):
        if tok.dep_ == "case" and i > 0:
            owner = [t for t in tokens[:i] if kind_of(t) in ("org", "place")]
            if owner:
                orgs.append((owner[0].idx, tokens[i - 1].idx + len(tokens[i - 1].text)))
                lo = tok.i + 1
            break
    for tok in tokens:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for", "at") and kind_of(tok):
            ent = [t for t in tok.subtree if kind_of(t)]
            orgs.append((ent[0].idx, ent[-1].idx + len(ent[-1].text)))
    span = parse[lo:hi]
    if not span.text.strip():
        return None
    return Role(span.start_char, span.end_char, span.text, kind="role"), orgs
