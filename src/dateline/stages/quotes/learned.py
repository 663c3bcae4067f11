"""Turn the attribution tagger's spans into quote drafts the rules did not find.

The tagger (dateline.learned.attribution) marks content, cue and source spans; the rules'
drafts come first, and a tagged attribution is kept only where its content touches no rule
draft, so a passage the rules read keeps their reading. Its kind (direct, mixed, indirect)
is read from the quotation marks, its speaker linked like any other (identify.py). Where the
rules found a quote but no speaker for it (a quotation with no cue beside it), the source
the tagger reads over that quote's words becomes its speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.learned.attribution import Attribution, attributions
from dateline.resources.cues import STATE_WORDS
from dateline.resources.grammar import GENDERED_SUBJECT_PRONOUNS
from dateline.stages.intervals import SpanIndex
from dateline.stages.quotes.speakers import antecedent, speaker_of, writers_aside
from dateline.stages.quotes.view import ArticleView, _denied_without_agent

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Whether the quotes stage adds the tagger's attributions when settings do not say.
LEARNED_DEFAULT = True


@dataclass(frozen=True)
class RuleQuote:
    """What the tagger is told of one rule draft: its text and whether it lacks a speaker."""

    chars: tuple[tuple[int, int], ...]  # contents and quotation marks
    speakerless: bool


@dataclass(frozen=True)
class Tagged:
    """What the tagger adds to the rules' drafts."""

    # (content token indexes, cue characters, speaker head) of each attribution no rule found
    drafts: tuple[tuple[set[int], tuple[int, int], Token | None], ...]
    # (index of a speakerless rule draft, speaker head of the tagged source over its content)
    speakers: tuple[tuple[int, Token], ...]


def tag_article(view: ArticleView, rules: Sequence[RuleQuote]) -> Tagged:
    """Tag the sentences no rule quote touches and those of rule quotes without a speaker.

    A tagged attribution whose content no rule quote touches is a new draft (cues of saying
    included: where the rules read no quote around such a verb, a parse they cannot follow,
    the tagger's reading is the only one). One whose content overlaps a rule quote with no
    speaker gives that quote its tagged source. Sentences a rule quote with a speaker touches
    are not tagged: the tagger costs about a third of the parse (docs/performance.md).
    """
    taken: SpanIndex[int] = SpanIndex()
    for index, rule in enumerate(rules):
        for a, b in rule.chars:
            taken.add(a, b, index)
    parse = view.parse
    tagged = [(s.start, s.end) for s in parse.sents
              if all(rules[k].speakerless for k in taken.overlapping(s.start_char, s.end_char))]
    drafts = []
    speakers: dict[int, Token] = {}
    for found in attributions(parse, tagged):
        # A piece of only function words ("that") is a stray tag, not what was said.
        pieces = [s for s in found.contents
                  if any(t.is_alpha and not t.is_stop for t in parse[s.start:s.end])]
        content = {i for span in pieces for i in range(span.start, span.end)
                   if not parse[i].is_space}
        if not content:
            continue
        rivals = {k for s in pieces for k in taken.overlapping(*view.chars((s.start, s.end)))}
        if rivals:
            speaker = speaker_head(_source(parse, found))
            if speaker is not None and not unresolved_pronoun(speaker):
                for k in sorted(rivals):
                    if rules[k].speakerless and not _inside(view, speaker, rules[k].chars):
                        speakers.setdefault(k, speaker)
            continue
        cue = parse[found.cue.start:found.cue.end]
        if any(t.lower_ in STATE_WORDS for t in cue) or _denied_without_agent(cue.root) or \
                writers_aside(cue.root):
            # A thought or a finding ("believe", "the poll shows") is no quote, nor is "it was
            # not disclosed whether": the rules leave both out too.
            continue
        if found.source is not None:
            speaker = speaker_head(_source(parse, found))
        else:
            # No source tagged: the cue's subject, as the rules read it ("he is pushing for").
            speaker = speaker_of(cue.root)
            if speaker is not None and speaker.i in content:
                speaker = None
        if speaker is not None and unresolved_pronoun(speaker):
            continue  # "They signed the agreement": a quote of no one anyone could name
        drafts.append((content, view.chars((found.cue.start, found.cue.end)), speaker))
    return Tagged(tuple(drafts), tuple(sorted(speakers.items())))


def _source(parse: SpacyDoc, found: Attribution) -> SpacySpan | None:
    return None if found.source is None else parse[found.source.start:found.source.end]


def _inside(view: ArticleView, token: Token, chars: Sequence[tuple[int, int]]) -> bool:
    """Return True when the token lies inside one of the character ranges."""
    return any(a <= token.idx < b for a, b in chars)


def unresolved_pronoun(head: Token) -> bool:
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


__all__ = ["LEARNED_DEFAULT", "RuleQuote", "Tagged", "speaker_head", "tag_article",
           "unresolved_pronoun"]
