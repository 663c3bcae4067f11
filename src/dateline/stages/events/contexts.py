"""PLOVER contexts of an event (crime, disaster, protest, weapons...), and harm no one meant.

PLOVER treats disease and disaster as contexts within which other activity happens, not as
events (manual, section "Event, Mode, and Context"). So an earthquake that "killed eight
people" yields no ASSAULT: ASSAULT is deliberate. The stage drops such harm and keeps the
disaster as the context of whatever people did about it (rescues, evacuations).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from dateline.resources.ontology import contexts as context_table
from dateline.resources.ontology import word_classes
from dateline.stages.events.triggers import Candidate, Token, objects, with_conjuncts, words_of

DISASTER_CONTEXTS = frozenset({"natural_hazard", "accident"})
# Words that are disaster cues only as nouns: "storm" and "fire" are also verbs of attack
# ("stormed the building", "fired on protesters").
NOUN_ONLY = frozenset({"storm", "fire", "blaze", "rain", "crash", "flood"})
# A cue under these heads is part of another phrase: "came under fire", "opened fire".
SHIELDING_HEADS = frozenset({"under", "open", "set", "cease", "exchange", "return", "trade"})
# Evidence that harm was meant: weapons, armed actors, attack words.
INTENT_WORDS = frozenset({"attack", "attacker", "assailant", "gunman", "gunmen", "militant",
                          "terrorist", "suicide", "bomber", "arson", "arsonist", "deliberately",
                          "shoot", "shooting", "sabotage", "saboteur", "insurgent", "rebel"})


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for ctx in context_table():
        for cue in ctx.cues:
            index.setdefault(cue, []).append(ctx.name)
    return {cue: tuple(names) for cue, names in index.items()}


def cue_contexts(tokens: Iterable[Token], skip: frozenset[int] = frozenset()) -> set[str]:
    """Return the contexts whose cue words occur among the tokens (skipping token indices)."""
    found: set[str] = set()
    index = _cue_index()
    for token in tokens:
        if token.i in skip or token.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ"):
            continue
        for form in (token.lemma_.lower(), token.lower_):
            names = index.get(form)
            if not names:
                continue
            if form in NOUN_ONLY and token.pos_ != "NOUN":
                continue
            if token.head.lemma_.lower() in SHIELDING_HEADS and token.head.i != token.i:
                continue
            found.update(names)
            break
    return found


def argument_contexts(candidate: Candidate, recipients: list[Token]) -> set[str]:
    """Return contexts read off the event's own arguments: protesters hit, weapons seized."""
    classes = word_classes()
    found: set[str] = set()
    targets = recipients + objects(candidate.token)
    target_words = {w for t in targets for w in words_of(t)}
    if candidate.type in ("ASSAULT", "COERCE") and target_words & classes["PROTESTER"]:
        found.add("protest")
    if candidate.type == "COERCE" and target_words & classes["WEAPON"]:
        found.add("weapons")
    return found


def is_unintended_harm(candidate: Candidate, scope: list[Token]) -> bool:
    """Return True for harm words whose cause is a disaster or accident, not an attacker."""
    if candidate.type != "ASSAULT" or candidate.entry.lemma not in word_classes()["HARM"]:
        return False
    own = {candidate.token.i, *(t.i for t in candidate.merged)}
    if not cue_contexts(scope, frozenset(own)) & DISASTER_CONTEXTS:
        return False
    scope_words = {w for t in scope if t.i not in own for w in words_of(t)}
    armed = word_classes()["NONSTATE"] | word_classes()["WEAPON"] | INTENT_WORDS
    return not (scope_words & armed)


def disaster_causes(candidate: Candidate) -> bool:
    """Return True when the subject of the harm word is itself a disaster ("the quake killed")."""
    subjects = with_conjuncts(c for c in candidate.token.children if c.dep_ in ("nsubj", "agent"))
    return bool(cue_contexts(subjects) & DISASTER_CONTEXTS)
