"""Count the people a tally predicate names without a figure: "a man was killed" is one killed.

Local news rarely writes "one person was killed"; it writes "a 24-year-old woman was fatally
shot", "the shooting that killed 13-year-old Eddie Holmes", "killing him", "the boy died".
Each names exactly one person as the one killed, so the text states a count of one (two for
"a man and a woman"). Such counts are kept as claims whose text is the noun phrase, not a
numeral, so a reader can tell them from written figures. Plural or numbered phrases are left
to the figures ("two men were killed"); "they" and "the victims" count nothing.

Only people described by a common noun ("a 24-year-old woman", "a teenager", "the boy") or a
personal pronoun count, and only toward a tally of harm or arrest (killed, shot, injured,
arrested, detained, abducted, missing). A name is never a count: "Reuters' Jane Porter, stationed
in the capital", "if Acme is indicted" and "the launch of the Starliner" name someone or
something; a reader wants a figure only where the text counts victims or arrests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.resources.grammar import RELATIVE_PRONOUNS
from dateline.resources.numbers import NOT_SINGULAR_DETERMINERS, PAIR_NOUNS
from dateline.resources.predicates import (
    COMPLEMENT_VERBS,
    DEATH_PLURALS,
    FATAL_ADVERBS,
    INJURY_ADVERBS,
    INTRANSITIVE_DEATHS,
    LIFE_NOUNS,
    LIFE_TAKING_VERBS,
    NAMED_TALLY_KINDS,
    PASSING_VERBS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PREDICATE_KINDS,
)
from dateline.stages.numbers.counted import predicate_kind, verb_phrase
from dateline.stages.numbers.names import NO_NAMES, NameSpans

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
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


def singular_counts(tokens: Parse, names: NameSpans = NO_NAMES) -> Iterator[Singular]:
    """Yield each person described by an argument of a harm predicate that carries no figure."""
    seen: set[tuple[int, str]] = set()
    for tok in tokens:
        if tok.lower_ not in PREDICATE_KINDS and not (tok.lower_ in LIFE_NOUNS and tok.pos_ == "NOUN") \
                and not _passes_away(tok):
            continue
        found = _patient_and_predicate(tok)
        if found is None:
            continue
        patient, predicate = found
        kind = predicate_kind(predicate)
        # One person may be counted once per tally: "was shot ... and later pronounced dead".
        if kind not in NAMED_TALLY_KINDS or (patient.i, kind) in seen:
            continue
        people = _people(patient, names)
        if not people:
            continue
        seen.add((patient.i, kind))
        start = min(p.left_edge.i for p in people)
        yield Singular(start, max(p.i for p in people) + 1, _headcount(people), people[0],
                       predicate, tok)


def _patient_and_predicate(tok: Token) -> tuple[Token, str] | None:
    """Return who the predicate word says was killed, hurt or held, and the predicate."""
    pos = tok.pos_
    if pos in ("VERB", "AUX"):
        return _verb_patient(tok)
    if pos == "ADJ" and tok.dep_ in _LINK_COMPLEMENTS:
        head = tok.head
        if head.lower_ in PREDICATE_KINDS:
            return None  # "shot the suspect dead": the verb speaks
        # "left a boy dead", "found him dead" name the object; "was pronounced dead" the subject.
        order = ("dobj", "nsubjpass", "nsubj") if tok.dep_ == "oprd" else ("nsubjpass", "nsubj")
        patient = _shared_argument(head, order)
        if patient is None and head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            patient = head.head  # "the 50-year-old man found dead in his gear"
        predicate = f"{head.lower_} {tok.lower_}" if head.lower_ in COMPLEMENT_VERBS else tok.lower_
        return (patient, predicate) if patient is not None else None
    if pos == "ADJ" and (subject := _child(tok, "nsubj")) is not None:
        return subject, tok.lower_  # "found [Gonzalez dead]"
    if pos == "ADJ" and tok.dep_ in ("amod", "appos") and tok.head.i < tok.i and \
            tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head, tok.lower_  # "found 16-year-old Rolando Gonzalez dead"
    if pos == "NOUN" and tok.lower_ in LIFE_NOUNS and tok.dep_ == "dobj" and \
            tok.head.lower_ in LIFE_TAKING_VERBS:
        if tok.head.lower_ in ("lost", "lose", "loses", "losing"):
            patient = _child(tok.head, "nsubj")  # "a teacher lost her life"
        else:
            patient = _of_object(tok) or _child(tok, "poss")  # "took the life of a student"
        return (patient, f"{tok.head.lower_} {tok.lower_}") if patient is not None else None
    if pos == "NOUN" and tok.lower_ in PREDICATE_KINDS and (
            tok.lower_ in DEATH_PLURALS or tok.tag_ == "NN"):
        patient = _of_object(tok) or _child(tok, "poss")  # "the death of a teen", "his death"
        if patient is None or (tok.tag_ != "NN" and not patient.conjuncts):
            return None  # "the deaths of the victims": no count
        fatal = [c.lower_ for c in tok.lefts if c.lower_ in FATAL_ADVERBS]
        return patient, " ".join([*fatal, tok.lower_])
    return None


def _verb_patient(verb: Token) -> tuple[Token, str] | None:
    """Return the one a casualty verb affects: passive subject, object, or who died."""
    if verb.dep_ == "conj" and verb.head.lower_ in PREDICATE_KINDS and not _has_subject(verb) \
            and _shared_argument(verb.head, ("nsubjpass", "dobj")) is not None:
        return None  # "shot and killed": the first verb speaks for both
    patient = _child(verb, "nsubjpass") or _child(verb, "dobj")
    if patient is not None and patient.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        patient = verb.head  # "the woman who was killed"
    if patient is None and (verb.lower_ in INTRANSITIVE_DEATHS or _passes_away(verb)):
        patient = _shared_argument(verb, ("nsubj",))  # "the boy died"; not the killer
        if patient is not None and patient.lower_ in RELATIVE_PRONOUNS and \
                verb.dep_ == "relcl":
            patient = verb.head  # "a man who died"
    if patient is None and PREDICATE_KINDS.get(verb.lower_) == "missing" and \
            verb.dep_ in ("acomp", "advcl", "xcomp", "oprd"):
        patient = _child(verb.head, "nsubj")  # "the girl is missing", "went missing"
    if patient is None and verb.dep_ in ("acl", "relcl") and \
            verb.head.pos_ in ("NOUN", "PROPN", "PRON") and not any(
                c.lower_ in ("where", "when") for c in verb.children):
        patient = verb.head  # "a man killed in the crash", "the student he killed"
    if patient is None and verb.dep_ == "conj" and not _has_subject(verb):
        patient = _shared_argument(verb, ("nsubjpass",))  # "was shot, and was later killed"
    if patient is None and verb.tag_ in ("VBN", "VBD") and (not _has_subject(verb) or any(
            c.dep_ == "advmod" and c.lower_ in FATAL_ADVERBS for c in verb.children)):
        # A subject the parser gives a bare "fatally shot" is mostly a misparse ("the family
        # of a boy fatally shot outside ...": nobody "fatally shoots" without an object).
        patient = _reduced_relative_head(verb)
    if patient is None and verb.dep_ in ("xcomp", "oprd"):
        # "were found shot to death", "found him shot": the head verb names who
        patient = _child(verb.head, "dobj") or _child(verb.head, "nsubjpass")
    return (patient, verb_phrase(verb)) if patient is not None else None


def _reduced_relative_head(verb: Token) -> Token | None:
    """Return the person a subjectless participle right after a noun describes.

    "identified the teenager fatally shot May 4", "the family of a boy fatally shot outside a
    restaurant": the small parser often hangs the participle on the main verb (or makes it the
    root) instead of on the noun it follows. Only a person noun directly before the verb (an
    adverb of fatality or injury between them) is taken, never one of the verb's own words.
    """
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].lower_ in FATAL_ADVERBS | INJURY_ADVERBS:
        i -= 1
    if i < verb.sent.start:
        return None
    noun = verb.doc[i]
    if noun.pos_ != "NOUN" or noun.lower_ not in PERSON_NOUNS or noun.head.i == verb.i:
        return None
    return noun


def _passes_away(tok: Token) -> bool:
    return tok.lower_ in PASSING_VERBS and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in tok.children)


def _shared_argument(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """Return the verb's argument, or the subject of the verb it is conjoined to."""
    for dep in deps:
        found = _child(verb, dep)
        if found is not None:
            return found
    if verb.dep_ == "conj" and not _has_subject(verb):
        return _child(verb.head, "nsubjpass") or _child(verb.head, "nsubj")
    return None


