"""Find reported speech, direct and indirect, and attribute each quote to a speaker.

Quotation marks are paired first (``marks``, ``view``), then the dependency parse is read
around each cue (``content``, ``speakers``) and beside each quotation (``beside``):

- a verb of saying with a clausal complement gives an indirect quote ("said the relocation was
  temporary"), a mixed one when the clause holds quoted words ("there was “no disagreement”"),
  or a direct one when the clause is the quotation itself;
- "according to X" qualifies the clause it sits in, and so does "in the poll" (the poll's);
- a quotation not reached that way finds its cue beside it ("“...,” the alliance said",
  "He said: “...”", "― Name"), or continues the quote before it (the speaker named once);
- transcript turns ("PENCE: Well, ...") and "Name: ..." headlines are quotes of that name.

Speakers are linked to entities in ``identify``: a name set beside a description ("An
analyst, Maria Lopez,") is the speaker and the description its descriptor; an unnamed
source keeps its noun phrase as a descriptor, and "the source" is resolved to the unnamed
source named before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline import budget
from dateline.records import Doc, Quote, QuoteKind, Ref
from dateline.registry import stage
from dateline.resources.cues import DIRECT_ONLY_VERBS, NON_CUE_HEADS, PREPOSITION_FORMS, SAY_VERBS, verb_forms
from dateline.resources.decisions import quote_confidence
from dateline.resources.grammar import SUBJECT_PRONOUNS
from dateline.stages import parse_of
from dateline.stages.intervals import SpanIndex
from dateline.stages.lookup import ref_for
from dateline.stages.quotes.beside import (
    DIRECT_SHARE,
    SENTENCE_END,
    cue_after,
    cue_before,
    cue_governing,
    inverted_subject,
    labels,
    signature,
)
from dateline.stages.quotes.content import (
    QUOTE_MARKS,
    according_content,
    balance_marks,
    clause_content,
    poll_content,
    ranges,
)
from dateline.stages.quotes.cues import CUES_DEFAULT, cue_drafts
from dateline.stages.quotes.identify import SpeakerLinker, is_source_noun
from dateline.stages.quotes.learned import LEARNED_DEFAULT, RuleQuote, tag_article
from dateline.stages.quotes.marks import Quotation, is_title_case
from dateline.stages.quotes.speakers import antecedent, channel_of, speaker_of, writers_aside
from dateline.stages.quotes.view import ArticleView
from dateline.stages.tree import climb

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse
    from spacy.tokens import Token


_FRAME_DEPS = frozenset({"prep", "advcl", "npadvmod"})


def _without_frame(parse: Parse, content: set[int]) -> set[int]:
    """Drop an opening phrase set off by a comma ("Following the relocation, ...").

    Such a phrase frames the report and may be the writer's words rather than the speaker's.
    (PolNeAR's annotators mostly keep it in the content: on its dev set leaving it out costs
    about 0.002 of exact-match F1 and nothing of overlap F1.)
    """
    if not content:
        return content
    first = parse[min(content)]
    # Climb to the phrase the first word opens: a modifier of the reported clause's verb.
    phrase = climb(first, lambda t: t.dep_ not in _FRAME_DEPS and t.head.i in content)
    if phrase.dep_ not in _FRAME_DEPS or phrase.head.pos_ not in ("VERB", "AUX") or \
            phrase.left_edge.i != first.i:
        return content
    comma = phrase.right_edge.i + 1
    if comma in content and parse[comma].text == "," and any(i > comma + 1 for i in content):
        return content - set(range(first.i, comma + 1))
    return content


def _attributed(draft: _Draft) -> bool:
    """Return True for a draft that has (or inherits) a speaker."""
    return draft.speaker is not None or draft.speaker_chars is not None or draft.inherit is not None


@lru_cache(maxsize=8)
def _forms(lemmas: frozenset[str]) -> frozenset[str]:
    return verb_forms(lemmas)


@dataclass(frozen=True)
class _Draft:
    """A quote being built: a value, replaced rather than changed by the passes."""

    kind: QuoteKind
    contents: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    cue_token: Token | None = None
    speaker: Token | None = None  # head token of the speaker phrase
    speaker_chars: tuple[int, int] | None = None  # a speaker without a parse head (labels)
    # A continuation takes the speaker of the draft at this index of the drafts found: an index
    # rather than the draft itself, as that draft may still be replaced by a longer one.
    inherit: int | None = None
    channel: tuple[int, int] | None = None
    confidence: float = 0.5
    marks: tuple[tuple[int, int], ...] = ()  # extent of the quotation marks

    @property
    def start(self) -> int:
        return min(a for a, _ in self.contents + self.marks)

    @property
    def end(self) -> int:
        return max(b for _, b in self.contents + self.marks)

    def with_quotation(self, piece: _Draft, quotation: Quotation) -> _Draft:
        """Return this draft going on into another quotation (``piece`` is its direct draft)."""
        return replace(self, contents=self.contents + piece.contents,
                       marks=(*self.marks, (quotation.start, quotation.end)))


@dataclass(frozen=True)
class _Found:
    """What the passes have found so far: the drafts, and the quotations they use."""

    drafts: tuple[_Draft, ...] = ()
    claimed: frozenset[int] = frozenset()  # indexes of the quotations a draft uses

    def adding(self, draft: _Draft, claimed: Iterable[int] = ()) -> _Found:
        return _Found((*self.drafts, draft), self.claimed | frozenset(claimed))

    def claiming(self, claimed: Iterable[int]) -> _Found:
        return replace(self, claimed=self.claimed | frozenset(claimed))

    def replacing(self, index: int, draft: _Draft) -> _Found:
        return replace(self, drafts=(*self.drafts[:index], draft, *self.drafts[index + 1:]))


@stage("quotes", requires=("parse", "entities"), produces=("quotes",),
       components=("tagger", "parser", "attribute_ruler", "lemmatizer", "ner"))
@dataclass(frozen=True)
class Quotes:
    """Find quotations, direct and reported, and attribute each to a speaker."""

    cue_verbs: frozenset[str] = SAY_VERBS
    direct_cue_verbs: frozenset[str] = DIRECT_ONLY_VERBS
    # Give a cue-less quotation that opens the paragraph after a quote that quote's speaker.
    continue_speakers: bool = True
    # Keep a long quotation that nothing attributes, with no speaker.
    keep_unattributed: bool = True
    # Add the trained attribution tagger's attributions the rules missed (learned/attribution.py).
    learned_attribution: bool = LEARNED_DEFAULT
    # Add the cue classifier's stances no rule or tagger quote covers (learned/cues.py).
    learned_cues: bool = CUES_DEFAULT

    def __call__(self, doc: Doc) -> Doc:
        parse_of(doc, "quotes")
        if not doc.article.text.strip():
            return replace(doc, quotes=())
        article = _Article(self, doc)
        found = _Found()
        for find in _PASSES:
            found = find(article, found)
        if self.learned_attribution:
            found = _learned(article, found)
        if self.learned_cues:
            found = _cues(article, found)
        kept, replaced = _dedupe(found.drafts)
        return replace(doc, quotes=tuple(_finish(article, found.drafts, kept, replaced)))


class _Article:
    """What every pass reads about one article (read-only once built)."""

    def __init__(self, settings: Quotes, doc: Doc) -> None:
        self.settings = settings
        self.doc = doc
        self.view = view = ArticleView(doc.article.text, parse_of(doc, "quotes"))
        self.parse = view.parse
        self.text = view.text
        self.quotations = view.quotations
        self.quote_of = view.quote_of
        self.say = _forms(frozenset(settings.cue_verbs))
        # Verbs that report speech only through a preposition ("spoke of", "called for").
        self.cues = self.say | frozenset(PREPOSITION_FORMS)
        self.beside = self.say | _forms(frozenset(settings.direct_cue_verbs))
        # The line of every token that counts as content (not a space, past any dateline), read
        # once: reading a spaCy token builds a new object each time.
        body = doc.article.body_start
        self.content_line: list[int | None] = [
            None if t.is_space or t.idx < body else view.line(t.idx) for t in self.parse]

    def own_content(self, cue: Token, content: set[int]) -> set[int]:
        """Keep the content in the cue's paragraph, leaving out what a coordinated cue reports.

        "Merrill says Machado promised X and said Y": "said Y" is a quote of its own.
        """
        line = self.view.line(cue.idx)
        # A printed dateline ("WASHINGTON —") is no content; see content_line.
        out = {i for i in content if self.content_line[i] == line} - {cue.i}
        out = _without_frame(self.parse, out)
        for i in sorted(out):
            token = self.parse[i]
            if i in out and token.dep_ in ("conj", "advcl") and token.lower_ in self.say and \
                    token.tag_.startswith("VB") and clause_content(token):
                out -= {t.i for t in token.subtree}
                # A dangling "and" or "," before the cut clause is not content either.
                j = token.left_edge.i - 1
                while j in out and (self.parse[j].dep_ == "cc" or self.parse[j].is_punct):
                    out.discard(j)
                    j -= 1
        return out

    def from_clause(self, content: set[int], confidence: float,
                    claimed: frozenset[int]) -> tuple[_Draft, list[int]] | None:
        """Make a draft from a cue's clause: direct when it is quoted, else indirect or mixed.

        Return it with the quotations it uses (none of ``claimed`` for a direct one).
        """
        words = [i for i in content if not self.parse[i].is_punct]
        quoted = [i for i in words if i in self.quote_of]
        ids = sorted({self.quote_of[i] for i in quoted})
        if words and len(quoted) >= DIRECT_SHARE * len(words):
            fresh = [i for i in ids if i not in claimed]
            if not fresh:
                return None
            draft = self.direct([self.quotations[i] for i in fresh],
                                confidence + quote_confidence("quotation_in_clause_bonus"))
            if all(self.view.is_fragment(self.quotations[i]) for i in fresh):
                draft = replace(draft, kind="partial")  # "warned of “catastrophic consequences”"
            return draft, fresh
        spans = []
        for start, end in ranges(self.parse, content):
            a, b = self.view.chars((start, end))
            a, b = balance_marks(self.text, a, b)
            if a < b:
                spans.append((a, b))
        if not spans:
            return None
        inside = [i for i in ids if any(a < self.quotations[i].inner_end and
                                        self.quotations[i].inner_start < b for a, b in spans)]
        return _Draft("mixed" if inside else "indirect", tuple(spans), None,
                      confidence=confidence), inside

    def direct(self, quotations: list[Quotation], confidence: float) -> _Draft:
        contents = [self.view.trim_piece(a, b) for q in quotations for a, b in q.pieces]
        marks = tuple((q.start, q.end) for q in quotations)
        return _Draft("direct", tuple(c for c in contents if c[0] < c[1]), None,
                      confidence=confidence, marks=marks)

    def goes_on(self, drafts: tuple[_Draft, ...], previous: _Draft, quotation: Quotation,
                right_after: bool = False) -> bool:
        """Return True when a quotation goes on the quote before it in the same paragraph.

        Between them may lie the end of that quote's attribution sentence ("“A,” said Maria
        Lopez, head of the rowing club. “B.”") and, unless ``right_after``, sentences about
        the speaker ("He did not say more."), but not a sentence whose subject is someone
        else ("“A,” said Smith. Jones disagreed. “B.”") nor another quotation.
        """
        start = previous.end
        gap = self.text[start:quotation.start]
        if "\n" in gap:
            return False
        span = self.parse.char_span(start, quotation.start, alignment_mode="contract")
        tokens = [t for t in span if not t.is_space] if span is not None else []
        if any(t.i in self.quote_of and self.quotations[self.quote_of[t.i]].start >= start
               for t in tokens):
            return False  # another quotation lies between
        if previous.cue is not None and previous.cue[0] >= start:
            # The attribution sentence after the quote is the speaker's own: skip it.
            ends = [k for k, t in enumerate(tokens) if t.text in SENTENCE_END]
            tokens = tokens[ends[0] + 1:] if ends else []
        elif tokens and self.text[:start].rstrip("\"'”’»").rstrip()[-1:] not in SENTENCE_END:
            # So is the rest of the sentence the quote ends in ("called the plan a gamble on ...").
            last = self.parse.char_span(start - 1, start, alignment_mode="expand")
            sentence = last[0].sent.start if last is not None else -1
            skip = 0
            while skip < len(tokens) and tokens[skip].sent.start == sentence:
                skip += 1
                if tokens[skip - 1].text in SENTENCE_END:
                    break
            tokens = tokens[skip:]
        if right_after:
            return all(t.is_punct for t in tokens)
        # Sentences between may be about the speaker ("He did not elaborate."), not about
        # anyone or anything else ("Jones disagreed.", "Prices fell.").
        named = self.speaker_words(drafts, previous)
        return all(t.lower_ in SUBJECT_PRONOUNS or t.lower_ in named for t in tokens
                   if t.dep_ in ("nsubj", "nsubjpass", "expl"))

    def speaker_words(self, drafts: tuple[_Draft, ...], draft: _Draft) -> set[str]:
        """Return the lower-case words naming a draft's speaker, through inherited speakers."""
        while draft.inherit is not None:
            draft = drafts[draft.inherit]
        if draft.speaker is not None:
            head = antecedent(draft.speaker) or draft.speaker
            return {t.lower_ for t in head.subtree}
        if draft.speaker_chars is not None:
            return set(self.text[slice(*draft.speaker_chars)].lower().split())
        return set()


