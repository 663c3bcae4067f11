"""Turn the attribution tagger's spans into quote drafts the rules did not find.

The tagger (dateline.learned.attribution) marks content, cue and source spans; the rules'
drafts come first, and a tagged attribution is kept only where its content touches no rule
draft, so a passage the rules read keeps their reading. Its kind (direct, mixed, indirect)
is read from the quotation marks, its speaker linked like any other (identify.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from dateline.learned.attribution import attributions
from dateline.resources.cues import STATE_WORDS
from dateline.resources.grammar import GENDERED_SUBJECT_PRONOUNS
from dateline.stages.intervals import SpanIndex
from dateline.stages.quotes.speakers import antecedent, subject_of, writers_aside
from dateline.stages.quotes.view import ArticleView, _denied_without_agent

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Whether the quotes stage adds the tagger's attributions when settings do not say.
LEARNED_DEFAULT = True


def learned_drafts(view: ArticleView, taken_chars: Iterable[tuple[int, int]]
                   ) -> Iterator[tuple[set[int], tuple[int, int], Token | None]]:
    """Yield (content token indexes, cue characters, speaker head) of each new attribution.

    ``taken_chars`` are the rules' quotes (contents and quotation marks). Attributions whose
    cue is a verb of saying are kept too: where the rules read no quote around such a verb
    (a parse they cannot follow), the tagger's reading is the only one.
    """
    taken: SpanIndex[bool] = SpanIndex()
    for a, b in taken_chars:
        taken.add(a, b, True)
    parse = view.parse
    # Only the sentences no rule quote touches are tagged: what the tagger finds elsewhere
    # would be dropped below, and the tagger costs about a third of the parse.
    free = [(s.start, s.end) for s in parse.sents
            if not taken.any_overlapping(s.start_char, s.end_char)]
    for found in attributions(parse, free):
        # A piece of only function words ("that") is a stray tag, not what was said.
        pieces = [s for s in found.contents
                  if any(t.is_alpha and not t.is_stop for t in parse[s.start:s.end])]
        content = {i for span in pieces for i in range(span.start, span.end)
                   if not parse[i].is_space}
        if not content or any(taken.any_overlapping(*view.chars((s.start, s.end)))
                              for s in pieces):
            continue
        cue = parse[found.cue.start:found.cue.end]
        if any(t.lower_ in STATE_WORDS for t in cue) or _denied_without_agent(cue.root) or \
                writers_aside(cue.root):
            # A thought or a finding ("believe", "the poll shows") is no quote, nor is "it was
            # not disclosed whether": the rules leave both out too.
            continue
        if found.source is not None:
            speaker = speaker_head(parse[found.source.start:found.source.end])
        else:
            # No source tagged: the cue's subject, as the rules read it ("he is pushing for").
            speaker = subject_of(cue.root)
            if speaker is not None and speaker.i in content:
                speaker = None
        if speaker is not None and _unresolved_pronoun(speaker):
            continue  # "They signed the agreement": a quote of no one anyone could name
        yield content, view.chars((found.cue.start, found.cue.end)), speaker


def _unresolved_pronoun(head: Token) -> bool:
    """Return True for "they", "it" or "we" standing for no one the article names.

    "he" and "she" go back to the person quoted before (identify.py), "who" to the noun it
    follows; the other pronouns would give a quote no one can tell the speaker of.
    """
    return head.pos_ == "PRON" and head.lower_ not in GENDERED_SUBJECT_PRONOUNS and \
        antecedent(head) is None


def speaker_head(source: SpacySpan | None) -> Token | None:
    """Return the head of a tagged source, or None for one that names no one.

    A bare number ("149") is a tagging slip, not a source; the attribution keeps no speaker.
    """
    if source is None:
        return None
    words = [t for t in source if not t.is_punct and not t.is_space]
    if not words or all(t.like_num for t in words):
        return None
    return source.root


__all__ = ["LEARNED_DEFAULT", "learned_drafts", "speaker_head"]
