"""Find every figure stated in the text, with its hedge, what it counts and who says so.

"which have killed around 1,300 people, according to Iranian authorities" becomes a Claim with
value 1300, qualifier "around", what "people", predicate "killed", source "Iranian authorities"
and cue "according to". Vague quantities keep their words and honest bounds ("several hundred":
low 200, high 999, no value). A hedge bounds the figure it qualifies ("at least 40": low 40).
Dates, times, ages, addresses and numbers inside names ("Pier 7", "Apollo 11") are left to
the stages that read them. Money keeps its currency, glued or apart ("HKD2.5-billion", "€35m").

Two kinds of claim carry no numeral: stated zeros of a tally ("no one was injured": value 0)
and people a tally of harm or arrest describes one by one ("a 24-year-old woman was fatally
shot": value 1, the text is the noun phrase; a name is never such a count). Each claim keeps
the word it goes with in ``predicate_span``, so figures sharing one predicate can be added up
by a reader ("killing 12 soldiers and one civilian"). The parts live in
``dateline.stages.numbers``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from dateline.records import Claim, Doc, Span
from dateline.registry import stage
from dateline.resources.numbers import MONEY_UNITS
from dateline.resources.predicates import PERSON_PRONOUNS
from dateline.stages import parse_of
from dateline.stages.intervals import SpanIndex
from dateline.stages.numbers.attribution import attribute
from dateline.stages.numbers.counted import (
    find_predicate,
    noun_phrase_text,
    partitive_noun,
    predicate_kind,
    read_counted,
    zero_counts,
)
from dateline.stages.numbers.figures import Figure, scan
from dateline.stages.numbers.hedges import bounds, hedge_after, hedge_before
from dateline.stages.numbers.names import NameSpans
from dateline.stages.numbers.singulars import singular_counts

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token


@stage("claims", requires=("parse", "entities", "quotes"), produces=("claims",),
       components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Claims:
    """Read stated figures: value or bounds, qualifier, what is counted, predicate, source."""

    # Keep figures that measure rather than count ("40 miles", "20 pounds"), with their unit.
    keep_measures: bool = True
    # Keep stated zeros of a tally ("no one was injured", "there were no deaths").
    keep_zeros: bool = True
    # Count people a tally names without a figure ("a man was killed" -> 1 killed).
    count_singulars: bool = True

    def __call__(self, doc: Doc) -> Doc:
        tokens = parse_of(doc, "claims")
        words = [t.lower_ for t in tokens]
        names = NameSpans.of(doc)
        claims = [c for f in scan(words)
                  if (c := self._claim(doc, tokens, words, f, names)) is not None]
        if self.keep_zeros:
            claims.extend(self._zeros(doc, tokens))
        if self.count_singulars:
            claims.extend(self._singulars(doc, tokens, claims, names))
        return replace(doc, claims=tuple(sorted(claims, key=lambda c: (c.start, c.end))))

    def _claim(self, doc: Doc, tokens: Parse, words: Sequence[str], figure: Figure,
               names: NameSpans) -> Claim | None:
        counted = read_counted(tokens, figure, names)
        if counted is None:
            return None
        if counted.unit is not None and counted.unit not in _AMOUNT_UNITS and \
                not self.keep_measures:
            return None
        before = hedge_before(words, figure.start)
        after = hedge_after(words, figure.end)
        opening = figure.start
        if before is None and figure.value is None and opening > 0 and \
                words[opening - 1] == "between":
            opening -= 1  # the range keeps its "between"
        first = tokens[before.start if before else opening]
        last = tokens[(after.end if after else figure.end) - 1]
        start, end = first.idx, last.idx + len(last.text)
        if last.is_sent_end and len(last.text) > 1 and last.text.endswith("."):
            end -= 1  # "SGD 3m.": the tokenizer kept the full stop on the abbreviation
        low, high = figure.low, figure.high
        for hedge in (before, after):
            if hedge is not None:
                low, high = bounds(figure.value, low, high, hedge.direction)
        qualifier = " ".join(q for q in (before and before.text, figure.vague,
                                         after and after.text) if q) or None
        source, cue = attribute(doc, start, end, counted.predicate_token or counted.top)
        return Claim(start, end, doc.article.text[start:end], value=figure.value, low=low,
                     high=high, qualifier=qualifier, what=counted.what,
                     predicate=counted.predicate, source=source, cue=cue, unit=counted.unit,
                     predicate_span=_token_span(counted.predicate_token)
                     if counted.predicate else None)

    def _zeros(self, doc: Doc, tokens: Parse) -> list[Claim]:
        claims = []
        for first, stop, head in zero_counts(tokens):
            quantifier = head.lower_ in ("one", "nobody", "none")
            noun = partitive_noun(head) if quantifier else head
            predicate, token = find_predicate(tokens, head, noun, head)
            if predicate_kind(predicate) is None:
                continue
            start, last = tokens[first].idx, tokens[stop - 1]
            end = last.idx + len(last.text)
            source, cue = attribute(doc, start, end, token or head)
            claims.append(Claim(start, end, doc.article.text[start:end], value=Decimal(0),
                                what=noun_phrase_text(noun) if noun is not None else None,
                                predicate=predicate, source=source, cue=cue,
                                predicate_span=_token_span(token)))
        return claims

    def _singulars(self, doc: Doc, tokens: Parse, figures: Sequence[Claim],
                   names: NameSpans) -> list[Claim]:
        claims = []
        counted: SpanIndex[Claim] = SpanIndex((c.start, c.end, c) for c in figures)
        for found in singular_counts(tokens, names):
            first, last = tokens[found.start], tokens[found.end - 1]
            start, end = first.idx, last.idx + len(last.text)
            if counted.any_overlapping(start, end):
                continue  # "one man was killed": the figure already counts him
            source, cue = attribute(doc, start, end, found.predicate_token)
            what = None if found.noun.lower_ in PERSON_PRONOUNS else noun_phrase_text(found.noun)
            claims.append(Claim(start, end, doc.article.text[start:end],
                                value=Decimal(found.value), what=what,
                                predicate=found.predicate, source=source, cue=cue,
                                predicate_span=_token_span(found.predicate_token)))
        return claims


def _token_span(token: Token | None) -> Span | None:
    if token is None:
        return None
    return Span(token.idx, token.idx + len(token.text), token.text)


# Units that make a figure an amount (money, percentages), kept whatever ``keep_measures`` says.
_AMOUNT_UNITS = MONEY_UNITS | {"%", "pp"}
