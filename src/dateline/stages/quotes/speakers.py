"""Read who speaks and through what channel from the dependency parse around a cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.resources.cues import ADDRESSEE_FORMS, MEDIUM_NOUNS, PLATFORM_NOUNS
from dateline.resources.grammar import (
    CHANNEL_PREPOSITIONS,
    OBJECT_CONTROL_PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SOURCE_PREPOSITIONS,
)
from dateline.stages.quotes.content import bracket_paired
from dateline.stages.tree import climb, within_paragraph

if TYPE_CHECKING:
    from spacy.tokens import Token

# Children that end a speaker's noun phrase: "Gen. X, NATO's commander, who ..." keeps "Gen. X".
_STOP_DEPS = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis", "ccomp",
                        "dep", "mark"})
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp"})
_NOT_OUTLETS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "CARDINAL", "ORDINAL",
                          "PERSON", "NORP"})
_SPEAKING = frozenset({"PERSON", "ORG"})  # who a name set beside a descriptor may be
_SET_OFF = frozenset({",", ";", ":", "—", "–"})
_EDGE_JUNK = frozenset({",", ";", ":", "'s", "’s", "'", "’", "-", "—", "–", "(", ")"})


def subject_of(cue: Token) -> Token | None:
    """Return the head token of who speaks through this cue, inherited up coordinations."""
    token = cue
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects:
            # "who" in "Smith, who said ...": see antecedent(). When the parser gives a verb
            # two subjects ("The World Health Organization (WHO) regional director Peter Holm
            # has said"), the one next to the verb is its own.
            return min(subjects, key=lambda c: abs(c.i - token.i))
        for child in token.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ == "acl":
            # "a statement saying ...": the statement's sender speaks; "an aide saying": the aide.
            if is_medium(token.head) and token.head.head.i != token.head.i:
                token = token.head.head
                continue
            return token.head if token.head.pos_ in ("NOUN", "PROPN", "PRON") else None
        if token.dep_ == "xcomp" and token.head.i != token.i:
            # "asked the mayor to say": the object speaks; "declined to say": the subject.
            objects = [c for c in token.head.children if c.dep_ in ("dobj", "dative")]
            if objects:
                return objects[0]
        if token.dep_ in _INHERIT_DEPS and token.head.i != token.i:
            token = token.head
            continue
        return None
    return None


# Links a gerund or infinitive climbs to reach the clause whose subject it shares: "before
# insisting", "in addition to stating", "was back to boasting", "are likely to say", "has been
# the most aggressive in denouncing".
_SHARED_SUBJECT_DEPS = frozenset({"prep", "pobj", "pcomp", "acomp", "attr", "advmod"})


def speaker_of(cue: Token) -> Token | None:
    """Return who speaks through a cue: its subject, else the subject it shares with the clause
    it hangs on, else the possessor of a noun cue ("Mr. Smith's vows to cut taxes").

    News copy tells a second act of speech without a subject of its own: "Smith told
    reporters, before insisting that ...", "After talking about security, Smith suggested
    ...", "Voters are more likely to say ...". The gerund after a preposition and the
    infinitive after an adjective are spoken by the subject of the clause above them. The
    climb stops at a noun that is not a preposition's object ("the rally after announcing" is
    no one's act), so a gerund only takes a clause's subject; after "as", "for", "from" and the
    like the verb's object speaks ("quoted the minister as saying"). A cue the parser hung on
    the clause another verb of saying reports takes that verb's subject (_outer_subject).
    """
    found = _outer_subject(cue) or subject_of(cue)
    if found is not None:
        return found
    if cue.pos_ == "NOUN":
        owners = [c for c in cue.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
        return owners[0] if owners else None
    if cue.dep_ not in ("pcomp", "xcomp"):
        return None
    token = cue.head
    if cue.dep_ == "xcomp" and token.dep_ != "acomp":
        return None  # subject_of already read the verb above ("declined to say")
    token = climb(token, _shares_subject, limit=6)
    if token.i == cue.i or token.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if cue.dep_ == "pcomp" and cue.head.lower_ in OBJECT_CONTROL_PREPOSITIONS and cue.head.head.i == token.i:
        # "criticized Smith for saying", "quoted Smith as saying", "barred Smith from
        # claiming": the object is who speaks.
        objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        if objects:
            return objects[0]
    found = subject_of(token)
    return found if found is not None and found.i != cue.i else None


def _shares_subject(token: Token) -> bool:
    """Does a climb from a subjectless cue go on above ``token`` (a preposition, its object, a
    complement: not a noun in its own right)?"""
    return token.dep_ in _SHARED_SUBJECT_DEPS and \
        not (token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ != "pobj")


def _outer_subject(cue: Token) -> Token | None:
    """Return the subject of the verb of saying whose reported clause a subjectless cue was
    hung on: "He said that she was tired and added ...", "She said it was over, adding ...".

    The parser often joins the second verb of saying to the last verb of the reported clause
    before it; read so, "the base" would say what "He" says in "He said the base went into
    collect mode and said ...". A verb of saying joined to the clause another verb of saying
    reports goes on that verb's act of speech.
    """
    token = cue
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            break
        if token.dep_ not in ("conj", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    if token.i == cue.i or token.dep_ != "ccomp" or token.head.i > token.i:
        return None
    return subject_of(token.head)


def writers_aside(cue: Token) -> bool:
    """Return True for a cue the writer uses of themself: "It is interesting to note that",
    "it is fair to say": the infinitive of a copula whose subject is the empty "it"."""
    verb = cue.head
    if cue.dep_ != "xcomp" or verb.i == cue.i:
        return False
    if verb.dep_ in ("acomp", "attr") and verb.head.i != verb.i:
        verb = verb.head  # "interesting" in "it is interesting to note"
    return verb.lemma_ == "be" and any(
        c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children)


def antecedent(head: Token) -> Token | None:
    """Return the noun a relative pronoun speaker stands for ("Smith" for "who" in "Smith, who said")."""
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        return head.head.head
    return None


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Return token bounds [start, end) of a noun phrase without its clauses and the
    appositions set off from it.

    An apposition written without a comma is part of the phrase: the parser may read "The
    World Health Organization (WHO) regional director Peter Holm" as a name with two
    appositions.
    """
    start = head.left_edge.i
    for child in head.lefts:
        # A hyphen inside a name ("France-Presse") is punctuation that does not end the phrase.
        if (child.dep_ in _STOP_DEPS - {"punct"} and not _close_apposition(child)) or \
                child.text in (",", ";", ":", "—", "–"):
            start = max(start, child.right_edge.i + 1)
    end = head.i + 1
    for child in head.rights:
        if child.text in ("(", ")"):
            continue  # a bracket decides nothing alone: "(WHO) regional director"
        if _close_apposition(child):
            end = phrase_bounds(child)[1]
            continue
        if child.dep_ in _STOP_DEPS:
            break
        if child.dep_ == "cc" and not any(c.dep_ == "conj" for c in head.rights):
            break
        end = child.right_edge.i + 1
    start, last = within_paragraph(head, start, end - 1)
    end = last + 1
    doc = head.doc
    if end < len(doc) and doc[end].text == ")" and bracket_paired(doc, start, end + 1, closing=True):
        end += 1  # "Development Bank (ADB": the bracket closes inside the phrase
    while start < head.i and (doc[start].text in _EDGE_JUNK or doc[start].is_punct):
        start += 1
    while end - 1 > head.i and (doc[end - 1].text in _EDGE_JUNK or doc[end - 1].is_punct) and \
            not (doc[end - 1].text == ")" and bracket_paired(doc, start, end, closing=True)):
        end -= 1
    return start, end


