"""Decide whether the text asserts an event, negates or denies it, or places it in the future,
a hypothesis or the past.

The cues follow English grammar of modality and negation (modal auxiliaries, "not"/"no"/"never",
verbs that embed their complement as unreal: threaten, plan, deny) as FactBank and the TimeML
guidelines describe them. spaCy has no factuality component, hence these rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from dateline.records import Factuality, TimeValue
from dateline.resources.events import (
    ABILITY_NOUNS,
    DENYING_VERBS,
    FAILING_VERBS,
    FUTURE_MODIFIERS,
    FUTURE_VERBS,
    GRAMMAR_SHARING_VERBS,
    HYPOTHETICAL_VERBS,
    INTENTION_ADJECTIVES,
    INTENTION_VERBS,
    LIGHT_VERBS,
)
from dateline.resources.grammar import CLAUSE_ADJUNCT_PREPOSITIONS
from dateline.resources.timex import FUTURE_AUXILIARIES, POSSIBILITY_MODALS
from dateline.stages.events.circumstances import is_after, is_well_before
from dateline.stages.events.triggers import coordinated_under, match, sharing_heads
from dateline.stages.tree import is_root

if TYPE_CHECKING:
    from spacy.tokens import Token

# Subjects that negate their verb: "nobody came", "nothing happened".
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "nothing", "noone"})

# How much a factuality lowers confidence that the record is right.
CONFIDENCE = {"asserted": 1.0, "negated": 0.9, "denied": 0.9, "hypothetical": 0.8,
              "future": 0.85, "historical": 0.95}


def _chain(token: Token) -> list[Token]:
    """Return the trigger and the verbs it depends on within its clause, nearest first."""
    chain = [token]
    current = token
    for _ in range(4):
        dep = current.dep_
        head = current.head
        if is_root(current) or (dep == "pobj" and head.lower_ in CLAUSE_ADJUNCT_PREPOSITIONS):
            break
        if dep in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "conj", "xcomp",
                   "pcomp", "compound", "appos", "acomp", "advcl") or \
                (dep == "ccomp" and head.lemma_.lower() in DENYING_VERBS | HYPOTHETICAL_VERBS | FUTURE_VERBS):
            chain.append(head)
            current = head
            continue
        break
    return chain


def _purpose(token: Token) -> bool:
    """Return True for an infinitive hanging on an adjective or noun: "ready to launch",
    "in a bid to oust" say what someone means to do, not what happened."""
    return bool(token.pos_ == "VERB" and token.dep_ in ("xcomp", "advcl", "acl")
                and token.head.pos_ in ("ADJ", "NOUN")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children))


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    return bool(token.dep_ == "pobj" and token.head.lower_ == "without")


def _negative_subject(verb: Token) -> bool:
    """Return True for a verb whose subject is "no one", "nothing", "no agreement"."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NEGATIVE_PRONOUNS or any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in verb.children)


def _negation_words(token: Token, own: list[Token]) -> list[Token]:
    """Return the words of ``own`` whose negation is the event's: a verb that has the event
    noun as its subject negates it only when it says no more than that the event took place
    ("the attack did not happen", "the talks did not take place"); "the strike did not stop
    the talks" says nothing against the strike."""
    if token.pos_ in ("VERB", "AUX"):
        return own
    return [t for t in own if t.pos_ not in ("VERB", "AUX")
            or not any(c.dep_ in ("nsubj", "nsubjpass") and c in own for c in t.children)
            or (t.lemma_.lower() in GRAMMAR_SHARING_VERBS and  # "take place", not "stop the talks"
                not any(c.dep_ == "dobj" and c.lower_ != "place" for c in t.children))]


def _failed(chain: list[Token]) -> bool:
    """Return True when a verb of failing or preventing governs the event ("failed to reach
    a deal", "prevented the attack"), not across a verb of its own ("refused to comment on
    the arrests") and not when it is itself negated or failed ("did not stop the talks",
    "failed to prevent the attack")."""
    for k, link in enumerate(chain[1:], 1):
        lemma = link.lemma_.lower()
        if lemma in FAILING_VERBS:
            if chain[k - 1].dep_ in ("nsubj", "nsubjpass") and chain[k - 1].head.i == link.i:
                return False  # "the strike stopped the talks": the strike is no failure
            return not _negated(link) and not any(t.lemma_.lower() in FAILING_VERBS
                                                  for t in chain[k + 1:])
        if link.pos_ == "VERB" and lemma not in GRAMMAR_SHARING_VERBS and \
                chain[k - 1].pos_ not in ("VERB", "AUX"):
            return False
    return False


