"""Judge whether a lexicon trigger names an event where it stands, with a trained model.

The PLOVER lexicon (stages/events/triggers.py) proposes candidates; it cannot tell "attacked
the convoy" from "an assault on the environment", "met the minister" from "meeting its
obligations". A logistic regression over the candidate's parse says how likely the word is
an event mention: its lemma and type, part of speech, dependency and head, what its object
and subject are (word classes of the lexicon, entity types, abstract-noun endings), its
particles, determiner and negation. It is trained on the news of ECB+ and MEANTIME, whose
annotators marked every event mention (train/triggers.py). The events stage drops candidates
below ``THRESHOLD`` and, when several words of one event merge, keeps the likeliest as the
trigger ("claimed ... the attack" keeps "attack"). ``learned_triggers`` turns it on.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.learned.model import load_model
from dateline.resources.events import ABSTRACT_ENDINGS, CARRYING_VERBS
from dateline.resources.ontology import word_classes
from dateline.stages.events.triggers import (
    Candidate,
    governing_preposition,
    objects,
    particles,
    subjects,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL = "triggers"
# Below this probability of being an event mention, a candidate is dropped. Chosen on the
# training part only (train/triggers.py): the lexicon's words are events far more often than
# not, so only candidates the model is fairly sure of are dropped.
THRESHOLD = 0.35


@lru_cache(maxsize=1)
def _classes_of() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name, words in word_classes().items():
        for word in words:
            out.setdefault(word, []).append(name)
    return {w: tuple(sorted(n)) for w, n in out.items()}


def argument_features(token: Token, role: str) -> list[str]:
    """Describe an argument of the trigger: lemma, word classes, entity type, abstractness."""
    lemma = token.lemma_.lower()
    out = [f"{role}={lemma}", f"{role}_pos={token.pos_}"]
    out += [f"{role}_class={c}" for c in _classes_of().get(lemma, ())]
    if token.ent_type_:
        out.append(f"{role}_ent={token.ent_type_}")
    elif token.pos_ == "PRON":
        out.append(f"{role}_pronoun")
    if token.pos_ == "NOUN" and lemma.endswith(tuple(ABSTRACT_ENDINGS)):
        out.append(f"{role}_abstract")
    return out


def trigger_features(candidate: Candidate) -> list[str]:
    """Return the feature names of one lexicon candidate."""
    token = candidate.token
    lemma = token.lemma_.lower()
    type_ = candidate.type
    head = token.head
    out = [f"lemma={lemma}", f"type={type_}", f"pos={token.pos_}", f"tag={token.tag_}",
           f"dep={token.dep_}", f"lemma_pos={lemma}:{token.pos_}", f"type_pos={type_}:{token.pos_}",
           f"type_dep={type_}:{token.dep_}", f"lemma_dep={lemma}:{token.dep_}",
           f"mode={candidate.mode or '-'}", f"weight={round(candidate.weight, 1)}",
           f"conditions={len(candidate.entry.needs)}"]
    if head.i != token.i:
        head_lemma = head.lemma_.lower()
        out += [f"head={head_lemma}", f"head_pos={head.pos_}",
                f"dep_head={token.dep_}:{head_lemma}", f"type_head={type_}:{head_lemma}"]
        if head_lemma in CARRYING_VERBS and token.dep_ in ("dobj", "nsubjpass", "pobj"):
            out.append("object_of_light_verb")
    else:
        out.append("root")
    found = objects(token)
    out += [f for t in found[:3] for f in argument_features(t, "obj")]
    out += [f"lemma_obj={lemma}:{t.lemma_.lower()}" for t in found[:3]]
    if not found:
        out.append("no_object")
    out += [f for t in subjects(token)[:2] for f in argument_features(t, "subj")]
    out += [f"prt={p}" for p in sorted(particles(token))]
    out += [f"lemma_prt={lemma}:{p}" for p in sorted(particles(token))]
    out += [f"gov={p}" for p in sorted(governing_preposition(token))]
    children = list(token.children)
    out += sorted({f"child_dep={c.dep_}" for c in children})
    out += [f"det={c.lower_}" for c in children if c.dep_ == "det"]
    out += [f"mod={c.lemma_.lower()}" for c in children if c.dep_ in ("amod", "compound")]
    if any(c.dep_ == "neg" for c in children):
        out.append("negated")
    if token.tag_ in ("NNS", "NNPS"):
        out.append("plural")
    if any(c.lemma_.lower() in CARRYING_VERBS and c.pos_ == "VERB" for c in [head]):
        out.append(f"under_light_verb={type_}")
    if lemma in CARRYING_VERBS:
        out.append("is_light_verb")
    return out


def event_probability(candidate: Candidate) -> float:
    """Return how likely the candidate's word is an event mention where it stands (0..1)."""
    return load_model(MODEL).probabilities(trigger_features(candidate))["event"]


def keep_events(candidates: list[Candidate]) -> list[Candidate]:
    """Return the candidates the model finds to be events, each scored in ``score``."""
    kept = []
    for candidate in candidates:
        candidate.score = event_probability(candidate)
        if candidate.score >= THRESHOLD:
            kept.append(candidate)
    return kept
