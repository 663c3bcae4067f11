"""Find reported speech, direct and indirect, and attribute each quote to a speaker.

Quotation marks are paired first (``marks``, ``view``), then the dependency parse is read
around each cue (``content``, ``speakers``) and beside each quotation (``beside``):

- a verb of saying with a clausal complement gives an indirect quote ("said the relocation was
  temporary"), a mixed one when the clause holds quoted words ("there was “no disagreement”"),
  or a direct one when the clause is the quotation itself;
- "according to X" qualifies the clause it sits in;
- a quotation not reached that way finds its cue beside it ("“...,” the alliance said",
  "He said: “...”", "― Name"), or continues the quote before it (the speaker named once);
- transcript turns ("PENCE: Well, ...") and "Name: ..." headlines are quotes of that name.

Speakers are linked to entities through ``lookup.ref_for``; an unnamed source keeps its noun
phrase as a descriptor, and "the source" is resolved to the unnamed source named before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from dateline.records import Doc, Quote, QuoteKind, Ref
from dateline.registry import stage
from dateline.resources.cues import (
    DIRECT_ONLY_VERBS,
    PREPOSITION_FORMS,
    SAY_VERBS,
    SOURCE_NOUNS,
    verb_forms,
)
from dateline.resources.people import OFFICES
from dateline.stages.lookup import entity_by_id, ref_for
from dateline.stages.quotes.beside import (
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
    ranges,
)
from dateline.stages.quotes.marks import Quotation, is_title_case
from dateline.stages.quotes.speakers import (
    antecedent,
    channel_of,
    medium_source,
    name_bounds,
    phrase_bounds,
    subject_of,
)
from dateline.stages.quotes.view import ArticleView

# Share of a cue's clause that must lie inside quotation marks for the quote to count as direct.
_DIRECT_SHARE = 0.8
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NON_CUE_HEADS = frozenset({"let", "needless"})
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
_TITLE_GENDER = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}


_FRAME_DEPS = frozenset({"prep", "advcl", "npadvmod"})


def _without_frame(parse: Any, content: set[int]) -> set[int]:
    """Drop an opening phrase set off by a comma ("Following the relocation, ...").

    Such a phrase frames the report and may be the writer's words rather than the speaker's.
    (PolNeAR's annotators mostly keep it in the content: on its dev set leaving it out costs
    about 0.002 of exact-match F1 and nothing of overlap F1.)
    """
    if not content:
        return content
    first = parse[min(content)]
    phrase = first
    # Climb to the phrase the first word opens: a modifier of the reported clause's verb.
    while phrase.dep_ not in _FRAME_DEPS and phrase.head.i in content and phrase.head.i != phrase.i:
        phrase = phrase.head
    if phrase.dep_ not in _FRAME_DEPS or phrase.head.pos_ not in ("VERB", "AUX") or \
            phrase.left_edge.i != first.i:
        return content
    comma = phrase.right_edge.i + 1
    if comma in content and parse[comma].text == "," and any(i > comma + 1 for i in content):
        return content - set(range(first.i, comma + 1))
    return content


def _is_source_noun(head: Any) -> bool:
    """Return True when a speaker's head noun names a source ("official", "spokesman")."""
    word = head.lower_
    return word in SOURCE_NOUNS or word in OFFICES or word.rstrip("s") in OFFICES


@lru_cache(maxsize=8)
def _forms(lemmas: frozenset[str]) -> frozenset[str]:
    return verb_forms(lemmas)


@dataclass
class _Draft:
    """A quote being built (mutable inside one stage call only)."""

    kind: QuoteKind
    contents: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_token: Any | None = None
    speaker: Any | None = None  # head token of the speaker phrase
    speaker_chars: tuple[int, int] | None = None  # a speaker without a parse head (labels)
    inherit: _Draft | None = None  # a continuation takes this quote's speaker
    channel: tuple[int, int] | None = None
    confidence: float = 0.5
    marks: list[tuple[int, int]] = field(default_factory=list)  # extent of the quotation marks

    @property
    def start(self) -> int:
        return min(a for a, _ in self.contents + self.marks)