def _own_words(token: Token, verbs: list[Token]) -> list[Token]:
    """Return the words whose negation, auxiliaries and mood are the event's own.

    Conjuncts share them: in "if Boeing is indicted or convicted" and "could attack or seize"
    the second verb takes the first one's condition and modal; in "no arrests or detentions"
    the second noun takes the first one's "no".
    """
    own = [token]
    if token.pos_ in ("VERB", "AUX"):
        return own + sharing_heads(token)
    conjuncts = coordinated_under(token)
    current = token
    for head in conjuncts:
        if any(c.dep_ == "det" for c in current.children):
            break  # "the attack and no retaliation": a determiner of its own
        own.append(head)
        current = head
    # The first verb governs an event noun's tense and negation when the noun (or the first
    # noun it is coordinated with) is its subject or it is a light verb; further verbs embed
    # the event.
    first = conjuncts[-1] if conjuncts else token
    if verbs:
        verb = verbs[0]
        subject = verb.i == first.head.i and first.dep_ in ("nsubj", "nsubjpass", "attr")
        if subject or verb.lemma_.lower() in LIGHT_VERBS or match(verb) is not None:
            own.append(verb)
    return own


def _conditional(own: list[Token]) -> bool:
    """Return True when a word of the event, or a verb it is coordinated with, opens with "if" or
    "unless" (the mark sits on the first conjunct only)."""
    words = own + [h for t in own if t.pos_ in ("VERB", "AUX") for h in coordinated_under(t)]
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in words
               for c in t.children)


def _hypothetical_links(chain: list[Token]) -> list[str]:
    """Return the lemmas of the verbs above the event that make it hypothetical."""
    return [lemma for link in chain[1:] if (lemma := link.lemma_.lower()) in HYPOTHETICAL_VERBS
            and lemma not in FUTURE_VERBS]


def intended(token: Token) -> bool:
    """Return True when the rules read the event as hypothetical only because it is what
    someone means, wants or proposes to do: an infinitive of purpose ("in a bid to oust",
    "willing to contribute"; not "able to", "the chance to") or a word under a verb of
    wanting, offering or calling for (INTENTION_VERBS: "wants to bring", "called for a
    re-run") and under no verb of possibility or danger, with no negation, condition or modal
    of its own.

    News annotation marks most such events future, not possible (see learned/factuality.judge).
    """
    chain = _chain(token)
    links = _hypothetical_links(chain)
    head = token.head.lemma_.lower()
    meant = _purpose(token) and (head in INTENTION_ADJECTIVES if token.head.pos_ == "ADJ"
                                 else head not in ABILITY_NOUNS)
    if not meant and not links:
        return False
    if not all(v in INTENTION_VERBS for v in links) or _unreal(token, chain) is not None:
        return False
    # "may want to build", "does not want to build": the intention itself is unreal.
    return not any(_unreal(link, _chain(link)) for link in chain[1:]
                   if link.lemma_.lower() in INTENTION_VERBS)


def _unreal(token: Token, chain: list[Token]) -> Factuality | None:
    """Return what the grammar of the event's own clause says against its being asserted:
    a denial, negation, failure, condition or modal, before any verb of wanting is read."""
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    own = _own_words(token, verbs)
    for link in chain[1:]:
        if link.lemma_.lower() in DENYING_VERBS:
            return "denied"
    if any(_negated(t) for t in _negation_words(token, own)):
        return "negated"
    if _negative_subject(token):
        return "negated"  # "no one was injured", "nothing happened", "no agreement was reached"
    if _failed(chain):
        return "negated"
    if _conditional(own) or any(_aux(t) & POSSIBILITY_MODALS for t in own):
        return "hypothetical"
    # "would have stayed and tortured him": the conditional perfect tells what did not happen.
    if any(_aux(t) & {"would", "'d"} and "have" in _aux(t) for t in own):
        return "hypothetical"
    if any(c.dep_ == "amod" and c.lower_ in HYPOTHETICAL_VERBS for c in token.children):
        return "hypothetical"
    return None


def factuality(token: Token, time: TimeValue | None, published: datetime | None,
               inferred_time: bool) -> Factuality:
    """Return the factuality of the event whose trigger is ``token``."""
    chain = _chain(token)
    unreal = _unreal(token, chain)
    if unreal is not None:
        return unreal
    if _purpose(token) or _hypothetical_links(chain):
        return "hypothetical"
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    own = _own_words(token, verbs)
    for t in own:
        if _aux(t) & FUTURE_AUXILIARIES or any(c.dep_ == "aux" and c.lower_ == "to" and
                                           t.head.lemma_.lower() in FUTURE_VERBS for c in t.children):
            return "future"
    if any(c.dep_ in ("amod", "compound") and c.lower_ in FUTURE_MODIFIERS
           for c in token.children):
        return "future"
    for link in chain[1:]:
        if link.lemma_.lower() in FUTURE_VERBS and link.pos_ in ("VERB", "ADJ", "AUX"):
            return "future"
    if time is not None and not inferred_time and published is not None and time.value:
        if is_after(time.value, published):
            return "future"
        # "The mission, established in 2018, focuses on..." describes the present: only a
        # past-tense clause or an event noun is placed in the past by an old date.
        present = any(t.tag_ in ("VBZ", "VBP") for t in own if t.pos_ in ("VERB", "AUX"))
        if not present and is_well_before(time.value, published):
            return "historical"
    return "asserted"