def _close_apposition(child: Token) -> bool:
    """Return True for an apposition not set off from its head by a comma, dash or brackets.

    "director Peter Holm" is one noun phrase; "Peter Holm, the director," and
    "Holm (the director)" hold two.
    """
    if child.dep_ != "appos":
        return False
    doc, head = child.doc, child.head
    low, high = sorted((head.i, child.left_edge.i if child.i > head.i else child.right_edge.i))
    if any(doc[i].text in _SET_OFF for i in range(low + 1, high)):
        return False
    first, last = child.left_edge.i, child.right_edge.i
    enclosed = first > 0 and doc[first - 1].text == "(" and last + 1 < len(doc) and \
        doc[last + 1].text == ")"
    return not enclosed


def appositive_name(head: Token) -> Token | None:
    """Return the name set beside a descriptor ("Maria Lopez" in "An analyst, Maria Lopez,").

    News copy often names a source after describing it; the name is who speaks and the
    description is kept as the speaker's descriptor.
    """
    if head.pos_ in ("PROPN", "PRON") or head.ent_type_:
        return None
    doc = head.doc
    candidates = [(c, _SPEAKING) for c in head.rights]
    # The parser often hangs the name on the last noun of the description: "His former
    # partner at the firm, Peter Holm," names the partner when the name is a person.
    candidates += [(c, frozenset({"PERSON"})) for prep in head.rights if prep.dep_ == "prep"
                   for obj in prep.children if obj.dep_ == "pobj" and obj.ent_type_ != "PERSON"
                   for c in obj.rights]
    for child, kinds in candidates:
        if child.dep_ != "appos" or child.pos_ != "PROPN" or child.ent_type_ not in kinds:
            continue
        # Only a comma (or nothing) between them: "Talks resume\n\nGENEVA (AP) —" is a
        # headline over a dateline, not a description and a name.
        between = doc[phrase_bounds(child.head)[1]:child.left_edge.i]
        if all(t.text == "," for t in between):
            return child
    return None


