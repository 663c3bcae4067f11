"""Turn the cue classifier's likely cues into quote drafts no rule or tagger found.

The classifier (dateline.learned.cues) scores every predicate with a source-like subject and
a complement; one at or above the model's threshold becomes an indirect (or mixed) quote of
its complement, spoken by its subject, where its complement and its predicate touch no
draft the rules or the tagger made: a passage already read keeps that reading. As for the
tagger's quotes, a "they", "it" or "we" no one in the article stands for gives no quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.learned.cues import MODEL, candidates, cue_probability
from dateline.learned.model import read_model_file
from dateline.stages.intervals import SpanIndex
from dateline.stages.quotes.learned import unresolved_pronoun
from dateline.stages.quotes.view import ArticleView

if TYPE_CHECKING:
    from spacy.tokens import Token

# Whether the quotes stage adds the classifier's quotes when settings do not say.
CUES_DEFAULT = True


@dataclass(frozen=True)
class CueDraft:
    """A likely cue no draft covers: its complement's tokens, its characters, its speaker."""

    content: frozenset[int]
    cue: tuple[int, int]
    speaker: Token
    probability: float


@lru_cache(maxsize=1)
def threshold() -> float:
    """Return the threshold chosen by cross-validation on PolNeAR train (train/cues.py)."""
    return float(read_model_file(MODEL)["threshold"])


def cue_drafts(view: ArticleView, taken: Sequence[tuple[int, int]]) -> list[CueDraft]:
    """Return the likely cues whose predicate and complement lie outside ``taken`` chars."""
    index: SpanIndex[int] = SpanIndex()
    for k, (a, b) in enumerate(taken):
        index.add(a, b, k)
    parse = view.parse
    out = []
    for candidate in candidates(parse):
        predicate = parse[candidate.predicate]
        if predicate.i in view.quote_of or \
                index.overlapping(predicate.idx, predicate.idx + len(predicate)):
            continue
        content = sorted(candidate.content)
        a = parse[content[0]].idx
        b = parse[content[-1]].idx + len(parse[content[-1]])
        if index.overlapping(a, b):
            continue
        speaker = parse[candidate.subject]
        if unresolved_pronoun(speaker):
            continue
        probability = cue_probability(parse, candidate)
        if probability >= threshold():
            out.append(CueDraft(candidate.content, view.cue_chars(predicate), speaker,
                                probability))
    return out


__all__ = ["CUES_DEFAULT", "CueDraft", "cue_drafts", "threshold"]
