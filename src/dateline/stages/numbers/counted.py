"""Decide which figures count something, and read what they count and the predicate they go with.

A figure counts something when it stands before a noun or for one ("1,300 people", "three of
the victims", "12 were wounded"). It does not when it is part of a date, a time, an age, an
address, a name or a weapon's calibre ("Feb. 28", "5 p.m.", "Smith, 24,", "2300 block",
"Interstate 95", ".38 caliber"): the times and entities stages read those. The predicate is
the verb, adjective or noun the counted phrase is an argument of, read from the dependency
parse ("have killed around 1,300 people" -> "killed"; "two remain hospitalized" ->
"hospitalized"; "the death toll rose to 15" -> "death toll").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.resources.grammar import ARGUMENT_PREPOSITIONS
from dateline.resources.numbers import (
    ADDRESS_NOUNS,
    CALENDAR_WORDS,
    COLLECTIVE_NOUNS,
    COUNTING_WORDS,
    MAGNITUDES,
    MEASURE_UNITS,
    MONEY_UNITS,
    MULTIPLICATIVES,
    NOT_ONE_AFTER,
    NOT_ONE_BEFORE,
    SET_QUANTIFIERS,
    TIME_NOUNS,
    VAGUE_QUANTIFIERS,
    WEAPON_SPECS,
)
from dateline.resources.predicates import (
    COMPLEMENT_VERBS,
    FATAL_ADVERBS,
    FATAL_COMPLEMENTS,
    HOSPITAL_WORDS,
    INJURY_ADVERBS,
    INJURY_CONDITIONS,
    LIFE_TAKING_VERBS,
    LINKING_VERBS,
    NEGATIONS,
    PASSING_VERBS,
    PERSON_NOUNS,
    PERSON_PLURALS,
    PREDICATE_KINDS,
    TALLY_NOUNS,
)
from dateline.stages.numbers.figures import Figure
from dateline.stages.numbers.names import NO_NAMES, NameSpans, labelled_by_name

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token


NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW", "NORP", "LANGUAGE"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
_VERBS = frozenset({"VERB", "AUX"})
_COMPLEMENT_DEPS = frozenset({"acomp", "oprd", "attr", "xcomp", "ccomp", "advcl", "conj"})
_MODIFIER_DEPS = frozenset({"acl", "amod", "relcl", "oprd"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "agent",
                            "pobj", "npadvmod", "appos", "conj", "ROOT", "acomp", "ccomp",
                            "advcl", "xcomp", "prep", "nmod", "meta", "dep"})
_MAX_CLIMB = 6


@dataclass(frozen=True, slots=True)
class Counted:
    """What a kept figure counts, the predicate it goes with, and where attribution starts."""

    top: Token  # the token heading the counted phrase in the parse
    noun: Token | None  # the counted noun ("people"), or None when the figure stands alone
    predicate: str | None
    predicate_token: Token | None
    unit: str | None = None

    @property
    def what(self) -> str | None:
        return noun_phrase_text(self.noun) if self.noun is not None else None


def anchor_of(tokens: Parse, figure: Figure) -> Token:
    """Return the figure's token whose head lies outside the figure (its syntactic head)."""
    inside = range(figure.start, figure.end)
    heads = [tokens[i] for i in inside if tokens[i].head.i not in inside or tokens[i].head.i == i]
    numeric = [t for t in heads if t.like_num or t.tag_ == "CD"]
    return (numeric or heads or [tokens[figure.end - 1]])[-1]


def read_counted(tokens: Parse, figure: Figure, names: NameSpans = NO_NAMES) -> Counted | None:
    """Return what the figure counts and its predicate, or None when it counts nothing."""
    if skipped(tokens, figure, names):
        return None
    anchor = anchor_of(tokens, figure)
    noun, top = _counted_noun(tokens, figure, anchor)
    unit = figure.unit
    if noun is not None:
        word = noun.lower_
        if word in TIME_NOUNS or word in WEAPON_SPECS or word in ADDRESS_NOUNS:
            return None
        if word in MEASURE_UNITS and unit is None:
            unit, noun = MEASURE_UNITS[word], partitive_noun(noun)
        elif (unit is None and noun.tag_ in ("NN", "NNP") and word not in COLLECTIVE_NOUNS
              and noun.pos_ != "PRON" and (figure.value is None or figure.value > 1)
              and tokens[figure.start].lower_ not in MULTIPLICATIVES):
            # "the 2018 election", "a 911 call", "21, Mae": a figure above one before a
            # singular noun names or describes it; it does not count it.
            return None
        if _year_like(tokens, figure) and (_in_time_entity(tokens, figure) or (
                figure.start > 0 and tokens[figure.start - 1].lower_ == "the")):
            return None  # "the 2014 protests", "the 2016 Olympic Games": which, not how many
    if noun is None and unit is None:
        if figure.vague in VAGUE_QUANTIFIERS or _in_time_entity(tokens, figure):
            return None  # "several said", "between 10 and 15" in a date entity without a noun
        if _year_like(tokens, figure):
            return None
    predicate, predicate_token = find_predicate(tokens, anchor, noun, top)
    return Counted(top, noun, predicate, predicate_token, unit)