def _people(patient: Token, names: NameSpans) -> list[Token]:
    """Return the single persons a noun phrase names, conjuncts included.

    "his wife and two children": the wife (the figure counts the children). Nothing when a
    conjunct is an uncounted plural ("Lee and her children"): the total is not stated.
    """
    while patient.dep_ == "conj" and patient.head.i < patient.i and patient.head.pos_ in _NOMINAL:
        patient = patient.head  # "the man, and three children": start from the first conjunct
    listed = _aged_names(patient)
    found = {m.i: m for member in (patient, *listed) for m in (member, *member.conjuncts)
             if m.i >= patient.i}
    conjuncts = [found[i] for i in sorted(found)]
    people = [c for c in conjuncts if c in listed or (_one_person(c, names)
              and (names.is_person(c) or not names.overlaps(c.idx, c.idx + len(c.text))))]
    numbered = [c for c in conjuncts if _numbered(c)]
    return people if len(people) + len(numbered) == len(conjuncts) else []


def _aged_names(first: Token) -> list[Token]:
    """Return the further names of a victim list that gives each name its age.

    "Lyndon Reed, 35, Amy Cole, 29, and their two children": the parser reads the second name
    as an apposition of the first (one person named twice), and the tagger may call it an
    organisation. A capitalised name set after the first person's age is another person.
    """
    if first.tag_ != "NNP" or first.ent_type_ not in ("PERSON", ""):
        return []
    return [child for child in first.children
            if child.dep_ == "appos" and child.i > first.i and child.tag_ == "NNP" and any(
                t.dep_ == "appos" and t.like_num and t.head.i == first.i
                for t in first.doc[first.i + 1:child.i])]