# --- the passes: each takes what was found so far and returns it with what it finds --------


def _labels(article: _Article, found: _Found) -> _Found:
    """Quote transcript turns and "Name: ..." lines as their speaker's words."""
    for label in labels(article.view, article.doc.entities):
        found = found.adding(_Draft(
            "direct" if label.quoted else "indirect", (label.content,),
            (label.colon, label.colon + 1), speaker_chars=label.speaker,
            confidence=quote_confidence("transcript_label"),
            marks=(label.line,) if label.quoted else ()), label.quotations)
    return found


def _verb_cues(article: _Article, found: _Found) -> _Found:
    parse, view = article.parse, article.view
    for token in parse:
        if not view.is_cue(token, article.cues) or token.head.lower_ in NON_CUE_HEADS or \
                writers_aside(token):
            continue
        budget.check()  # once a cue: each reads its clause
        content = article.own_content(token, clause_content(token))
        if not any(not parse[i].is_punct for i in content):
            continue
        made = article.from_clause(content, quote_confidence("reported_clause"), found.claimed)
        if made is None:
            continue
        draft, claimed = made
        speaker = speaker_of(token)
        channel = channel_of(token, content)
        draft = replace(draft, cue=view.cue_chars(token), cue_token=token, speaker=speaker,
                        channel=view.chars(channel) if channel else None)
        if speaker is None:
            draft = replace(draft,
                            confidence=draft.confidence - quote_confidence("no_speaker_penalty"))
        found = found.adding(draft, claimed)
    return found


