"""PLOVER contexts of an event (crime, disaster, protest, weapons...), and harm no one meant.

PLOVER treats disease and disaster as contexts within which other activity happens, not as
events (manual, section "Event, Mode, and Context"). So an earthquake that "killed eight
people" yields no ASSAULT: ASSAULT is deliberate. The stage drops such harm and keeps the
disaster as the context of what people did about it (rescues, deployments).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.resources.events import (
    ARMED_TARGETS,
    INTENT_WORDS,
    MILITARY_HARDWARE,
    MILITARY_WORDS,
    NOUN_ONLY_TRIGGERS,
    SHIELDING_HEADS,
)
from dateline.resources.ontology import contexts as context_table
from dateline.resources.ontology import word_classes
from dateline.stages.events.triggers import (
    Candidate,
    modifiers,
    objects,
    subjects,
    words_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

DISASTER_CONTEXTS = frozenset({"natural_hazard", "accident"})


# Entity kinds that name a state or a people, whose moves of force MOBILIZE codes.
STATE_LABELS = frozenset({"GPE", "NORP"})


@lru_cache(maxsize=1)
def _armed_words() -> frozenset[str]:
    classes = word_classes()
    return (classes["FORCES"] | classes["NONSTATE"] | classes["STATE"] | classes["POLICE"]
            | classes["WEAPON"] | classes["MISSILE"] | MILITARY_HARDWARE | MILITARY_WORDS)


def is_armed_move(candidate: Candidate, actors: list[Token], recipients: list[Token]) -> bool:
    """Return True unless a troop move names no armed participant.

    PLOVER MOBILIZE/troops moves armed personnel or units: troops, soldiers, forces, police, a
    military unit or a state. "A reporter stationed in Banda Aceh" and "the company deployed
    new software" move no one armed.
    """
    if candidate.type != "MOBILIZE" or candidate.mode != "troops":
        return True
    tokens = [*actors, *recipients]
    for token in (candidate.token, *candidate.merged):
        tokens += objects(token) + subjects(token) + modifiers(token)
    armed = _armed_words()
    return any(words_of(t) & armed or t.ent_type_ in STATE_LABELS for t in tokens)


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
            if form in NOUN_ONLY_TRIGGERS and token.pos_ != "NOUN":
                continue
            if token.head.i != token.i and token.head.lemma_.lower() in SHIELDING_HEADS:
                continue
            found.update(names)
            break
    return found


def _words(tokens: Iterable[Token]) -> set[str]:
    return {w for t in tokens for w in words_of(t)}


def argument_contexts(candidate: Candidate, actors: list[Token], recipients: list[Token],
                      scope: list[Token]) -> set[str]:
    """Return contexts read off the event's arguments and clause: force used at a protest,
    weapons seized, armed forces attacked, territory given up."""
    classes = word_classes()
    found: set[str] = set()
    targets = _words(recipients + objects(candidate.token))
    actor_words = _words(actors)
    protesters = classes["PROTESTER"]
    authorities = classes["POLICE"] | classes["FORCES"] | classes["STATE"]
    # Force aimed at protesters, or used by the authorities where a protest is under way.
    if candidate.type in ("ASSAULT", "COERCE") and not actor_words & protesters and (
            targets & protesters or (actor_words & authorities and _words(scope) & protesters)):
        found.add("protest")
    if candidate.type == "COERCE" and targets & classes["WEAPON"]:
        found.add("weapons")
    armed = classes["FORCES"] | classes["NONSTATE"] | classes["STATE"]
    # Fighting between armed sides is battle (ACLED's "armed clash"), not violence against
    # civilians: an armed target, or armed forces on both sides.
    if candidate.type == "ASSAULT" and (targets & (classes["FORCES"] | ARMED_TARGETS)
                                        or (targets & armed and actor_words & armed)):
        found.add("military")
    if candidate.type == "RETREAT" and candidate.mode == "withdraw" and (
            targets & classes["TERRITORY"] or _words(scope) & classes["TERRITORY"]
            or any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in scope)):
        found.add("territory")
    return found


def protest_violence(candidate: Candidate, actors: list[Token], recipients: list[Token]) -> bool:
    """Return True for violence by protesters or rioters, or clashes with them: a riot."""
    if candidate.type != "ASSAULT":
        return False
    protesters = word_classes()["PROTESTER"] | {"rioter", "mob"}
    if _words(actors) & protesters:
        return True
    return candidate.entry.mode == "clash" and bool(_words(recipients) & protesters)


def is_unintended_harm(candidate: Candidate, sentence: list[Token], skip: frozenset[int]) -> bool:
    """Return True for harm words in a passage about a disaster or accident with no sign that
    anyone meant the harm (no weapon, no armed group, no attack word). ``sentence`` may reach
    back a sentence or two: "The tank exploded. Four people were injured." """
    if candidate.type != "ASSAULT":
        return False
    causes = [c for t in (candidate.token, *candidate.merged) for c in subjects(t)]
    if cue_contexts(causes) & DISASTER_CONTEXTS:
        return True  # "the quake struck", "floods swept through": no one acted
    if candidate.entry.lemma not in word_classes()["HARM"]:
        return False
    if not cue_contexts(sentence, skip) & DISASTER_CONTEXTS:
        return False
    own = {candidate.token.i, *(t.i for t in candidate.merged)}
    scope_words = _words(t for t in sentence if t.i not in own)
    armed = word_classes()["NONSTATE"] | word_classes()["WEAPON"] | INTENT_WORDS
    return not (scope_words & armed)
