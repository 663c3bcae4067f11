"""Tell an event word used in its event sense from the same word naming play, a manner or a charge.

The lexicon's conditions tell the senses of one word apart by its own dependents (a "demonstration
of its new phone" is a showing). Some senses show only in the phrase around the word, and hold
for many words at once, so they are read here:

- play: "the striker attacked the ball", "the bowler struck twice", "conceded a penalty" use the
  words of violence and concession for sport (PLOVER codes political interaction only);
- a manner: "attacking style", "attacking play" describe how a side plays, not an attack;
- a charge: in "charged with murder and kidnapping" or "one count of murder" the crime names
  the charge; the event the text asserts is the indictment, coded on its own word;
- striving: "fought to overturn the ruling", "battled to keep the plant open" tell of an
  effort toward an aim, not of combat.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.resources.events import CHARGE_HEADS, STRIVING_VERBS
from dateline.resources.grammar import DATING_PREPOSITIONS
from dateline.resources.ontology import word_classes
from dateline.stages.events.triggers import (
    Candidate,
    modifiers,
    objects,
    subjects,
    with_conjuncts,
    words_of,
)
from dateline.stages.tree import is_root

if TYPE_CHECKING:
    from spacy.tokens import Token

# Types whose words sport borrows: attacks, strikes and shots, conceding, seizing the lead,
# praising a side. Legal acts (arrests, charges) stay events whoever undergoes them.
PLAY_TYPES = frozenset({"ASSAULT", "CONCEDE", "COERCE", "SUPPORT", "REJECT", "RETREAT",
                        "THREATEN"})

# Dependents that make a crime noun one act rather than its kind: "the murder of the mayor",
# "his kidnapping", "the 2019 killing".
SPECIFIC_DEPS = frozenset({"det", "poss", "nummod", "dobj", "nsubj", "nsubjpass", "agent"})


@lru_cache(maxsize=1)
def _armed_words() -> frozenset[str]:
    classes = word_classes()
    return (classes["FORCES"] | classes["NONSTATE"] | classes["STATE"] | classes["POLICE"]
            | classes["WEAPON"] | classes["PROTESTER"] | classes["CRIMINAL"])


def _arguments(token: Token) -> list[Token]:
    """Return the trigger's subjects, objects, modifiers and prepositional objects, leaving out
    phrases that only date or place it."""
    found = subjects(token) + objects(token) + modifiers(token)
    found += with_conjuncts(c for prep in token.children if prep.dep_ in ("prep", "agent")
                            and prep.lower_ not in DATING_PREPOSITIONS
                            for c in prep.children if c.dep_ == "pobj")
    return found


def is_play(candidate: Candidate) -> bool:
    """Return True when a sport word takes part in the act and nothing armed does: "the striker
    attacked the ball", "conceded a penalty", "the bowler struck twice"."""
    if candidate.type not in PLAY_TYPES or "legal" in candidate.contexts:
        return False
    arguments = _arguments(candidate.token)
    if {w for t in arguments for w in words_of(t)} & _armed_words():
        return False
    return any(_is_sport_word(t) for t in arguments)


def _is_sport_word(token: Token) -> bool:
    """Return True for a sport word not turned to another sense by a noun before it: "a
    penalty" is play, "the death penalty" is not."""
    sport = word_classes()["SPORT"]
    if not {token.lemma_.lower(), token.lower_} & sport:
        return False
    return all(c.lemma_.lower() in sport for c in token.children if c.dep_ == "compound")


def is_manner(token: Token) -> bool:
    """Return True for an -ing word before a bare noun of manner: "attacking style", "attacking
    play". The parser reads the noun as the object; a bare mass noun can be one ("seeking
    asylum"), so only nouns that say how someone acts (MANNER) make the pair a kind."""
    if token.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children):
        return False
    objs = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if len(objs) != 1 or objs[0].i != token.i + 1:
        return False
    obj = objs[0]
    if obj.tag_ not in ("NN", "NNS") or any(c.dep_ in SPECIFIC_DEPS | {"amod", "compound"}
                                            for c in obj.children):
        return False
    return obj.lemma_.lower() in word_classes()["MANNER"]


def names_a_charge(token: Token) -> bool:
    """Return True for a crime word naming a charge: "charged with murder and kidnapping", "one
    count of murder", "arrested for robbery". A crime with its own determiner, possessor, object
    or "of" phrase ("charged with the murder of the mayor") is one act and stays an event."""
    if any(c.dep_ in SPECIFIC_DEPS for c in token.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    current = token
    for _ in range(4):  # "murder, kidnapping and torture": the first conjunct carries the phrase
        if current.dep_ != "conj" or is_root(current):
            break
        current = current.head
    if current.dep_ not in ("pobj", "pcomp"):
        return False
    prep = current.head
    heads = CHARGE_HEADS.get(prep.lower_)
    if heads is None or is_root(prep):
        return False
    # "for" names a charge for nouns only: "arrested for protesting" says what they did.
    if prep.lower_ == "for" and token.pos_ != "NOUN":
        return False
    return prep.head.lemma_.lower() in heads


def is_striving(token: Token) -> bool:
    """Return True for a verb of combat with an infinitive of purpose: "fought to overturn the
    ruling", "battled to keep the plant open"."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in STRIVING_VERBS:
        return False
    return any(c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in token.children)


def other_sense(candidate: Candidate) -> bool:
    """Return True when the trigger is used in a sense that is no event: play, a manner, a
    charge, striving."""
    token = candidate.token
    return is_manner(token) or names_a_charge(token) or is_play(candidate) or is_striving(token)
