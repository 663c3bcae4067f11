"""Find event triggers in a parsed sentence: lexicon lemmas whose dependents fit, with mode and contexts.

A trigger is a verb or an event noun found through the PLOVER lexicon
(resources/plover_lexicon.tsv). Lexicon rows carry conditions on the trigger's dependents
("release" only with a captive as object, "strike" as a protest only with workers or "general"
around it), so the same word can signal different types. No library codes PLOVER from a
dependency parse offline (PETRARCH needs Python 2 and CoreNLP, POLECAT a GPU and withheld
models), hence these rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline import budget
from dateline.resources.events import (
    CARRIER_VERBS,
    CONTAINER_NOUNS,
    CONTAINING_VERBS,
    LIGHT_VERBS,
)
from dateline.resources.grammar import CONTRASTIVE_CONJUNCTIONS
from dateline.resources.ontology import Condition, Trigger, lexicon, modes, refines
from dateline.stages.tree import climb, is_root, max_climb

if TYPE_CHECKING:
    from spacy.tokens import Token


OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "advmod", "acomp", "oprd",
                           "poss", "nummod"})


@dataclass
class Candidate:
    """A trigger token and what the lexicon and its dependents say about it."""

    token: Token
    entry: Trigger
    mode: str | None
    contexts: set[str] = field(default_factory=set)
    weight: float = 0.0
    # Tokens of other candidates merged into this one (same event, several words).
    merged: list[Token] = field(default_factory=list)
    # How likely the word is an event where it stands (dateline.learned.triggers), if judged.
    score: float | None = None

    @property
    def type(self) -> str:
        return self.entry.type


def words_of(token: Token) -> set[str]:
    """Return the forms a condition may match: lemma, lower form, and the compound phrase."""
    forms = {token.lemma_.lower(), token.lower_}
    # A named person is a person; a plural nationality ("Palestinians") is people.
    if token.ent_type_ == "PERSON":
        forms.add("person")
    elif token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS"):
        forms.add("people")
    compounds = [c for c in token.lefts if c.dep_ in ("compound", "flat")]
    if compounds:
        phrase = [c.lower_ for c in compounds] + [token.lower_]
        forms |= {" ".join(phrase), "-".join(phrase)}
        # "embassy staff": the modifier says what kind of people or things they are.
        forms |= {c.lemma_.lower() for c in compounds if c.pos_ == "NOUN"}
    if "-" in token.lower_:
        forms.add(token.lower_.replace("-", " "))
    return forms


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """Return the tokens followed by their conjuncts ("Israel, Jordan and Iraq")."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(t for t in token.conjuncts if t.i > token.i)
    return out


VERBAL = frozenset({"VERB", "AUX"})


def coordinated_under(token: Token) -> list[Token]:
    """Return the earlier conjuncts a word is coordinated with, nearest first: "indicted" for
    "convicted" in "if Boeing is indicted or convicted"."""
    heads: list[Token] = []
    current = token
    while current.dep_ == "conj" and not is_root(current) and len(heads) < 4:
        head = current.head
        if (head.pos_ in VERBAL) != (current.pos_ in VERBAL):
            break
        heads.append(head)
        current = head
    return heads


def shares_auxiliaries(conjunct: Token) -> bool:
    """Return True when a conjoined verb takes the subject, auxiliaries and negation of the verb
    before it ("could attack or seize", "was not arrested or charged"): English leaves them
    unsaid in the second conjunct. A conjunct with its own subject or auxiliary, or joined by
    "but", stands alone."""
    if conjunct.dep_ != "conj" or conjunct.pos_ not in VERBAL:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "expl")
           for c in conjunct.children):
        return False
    head = conjunct.head
    between = [c for c in head.children if c.dep_ in ("cc", "advmod") and head.i < c.i < conjunct.i]
    if any(c.lower_ in CONTRASTIVE_CONJUNCTIONS for c in [*between, *conjunct.children]):
        return False
    # "did not attack and burned the crops": a finite verb after a bare one has its own tense.
    return not (conjunct.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ == "VB")