def _according(article: _Article, found: _Found) -> _Found:
    """Quote the clause "according to X" or "in the poll" qualifies, as X's or the poll's."""
    parse = article.parse
    for token in parse:
        if token.i in article.quote_of:
            continue
        if token.lower_ == "according" and token.i + 1 < len(parse) and \
                parse[token.i + 1].lower_ == "to":
            content, source = according_content(token)
            cue = (token.idx, parse[token.i + 1].idx + 2)
        elif token.lower_ == "in":
            content, source = poll_content(token)
            cue = (token.idx, token.idx + len(token))
        else:
            continue
        content = article.own_content(token, content)
        if not any(not parse[i].is_punct for i in content):
            continue
        made = article.from_clause(content, quote_confidence("according_to"), found.claimed)
        if made is None:
            continue
        draft, claimed = made
        draft = replace(draft, cue=cue, speaker=source)
        found = found.adding(draft, claimed)
    return found


def _quotations(article: _Article, found: _Found) -> _Found:
    """Attribute the quotations that no clause claimed, by a cue beside them or the quote before."""
    view = article.view
    for index, quotation in enumerate(article.quotations):
        if index in found.claimed:
            continue
        found = found.claiming((index,))
        signed = signature(view, quotation)
        if signed is not None:
            signed_cue, speaker_chars = signed
            found = found.adding(replace(article.direct([quotation], quote_confidence("signed")),
                                         cue=signed_cue, speaker_chars=speaker_chars))
            continue
        cue = cue_after(view, quotation, article.beside) or \
            cue_before(view, quotation, article.beside)
        partial = False
        if cue is None:
            cue = cue_governing(view, quotation, article.say)
            partial = cue is not None and view.is_fragment(quotation)
        if cue is not None:
            same = next((k for k, d in enumerate(found.drafts)
                         if d.cue_token is not None and d.cue_token.i == cue.i), None)
            if same is not None:
                kept = found.drafts[same]
                kept = kept.with_quotation(article.direct([quotation], 0), quotation)
                if kept.kind == "indirect":
                    kept = replace(kept, kind="mixed")
                found = found.replacing(same, kept)
                continue
            channel = channel_of(cue, set())
            found = found.adding(replace(
                article.direct([quotation], quote_confidence("cue_beside")),
                kind="partial" if partial else "direct", cue=view.cue_chars(cue), cue_token=cue,
                speaker=speaker_of(cue) or inverted_subject(view, cue),
                channel=view.chars(channel) if channel else None))
            continue
        found = _continuation(article, found, quotation)
    return found


