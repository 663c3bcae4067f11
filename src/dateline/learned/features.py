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
    out = [f"rule={rule}", f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}",
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
            out += [f"head1_lemma={head_lemma}", f"head1_tag={head.tag_}",
                    f"head1_dep={head.dep_}", f"path={token.dep_}>{head.pos_}"]
    sentence = token.sent
    words = {t.lower_ for t in sentence}
    if any(t.text == "?" for t in sentence):
        out.append("question")
    if words & FUTURE_WORDS:
        out.append("sentence_future_word")
    if words & {"if", "unless", "whether"}:
        out.append("sentence_condition")
    return out


def in_domain(features: list[str], domain: str) -> list[str]:
    """Return the features, each also conjoined with its domain (news, web), so that one model
    learns what holds everywhere and what holds in one kind of text."""
    return features + [f"{domain}|{f}" for f in features] + [f"domain={domain}"]