def descriptor_bounds(head: Token, appositive: Token) -> tuple[int, int]:
    """Return token bounds of a descriptor without the name set beside it ("An aerospace analyst")."""
    start = phrase_bounds(head)[0]
    end = min(appositive.left_edge.i, phrase_bounds(head)[1])
    doc = head.doc
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, max(end, head.i + 1)


def lookup_bounds(head: Token) -> tuple[int, int]:
    """Return token bounds in which to look for the entity a named speaker is.

    The name with what comes before it and the names set beside it without a comma, so that
    the lookup can prefer the person in "Acme Corp. CEO Maria Lopez" or "The World Health
    Organization (WHO) regional director Peter Holm". Left out: an owner before it ("Lopez's
    Acme Corp." is the firm), and what follows it, a second conjunct or a place ("Mr. Holm
    and Ms. Lopez" is first Mr. Holm; "The Health Policy Institute at Columbia University"
    is the institute).
    """
    start, end = phrase_bounds(head)
    for child in head.lefts:
        if child.dep_ == "poss" and child.i >= start:
            start = max(start, child.right_edge.i + 1)
    close = [c for c in head.rights if _close_apposition(c)]
    last = max((phrase_bounds(c)[1] for c in close), default=head.i + 1)
    return start, min(end, last)


def name_bounds(head: Token) -> tuple[int, int]:
    """Return token bounds of the name the head belongs to ("Allison Hart" in "spokesperson Allison Hart")."""
    start = head.i
    doc = head.doc
    while start > 0 and doc[start - 1].dep_ in ("compound", "flat") and \
            doc[start - 1].head.i in range(start, head.i + 1) and \
            (doc[start - 1].pos_ == "PROPN") == (head.pos_ == "PROPN"):
        start -= 1
    return start, head.i + 1


def is_medium(token: Token) -> bool:
    """Return True for a common noun naming a medium ("statement"; not "News" in "ABC News")."""
    return token.lower_ in MEDIUM_NOUNS and token.pos_ == "NOUN"


def medium_source(head: Token) -> Token | None:
    """For "a statement from NATO" or "NATO's statement", return the sender's head token."""
    if not is_medium(head):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ not in MEDIUM_NOUNS:
                return objects[0]
    for child in head.children:
        if child.dep_ in ("poss", "compound") and child.pos_ in ("PROPN", "NOUN") and \
                (child.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or child.dep_ == "poss"):
            return child
    return None


def channel_of(cue: Token, content: set[int]) -> tuple[int, int] | None:
    """Return token bounds of the addressee ("told AFP") or medium ("in a statement")."""
    for child in cue.children:
        if child.i in content:
            continue
        if child.dep_ in ("dobj", "dative", "iobj") and cue.lower_ in ADDRESSEE_FORMS and \
                child.pos_ in ("PROPN", "NOUN", "PRON"):
            start, end = phrase_bounds(child)
            # "Agence France-Presse (AFP)": keep the bracketed short name with the name.
            doc = cue.doc
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
                end += 3
            return start, end
    for child in cue.children:
        if child.i in content or child.dep_ != "prep" or child.lower_ not in CHANNEL_PREPOSITIONS:
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        word = obj.lower_
        # "on Twitter", "on CNN"; not "on Tuesday" or "on Main Street".
        named_outlet = obj.pos_ == "PROPN" and obj.ent_type_ not in _NOT_OUTLETS
        medium = is_medium(obj) or (child.lower_ in ("on", "via") and
                                          (word in PLATFORM_NOUNS or named_outlet))
        addressee = child.lower_ == "to" and obj.pos_ in ("PROPN", "NOUN", "PRON")
        if medium or addressee:
            return child.i, child.right_edge.i + 1
    return None