def sharing_heads(token: Token) -> list[Token]:
    """Return the verbs whose auxiliaries, negation and subject a conjoined verb shares."""
    heads: list[Token] = []
    current = token
    while shares_auxiliaries(current) and len(heads) < 4:
        current = current.head
        heads.append(current)
    return heads


def is_passive(token: Token, depth: int = 4) -> bool:
    """Return True for a passive verb ("were arrested"), a reduced passive ("weapons seized")
    or a participle sharing a passive's auxiliary ("was indicted or convicted"), looking at
    most ``depth`` conjuncts back."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    if depth > 0 and token.tag_ == "VBN" and shares_auxiliaries(token) \
            and is_passive(token.head, depth - 1):
        return True
    return bool(token.dep_ == "acl" and token.tag_ == "VBN")


def objects(token: Token) -> list[Token]:
    """Return what the trigger acts on: objects, passive subjects, a noun's "of" phrase."""
    found: list[Token] = []
    if token.pos_ == "VERB":
        found = [c for c in token.children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
        if token.dep_ == "acl" and token.tag_ == "VBN":
            found.append(token.head)
        elif not found and is_passive(token):
            # "Boeing was indicted or convicted": the second participle undergoes it too.
            found = [c for h in sharing_heads(token) for c in h.children if c.dep_ == "nsubjpass"]
    else:
        # "weapons seizure": a common-noun compound is what the event acts on; a name
        # ("U.S. strikes") is who acts.
        found = [c for c in token.children if c.dep_ == "compound" and not is_name(c)]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found.extend(c for c in prep.children if c.dep_ == "pobj")
    found = with_conjuncts(found)
    for item in list(found):
        if item.lemma_.lower() in CONTAINER_NOUNS:
            for child in item.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    found.extend(with_conjuncts(c for c in child.children if c.dep_ == "pobj"))
                elif child.dep_ == "acl" and child.lemma_.lower() in CONTAINING_VERBS:
                    found.extend(with_conjuncts(c for c in child.children if c.dep_ == "dobj"))
    return found


def is_name(token: Token) -> bool:
    """Return True for a token that names someone: a proper noun, a nationality, a name entity."""
    return bool(token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
                or (token.i > token.sent.start and token.text[:1].isupper()))


def subjects(token: Token) -> list[Token]:
    """Return who acts: subject or "by" agent of a verb; possessor or "by" phrase of a noun.

    A verb without its own subject borrows the one of the verb it depends on ("agreed to
    meet", "focuses on providing"); a relative pronoun stands for the noun it modifies.
    """
    if token.pos_ == "VERB":
        current = token
        found: list[Token] = []
        # A passive verb's subject is who undergoes it; only a "by" agent acts.
        for _ in range(1 if is_passive(token) else 3):
            found = [c for c in current.children if c.dep_ in SUBJECT_DEPS
                     and not (current.i == token.i and is_passive(token))]
            for agent in (c for c in current.children if c.dep_ == "agent"):
                found.extend(c for c in agent.children if c.dep_ == "pobj")
            if found or current.dep_ not in ("conj", "xcomp", "pcomp", "advcl", "prep"):
                break
            current = climb(current.head, lambda t: t.pos_ == "ADP")
        if found and found[0].lower_ in ("who", "which", "that"):
            head = current.head
            # A relative pronoun stands for the noun its clause modifies, unless the parser
            # hung the clause on a date or number ("launched on Feb. 28, which killed").
            found = [head] if current.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN") \
                and head.ent_type_ not in ("DATE", "TIME", "CARDINAL", "QUANTITY") else []
        return with_conjuncts(found)
    found = [c for c in token.children if c.dep_ == "poss"]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return with_conjuncts(found)


def particles(token: Token) -> set[str]:
    """Return particles and prepositions hanging on the trigger ("set up", "call for")."""
    return {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "agent")}


