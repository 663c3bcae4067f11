"""Count the people a tally predicate names without a figure: "a man was killed" is one killed.

Local news rarely writes "one person was killed"; it writes "a 24-year-old woman was fatally
shot", "the shooting that killed 13-year-old Eddie Holmes", "killing him", "the boy died".
Each names exactly one person as the one killed, so the text states a count of one (two for
"a man and a woman"). Such counts are kept as claims whose text is the noun phrase, not a
numeral, so a reader can tell them from written figures. Plural or numbered phrases are left
to the figures ("two men were killed"); "they" and "the victims" count nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dateline.resources.predicates import (
    FATAL_ADVERBS,
    INTRANSITIVE_DEATHS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PREDICATE_KINDS,
)
from dateline.stages.numbers.counted import predicate_kind, verb_phrase

Token = Any  # spacy.tokens.Token
_DEATH_NOUNS = frozenset({"death", "killing", "murder", "slaying", "shooting", "homicide"})
_NOT_ONE = frozenset({"no", "every", "each", "any", "another", "all", "some"})
_LINK_COMPLEMENTS = frozenset({"acomp", "oprd"})


@dataclass(frozen=True, slots=True)
class Singular:
    """People named by a noun phrase as the ones a predicate counts."""

    start: int  # first token of the noun phrase
    end: int  # one past its last token
    value: int
    noun: Token
    predicate: str
    predicate_token: Token


def singular_counts(tokens: Any) -> Iterator[Singular]:
    """Yield each person-naming argument of a tally predicate that carries no figure."""
    seen: set[int] = set()
    for tok in tokens:
        if tok.lower_ not in PREDICATE_KINDS:
            continue
        found = _patient_and_predicate(tok)
        if found is None:
            continue
        patient, predicate = found
        if patient.i in seen or predicate_kind(predicate) is None:
            continue
        people = _people(patient)
        if not people:
            continue
        seen.add(patient.i)
        start = min(p.left_edge.i for p in people)
        yield Singular(start, max(p.i for p in people) + 1, len(people), patient, predicate, tok)


def _patient_and_predicate(tok: Token) -> tuple[Token, str] | None:
    """Return who the predicate word says was killed, hurt or held, and the predicate."""
    pos = tok.pos_
    if pos in ("VERB", "AUX"):
        if tok.dep_ == "conj" and tok.head.lower_ in PREDICATE_KINDS and not _has_subject(tok):
            return None  # "shot and killed": the first verb speaks for both
        for dep in ("nsubjpass", "dobj"):
            patient = _child(tok, dep)
            if patient is not None:
                return patient, verb_phrase(tok)
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "a man killed in the crash", "the student he killed"
            return tok.head, verb_phrase(tok)
        if tok.lower_ in INTRANSITIVE_DEATHS:
            patient = _child(tok, "nsubj")  # "the boy died"; the subject of "killed" is a killer
            if patient is not None:
                return patient, verb_phrase(tok)
        return None
    if pos == "ADJ" and tok.dep_ in _LINK_COMPLEMENTS:
        head = tok.head
        if head.lower_ in PREDICATE_KINDS:
            return None  # "shot the suspect dead": the verb speaks
        # "left a boy dead", "found him dead" name the object; "was pronounced dead" the subject.
        order = ("dobj", "nsubjpass", "nsubj") if tok.dep_ == "oprd" else ("nsubjpass", "nsubj")
        patient = next((p for dep in order if (p := _child(head, dep)) is not None), None)
        return (patient, tok.lower_) if patient is not None else None
    if pos == "NOUN" and tok.lower_ in _DEATH_NOUNS and tok.tag_ == "NN":
        patient = _of_object(tok) or _child(tok, "poss")  # "the death of a teen", "his death"
        if patient is None:
            return None
        fatal = [c.lower_ for c in tok.lefts if c.lower_ in FATAL_ADVERBS]
        return patient, " ".join([*fatal, tok.lower_])
    return None


def _people(patient: Token) -> list[Token]:
    """Return the single persons a noun phrase names, conjuncts included; [] if any is not one."""
    conjuncts = [patient, *[c for c in patient.conjuncts if c.i > patient.i]]
    people = [c for c in conjuncts if _one_person(c)]
    return people if len(people) == len(conjuncts) else []


def _one_person(tok: Token) -> bool:
    if any(c.dep_ == "nummod" or c.lower_ in _NOT_ONE for c in tok.children):
        return False
    word = tok.lower_
    if word in PERSON_PRONOUNS or (word == "another" and tok.dep_ != "det"):
        return True  # "killing him", "another was wounded"
    if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
        return True
    if tok.tag_ != "NN":
        return False
    if word in PERSON_NOUNS:
        return True
    # "a 14-year-old", "the 7-year-old": an age standing for the person.
    return word == "old" and any(c.lower_ in ("year", "years") for c in tok.subtree)


def _child(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return _child(child, "pobj")
    return None