def _continuation(article: _Article, found: _Found, quotation: Quotation) -> _Found:
    """Attach a quotation with no cue of its own to the quote before it, if news style does."""
    view, drafts = article.view, found.drafts
    if is_title_case(article.text[quotation.inner_start:quotation.inner_end]):
        return found  # a headline or a title quoted on its own ("'Legend in the Coal Fields.'")
    line = view.line(quotation.start)
    # The speaker's next sentence goes on an attributed quote before it in the paragraph.
    before = sorted((k for k, d in enumerate(drafts) if _attributed(d) and
                     d.end <= quotation.start and view.line(d.end) == line),
                    key=lambda k: drafts[k].end, reverse=True)
    # A phrase in quotation marks goes on a quote only right after it ("“A,” she said.
    # “Finally.”"); further on it is a term mentioned ('To "taper" means ...').
    sentence = view.is_statement(quotation)
    direct = next((k for k in before if drafts[k].kind == "direct" and
                   article.goes_on(drafts, drafts[k], quotation, right_after=not sentence)),
                  None)
    if direct is not None:
        # "“A,” she said. “B.”" and "She said: “A.” “B.”": one speaker, two pieces.
        piece = article.direct([quotation], 0)
        return found.replacing(direct, drafts[direct].with_quotation(piece, quotation))
    if before and sentence and \
            article.goes_on(drafts, drafts[before[0]], quotation, right_after=True):
        # "The deal does “not go far enough,” he added. “B.”": B goes on that quote, one
        # attribution in two pieces, as PolNeAR's annotators mostly mark it (a phrase in
        # scare quotes is no one's quote).
        kept = drafts[before[0]].with_quotation(article.direct([quotation], 0), quotation)
        return found.replacing(before[0], replace(
            kept, kind="mixed" if kept.kind == "indirect" else kept.kind))
    # A paragraph that opens with a quote and names no speaker goes on quoting the speaker
    # of the paragraph before it (news style: the speaker is named once).
    opens_line = view.first_visible(line) == quotation.start
    earlier = view.previous_line(line)
    speaking = [k for k, d in enumerate(drafts) if view.line(d.end) == earlier and
                _attributed(d)]
    if article.settings.continue_speakers and opens_line and speaking:
        draft = article.direct([quotation], quote_confidence("paragraph_continuation"))
        return found.adding(replace(draft, inherit=max(speaking, key=lambda k: drafts[k].end)))
    if article.settings.keep_unattributed and view.is_statement(quotation):
        return found.adding(article.direct([quotation],
                                           quote_confidence("unattributed_statement")))
    return found