def governing_preposition(token: Token) -> set[str]:
    """Return the preposition a noun trigger is the object of ("on strike", "into custody")."""
    return {token.head.lower_} if token.dep_ == "pobj" and token.head.pos_ == "ADP" else set()


def modifiers(token: Token) -> list[Token]:
    """Return the trigger's modifiers, with their conjuncts ("drone and missile strikes")."""
    return with_conjuncts(c for c in token.children if c.dep_ in MODIFIER_DEPS)


def complements(token: Token) -> list[Token]:
    """Return infinitive complements ("refused to meet" -> meet)."""
    return [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]


def governor(token: Token) -> set[str]:
    """Return the lemma of the word the trigger hangs on, looking through a preposition: "gave
    a demonstration" -> give, "the right of veto" -> right."""
    if is_root(token):
        return set()
    head = token.head
    if head.pos_ == "ADP" and not is_root(head):
        head = head.head
    return {head.lemma_.lower()}


def _role_tokens(token: Token, role: str) -> list[Token] | set[str]:
    if role == "obj":
        return objects(token)
    if role == "subj":
        return subjects(token) + ([c for c in token.children if c.dep_ in ("compound", "amod")]
                                  if token.pos_ != "VERB" else [])
    if role == "mod":
        return modifiers(token)
    if role == "xcomp":
        return complements(token)
    if role == "gov":
        return governing_preposition(token)
    if role == "head":
        return governor(token)
    if role == "of":
        return with_conjuncts(c for prep in token.children if prep.dep_ == "prep"
                              and prep.lower_ == "of" for c in prep.children if c.dep_ == "pobj")
    if role == "pobj":
        return with_conjuncts(c for prep in token.children if prep.dep_ in ("prep", "agent")
                              for c in prep.children if c.dep_ == "pobj")
    return particles(token)


def holds(condition: Condition, token: Token) -> bool:
    """Return True when the trigger's dependents satisfy one lexicon condition."""
    found = _role_tokens(token, condition.role)
    if isinstance(found, set):
        hit = bool(found & condition.words) if condition.words else bool(found)
    elif condition.any_word:
        hit = bool(found)
    else:
        hit = any(words_of(t) & condition.words for t in found)
    return hit != condition.negate


def pos_fits(entry: Trigger, token: Token) -> bool:
    """Return True when the token's part of speech fits the lexicon row."""
    if token.dep_ == "compound" and token.pos_ in ("NOUN", "PROPN"):
        # A noun modifying another names a kind of thing: "threat environment", "attack
        # helicopter"; the head noun carries any event.
        return False
    if entry.pos == "VERB":
        # A participle used as an adjective ("Turkey-backed militants") is not an action here.
        return bool(token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"))
    if entry.pos == "NOUN":
        return bool(token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower))
    return bool(token.pos_ in ("VERB", "NOUN") and token.dep_ != "amod")


def match(token: Token) -> Trigger | None:
    """Return the first lexicon row that fits the token, or None."""
    rows = lexicon().get(token.lemma_.lower()) or lexicon().get(token.lower_)
    if not rows:
        return None
    for entry in rows:
        if pos_fits(entry, token) and all(holds(c, token) for c in entry.needs):
            return entry
    return None


def clause_tokens(token: Token) -> list[Token]:
    """Return the tokens of the clause around the trigger: its verb's subtree, or its own."""
    head = token
    steps = 0
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and steps < 4:
        head = head.head
        steps += 1
    if head.pos_ not in ("VERB", "AUX"):
        head = token
    return list(head.subtree)