def _headcount(people: list[Token]) -> int:
    """Return how many persons the phrases name: "a couple" is two."""
    return sum(2 if p.lower_ in PAIR_NOUNS else 1 for p in people)


def _numbered(tok: Token) -> bool:
    return any(c.dep_ == "nummod" for c in tok.children) or tok.like_num


def _one_person(tok: Token, names: NameSpans = NO_NAMES) -> bool:
    if any(c.dep_ == "nummod" or c.lower_ in NOT_SINGULAR_DETERMINERS for c in tok.children):
        return False
    word = tok.lower_
    if word in PERSON_PRONOUNS or (word == "another" and tok.dep_ != "det"):
        return True  # "killing him", "another was wounded"
    if tok.pos_ == "PROPN" and names.is_person(tok):
        # A person's name, toward a harm tally only; the tagger reads some surnames as plural.
        return bool(tok.tag_ in ("NNP", "NNPS"))
    if word == "old" and any(c.lower_ in ("year", "years") for c in tok.subtree):
        return True  # "a 14-year-old", "the 7-year-old": an age standing for the person
    if word in PAIR_NOUNS:  # "a couple", but not "a couple of friends"
        return tok.tag_ == "NN" and not any(c.lower_ == "of" for c in tok.children)
    # A common noun; capitalised in a headline ("Teen shot"), but never a name (see NameSpans).
    return word in PERSON_NOUNS and (tok.tag_ == "NN" or (tok.tag_ == "NNP" and not tok.ent_type_))


def _child(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return _child(child, "pobj")
    return None