def skipped(tokens: Parse, figure: Figure, names: NameSpans = NO_NAMES) -> bool:
    """Return True when the figure is part of a date, time, age, address, name or code."""
    first, last = tokens[figure.start], tokens[figure.end - 1]
    words = [tokens[i] for i in range(figure.start, figure.end)]
    after_dash = figure.start > 0 and tokens[figure.start - 1].text in ("-", "–", "—", ":")
    # Money is never a name, a label or an age, whatever the tagger makes of "S$5" or "80bn".
    money = figure.unit in MONEY_UNITS
    if not after_dash and not money and names.overlaps(first.idx, last.idx + len(last.text)):
        return True  # "Apollo 11": inside a name the entities stage found
    if (any(t.ent_type_ in NAME_LABELS for t in words) and not after_dash and not money) or \
            first.text.startswith("."):
        return True  # "Apollo 11"; but "SAN ANTONIO - Two men", a dateline the tagger swallowed
    if figure.unit is None and labelled_by_name(first, anchor_of(tokens, figure)):
        return True  # "Pier 7 reopens"
    if first.dep_ == "preconj":
        return True  # "both ... and"
    before = tokens[figure.start - 1] if figure.start > 0 else None
    following = tokens[figure.end] if figure.end < len(tokens) else None
    if (before is not None and before.text == "/") or (following is not None and
                                                       following.text == "/"):
        return True  # "1 / 33", a gallery counter or a fraction
    if before is not None and before.lower_ == "of" and figure.start >= 2 and \
            tokens[figure.start - 2].like_num:
        return True  # "Image 5 of 33"
    after = _next_word(tokens, figure.end)
    if after is not None and (after.lower_ in TIME_NOUNS or after.lower_ in WEAPON_SPECS):
        return True
    if figure.end < len(tokens) and tokens[figure.end].text in ("-", "–") and after is not None \
            and after.is_alpha and after.lower_ != "plus":
        return True  # a compound modifier: "two-story", "12-gauge", "three-judge panel"
    if _near_calendar_word(tokens, figure) or _is_address(tokens, figure.end):
        return True
    if not money and _is_label_or_age(tokens, figure, first, last):
        return True
    if first.text.lower() == "one" and figure.end - figure.start == 1:
        word_before = tokens[figure.start - 1].lower_ if figure.start > 0 else ""
        word_after = tokens[figure.end].lower_ if figure.end < len(tokens) else ""
        determiner = figure.start > 0 and tokens[figure.start - 1].pos_ in ("DET", "PRON", "ADJ")
        if (word_before in NOT_ONE_BEFORE and (determiner or word_before == "no")) or \
                word_after in NOT_ONE_AFTER:
            return True  # "no one", "the one who", "one another"; not "said that one man"
    # A list marker at the start of a line: "1. Open the door".
    return bool(first.is_sent_start) and figure.end < len(tokens) and \
        tokens[figure.end].text in (".", ")") and figure.value is not None


def _next_word(tokens: Parse, i: int) -> Token | None:
    """Return the token after i, stepping over one hyphen ("24-year-old" -> "year")."""
    if i < len(tokens) and tokens[i].text in ("-", "–") and i + 1 < len(tokens):
        return tokens[i + 1]
    return tokens[i] if i < len(tokens) else None


def _near_calendar_word(tokens: Parse, figure: Figure) -> bool:
    """Return True for a day or year beside a month or weekday name ("Feb. 28", "May 2025")."""
    neighbours = [figure.start - 1, figure.end]
    if _in_time_entity(tokens, figure):
        # "Feb. 28, 2026": the whole date entity, when the figure is part of it.
        lo = figure.start
        while lo > 0 and tokens[lo - 1].ent_type_ in _TIME_LABELS:
            lo -= 1
        hi = figure.end
        while hi < len(tokens) and tokens[hi].ent_type_ in _TIME_LABELS:
            hi += 1
        neighbours.extend(range(lo, hi))
    for i in neighbours:
        if 0 <= i < len(tokens) and not figure.start <= i < figure.end:
            tok = tokens[i]
            if tok.lower_ in CALENDAR_WORDS and (tok.ent_type_ in _TIME_LABELS or tok.is_title):
                return True
    return False