def _learned(article: _Article, found: _Found) -> _Found:
    """Add the tagger's attributions whose content no rule draft touches, and give a rule
    draft with no speaker the source the tagger reads over its content (learned.py)."""
    rules = [RuleQuote(draft.contents + draft.marks, not _attributed(draft))
             for draft in found.drafts]
    tagged = tag_article(article.view, rules)
    for index, source in tagged.speakers:
        found = found.replacing(index, replace(found.drafts[index], speaker=source))
    for content, cue, speaker in tagged.drafts:
        made = article.from_clause(content, quote_confidence("learned_attribution"),
                                   found.claimed)
        if made is not None:
            draft, claimed = made
            found = found.adding(replace(draft, cue=cue, speaker=speaker), claimed)
    return found


def _cues(article: _Article, found: _Found) -> _Found:
    """Add the classifier's likely cues whose predicate and complement no draft touches."""
    taken = [span for draft in found.drafts for span in draft.contents + draft.marks]
    for cue in cue_drafts(article.view, taken):
        made = article.from_clause(set(cue.content), quote_confidence("learned_cue"),
                                   found.claimed)
        if made is not None:
            draft, claimed = made
            found = found.adding(replace(draft, cue=cue.cue, speaker=cue.speaker), claimed)
    return found


# The order is the meaning: each pass claims the quotations it uses, and later passes leave
# claimed ones alone. Transcript labels first (a labelled turn is its speaker's, whatever cues
# it holds); verb cues before "according to", so that a quotation both clauses hold is the
# verb's; then the quotations no clause claimed, which look for a cue beside them or go on a
# quote before them, so every such quote must exist by then. After the passes, one draft per
# stretch of text (the surest), and speakers linked last, in text order, as a continuation
# takes the speaker of the quote it goes on.
_PASSES: tuple[Callable[[_Article, _Found], _Found], ...] = (
    _labels, _verb_cues, _according, _quotations)


