"""Decide which kind of event a lexicon trigger names where it stands, with a trained model.

The lexicon gives each word one PLOVER type and mode, refined by its dependents; it cannot read
the rest of the sentence: teargas fired at a rally is force against protesters, not a
dispersal; "talks" that end a war are an agreement; shells that spread chlorine are a chemical
attack. A logistic regression over the candidate's parse features (learned/triggers.py), the
content words of its sentence, the other candidates beside it and its subject's sector says
which kind the word names: a PLOVER type, a mode and at most one context, written
``TYPE|mode|context`` ("-" for none). It is trained on the first half of CASE 2021 dev, whose
snippets carry an ACLED subtype (train/trigger_kinds.py), with weak labels: the kind that
maps the snippet's main candidate to its gold subtype through resources/plover_case2021.tsv.
With ``learned_triggers`` the events stage gives a candidate the model's kind when the model
is sure of it (``KIND_THRESHOLD``), else the lexicon's stands. The neighbours it reads are, in
training, every candidate of the sentence and, in the stage, those the filter kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

# A module, not its function: it imports the events package, which imports this one.
from dateline.learned import triggers as trigger_model
from dateline.learned.model import load_model
from dateline.resources.ontology import actor_sector, case_rows, case_subtype
from dateline.stages.events.triggers import Candidate, subjects

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL = "trigger-kinds"
# Above this probability the model's kind replaces the lexicon's. Chosen on the training half
# only, by cross-validated predictions (5 folds in order, regularisation 1, 3 and 10): the
# lowest threshold at which its retypings were never more often wrong than right.
KIND_THRESHOLD = 0.7
# Words of a sentence worth reading as context: what happened, to whom, with what.
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
NONE = "-"


def kind_of(candidate: Candidate, context: str | None = None) -> str:
    """Return the candidate's kind as the lexicon gives it, with ``context`` if named."""
    return f"{candidate.type}|{candidate.mode or NONE}|{context or NONE}"


def parse_kind(kind: str) -> tuple[str, str | None, str | None]:
    """Return (type, mode, context) of a kind label."""
    type_, mode, context = kind.split("|")
    return type_, None if mode == NONE else mode, None if context == NONE else context


def sector_of(token: Token) -> str | None:
    """Return the sector (state, nonstate) of the trigger's subjects' words, if known."""
    words = [w.lower_ for s in subjects(token)[:2] for w in s.subtree]
    return actor_sector(words) if words else None


def kind_features(candidate: Candidate, others: Iterable[Candidate] = ()) -> list[str]:
    """Return the features of one candidate: its own, its sentence's words, its neighbours."""
    token = candidate.token
    out = trigger_model.trigger_features(candidate)
    out.append(f"kind={kind_of(candidate)}")
    out += [f"ctx={c}" for c in sorted(candidate.contexts)]
    sentence = token.sent
    lemmas = {t.lemma_.lower() for t in sentence if t.pos_ in CONTENT_POS and t.i != token.i}
    out += [f"word={w}" for w in sorted(lemmas)]
    out += sorted({f"with={kind_of(o)}" for o in others if o.token.i != token.i})
    sector = sector_of(token)
    out.append(f"sector={sector or NONE}")
    return out


def kind_probabilities(candidate: Candidate, others: Iterable[Candidate] = ()) -> dict[str, float]:
    """Return each kind's probability for the candidate where it stands."""
    return load_model(MODEL).probabilities(kind_features(candidate, others))


def retyped(candidate: Candidate, kind: str) -> Candidate:
    """Return the candidate as the kind ``kind``: its type, mode and context."""
    type_, mode, context = parse_kind(kind)
    contexts = set(candidate.contexts) | ({context} if context else set())
    return replace(candidate, entry=replace(candidate.entry, type=type_, mode=mode), mode=mode,
                   contexts=contexts)


def decide_kinds(candidates: list[Candidate], threshold: float = KIND_THRESHOLD) \
        -> list[Candidate]:
    """Return the candidates, each with the model's kind where the model is sure of it."""
    out = []
    for candidate in candidates:
        probabilities = kind_probabilities(candidate, candidates)
        best = max(probabilities, key=lambda k: (probabilities[k], k))
        if probabilities[best] >= threshold and best != kind_of(candidate):
            out.append(retyped(candidate, best))
        else:
            out.append(candidate)
    return out


def label_for(candidate: Candidate, subtype: str, sector: str | None) -> str | None:
    """Return the kind that maps the candidate to the gold ``subtype``, or None when none does.

    The candidate's own kind when it maps there already; else the first kind the published
    table allows for the subtype, keeping the candidate's own type and mode where the row
    leaves them open.
    """
    if case_subtype(candidate.type, candidate.mode, candidate.contexts, sector) == subtype:
        return kind_of(candidate)
    for row_type, row_mode, row_context, _, row_subtype in case_rows():
        if row_subtype != subtype:
            continue
        types = [candidate.type] if row_type == "*" or candidate.type in row_type.split("|") \
            else row_type.split("|")[:1]
        contexts: list[str | None] = [None] if row_context == "*" \
            else [row_context.split("|")[0]]
        for type_ in types:
            # A mode belongs to its type: another type takes the row's mode or none.
            modes: list[str | None]
            if row_mode != "*":
                modes = [row_mode.split("|")[0]]
            else:
                modes = [candidate.mode, None] if type_ == candidate.type else [None]
            for mode in modes:
                for context in contexts:
                    found = set(candidate.contexts) | ({context} if context else set())
                    if case_subtype(type_, mode, found, sector) == subtype:
                        return f"{type_}|{mode or NONE}|{context or NONE}"
    return None