def choose_mode(candidate: Candidate, scope: list[Token]) -> str | None:
    """Refine the lexicon's mode with cue words: the trigger's modifiers first, then its clause."""
    type_modes = modes().get(candidate.type, ())
    near = {w for t in modifiers(candidate.token) for w in words_of(t)}
    near |= {w for t in objects(candidate.token) for w in words_of(t)}
    acting = {w for t in subjects(candidate.token) for w in words_of(t)}
    around = {t.lemma_.lower() for t in scope} | {t.lower_ for t in scope}
    current = candidate.entry.mode
    for mode in type_modes:
        cued = bool(mode.modifier_cues & near) or bool(mode.cues & (near | around)) \
            or bool(mode.actor_cues & acting)
        if cued and mode.name != current and (current is None or refines(candidate.type,
                                                                          mode.name, current)):
            return mode.name
        if cued and mode.name == current:
            return current
    return current


def find_candidates(sentence: Iterable[Token]) -> Iterator[Candidate]:
    """Yield a candidate for every token of the sentence the lexicon recognizes."""
    budget.check()  # once a sentence: the events stage's loop
    for token in sentence:
        if token.is_punct or token.like_num:
            continue
        entry = match(token)
        if entry is None:
            continue
        candidate = Candidate(token, entry, entry.mode, set(entry.contexts), entry.weight)
        candidate.mode = choose_mode(candidate, clause_tokens(token))
        yield candidate


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Merge same-type triggers of one event ("attacks ... which killed"): one in the other's subtree.

    The merged event keeps the most reliable trigger word (ties: the one higher in the tree):
    the noun a light verb carries ("claimed ... the attack"), else the likeliest event where a
    model scored the candidates, else the lexicon's weight; the most specific mode, and every
    context.
    """
    ordered = sorted(candidates, key=lambda c: len(list(c.token.ancestors)))
    kept: list[Candidate] = []
    for cand in ordered:
        host = next((k for k in kept if k.type == cand.type and _linked(k, cand)), None)
        if host is None:
            kept.append(cand)
            continue
        host.merged.append(cand.token)
        host.contexts |= cand.contexts
        host.mode = _more_specific(host.type, host.mode, cand.mode)
        if _more_reliable(cand, host):
            host.merged.append(host.token)
            host.merged.remove(cand.token)
            host.token, host.entry, host.weight = cand.token, cand.entry, cand.weight
            host.score = cand.score
    return sorted(kept, key=lambda c: c.token.i)


def carries(verb: Token, noun: Token) -> bool:
    """Return True when ``verb`` is a light verb carrying the event noun ``noun``."""
    return verb.lemma_.lower() in LIGHT_VERBS and noun.pos_ == "NOUN" and verb.is_ancestor(noun)


def _more_reliable(cand: Candidate, host: Candidate) -> bool:
    if carries(host.token, cand.token) or carries(cand.token, host.token):
        return carries(host.token, cand.token)
    if cand.score is not None and host.score is not None:
        return cand.score > host.score
    return cand.weight > host.weight


def _linked(host: Candidate, other: Candidate) -> bool:
    tokens = [host.token, *host.merged]
    for token in tokens:
        if token.is_ancestor(other.token):
            upper, lower = token, other.token
        elif other.token.is_ancestor(token):
            upper, lower = other.token, token
        else:
            continue
        if _plain_path(lower, upper):
            return True
    return False


def _plain_path(lower: Token, upper: Token) -> bool:
    """Return True unless the path up from ``lower`` crosses a verb that is not part of the
    event: "killed men they claimed tried to kidnap" holds two events, not one."""
    current = lower.head
    for _ in range(max_climb(lower)):
        if current.i == upper.i:
            return True
        if current.pos_ in ("VERB", "AUX") and current.lemma_.lower() not in CARRIER_VERBS \
                and match(current) is None:
            return False
        if is_root(current):
            return False
        current = current.head
    return False


def _more_specific(type_: str, a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    order = [m.name for m in modes().get(type_, ())]
    if a in order and b in order:
        return a if order.index(a) <= order.index(b) else b
    return a