def _is_address(tokens: Parse, end: int) -> bool:
    """Return True for a street number: "2300 block", "6700 Rio Dr.", "300 N. Main Street"."""
    for i in range(end, min(end + 4, len(tokens))):
        tok = tokens[i]
        if tok.lower_ in ADDRESS_NOUNS and (i == end or tok.is_title or tok.lower_ == "block"):
            return True
        if not (tok.pos_ == "PROPN" or (tok.is_title and tok.is_alpha) or tok.text == "."):
            return False
    return False


def _is_label_or_age(tokens: Parse, figure: Figure, first: Token, last: Token) -> bool:
    """Return True for a number after the noun it labels ("Room 201", "Smith, 24,", "(24)")."""
    anchor = anchor_of(tokens, figure)
    root = anchor
    while root.dep_ == "conj" and root.head.i < root.i and root.head.i != root.i:
        root = root.head  # "two men, 19 and 21": the ages share one head
    head = root.head
    if (head.i < root.i and head.pos_ in _NOUNS and
            root.dep_ in ("appos", "npadvmod", "nummod", "amod", "compound", "nmod")):
        return True
    before = tokens[figure.start - 1] if figure.start > 0 else None
    after = tokens[figure.end] if figure.end < len(tokens) else None
    if before is None or after is None or figure.value is None or figure.value >= 120:
        return False
    if before.text == "(" and after.text == ")":
        return True  # "John Smith (24)"
    if before.text == "," and after.text in (",", ".", ";") and figure.start >= 2:
        prior = tokens[figure.start - 2]
        return prior.pos_ in ("PROPN", "NOUN") and prior.ent_type_ not in ("DATE", "TIME")
    return False


def _in_time_entity(tokens: Parse, figure: Figure) -> bool:
    return any(tokens[i].ent_type_ in _TIME_LABELS for i in range(figure.start, figure.end))


def _year_like(tokens: Parse, figure: Figure) -> bool:
    """Return True for a bare four-digit year ("in 2018")."""
    text = tokens[figure.start].text
    return (figure.end - figure.start == 1 and len(text) == 4 and text.isdigit()
            and 1800 <= int(text) <= 2100)


def _counted_noun(tokens: Parse, figure: Figure, anchor: Token) -> tuple[Token | None, Token]:
    """Return (the counted noun, the token that heads the counted phrase)."""
    head = anchor.head
    inside = range(figure.start, figure.end)
    if (anchor.dep_ in ("nummod", "quantmod", "amod", "det", "compound", "nmod") and
            head.i > anchor.i and head.i not in inside and head.pos_ in _NOUNS and
            not _figure_word(head)):
        return head, head
    partitive = partitive_noun(anchor)
    if partitive is not None:
        return partitive, anchor  # "three of the victims", "dozens of people"
    if anchor.pos_ in ("NOUN", "PRON") and not anchor.like_num and anchor.tag_ != "CD" and \
            anchor.lower_ not in COUNTING_WORDS and not _figure_word(anchor):
        return anchor, anchor
    return None, anchor


def _figure_word(token: Token) -> bool:
    """Return True for a word of the figure the tagger took for a noun ("80bn", "m.")."""
    return any(ch.isdigit() for ch in token.text) or token.lower_.rstrip(".") in MAGNITUDES


