"""The attribution tagger: SOURCE, CUE and CONTENT spans read off an article's tokens.

A spaCy pipeline (a tok2vec and an ``ner`` component trained by ``make train`` on PolNeAR
train) ships in ``resources/models/attribution`` and is loaded once per process. It runs on a
Doc rebuilt from the parse's own tokens, so its spans fall on the parse's token boundaries and
keep the article's character offsets. Spans are grouped into attributions around their cues:
each content and each source goes to the nearest cue of its paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from dateline.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

LABELS = ("SOURCE", "CUE", "CONTENT")
MODEL_DIR = "attribution"
PIPES = ("tok2vec", "attribution")
MODELS_PACKAGE = "dateline.resources.models"


@dataclass(frozen=True)
class TaggedSpan:
    """One tagged span: token range [start, end) of the parse and its role."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Attribution:
    """A cue with the content and source spans grouped around it (token ranges)."""

    cue: TaggedSpan
    contents: tuple[TaggedSpan, ...]
    source: TaggedSpan | None


@lru_cache(maxsize=1)
def load_tagger() -> Language:
    """Load the shipped tagger once per process."""
    import spacy

    path = resources.files(MODELS_PACKAGE) / MODEL_DIR
    if not (path / "config.cfg").is_file():
        raise ConfigError("No trained attribution tagger in dateline/resources/models. Run "
                          "`make train`, or set learned_attribution = false.")
    return spacy.load(str(path))


def tag(parse: SpacyDoc, keep: Sequence[tuple[int, int]] | None = None) -> list[TaggedSpan]:
    """Return the tagger's spans over the tokens of ``parse``.

    ``keep`` limits the tagging to these token ranges (the sentences no rule has read), which
    are joined into one Doc; spans keep the token indexes of ``parse``, and a span running
    across two ranges is dropped.
    """
    from spacy.tokens import Doc as SpacyDoc

    nlp = load_tagger()
    ranges = [(0, len(parse))] if keep is None else [(a, b) for a, b in keep if a < b]
    if not ranges:
        return []
    where = [i for a, b in ranges for i in range(a, b)]
    doc = SpacyDoc(nlp.vocab, words=[parse[i].text for i in where],
                   spaces=[bool(parse[i].whitespace_) for i in where])
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return [TaggedSpan(where[e.start], where[e.end - 1] + 1, e.label_) for e in doc.ents
            if where[e.end - 1] - where[e.start] == e.end - 1 - e.start]


def group(parse: SpacyDoc, spans: list[TaggedSpan]) -> list[Attribution]:
    """Group content and source spans around the nearest cue of the same paragraph."""
    cues = [s for s in spans if s.label == "CUE"]
    if not cues:
        return []
    paragraph = _paragraphs(parse)
    contents: dict[int, list[TaggedSpan]] = {}
    sources: dict[int, TaggedSpan] = {}
    for span in spans:
        if span.label == "CUE":
            continue
        near = [k for k, c in enumerate(cues) if paragraph[c.start] == paragraph[span.start]]
        if not near:
            continue
        k = min(near, key=lambda k: _distance(cues[k], span))
        if span.label == "CONTENT":
            contents.setdefault(k, []).append(span)
        elif k not in sources or _distance(cues[k], span) < _distance(cues[k], sources[k]):
            sources[k] = span
    return [Attribution(cue, tuple(contents[k]), sources.get(k))
            for k, cue in enumerate(cues) if k in contents]


def _distance(a: TaggedSpan, b: TaggedSpan) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _paragraphs(parse: SpacyDoc) -> list[int]:
    """Return each token's paragraph number (a paragraph ends at a line break)."""
    out = []
    number = 0
    for token in parse:
        out.append(number)
        if "\n" in token.text or "\n" in token.whitespace_:
            number += 1
    return out


def attributions(parse: SpacyDoc,
                 keep: Sequence[tuple[int, int]] | None = None) -> list[Attribution]:
    """Return the attributions the tagger finds in a parsed article (within ``keep``)."""
    if not len(parse):
        return []
    return group(parse, tag(parse, keep))
