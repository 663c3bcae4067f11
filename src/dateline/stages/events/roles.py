"""Read the roles around event nouns and names that the plain subject/object rules get wrong.

- The objective genitive: in "his arrest" or "Pinochet's indictment" the possessor undergoes
  the act; only "the army's arrest of two journalists" makes the possessor act.
- Verbs that put someone into the state an event noun names: "was placed under house arrest",
  "taken into custody", "remains in detention": who is placed or remains undergoes it.
- Words of a name: "Century" in "the ... XXI Century agreement" is part of the agreement's
  title, not a party to it.
- Buildings and titles: a residence is where a meeting happens, never a party to it; "the
  President of Korea Mr. Roh" is one person, Roh.

spaCy's parser gives the dependencies but not these semantic roles, and no offline library
labels the roles of English event nouns (NomBank-style labellers need models this project does
not ship), hence these rules.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.records import Doc, Ref
from dateline.resources.events import CONSIGNING_VERBS, CUSTODY_WORDS, RULING_VERBS, UNDERGOING_VERBS
from dateline.resources.grammar import STATE_PREPOSITIONS
from dateline.resources.ontology import word_classes
from dateline.resources.people import OFFICES, TITLES
from dateline.stages.events.triggers import with_conjuncts, words_of
from dateline.stages.lookup import mention_at

if TYPE_CHECKING:
    from spacy.tokens import Token

# Entity kinds naming a thing or a time, never a party: the words of a treaty's or a
# conference's name, a date.
THING_NAME_LABELS = frozenset({"WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LANGUAGE", "DATE",
                               "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
PARTY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})


@lru_cache(maxsize=1)
def _classes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    classes = word_classes()
    someone = frozenset().union(*(classes[name] for name in (
        "PEOPLE", "CAPTIVE", "FORCES", "POLICE", "DIPLOMAT", "NONSTATE", "PROTESTER", "OBSERVERS",
        "CRIMINAL", "STRIKERS", "STATE")))
    settings = classes["BUILDING"] | classes["TERRITORY"] | classes["ROUTE"] | CUSTODY_WORDS
    return classes["PATIENT_NOUN"], someone, settings


def is_patient_noun(token: Token) -> bool:
    """Return True for an event noun whose possessor normally undergoes it ("his arrest")."""
    return token.pos_ != "VERB" and bool(words_of(token) & _classes()[0])


def names_someone(token: Token) -> bool:
    """Return True for a word that names a person or group ("two journalists", "Reuters")."""
    return bool(token.pos_ in ("PROPN", "PRON") or token.ent_type_ in PARTY_LABELS
                or words_of(token) & _classes()[1])


def _of_someone(token: Token) -> bool:
    """Return True when an "of" phrase names who undergoes the event: "arrest of two
    journalists", not "indictment of one count of murder"."""
    return any(names_someone(pobj) for prep in token.children
               if prep.dep_ == "prep" and prep.lower_ == "of"
               for pobj in prep.children if pobj.dep_ == "pobj")


def undergoers(token: Token) -> list[Token]:
    """Return who undergoes an event noun by its possessor or a person's name before it: "his"
    in "his indictment", "Khashoggi" in "the Khashoggi murder". None when an "of" phrase names
    who undergoes it: then the possessor acts ("the army's arrest of two journalists")."""
    if not is_patient_noun(token) or _of_someone(token):
        return []
    found = [c for c in token.children if c.dep_ == "poss"]
    found += [c for c in token.lefts if c.dep_ in ("compound", "nmod") and c.ent_type_ == "PERSON"]
    return with_conjuncts(found)


def rules_on(token: Token, verb: Token) -> bool:
    """Return True when ``verb`` brings about the act an event noun names ("upheld his
    indictment"), so that its subject acts in it."""
    return verb.lemma_.lower() in RULING_VERBS and is_patient_noun(token)


def is_setting(token: Token) -> bool:
    """Return True for a compound that says where or how an act is undergone ("house arrest")."""
    return token.dep_ == "compound" and bool(words_of(token) & _classes()[2])


def consigned(token: Token, verb: Token | None) -> tuple[list[Token], list[Token]]:
    """Return (actors, recipients) from the verb that puts someone into the state an event noun
    names: "Police placed him under house arrest", "Pinochet was placed under house arrest",
    "He remains in detention", "She faces extradition"."""
    if verb is None or not is_patient_noun(token):
        return [], []
    lemma = verb.lemma_.lower()
    subjects = with_conjuncts(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    in_state = token.dep_ == "pobj" and token.head.lower_ in STATE_PREPOSITIONS
    if lemma in CONSIGNING_VERBS and in_state:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children
                  if p.dep_ == "pobj"]
        objects = with_conjuncts(c for c in verb.children if c.dep_ in ("dobj", "obj"))
        if passive:
            return with_conjuncts(agents), [s for s in subjects if s.dep_ == "nsubjpass"]
        return [s for s in subjects if s.dep_ == "nsubj"], objects
    if lemma in UNDERGOING_VERBS and (in_state or (token.dep_ in ("dobj", "obj")
                                                   and lemma not in ("be", "go"))):
        return [], subjects
    return [], []


def is_title_word(modifier: Token, trigger: Token) -> bool:
    """Return True for a capitalised word before an event noun that belongs to a name rather
    than naming a party: "the XXI Century agreement", "the Geneva Conventions talks" (a treaty),
    "Monday attacks" (a date)."""
    if modifier.ent_type_ in THING_NAME_LABELS or trigger.ent_type_ in THING_NAME_LABELS:
        return True
    if modifier.ent_type_ in PARTY_LABELS:
        return False
    # A chain of capitalised words that the recognizer took for no party: "XXI Century".
    return any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in modifier.lefts)


def ends_a_title(token: Token) -> bool:
    """Return True for an event noun that closes a multi-word proper name the parser split
    into phrases ("the Broad Relationship of Cooperation in the XXI Century agreement")."""
    return token.dep_ == "pobj" and token.head.dep_ == "prep" \
        and token.head.head.pos_ == "PROPN" \
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts)


def is_building(token: Token) -> bool:
    """Return True for a common noun naming a building or venue ("the official residence")."""
    return token.pos_ == "NOUN" and bool(words_of(token) & word_classes()["BUILDING"])


def person_of_title(doc: Doc, token: Token) -> Ref | None:
    """Return the person a title noun names by an apposition or the name right after it: "the
    President of the Republic of Korea Mr. Roh Moo-hyun" is Roh Moo-hyun, one recipient."""
    if token.lower_.rstrip(".") not in OFFICES | TITLES and \
            token.lemma_.lower() not in OFFICES | TITLES:
        return None
    after = token.doc[token.right_edge.i + 1:token.right_edge.i + 4]
    candidates = [c for c in token.children if c.dep_ == "appos"]
    for word in after:
        if word.lower_.rstrip(".") in TITLES:
            continue  # "Mr.", "Gen." before the name
        # "met the President, Obama said": a name that is a subject begins another clause.
        if word.ent_type_ == "PERSON" and word.dep_ not in ("nsubj", "nsubjpass"):
            candidates.append(word)
        break
    for word in candidates:
        if word.ent_type_ != "PERSON":
            continue
        found = mention_at(doc, word.idx, word.idx + len(word.text))
        if found is not None and found[0].label == "PERSON":
            entity, mention = found
            return Ref(mention.start, mention.end, mention.text, entity_id=entity.id,
                       name=entity.name)
        span = next((e for e in token.doc.ents if e.start <= word.i < e.end), None)
        if span is not None:
            return Ref(span.start_char, span.end_char, span.text)
    return None
