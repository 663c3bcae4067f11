"""Find reported speech, direct and indirect, and attribute each quote to a speaker.

Quotation marks are paired first (``marks``), then the dependency parse is read around each cue
(``content``, ``speakers``):

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

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from dateline.records import Doc, Quote, QuoteKind, Ref, Span
from dateline.registry import stage
from dateline.resources.cues import (
    DIRECT_ONLY_VERBS,
    MEDIUM_NOUNS,
    PREPOSITION_FORMS,
    SAY_VERBS,
    verb_forms,
)
from dateline.stages.lookup import ref_for
from dateline.stages.quotes.content import (
    QUOTE_MARKS,
    according_content,
    balance_marks,
    clause_content,
    ranges,
)
from dateline.stages.quotes.marks import (
    TRANSCRIPT_LABEL,
    Quotation,
    find_quotations,
    is_title_case,
    is_title_or_nickname,
)
from dateline.stages.quotes.speakers import (
    antecedent,
    channel_of,
    medium_source,
    name_bounds,
    phrase_bounds,
    subject_of,
)

# Share of a cue's clause that must lie inside quotation marks for the quote to count as direct.
_DIRECT_SHARE = 0.8
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_SENTENCE_END = frozenset({".", "!", "?"})
_DASHES = "―—–"
# Capitalised labels that open a paragraph without naming a speaker ("UPDATE: ...").
_NOT_SPEAKERS = frozenset("""
update note editor's editor’s watch read related correction photo photos video breaking
exclusive advertisement click subscribe source sources via credit caption warning disclaimer
transcript q a
""".split())
_NON_CUE_HEADS = frozenset({"let", "needless"})


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
        self.parse = doc.parse
        self.text = doc.article.text
        self.say = _forms(frozenset(settings.cue_verbs))
        # Verbs that report speech only through a preposition ("spoke of", "called for").
        self.cues = self.say | frozenset(PREPOSITION_FORMS)
        self.beside = self.say | _forms(frozenset(settings.direct_cue_verbs))
        self.quotations = [q for q in find_quotations(self.text)
                           if not is_title_or_nickname(q, self.text, self.parse)]
        self.quote_of: dict[int, int] = {}
        for index, quotation in enumerate(self.quotations):
            span = self.parse.char_span(quotation.start, quotation.end, alignment_mode="expand")
            for token in span if span is not None else ():
                self.quote_of[token.i] = index
        self.claimed: set[int] = set()
        self.drafts: list[_Draft] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

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
            if not self._is_cue(token, self.cues) or token.head.lower_ in _NON_CUE_HEADS:
                continue
            content = self._own_content(token, clause_content(token))
            if not any(not self.parse[i].is_punct for i in content):
                continue
            draft = self._from_clause(content, confidence=0.75)
            if draft is None:
                continue
            draft.cue, draft.cue_token = self._cue_chars(token), token
            draft.speaker = subject_of(token)
            channel = channel_of(token, content)
            draft.channel = self._chars(channel) if channel else None
            if draft.speaker is None:
                draft.confidence -= 0.2
            self.drafts.append(draft)

    def _own_content(self, cue: Any, content: set[int]) -> set[int]:
        """Keep the content in the cue's paragraph, leaving out what a coordinated cue reports.

        "Merrill says Machado promised X and said Y": "said Y" is a quote of its own.
        """
        line = self._line(cue.idx)
        out = {i for i in content if not self.parse[i].is_space and
               self._line(self.parse[i].idx) == line} - {cue.i}
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
            if all(self._is_fragment(self.quotations[i]) for i in fresh):
                draft.kind = "partial"  # "warned of “catastrophic consequences”"
            return draft
        spans = []
        for start, end in ranges(self.parse, content):
            a, b = self._chars((start, end))
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
        contents = [self._trim_piece(a, b) for q in quotations for a, b in q.pieces]
        marks = [(q.start, q.end) for q in quotations]
        return _Draft("direct", [c for c in contents if c[0] < c[1]], None,
                      confidence=confidence, marks=marks)

    # --- quotations that no clause claimed ------------------------------------------------

    def _quotations(self) -> None:
        for index, quotation in enumerate(self.quotations):
            if index in self.claimed:
                continue
            self.claimed.add(index)
            if self._dash_attribution(quotation):
                continue
            cue = self._cue_after(quotation) or self._cue_before(quotation)
            partial = False
            if cue is None:
                cue = self._cue_governing(quotation)
                partial = cue is not None and self._is_fragment(quotation)
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
                draft.cue, draft.cue_token = self._cue_chars(cue), cue
                draft.speaker = subject_of(cue) or self._inverted_subject(cue)
                channel = channel_of(cue, set())
                draft.channel = self._chars(channel) if channel else None
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
        line = self._line(quotation.start)
        if previous is not None:
            last_end = max(e for _, e in previous.marks)
            gap = self.text[last_end:quotation.start]
            if self._line(last_end) == line and previous.cue is not None and \
                    previous.cue[0] >= previous.start and "\n" not in gap:
                # "“A,” she said. “B.”": one speaker, two pieces.
                previous.contents.extend(self._direct([quotation], 0).contents)
                previous.marks.append((quotation.start, quotation.end))
                return
        # A paragraph that opens with a quote and names no speaker goes on quoting the speaker
        # of the paragraph before it (news style: the speaker is named once).
        opens_line = self._first_visible(line) == quotation.start
        earlier = self._previous_line(line)
        speaking = [d for d in self.drafts if self._line(self._end(d)) == earlier and
                    (d.speaker is not None or d.speaker_chars is not None or d.inherit is not None)]
        if self.settings.continue_speakers and opens_line and speaking:
            draft = self._direct([quotation], 0.55)
            draft.inherit = max(speaking, key=self._end)
            self.drafts.append(draft)
            return
        if self.settings.keep_unattributed and self._is_statement(quotation):
            self.drafts.append(self._direct([quotation], 0.3))

    def _dash_attribution(self, quotation: Quotation) -> bool:
        """Handle a quotation signed with a dash and a name ("“...” ― Jane Doe")."""
        line_end = self.text.find("\n", quotation.end)
        line_end = len(self.text) if line_end < 0 else line_end
        tail = self.text[quotation.end:line_end]
        match = re.match(r"[\s\u00a0]*([" + _DASHES + r"])[\s\u00a0]*(\S.{0,60}?)[\s\u00a0.]*$", tail)
        if match is None or not match.group(2)[:1].isupper() or len(match.group(2).split()) > 6:
            return False
        draft = self._direct([quotation], 0.8)
        dash = quotation.end + match.start(1)
        draft.cue = (dash, dash + 1)
        name_start = quotation.end + match.start(2)
        draft.speaker_chars = (name_start, name_start + len(match.group(2)))
        self.drafts.append(draft)
        return True

    def _cue_after(self, quotation: Quotation) -> Any | None:
        """Return the cue right after a quotation ("“...,” the alliance said")."""
        span = self.parse.char_span(quotation.end, min(len(self.text), quotation.end + 80),
                                    alignment_mode="contract")
        if span is None:
            return None
        seen = 0
        for token in span:
            if token.is_space or token.text in (",", "—", "–", "-"):
                if "\n" in token.text:
                    return None
                continue
            if token.i in self.quote_of or token.text in _SENTENCE_END or seen >= 6:
                return None
            if self._is_cue(token, self.beside):
                return token
            seen += 1
        return None

    def _cue_before(self, quotation: Quotation) -> Any | None:
        """Return the cue just before a quotation ("He said: “...”", or a paragraph ending in ':')."""
        span = self.parse.char_span(max(0, quotation.start - 200), quotation.start,
                                    alignment_mode="contract")
        tokens = [t for t in span if not t.is_space] if span is not None else []
        if not tokens:
            return None
        line = self._line(quotation.start)
        same_line = [t for t in tokens if self._line(t.idx) == line]
        if same_line:
            if same_line[-1].text not in (",", ":") and not self._is_cue(same_line[-1], self.beside):
                return None
            window = same_line[-9:]
        elif tokens[-1].text == ":":
            # The quotation opens a paragraph after one ending in a colon ("Caddell continued:").
            window = [t for t in tokens if self._line(t.idx) == self._line(tokens[-1].idx)][-12:]
        else:
            return None
        for token in reversed(window):
            if token.i in self.quote_of or (token.text in _SENTENCE_END and token.i != window[-1].i):
                return None
            if self._is_cue(token, self.beside):
                return token
        return None

    def _cue_governing(self, quotation: Quotation) -> Any | None:
        """Return a cue the quoted words depend on ("called the plan “a disaster”")."""
        span = self.parse.char_span(quotation.inner_start, quotation.inner_end,
                                    alignment_mode="expand")
        if span is None or len(quotation.pieces) > 1:
            return None
        token = span.root
        line = self._line(quotation.start)
        for _ in range(4):
            if token.head.i == token.i:
                return None
            token = token.head
            if self._line(token.idx) != line:
                return None
            if token.i in self.quote_of:
                continue
            if self._is_cue(token, self.say) and subject_of(token):
                return token
        return None

    def _inverted_subject(self, cue: Any) -> Any | None:
        """Find the speaker after an inverted cue when the parse gave it no subject."""
        for token in self.parse[cue.i + 1:min(len(self.parse), cue.i + 8)]:
            if token.text in _SENTENCE_END or token.i in self.quote_of:
                return None
            if token.pos_ in ("PROPN", "NOUN", "PRON"):
                while token.dep_ in ("compound", "flat") and token.head.i > token.i:
                    token = token.head
                return token
        return None

    # --- labels: transcripts and "Name: ..." lines ------------------------------------------

    def _labels(self) -> None:
        for line_start, line_end in self._lines():
            first = self._first_visible_in(line_start, line_end)
            match = TRANSCRIPT_LABEL.match(self.text, first)
            label: tuple[int, int] | None = None
            if match and match.group(1).strip().lower() not in _NOT_SPEAKERS:
                label = match.span(1)
            else:
                label = self._name_label(first, line_end)
            if label is None:
                continue
            colon = self.text.index(":", label[1])
            a, b = balance_marks(self.text, colon + 1, line_end)
            if len(self.text[a:b].split()) < 3:
                continue
            inside = [i for i, q in enumerate(self.quotations)
                      if q.start < line_end and q.end > line_start]
            self.claimed.update(inside)
            quoted = any(self.quotations[i].inner_start <= a and b <= self.quotations[i].inner_end
                         for i in inside)
            self.drafts.append(_Draft("direct" if quoted else "indirect", [(a, b)], (colon, colon + 1),
                                      speaker_chars=label, confidence=0.7,
                                      marks=[(first, line_end)] if quoted else []))

    def _name_label(self, first: int, line_end: int) -> tuple[int, int] | None:
        """Return the span of a person or organisation name opening a line before a colon."""
        colon = self.text.find(":", first, min(line_end, first + 60))
        if colon < 0:
            return None
        span = self.parse.char_span(first, colon, alignment_mode="contract")
        if span is None or not 1 <= len(span) <= 4 or not all(t.pos_ == "PROPN" for t in span):
            return None
        if not any(e.label_ in ("PERSON", "ORG") for e in span.ents) and \
                not any(m.label in ("PERSON", "ORG") or e.label in ("PERSON", "ORG")
                        for e in self.doc.entities for m in e.mentions
                        if m.start <= span.start_char and span.end_char <= m.end):
            return None
        return span.start_char, span.end_char

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
            if draft.inherit is not None:
                ref, descriptor = speakers.get(id(draft.inherit), (None, None))
            elif draft.speaker is not None:
                ref, descriptor, medium = self._speaker(draft.speaker, prior)
                channel = channel or medium
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
            confidence = draft.confidence if ref is not None else min(draft.confidence, 0.4)
            quotes.append(Quote(
                start, end, self.text[start:end], kind=draft.kind,
                contents=tuple(self._span(a, b) for a, b in sorted(draft.contents)),
                cue=self._span(*draft.cue) if draft.cue else None, speaker=ref,
                speaker_descriptor=descriptor,
                channel=self._span(*channel) if channel else None,
                confidence=round(max(0.05, min(confidence, 0.95)), 2)))
        return quotes

    def _speaker(self, head: Any, prior: list[tuple[str, Ref, str | None]]
                 ) -> tuple[Ref, str | None, tuple[int, int] | None]:
        """Return the speaker's Ref and descriptor, and a channel read from it ("a statement from X")."""
        medium: tuple[int, int] | None = None
        if head.lower_ in MEDIUM_NOUNS and (sender := medium_source(head)) is not None:
            medium = self._chars(phrase_bounds(head))
            head = sender
        # The span is the speaker as written ("who", "He"); what it stands for is resolved.
        start, end = self._chars(phrase_bounds(head))
        named = antecedent(head) or head
        phrase = " ".join(self.text[slice(*self._chars(phrase_bounds(named)))].split())
        found = ref_for(self.doc, *self._chars(name_bounds(named)))
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
        ref = Ref(start, end, self.text[start:end], entity_id=entity_id, name=name)
        prior.append((named.lower_.rstrip("s"), ref, descriptor))
        return ref, descriptor, medium

    # --- small helpers ----------------------------------------------------------------------

    def _is_cue(self, token: Any, forms: frozenset[str]) -> bool:
        """Return True for a verb of saying outside quotes ("so-called" is not one)."""
        if token.lower_ not in forms or not token.tag_.startswith("VB") or token.i in self.quote_of:
            return False
        return not (token.i >= 2 and self.parse[token.i - 1].text == "-" and
                    self.parse[token.i - 2].lower_ == "so")

    def _cue_chars(self, token: Any) -> tuple[int, int]:
        end = token.i + 1
        particles = [c for c in token.rights if c.dep_ == "prt" and c.i == end]
        if particles:
            end += 1
        return self._chars((token.i, end))

    def _chars(self, bounds: tuple[int, int]) -> tuple[int, int]:
        start, end = bounds
        return self.parse[start].idx, self.parse[end - 1].idx + len(self.parse[end - 1].text)

    def _span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def _trim_piece(self, start: int, end: int) -> tuple[int, int]:
        while end > start and (self.text[end - 1] in ", " or self.text[end - 1].isspace()):
            end -= 1
        return start, end

    def _is_fragment(self, quotation: Quotation) -> bool:
        span = self.parse.char_span(quotation.inner_start, quotation.inner_end,
                                    alignment_mode="expand")
        return span is None or not any(t.pos_ in ("VERB", "AUX") for t in span)

    def _is_statement(self, quotation: Quotation) -> bool:
        inner = self.text[quotation.inner_start:quotation.inner_end].rstrip()
        return quotation.words(self.text) >= 6 and inner[-1:] in ".!?,\"”’" and \
            not self._is_fragment(quotation)

    @staticmethod
    def _end(draft: _Draft) -> int:
        return max(b for _, b in draft.contents + draft.marks)

    def _previous_line(self, line: int) -> int:
        """Return the index of the last non-blank line before this one, or -1."""
        line -= 1
        while line >= 0:
            end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
            if self.text[self.line_starts[line]:end].strip():
                return line
            line -= 1
        return -1

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def _lines(self) -> list[tuple[int, int]]:
        ends = [s - 1 for s in self.line_starts[1:]] + [len(self.text)]
        return [(s, e) for s, e in zip(self.line_starts, ends, strict=True)
                if self.text[s:e].strip()]

    def _first_visible(self, line: int) -> int:
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return self._first_visible_in(start, end)

    def _first_visible_in(self, start: int, end: int) -> int:
        while start < end and self.text[start].isspace():
            start += 1
        return start


__all__ = ["QUOTE_MARKS", "Quotes"]