def partitive_noun(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in _NOUNS:
                    nested = partitive_noun(grandchild)  # "hundreds of thousands of people"
                    return nested if grandchild.lower_ in ("thousands", "millions") and nested \
                        else grandchild
    return None


def noun_phrase_text(noun: Token) -> str:
    """Return the counted noun with its compounds ("police officers"), lower-cased unless a name."""
    if noun.lower_ == "old":  # "the 13-year-old": the age stands for the person
        first = next((t for t in noun.subtree if t.dep_ != "det"), noun)
        return str(noun.doc[first.i:noun.i + 1].text).lower()
    start = noun.i
    for child in noun.lefts:
        if child.dep_ == "compound" and child.i == start - 1:
            start = child.i
    words = noun.doc[start:noun.i + 1]
    text: str = words.text
    return text if any(t.pos_ == "PROPN" for t in words) else text.lower()


def find_predicate(tokens: Parse, anchor: Token, noun: Token | None,
                   top: Token) -> tuple[str | None, Token | None]:
    """Return the verb, adjective or noun the counted phrase goes with, and its token."""
    if noun is not None and noun.lower_ in ("life", "lives"):
        if noun.head.lower_ in LIFE_TAKING_VERBS:
            return f"{noun.head.lower_} {noun.lower_}", noun.head  # "claimed 15 lives"
    elif noun is not None and noun.lower_ in PREDICATE_KINDS and noun.pos_ == "NOUN":
        fatal = [c.lower_ for c in noun.lefts if c.lower_ in FATAL_ADVERBS]
        return " ".join([*fatal, noun.lower_]), noun  # "15 deaths", "a double fatal shooting"
    for owner in (noun, anchor):
        if owner is None:
            continue
        for child in owner.children:
            if child.dep_ in _MODIFIER_DEPS and child.lower_ in PREDICATE_KINDS \
                    and child.i > owner.i:
                return verb_phrase(child), child  # "15 people killed", "three dead"
    for child in anchor.children:
        if child.dep_ == "advmod" and child.lower_ in FATAL_ADVERBS | INJURY_ADVERBS:
            verb = _earlier_casualty_verb(tokens, anchor)
            return (f"{child.lower_} {verb.lower_}" if verb is not None else child.lower_), child
    token = top
    for _ in range(_MAX_CLIMB):
        head = token.head
        if head.i == token.i or token.dep_ not in _ARGUMENT_DEPS:
            return None, None
        if token.dep_ in ("conj", "appos") and head.pos_ in _NOUNS | {"NUM"}:
            token = head  # "three men and two women were killed"
            continue
        if token.dep_ == "pobj":
            prep = head
            if prep.lower_ == "of":
                owner = prep.head
                if owner.like_num or owner.lower_ in SET_QUANTIFIERS:
                    return None, None  # "one of the six died": the six did not all die
                if owner.pos_ == "NOUN" and owner.lower_ in PREDICATE_KINDS:
                    fatal = [c.lower_ for c in owner.lefts if c.lower_ in FATAL_ADVERBS]
                    return " ".join([*fatal, owner.lower_]), owner  # "fatal shootings of four"
                if owner.lower_ in ("life", "lives") and owner.head.lower_ in LIFE_TAKING_VERBS:
                    return f"{owner.head.lower_} {owner.lower_}", owner.head  # "the lives of six"
                token = owner
                continue
            tally = _tally_subject(prep.head)
            if tally is not None:
                return tally  # "the death toll rose to 15"
            if prep.head.pos_ in _VERBS and prep.lower_ in ARGUMENT_PREPOSITIONS:
                return _verb_predicate(prep.head, top)
            return None, None  # "shot in both legs": a place or a part, not what is counted
        if head.pos_ in _VERBS:
            return _verb_predicate(head, top)
        if head.pos_ == "ADJ" and head.lower_ in PREDICATE_KINDS:
            return head.lower_, head
        if head.pos_ == "NOUN" and head.lower_ in PREDICATE_KINDS and token.dep_ == "prep":
            return head.lower_, head
        return None, None
    return None, None


def _verb_predicate(verb: Token, argument: Token) -> tuple[str | None, Token | None]:
    """Return the predicate for an argument of ``verb``: its complement when it is a link."""
    if verb.lower_ in COMPLEMENT_VERBS:
        complement = _complement(verb, argument)
        if complement is not None:  # "five were found shot dead", "one was pronounced dead"
            return f"{verb.lower_} {verb_phrase(complement)}", complement
    if verb.lower_ in LINKING_VERBS:
        complement = _complement(verb, argument)
        if complement is not None:
            return verb_phrase(complement), complement
        phrase = verb_phrase(verb)
        if phrase.endswith(("hospital", "condition")):
            return phrase, verb  # "two are in critical condition"
        if verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
            return verb_phrase(verb.head), verb.head  # "two remain hospitalized"
        if verb.lower_ not in ("left", "leave", "leaves", "leaving"):
            return None, verb
        return verb.lower_, verb  # "left three others in the hospital": no complement
    return verb_phrase(verb), verb


def _complement(verb: Token, argument: Token) -> Token | None:
    """Return the nearest predicate word completing a linking verb after its argument.

    "left three dead and two wounded": "three" takes "dead", "two" takes "wounded".
    """
    found = [t for t in verb.subtree if t.i > argument.i and t.lower_ in PREDICATE_KINDS
             and t.dep_ in _COMPLEMENT_DEPS | _MODIFIER_DEPS
             and (t.head.i == verb.i or (t.head.head.i == verb.i and t.head.i >= argument.i))
             and not (t.dep_ in ("conj", "advcl") and t.head.i == verb.i)]
    if found:
        return found[0]
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd") and child.i > argument.i:
            return child
    return None


def verb_phrase(verb: Token) -> str:
    """Return the predicate as written: "killed", "fatally shot", "shot dead", "not injured"."""
    before: list[str] = []
    after: list[str] = []
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "neg" or (word in NEGATIONS and child.dep_ in ("advmod", "neg")):
            before.insert(0, "not")
        elif child.dep_ == "advmod" and word in FATAL_ADVERBS | INJURY_ADVERBS and child.i < verb.i:
            before.append(word)
        elif child.dep_ in ("oprd", "acomp", "advmod", "xcomp") and word in FATAL_COMPLEMENTS \
                and child.i > verb.i:
            after.append(word)
        elif child.dep_ == "prep" and word == "to" and any(
                g.lower_ == "death" for g in child.children):
            after.append("to death")
        elif child.dep_ == "prep" and word in ("to", "in", "at") and any(
                g.lower_ in HOSPITAL_WORDS for g in child.children) and \
                PREDICATE_KINDS.get(verb.lower_) != "killed":
            after.append(f"{word} hospital")  # "sent three others to the hospital"
        elif child.dep_ == "prep" and word == "in":
            after.extend(f"in {a.lower_} condition" for g in child.children
                         if g.lower_ == "condition" for a in g.children
                         if a.lower_ in INJURY_CONDITIONS)  # "in critical condition"
        elif child.dep_ in ("prt", "advmod") and word in ("away", "down") and child.i > verb.i:
            after.append(word)  # "passed away", "gunned down"
        elif child.dep_ == "conj" and word in PREDICATE_KINDS and child.i > verb.i and not any(
                g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in child.children):
            after.append(f"and {word}")  # "shot and killed"
    return " ".join([*before, verb.lower_, *after])


def _tally_subject(verb: Token) -> tuple[str, Token] | None:
    """Return ("death toll", token) when the verb's subject is a tally ("the toll rose to 15")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in TALLY_NOUNS:
            return noun_phrase_text(child), child
    return None


def _earlier_casualty_verb(tokens: Parse, anchor: Token) -> Token | None:
    """Return the casualty verb an elliptical figure leans on ("two were shot, one fatally")."""
    for i in range(anchor.i - 1, anchor.sent.start - 1, -1):
        tok = tokens[i]
        if tok.pos_ in _VERBS and PREDICATE_KINDS.get(tok.lower_) in ("shot", "injured", "killed"):
            return tok
    return None


_KIND_ORDER = ("killed", "injured", "shot", "casualties")


def predicate_kind(predicate: str | None) -> str | None:
    """Return the tally a predicate reports ("fatally shot" -> "killed"), None if negated/unknown."""
    if not predicate:
        return None
    words = predicate.lower().split()
    if any(w in NEGATIONS for w in words):
        return None
    if words[-1] in ("life", "lives") and any(w in LIFE_TAKING_VERBS for w in words):
        return "killed"  # "took the life", "claimed 15 lives"
    if "away" in words and any(w in PASSING_VERBS for w in words):
        return "killed"  # "passed away"
    if any(w in FATAL_ADVERBS or w in FATAL_COMPLEMENTS for w in words):
        return "killed"
    kinds = {PREDICATE_KINDS[w] for w in words if w in PREDICATE_KINDS}
    if any(w in INJURY_ADVERBS for w in words) and kinds & {"shot", "injured"}:
        return "injured"
    for kind in _KIND_ORDER:
        if kind in kinds:
            return kind
    return next(iter(sorted(kinds)), None)


def zero_counts(tokens: Parse) -> list[tuple[int, int, Token]]:
    """Return (start, end, counted token) for stated zeros: "no one", "nobody", "no injuries"."""
    found = []
    for tok in tokens:
        word = tok.lower_
        if word in ("nobody", "none") and tok.pos_ in _NOUNS:
            found.append((tok.i, tok.i + 1, tok))
        elif word == "no" and tok.dep_ == "det" and tok.head.i > tok.i and (
                tok.head.lower_ in PREDICATE_KINDS or is_people_noun(tok.head)):
            head = tok.head
            end = head.i + 1 if head.lower_ == "one" else tok.i + 1
            found.append((tok.i, end, head))
    return found


def is_people_noun(token: Token) -> bool:
    """Return True for a noun naming people, singular or plural ("students", "men", "one")."""
    word = token.lower_
    word = PERSON_PLURALS.get(word, word)
    return word in PERSON_NOUNS or (word.endswith("s") and word[:-1] in PERSON_NOUNS)
