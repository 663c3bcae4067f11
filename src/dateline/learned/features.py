"""Describe a predicate by the words around it in the spaCy parse, for the factuality model.

Each feature is a name that is present or absent: the predicate's tag, morphology and own
auxiliaries, its negation and subordinating words, the verbs it hangs under (their class:
saying, believing, denying, failing, wanting, planning; their negation and modals), the
sentence's question mark and words of future time, and the rules' own judgment, so that the
model learns where to trust the rules and where to overrule them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.resources.cues import SAY_VERBS
from dateline.resources.events import (
    BELIEF_VERBS,
    DENYING_VERBS,
    DESIRE_VERBS,
    FAILING_VERBS,
    FUTURE_VERBS,
    FUTURE_WORDS,
    HYPOTHETICAL_VERBS,
    KNOWLEDGE_VERBS,
)
from dateline.resources.grammar import SUBORDINATORS

if TYPE_CHECKING:
    from spacy.tokens import Token


# Spellings of one auxiliary: "'ll" is "will", "wo" (won't) is "will", "ca" (can't) is "can".
AUX_FORMS = {"'ll": "will", "wo": "will", "'d": "would", "ca": "can", "sha": "shall"}


def verb_class(lemma: str) -> str:
    """Return the class of an embedding word, or "other"."""
    for name, words in (("deny", DENYING_VERBS), ("fail", FAILING_VERBS), ("future", FUTURE_VERBS),
                        ("say", SAY_VERBS), ("believe", BELIEF_VERBS), ("know", KNOWLEDGE_VERBS),
                        ("want", DESIRE_VERBS), ("hypothetical", HYPOTHETICAL_VERBS)):
        if lemma in words:
            return name
    return "other"


def _aux(token: Token) -> list[str]:
    return [AUX_FORMS.get(c.lower_, c.lower_) for c in token.children
            if c.dep_ in ("aux", "auxpass")]


def tense_tag(token: Token) -> str:
    """Return the token's tag, with a bare verb after "do" taking the tense of its auxiliary:
    "did not survive" is a past verb (VBD), "does not work" a present one."""
    if token.tag_ == "VB":
        for c in token.children:
            if c.dep_ == "aux" and c.lemma_.lower() == "do":
                return c.tag_
    return token.tag_


def _marks(token: Token) -> list[str]:
    return [c.lower_ for c in token.children if c.dep_ == "mark"]


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither"))
               for c in token.children)


def _heads(token: Token, n: int) -> list[Token]:
    out = []
    current = token
    for _ in range(n):
        if current.head.i == current.i:
            break
        current = current.head
        out.append(current)
    return out


def predicate_features(token: Token, rule: str) -> list[str]:
    """Return the features of the predicate ``token`` whose rule-based class is ``rule``."""
    lemma = token.lemma_.lower()
    out = [f"rule={rule}", f"pos={token.pos_}", f"tag={tense_tag(token)}", f"dep={token.dep_}",
           f"lemma={lemma}", f"class={verb_class(lemma)}"]
    for key in ("Tense", "VerbForm", "Mood", "Aspect"):
        out += [f"{key}={v}" for v in token.morph.get(key, [])]
    auxes = _aux(token)
    out += [f"aux={a}" for a in auxes]
    if "have" in auxes and ("would" in auxes or "could" in auxes or "should" in auxes):
        out.append("aux=modal_perfect")
    if _negated(token):
        out.append("neg")
    out += [f"mark={m}" for m in _marks(token)]
    # The main clause of a condition: "If the talks fail, the union will strike".
    if any(c.dep_ == "advcl" and set(_marks(c)) & {"if", "unless"} for c in token.children):
        out.append("condition_clause")
    if rule != "asserted":
        out.append("rule_unreal")
    if token.tag_ in ("VBZ", "VBP") and not auxes:
        out.append("simple_present")  # often habitual or generic: "people eat rice"
    children = {c.dep_ for c in token.children}
    for c in token.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            out.append(f"subject={c.lower_}" if c.pos_ == "PRON" else f"subject={c.pos_}")
        if c.tag_ in ("WDT", "WP", "WRB"):
            out.append("wh_word")
    if not children & {"nsubj", "nsubjpass", "expl", "csubj"}:
        out.append("no_subject")
        if token.tag_ == "VB" and not auxes and token.head.i == token.i:
            out.append("imperative")
    for c in token.children:
        if c.dep_ in ("amod", "compound", "advmod", "npadvmod") and c.lower_ in FUTURE_WORDS:
            out.append("own_future_word")
        if c.dep_ == "prep" and c.lower_ == "without":
            out.append("without")
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        out.append("under_without")
    if token.dep_ == "conj":
        first = token.head
        out += [f"conj_aux={a}" for a in _aux(first)]
        if _negated(first):
            out.append("conj_neg")
        out += [f"conj_mark={m}" for m in _marks(first)]
    for depth, head in enumerate(_heads(token, 3), 1):
        head_lemma = head.lemma_.lower()
        out.append(f"head{depth}_class={verb_class(head_lemma)}")
        out += [f"head{depth}_aux={a}" for a in _aux(head)]
        if _negated(head):
            out.append(f"head{depth}_neg")
        out += [f"head{depth}_mark={m}" for m in _marks(head)]
        if depth == 1:
            out += [f"head1_lemma={head_lemma}", f"head1_tag={tense_tag(head)}",
                    f"head1_dep={head.dep_}", f"path={token.dep_}>{head.pos_}"]
    sentence = token.sent
    words = {t.lower_ for t in sentence}
    if any(t.text == "?" for t in sentence):
        out.append("question")
    if words & FUTURE_WORDS:
        out.append("sentence_future_word")
    if words & {"if", "unless", "whether"}:
        out.append("sentence_condition")
    if "please" in words:
        out.append("please")
    out += _scope_features(token, auxes)
    out += _context_features(token)
    return out


# Words whose own form is a feature when they hang on the predicate (the rest by their part of
# speech): pronouns, auxiliaries, particles, subordinators, prepositions and determiners.
CLOSED_CLASSES = frozenset({"PRON", "AUX", "PART", "SCONJ", "ADP", "DET"})


def _context_features(token: Token) -> list[str]:
    """The words next to the predicate, the lemmas above it and the shape of its sentence.

    These carry what the parse leaves implicit: "wanna", "how to", "able to", a sentence that
    opens with a bare verb (an instruction) or a question word, a main verb of liking or
    needing far above the predicate.
    """
    doc, sentence = token.doc, token.sent
    out = []
    for k in (1, 2, 3):
        if token.i - k >= sentence.start:
            out.append(f"left={doc[token.i - k].lower_}")
        if token.i + k < sentence.end:
            out.append(f"right={doc[token.i + k].lower_}")
    if token.i > sentence.start:
        out.append(f"left1={doc[token.i - 1].lower_}")
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            break
        current = current.head
        out.append(f"above_lemma={current.lemma_.lower()}")
    first, root = sentence[0], sentence.root
    out += [f"first={first.lower_}", f"first_tag={first.tag_}", f"root_tag={tense_tag(root)}"]
    if token.i == sentence.start:
        out.append("predicate_first")
    out += [f"root_subject={c.lower_ if c.pos_ == 'PRON' else c.pos_}"
            for c in root.children if c.dep_ == "nsubj"]
    out += [f"child={c.dep_}:{c.lower_ if c.pos_ in CLOSED_CLASSES else c.pos_}"
            for c in token.children]
    return out


# Dependency relations that embed a clause or a verbal phrase under another word.
CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "csubj", "csubjpass",
                     "pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "oprd"})


def _scope_features(token: Token, auxes: list[str]) -> list[str]:
    """Features of the path from the predicate up to the root of its sentence.

    What governs the predicate decides its factuality: a negation, modal, condition or verb of
    wanting or saying anywhere above it, through the clauses that embed it ("she said she
    might want to leave"), and the relation by which it hangs under its nearest governing verb.
    """
    out = []
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if infinitive:
        out.append("to_infinitive")
    for c in token.children:
        if c.dep_ in ("det", "poss") and token.pos_ in ("NOUN", "PROPN"):
            out.append(f"det={c.lower_}" if c.dep_ == "det" else "det=poss")
    core = [f"tag={tense_tag(token)}", f"to={infinitive}"] + \
        ([f"aux={a}" for a in auxes] or ["aux=none"])
    current, rels, governor = token, [], None
    for _ in range(8):
        if current.head.i == current.i:
            break
        rels.append(current.dep_)
        current = current.head
        if current.pos_ in ("VERB", "AUX") and governor is None and \
                rels[-1] in CLAUSAL:
            governor = current
        if _negated(current):
            out.append("above_neg")
        out += [f"above_aux={a}" for a in _aux(current)
                if a in ("will", "would", "could", "can", "may", "might", "should", "must")]
        out += [f"above_mark={m}" for m in _marks(current) if m in SUBORDINATORS]
        cls = verb_class(current.lemma_.lower())
        if cls != "other":
            out.append(f"above_class={cls}")
    out.append(f"depth={min(len(rels), 4)}")
    out.append(f"rels={'>'.join(rels[:2]) or 'root'}")
    if governor is not None:
        cls = verb_class(governor.lemma_.lower())
        rel = rels[0] if rels else "root"
        out += [f"gov_class={cls}", f"gov_rel={rel}", f"gov={cls}|{rel}",
                f"gov_tag={tense_tag(governor)}", f"gov_lemma={governor.lemma_.lower()}"]
        out += [f"gov_aux={a}" for a in _aux(governor)]
        out += [f"gov={cls}|{f}" for f in core]
    else:
        out += [f"top|{f}" for f in core]
    own_marks = _marks(token)
    out += [f"mark={m}|{f}" for m in own_marks for f in core[:1]]
    for c in token.children:
        if c.dep_ in ("nsubj", "nsubjpass") and any(
                d.dep_ == "det" and d.lower_ in ("any", "every", "each", "all", "no")
                for d in c.children):
            out.append("quantified_subject")
        if c.dep_ == "nsubj" and c.lower_ == "you":
            out.append(f"you|{core[0]}")
    for a in auxes:
        out.append(f"{core[0]}|aux={a}")
    return out


def in_domain(features: list[str], domain: str) -> list[str]:
    """Return the features, each also conjoined with its domain (news, web), so that one model
    learns what holds everywhere and what holds in one kind of text."""
    return features + [f"{domain}|{f}" for f in features] + [f"domain={domain}"]
