"""Judge whether a predicate with a source and a complement is an attribution cue.

The rules know verbs of saying; stances go through many other words: "endorsed X", "is
calling for X", "was critical of X", "is doubling down on X". Every predicate of the parse
with a subject that could be a source (a name, an organisation, a pronoun, a noun) and a
complement (a clause, an infinitive, an object, or "of/for/on/against/about X") is a
candidate, but for verbs and adjectives of thinking or finding; a logistic regression over
its parse (lemma, word classes, dependency labels, the complement's type and length, the
subject's entity type, tense, negation) says how likely it is a cue. It reads the parse the
pipeline already has: no second network runs. It is trained on PolNeAR train
(train/cues.py), where a candidate is a cue when its predicate lies in a gold cue and its
complement overlaps that attribution's content. The quotes stage turns a likely cue
into a quote where no rule or tagger quote covers it (stages/quotes/cues.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.learned.model import load_model
from dateline.resources.cues import SAY_VERBS, STANCE_PREPOSITIONS, STATE_VERBS, STATE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

MODEL = "cues"
# Dependencies of a complement, surest first: the first found is the content.
COMPLEMENTS = ("ccomp", "xcomp", "dobj", "prep")
SOURCE_POS = frozenset({"PROPN", "PRON", "NOUN"})
SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Complements shorter than this many words are rarely what an attribution reports.
MIN_WORDS = 2


@dataclass(frozen=True)
class Candidate:
    """A predicate with who holds it and what it is about (token indexes of the parse)."""

    predicate: int
    subject: int
    complement: str  # the complement's dependency, or "prep_<word>"
    content: frozenset[int]


def candidates(parse: SpacyDoc) -> Iterator[Candidate]:
    """Yield every verb or adjective with a source-like subject and a complement."""
    # Imported here: the quotes stage imports this module.
    from dateline.stages.quotes.speakers import subject_of

    for token in parse:
        if token.pos_ not in ("VERB", "ADJ") or token.dep_ == "amod" or \
                token.lower_ in STATE_WORDS:
            # A thought or a finding ("believes", "the photos showed") is no quote: the quotes
            # scorer sets such attributions aside and the rules leave them out.
            continue
        subject = subject_of(token.head if token.dep_ == "acomp" else token)
        if subject is None or subject.pos_ not in SOURCE_POS or subject.i == token.i:
            continue
        found = complement_of(token)
        if found is None:
            continue
        kind, content = found
        if len([i for i in content if parse[i].is_alpha]) < MIN_WORDS or subject.i in content:
            continue
        yield Candidate(token.i, subject.i, kind, frozenset(content))


def complement_of(token: Token) -> tuple[str, set[int]] | None:
    """Return the complement's type and its words, or None when the predicate has none."""
    children = [c for c in token.rights]
    for dep in COMPLEMENTS:
        for child in children:
            if child.dep_ != dep:
                continue
            if dep == "prep":
                word = child.lower_
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if word not in STANCE_PREPOSITIONS or not objects:
                    continue
                return f"prep_{word}", {t.i for t in objects[0].subtree if not t.is_space}
            words = {t.i for t in child.subtree if not t.is_space}
            if dep == "xcomp":
                return dep, words
            marks = [t for t in child.children if t.dep_ == "mark"]
            return dep, words - {m.i for m in marks}
    return None


@lru_cache(maxsize=1)
def _lemma_classes() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name, words in (("say", SAY_VERBS), ("state", STATE_VERBS)):
        for word in words:
            out.setdefault(word, []).append(name)
    return {w: tuple(n) for w, n in out.items()}


def cue_features(parse: SpacyDoc, candidate: Candidate) -> list[str]:
    """Return the feature names of one candidate."""
    token = parse[candidate.predicate]
    subject = parse[candidate.subject]
    lemma = token.lemma_.lower()
    kind = candidate.complement
    size = len(candidate.content)
    out = [f"lemma={lemma}", f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}",
           f"comp={kind}", f"lemma_comp={lemma}:{kind}", f"pos_comp={token.pos_}:{kind}",
           f"size={min(size // 4, 6)}", f"subj_dep={subject.dep_}",
           f"subj_pos={subject.pos_}", f"head_dep={token.head.dep_}"]
    out += [f"class={c}" for c in _lemma_classes().get(lemma, ())]
    out += [f"class_comp={c}:{kind}" for c in _lemma_classes().get(lemma, ())]
    if subject.ent_type_:
        out.append(f"subj_ent={subject.ent_type_}")
        out.append(f"subj_source={subject.ent_type_ in SOURCE_ENTITIES}")
    elif subject.pos_ == "PRON":
        out.append(f"subj_pron={subject.lower_}")
    else:
        out.append(f"subj_noun={subject.lemma_.lower()}")
    children = list(token.children)
    if any(c.dep_ == "neg" for c in children):
        out.append("negated")
    auxes = [c.lower_ for c in children if c.dep_ in ("aux", "auxpass")]
    out += [f"aux={a}" for a in auxes]
    if token.dep_ == "acomp":
        out += [f"copula={token.head.lemma_.lower()}"]
    if token.dep_ == "xcomp":
        out.append(f"governor={token.head.lemma_.lower()}")
    content = sorted(candidate.content)
    first = parse[content[0]]
    out.append(f"content_first={first.lower_ if first.is_stop else first.pos_}")
    out.append(f"content_quoted={any(parse[i].is_quote for i in content)}")
    root = next((parse[i] for i in content if parse[i].head.i not in candidate.content), first)
    out.append(f"content_root={root.pos_}:{root.tag_}")
    if root.ent_type_:
        out.append(f"content_ent={root.ent_type_}")
    sentence = token.sent
    out.append(f"in_sentence={'root' if sentence.root.i == token.i else 'inner'}")
    if any(t.is_quote for t in sentence):
        out.append("sentence_quoted")
    return out


def cue_probability(parse: SpacyDoc, candidate: Candidate) -> float:
    """Return the model's probability that the candidate is an attribution cue."""
    return load_model(MODEL).probabilities(cue_features(parse, candidate)).get("cue", 0.0)
