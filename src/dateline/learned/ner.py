"""The news NER: the pinned pipeline's own NER component, tuned on CoNLL-2003 train.

``make train`` (dateline.train.ner) writes the tuned component's files into
``dateline/resources/models/ner/``. It has the architecture and the fine labels of the pinned
model's NER (PERSON, ORG, GPE, LOC, NORP, FAC, DATE...), trained on CoNLL's names and on the
pinned NER's own reading of other news for the types CoNLL lacks, so it replaces the pinned
NER: loading it means reading these weights into the pipeline's ``ner`` component, once per
process with the model (stages/nlp.py), followed by four small rules (``tidy``). One NER runs
either way; ``learned_ner = false`` in settings keeps the pinned model's weights.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Span

from dateline.errors import ConfigError
from dateline.resources.people import BODY_NAME_ENDINGS, GROUP_NOUNS
from dateline.resources.timex import TIME_ZONES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

NER_MODEL = "ner"
COMPONENT_FILES = ("cfg", "model", "moves")


def ner_weights() -> Path:
    """Return the folder of the shipped NER weights; ConfigError when they are missing."""
    folder = Path(str(resources.files("dateline.resources.models") / NER_MODEL))
    if not all((folder / name).is_file() for name in COMPONENT_FILES):
        raise ConfigError(f"The learned NER's weights are missing from {folder}. Run `make "
                          "train`, or set learned_ner = false to use the pinned model's NER.")
    return folder


def use_learned_ner(nlp: Language) -> Language:
    """Read the tuned weights into ``nlp``'s NER (in place) and return ``nlp``.

    The weights, the label moves and the config are the tuned component's; the strings are the
    pinned model's own. A pipeline without an NER is returned as it is.
    """
    if "ner" in nlp.pipe_names:
        ner: Any = nlp.get_pipe("ner")
        ner.from_disk(ner_weights(), exclude=["vocab"])
        nlp.add_pipe("dateline_tidy_ents", name="tidy_ents", after="ner")
    return nlp


def tidy(ents: Sequence[SpacySpan]) -> list[SpacySpan]:
    """Return ``ents`` mended where CoNLL's habits mislead the tuned NER, by four rules:

    - a time zone written right after a clock time is part of it ("18:00 UTC"), and one a
      token or two further ("6:40 p.m. (GMT +8)") no organisation: CoNLL has no clock times;
    - a name in a list ("Anna Reyes, Tom Reyes and ...") that ends with the same word as a
      person next to it across a comma or "and" is a person (members of one family): CoNLL's
      lists of names are mostly places and clubs in tables;
    - a place name before a noun for an armed or organised group, across at most two
      lowercase words ("the Daesh terrorist group"), names the group: an organisation;
    - a person or place whose name ends in a word for a body or a building ("the App Store",
      "Boston University", BODY_NAME_ENDINGS) is that organisation or building.
    """
    out: list[SpacySpan] = []
    for i, ent in enumerate(ents):
        before = out[-1] if out else None
        if (ent.text in TIME_ZONES and before is not None and before.label_ == "TIME"
                and ent.start - before.end <= 2):
            if ent.start == before.end:
                out[-1] = Span(ent.doc, before.start, ent.end, label="TIME")
            continue
        if ent.label_ != "PERSON" and len(ent) > 1 and any(
                other.label_ == "PERSON" and other[-1].text == ent[-1].text
                for other in _listed_with(ents, i)):
            ent = Span(ent.doc, ent.start, ent.end, label="PERSON")
        elif ent.label_ in ("GPE", "LOC") and _names_a_group(ent):
            ent = Span(ent.doc, ent.start, ent.end, label="ORG")
        elif (ent.label_ in ("PERSON", "GPE", "LOC") and len(ent) > 1
              and ent[-1].lower_ in BODY_NAME_ENDINGS):
            ent = Span(ent.doc, ent.start, ent.end, label=BODY_NAME_ENDINGS[ent[-1].lower_])
        out.append(ent)
    return out


def _names_a_group(ent: SpacySpan) -> bool:
    """Is ``ent`` followed, across at most two lowercase words, by a noun in GROUP_NOUNS?"""
    for token in ent.doc[ent.end:ent.end + 3]:
        if not token.is_lower or not token.is_alpha:
            return False
        if token.lower_ in GROUP_NOUNS:
            return True
    return False


_LIST_WORDS = frozenset({",", "and"})


def _listed_with(ents: Sequence[SpacySpan], i: int) -> list[SpacySpan]:
    """Return the names next to ``ents[i]`` across one comma or "and"."""
    here, doc = ents[i], ents[i].doc
    near = []
    if i > 0 and ents[i - 1].end == here.start - 1 and doc[here.start - 1].lower_ in _LIST_WORDS:
        near.append(ents[i - 1])
    if (i + 1 < len(ents) and ents[i + 1].start == here.end + 1
            and doc[here.end].lower_ in _LIST_WORDS):
        near.append(ents[i + 1])
    return near


@Language.component("dateline_tidy_ents")
def tidy_ents(doc: SpacyDoc) -> SpacyDoc:
    """Set the entities mended by ``tidy``."""
    doc.set_ents(tidy(list(doc.ents)), default="outside")
    return doc