@stage("quotes", requires=("parse", "entities"), produces=("quotes",),
       components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Quotes:
    """Find quotations, direct and reported, and attribute each to a speaker."""

    cue_verbs: frozenset[str] = SAY_VERBS
    direct_cue_verbs: frozenset[str] = DIRECT_ONLY_VERBS
    # Give a cue-less quotation that opens the paragraph after a quote that quote's speaker.
    continue_speakers: bool = True
    # Keep a long quotation that nothing attributes, with no speaker.
    keep_unattributed: bool = True

    def __call__(self, doc: Doc) -> Doc:
        if doc.parse is None or not doc.article.text.strip():
            return replace(doc, quotes=())
        return replace(doc, quotes=tuple(_Finder(self, doc).run()))


class _Finder:
    """Everything one stage call needs about one article."""

    def __init__(self, settings: Quotes, doc: Doc) -> None:
        self.settings = settings
        self.doc = doc
        self.view = view = ArticleView(doc.article.text, doc.parse)
        self.parse = view.parse
        self.text = view.text
        self.quotations = view.quotations
        self.quote_of = view.quote_of
        self.say = _forms(frozenset(settings.cue_verbs))
        # Verbs that report speech only through a preposition ("spoke of", "called for").
        self.cues = self.say | frozenset(PREPOSITION_FORMS)
        self.beside = self.say | _forms(frozenset(settings.direct_cue_verbs))
        self.claimed: set[int] = set()
        self.drafts: list[_Draft] = []

    def run(self) -> list[Quote]:
        self._labels()
        self._verb_cues()
        self._according()
        self._quotations()
        kept = self._dedupe()
        return self._finish(kept)

    # --- cues read from the parse ------------------------------------------------------------

    def _verb_cues(self) -> None:
        for token in self.parse:
            if not self.view.is_cue(token, self.cues) or token.head.lower_ in _NON_CUE_HEADS:
                continue
            content = self._own_content(token, clause_content(token))
            if not any(not self.parse[i].is_punct for i in content):
                continue
            draft = self._from_clause(content, confidence=0.75)
            if draft is None:
                continue
            draft.cue, draft.cue_token = self.view.cue_chars(token), token
            draft.speaker = subject_of(token)
            channel = channel_of(token, content)
            draft.channel = self.view.chars(channel) if channel else None
            if draft.speaker is None:
                draft.confidence -= 0.2
            self.drafts.append(draft)

    def _own_content(self, cue: Any, content: set[int]) -> set[int]:
        """Keep the content in the cue's paragraph, leaving out what a coordinated cue reports.

        "Merrill says Machado promised X and said Y": "said Y" is a quote of its own.
        """
        line = self.view.line(cue.idx)
        body = self.doc.article.body_start  # a printed dateline ("WASHINGTON —") is no content
        out = {i for i in content if not self.parse[i].is_space and self.parse[i].idx >= body
               and self.view.line(self.parse[i].idx) == line} - {cue.i}
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

    def _according(self) -> None:
        for token in self.parse:
            if token.lower_ != "according" or token.i in self.quote_of or \
                    token.i + 1 >= len(self.parse) or self.parse[token.i + 1].lower_ != "to":
                continue
            content, source = according_content(token)
            content = self._own_content(token, content)
            if not any(not self.parse[i].is_punct for i in content):
                continue
            draft = self._from_clause(content, confidence=0.8)
            if draft is None:
                continue
            draft.cue = (token.idx, self.parse[token.i + 1].idx + 2)
            draft.speaker = source
            self.drafts.append(draft)

    def _from_clause(self, content: set[int], confidence: float) -> _Draft | None:
        """Make a draft from a cue's clause: direct when it is quoted, else indirect or mixed."""
        words = [i for i in content if not self.parse[i].is_punct]
        quoted = [i for i in words if i in self.quote_of]
        ids = sorted({self.quote_of[i] for i in quoted})
        if words and len(quoted) >= _DIRECT_SHARE * len(words):
            fresh = [i for i in ids if i not in self.claimed]
            if not fresh:
                return None
            self.claimed.update(fresh)
            draft = self._direct([self.quotations[i] for i in fresh], confidence + 0.15)
            if all(self.view.is_fragment(self.quotations[i]) for i in fresh):
                draft.kind = "partial"  # "warned of “catastrophic consequences”"
            return draft
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
        self.claimed.update(inside)
        return _Draft("mixed" if inside else "indirect", spans, None, confidence=confidence)

    def _direct(self, quotations: list[Quotation], confidence: float) -> _Draft:
        contents = [self.view.trim_piece(a, b) for q in quotations for a, b in q.pieces]
        marks = [(q.start, q.end) for q in quotations]
        return _Draft("direct", [c for c in contents if c[0] < c[1]], None,
                      confidence=confidence, marks=marks)

    # --- quotations that no clause claimed ------------------------------------------------

    def _quotations(self) -> None:
        for index, quotation in enumerate(self.quotations):
            if index in self.claimed:
                continue
            self.claimed.add(index)
            signed = signature(self.view, quotation)
            if signed is not None:
                draft = self._direct([quotation], 0.8)
                draft.cue, draft.speaker_chars = signed
                self.drafts.append(draft)
                continue
            cue = cue_after(self.view, quotation, self.beside) or \
                cue_before(self.view, quotation, self.beside)
            partial = False
            if cue is None:
                cue = cue_governing(self.view, quotation, self.say)
                partial = cue is not None and self.view.is_fragment(quotation)
            if cue is not None:
                same = next((d for d in self.drafts
                             if d.cue_token is not None and d.cue_token.i == cue.i), None)
                if same is not None:
                    same.contents.extend(self._direct([quotation], 0).contents)
                    same.marks.append((quotation.start, quotation.end))
                    if same.kind == "indirect":
                        same.kind = "mixed"
                    continue
                draft = self._direct([quotation], 0.85)
                draft.kind = "partial" if partial else "direct"
                draft.cue, draft.cue_token = self.view.cue_chars(cue), cue
                draft.speaker = subject_of(cue) or inverted_subject(self.view, cue)
                channel = channel_of(cue, set())
                draft.channel = self.view.chars(channel) if channel else None
                self.drafts.append(draft)
                continue
            self._continuation(quotation)

    def _continuation(self, quotation: Quotation) -> None:
        """Attach a quotation with no cue of its own to the quote before it, if news style does."""
        if is_title_case(self.text[quotation.inner_start:quotation.inner_end]):
            return  # a headline or a title quoted on its own ("'Legend in the Coal Fields.'")
        before = [d for d in self.drafts if d.kind == "direct" and d.marks and
                  max(e for _, e in d.marks) <= quotation.start]
        previous = max(before, key=lambda d: max(e for _, e in d.marks), default=None)
        line = self.view.line(quotation.start)
        if previous is not None:
            last_end = max(e for _, e in previous.marks)
            gap = self.text[last_end:quotation.start]
            if self.view.line(last_end) == line and previous.cue is not None and \
                    previous.cue[0] >= previous.start and "\n" not in gap:
                # "“A,” she said. “B.”": one speaker, two pieces.
                previous.contents.extend(self._direct([quotation], 0).contents)
                previous.marks.append((quotation.start, quotation.end))
                return
        # A paragraph that opens with a quote and names no speaker goes on quoting the speaker
        # of the paragraph before it (news style: the speaker is named once).
        opens_line = self.view.first_visible(line) == quotation.start
        earlier = self.view.previous_line(line)
        speaking = [d for d in self.drafts if self.view.line(self._end(d)) == earlier and
                    (d.speaker is not None or d.speaker_chars is not None or d.inherit is not None)]
        if self.settings.continue_speakers and opens_line and speaking:
            draft = self._direct([quotation], 0.55)
            draft.inherit = max(speaking, key=self._end)
            self.drafts.append(draft)
            return
        if self.settings.keep_unattributed and self.view.is_statement(quotation):
            self.drafts.append(self._direct([quotation], 0.3))

    def _labels(self) -> None:
        """Quote transcript turns and "Name: ..." lines as their speaker's words."""
        for label in labels(self.view, self.doc.entities):
            self.claimed.update(label.quotations)
            self.drafts.append(_Draft(
                "direct" if label.quoted else "indirect", [label.content],
                (label.colon, label.colon + 1), speaker_chars=label.speaker, confidence=0.7,
                marks=[label.line] if label.quoted else []))

    # --- assembling ---------------------------------------------------------------------------

    def _dedupe(self) -> list[_Draft]:
        """Keep one quote per stretch of content: the surest, then the longest."""
        kept: list[_Draft] = []
        order = sorted(self.drafts, key=lambda d: (-d.confidence,
                                                   -sum(b - a for a, b in d.contents)))
        for draft in order:
            if not draft.contents:
                continue
            if any(a < d_end and d_start < b for d in kept for a, b in draft.contents
                   for d_start, d_end in d.contents):
                continue
            kept.append(draft)
        return sorted(kept, key=lambda d: d.start)

    def _finish(self, drafts: list[_Draft]) -> list[Quote]:
        quotes: list[Quote] = []
        speakers: dict[int, tuple[Ref | None, str | None]] = {}
        prior: list[tuple[str, Ref, str | None]] = []
        for draft in drafts:
            channel = draft.channel
            confidence = draft.confidence
            if draft.inherit is not None:
                ref, descriptor = speakers.get(id(draft.inherit), (None, None))
            elif draft.speaker is not None:
                ref, descriptor, medium = self._speaker(draft.speaker, prior)
                channel = channel or medium
                if descriptor and ref.entity_id is None and not _is_source_noun(draft.speaker):
                    confidence -= 0.15  # "the plan said": a speaker that is no source
            elif draft.speaker_chars is not None:
                ref, descriptor = ref_for(self.doc, *draft.speaker_chars), None
            else:
                ref, descriptor = None, None
            speakers[id(draft)] = (ref, descriptor)
            own = [r for r in (draft.cue, channel) if r is not None]
            if ref is not None and draft.inherit is None:
                own.append((ref.start, ref.end))
            start = min(a for a, _ in draft.contents + draft.marks + own)
            end = max(b for _, b in draft.contents + draft.marks + own)
            confidence = confidence if ref is not None else min(confidence, 0.4)
            quotes.append(Quote(
                start, end, self.text[start:end], kind=draft.kind,
                contents=tuple(self.view.span(a, b) for a, b in sorted(draft.contents)),
                cue=self.view.span(*draft.cue) if draft.cue else None, speaker=ref,
                speaker_descriptor=descriptor,
                channel=self.view.span(*channel) if channel else None,
                confidence=round(max(0.05, min(confidence, 0.95)), 2)))
        return quotes

    def _speaker(self, head: Any, prior: list[tuple[str, Ref, str | None]]
                 ) -> tuple[Ref, str | None, tuple[int, int] | None]:
        """Return the speaker's Ref and descriptor, and a channel read from it ("a statement from X")."""
        medium: tuple[int, int] | None = None
        if (sender := medium_source(head)) is not None:
            medium = self.view.chars(phrase_bounds(head))
            head = sender
        # The span is the speaker as written ("who", "He"); what it stands for is resolved.
        start, end = self.view.chars(phrase_bounds(head))
        named = antecedent(head) or head
        phrase = " ".join(self.text[slice(*self.view.chars(phrase_bounds(named)))].split())
        found = ref_for(self.doc, *self.view.chars(name_bounds(named)))
        entity_id, name = found.entity_id, found.name
        descriptor = None
        if named.pos_ not in ("PROPN", "PRON") and not named.ent_type_:
            descriptor = phrase
            definite = any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                           for c in named.children)
            if entity_id is None and definite:
                # "the source" is the unnamed source named before it.
                stem = named.lower_.rstrip("s")
                for word, earlier, earlier_descriptor in reversed(prior):
                    if word == stem:
                        entity_id = earlier.entity_id
                        name = earlier.name or earlier_descriptor
                        break
        if name is None and named.i != head.i:
            name = phrase  # "an aide, who said": who is the aide
        if entity_id is None and named.lower_ in _PERSONAL_PRONOUNS:
            entity_id, name = self._last_quoted_person(prior, named.lower_, start) or (None, None)
        ref = Ref(start, end, self.text[start:end], entity_id=entity_id, name=name)
        prior.append((named.lower_.rstrip("s"), ref, descriptor))
        return ref, descriptor, medium

    def _last_quoted_person(self, prior: list[tuple[str, Ref, str | None]], pronoun: str,
                            offset: int) -> tuple[str, str | None] | None:
        """Return the person quoted just before, for a "he said" the entity layer left unlinked.

        News copy names a speaker once and goes on with "he" or "she". The quote just before
        must be by a person, in this paragraph or the two before it, with no other person named
        since, and not known by the other pronoun or title.
        """
        if not prior:
            return None
        lines = {self.view.line(offset)}
        for _ in range(2):
            lines.add(self.view.previous_line(min(lines)))
        ref = prior[-1][1]
        entity = entity_by_id(self.doc, ref.entity_id)
        if entity is None or entity.label != "PERSON" or self.view.line(ref.start) not in lines:
            return None
        # Another person named in between may be the one meant.
        if any(e.label == "PERSON" and e.id != entity.id and ref.end <= m.start < offset
               for e in self.doc.entities for m in e.mentions):
            return None
        gender = _GENDER[pronoun]
        known = {_GENDER.get(m.text.lower()) for m in entity.mentions if m.kind == "pronoun"}
        known |= {_TITLE_GENDER.get(r.text.lower().rstrip(".")) for r in entity.roles
                  if r.kind == "title"}
        return None if known - {None, gender} else (entity.id, entity.name)

    # --- small helpers ----------------------------------------------------------------------

    @staticmethod
    def _end(draft: _Draft) -> int:
        return max(b for _, b in draft.contents + draft.marks)


__all__ = ["QUOTE_MARKS", "Quotes"]