# --- assembling -------------------------------------------------------------------------------


def _dedupe(drafts: tuple[_Draft, ...]) -> tuple[list[int], dict[int, int]]:
    """Keep one quote per stretch of content: the surest, then the longest.

    Return the indexes of the kept drafts in text order, and for each dropped one the index of
    the draft kept instead.
    """
    kept: list[int] = []
    replaced: dict[int, int] = {}
    taken: SpanIndex[tuple[int, int]] = SpanIndex()  # kept contents -> (rank, draft index)
    order = sorted(range(len(drafts)), key=lambda k: (
        -drafts[k].confidence, -sum(b - a for a, b in drafts[k].contents)))
    for index in order:
        draft = drafts[index]
        if not draft.contents:
            continue
        rivals = [r for a, b in draft.contents for r in taken.overlapping(a, b)]
        if rivals:
            # The first kept quote it overlaps wins; a quote going on this one goes on it.
            replaced[index] = min(rivals, key=lambda r: r[0])[1]
            continue
        for a, b in draft.contents:
            taken.add(a, b, (len(kept), index))
        kept.append(index)
    return sorted(kept, key=lambda k: drafts[k].start), replaced


def _finish(article: _Article, drafts: tuple[_Draft, ...], kept: list[int],
            replaced: dict[int, int]) -> list[Quote]:
    doc, view, text = article.doc, article.view, article.text
    quotes: list[Quote] = []
    speakers: dict[int, tuple[Ref | None, str | None]] = {}
    linker = SpeakerLinker(doc, view)
    for index in kept:
        draft = drafts[index]
        channel = draft.channel
        confidence = draft.confidence
        written: tuple[int, int] | None = None  # the speaker as written, descriptor included
        if draft.inherit is not None:
            source = draft.inherit
            while source in replaced:
                source = replaced[source]
            ref, descriptor = speakers.get(source, (None, None))
        elif draft.speaker is not None:
            ref, descriptor, medium, written = linker.link(draft.speaker)
            channel = channel or medium
            if descriptor and ref.entity_id is None and not is_source_noun(draft.speaker):
                # "the plan said": a speaker that is no source
                confidence -= quote_confidence("not_a_source_penalty")
        elif draft.speaker_chars is not None:
            ref, descriptor = ref_for(doc, *draft.speaker_chars), None
        else:
            ref, descriptor = None, None
        speakers[index] = (ref, descriptor)
        own = [r for r in (draft.cue, channel, written) if r is not None]
        if ref is not None and draft.inherit is None:
            own.append((ref.start, ref.end))
        spans = list(draft.contents + draft.marks) + own
        start = min(a for a, _ in spans)
        end = max(b for _, b in spans)
        if ref is None:
            confidence = min(confidence, quote_confidence("unlinked_speaker_cap"))
        quotes.append(Quote(
            start, end, text[start:end], kind=draft.kind,
            contents=tuple(view.span(a, b) for a, b in sorted(draft.contents)),
            cue=view.span(*draft.cue) if draft.cue else None, speaker=ref,
            speaker_descriptor=descriptor,
            channel=view.span(*channel) if channel else None,
            confidence=round(max(quote_confidence("floor"),
                                 min(confidence, quote_confidence("ceiling"))), 2)))
    return quotes


__all__ = ["QUOTE_MARKS", "Quotes"]
