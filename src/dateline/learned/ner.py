"""The news NER: the pinned pipeline's own NER component, tuned on CoNLL-2003 train.

``make train`` (dateline.train.ner) writes the tuned component's files into
``dateline/resources/models/ner/``. It has the architecture and the fine labels of the pinned
model's NER (PERSON, ORG, GPE, LOC, NORP, DATE...), so loading it means reading these weights
into a second copy of that component, once per process with the model (stages/nlp.py). The
pinned NER runs beside it for the types CoNLL never taught (``merge``). ``learned_ner = false``
in settings keeps the pinned model's own NER alone.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Span

from dateline.errors import ConfigError
from dateline.resources.people import GROUP_NOUNS
from dateline.resources.places import FACILITY_HEADS
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


PINNED_GROUP = "ner_pinned"
# Types CoNLL-2003 never annotates: the tuned NER has forgotten most of them, the pinned one
# still finds them, so its mentions of these types fill the tuned NER's gaps (and replace its
# names where _fine_type_wins says so).
PINNED_TYPES = frozenset({"FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "TIME"})


def use_learned_ner(nlp: Language) -> Language:
    """Give ``nlp`` the tuned NER (in place) and return ``nlp``.

    The pinned NER still runs first, as ``ner_pinned``, and keeps its mentions aside in a span
    group; the tuned NER then runs as ``ner`` and ``merge_pinned_ents`` combines the two (see
    ``merge``). The two components have their own tok2vec, so neither changes the other.
    """
    if "ner" not in nlp.pipe_names:
        return nlp
    config = dict(nlp.get_pipe_config("ner"))
    factory = config.pop("factory")
    nlp.rename_pipe("ner", PINNED_GROUP)
    nlp.add_pipe("dateline_set_aside_ents", name="set_aside_pinned_ents", after=PINNED_GROUP)
    tuned: Any = nlp.add_pipe(factory, name="ner", after="set_aside_pinned_ents", config=config)
    # The weights, the label moves and the config; the strings are the pinned model's own.
    tuned.from_disk(ner_weights(), exclude=["vocab"])
    nlp.add_pipe("dateline_merge_pinned_ents", name="merge_pinned_ents", after="ner")
    return nlp


def merge(tuned: Sequence[SpacySpan], pinned: Sequence[SpacySpan]) -> list[SpacySpan]:
    """Return the entities of one text: the tuned NER's, with the pinned NER's where it knows
    better, by a few general rules:

    - a pinned mention of a type CoNLL lacks (PINNED_TYPES) fills a gap the tuned NER left and
      replaces the tuned names it overlaps, but not a tuned person or organisation unless it is
      a clock time ("18:00 UTC") or a facility named by its kind ("Changi International
      Airport"): in tables and lists the pinned NER reads clubs and people as works, laws and
      facilities;
    - a pinned name that holds several tuned ones joined only by lowercase words ("Democratic
      Republic" and "Congo" in "Democratic Republic of the Congo") is one name, and a tuned
      name the pinned NER reads as several joined by "and" or a comma ("Launch Systems and
      Launch Services") is several: CoNLL cuts long names and lists differently;
    - a time zone just after a clock time ("6:40 p.m. (GMT +8)") is no organisation;
    - names in a list share a type: a tuned name next to another one across a comma or "and"
      takes that one's type where the pinned NER reads it so ("Anna Reyes, Tom Reyes";
      "Everett, Washington");
    - an acronym given in brackets keeps its type when written again ("MST" after "(MST)");
    - a name before a noun for a group ("the Daesh terrorist group") is the pinned NER's ORG
      when it says so: CoNLL's LOC and ORG are told apart less by such nouns than by tables.
    """
    found = [p for p in pinned if _fine_type_wins(p, tuned) or _joins(p, tuned)]
    found += [p for t in tuned for p in _splits(t, pinned)]
    kept: list[SpacySpan] = []
    taken: set[int] = set()
    for span in found:  # the first rule to claim a token keeps it
        if not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    ents = sorted([*kept, *(t for t in tuned if not taken.intersection(range(t.start, t.end)))],
                  key=lambda e: e.start)
    said = {(p.start, p.end): p.label_ for p in pinned}
    bracketed: dict[str, str] = {}  # acronym -> its type where given in brackets
    out: list[SpacySpan] = []
    for i, ent in enumerate(ents):
        if _zone_after_a_clock(ent, ents, i):
            continue
        label = ent.label_
        if label in NAME_TYPES:
            if ent.start > 0 and ent.doc[ent.start - 1].text == "(" and ent.text.isupper():
                bracketed.setdefault(ent.text, label)
            label = bracketed.get(ent.text, label)
            pinned_label = said.get((ent.start, ent.end))
            if pinned_label != label and (pinned_label in _listed_types(ents, i)
                                          or (pinned_label == "ORG" and _names_a_group(ent))):
                label = pinned_label
        out.append(ent if label == ent.label_ else Span(ent.doc, ent.start, ent.end, label=label))
    return out


NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
_LIST_WORDS = frozenset({",", "and", "or"})


def _names_a_group(ent: SpacySpan) -> bool:
    """Is ``ent`` followed, across at most two lowercase words, by a noun in GROUP_NOUNS?"""
    for token in ent.doc[ent.end:ent.end + 3]:
        if not token.is_lower:
            return False
        if token.lemma_ in GROUP_NOUNS or token.lower_ in GROUP_NOUNS:
            return True
    return False


def _listed_types(ents: Sequence[SpacySpan], i: int) -> set[str]:
    """Return the types of the names next to ``ents[i]`` across one comma, "and" or "or"."""
    types = set()
    here = ents[i]
    if i > 0 and ents[i - 1].end == here.start - 1 and here.doc[here.start - 1].lower_ in _LIST_WORDS:
        types.add(ents[i - 1].label_)
    if i + 1 < len(ents) and ents[i + 1].start == here.end + 1 and here.doc[here.end].lower_ in _LIST_WORDS:
        types.add(ents[i + 1].label_)
    return types


def _joins(name: SpacySpan, tuned: Sequence[SpacySpan]) -> bool:
    """Does pinned ``name`` hold two or more tuned names of its type, with only lowercase words
    (not "and", "or") after the first of them?"""
    inside = [e for e in tuned if name.start <= e.start and e.end <= name.end]
    if len(inside) < 2 or any(e.label_ != name.label_ for e in inside):
        return False
    covered = {i for e in inside for i in range(e.start, e.end)}
    gap = [t for t in name if t.i not in covered and t.i > inside[0].start]
    return all(t.is_lower and t.is_alpha and t.lower_ not in _LIST_WORDS for t in gap)


def _fine_type_wins(name: SpacySpan, tuned: Sequence[SpacySpan]) -> bool:
    """Does pinned ``name``, of a type CoNLL lacks, replace the tuned names it overlaps?"""
    if name.label_ not in PINNED_TYPES:
        return False
    if name.label_ == "TIME" or (name.label_ == "FAC" and name[-1].lower_ in FACILITY_HEADS):
        return True
    return not any(t.start < name.end and name.start < t.end and t.label_ in ("PERSON", "ORG")
                   for t in tuned)


def _zone_after_a_clock(ent: SpacySpan, ents: Sequence[SpacySpan], i: int) -> bool:
    """Is ``ent`` a time zone written within two tokens after a TIME mention?"""
    return (ent.text in TIME_ZONES and i > 0 and ents[i - 1].label_ == "TIME"
            and ent.start - ents[i - 1].end <= 2)


def _splits(name: SpacySpan, pinned: Sequence[SpacySpan]) -> list[SpacySpan]:
    """Return the pinned names that cut tuned ``name`` into several at a comma, "and" or
    "or" (and nothing else); none when they do not."""
    inside = [p for p in pinned if name.start <= p.start and p.end <= name.end]
    if len(inside) < 2:
        return []
    covered = {i for p in inside for i in range(p.start, p.end)}
    gap = [t for t in name if t.i not in covered]
    return inside if gap and all(t.lower_ in _LIST_WORDS for t in gap) else []


@Language.component("dateline_set_aside_ents")
def set_aside_ents(doc: SpacyDoc) -> SpacyDoc:
    """Keep the pinned NER's mentions in a span group and leave the entities unset (missing,
    so that the tuned NER is free to tag every token)."""
    doc.spans[PINNED_GROUP] = list(doc.ents)
    doc.set_ents([], default="missing")
    return doc


@Language.component("dateline_merge_pinned_ents")
def merge_pinned_ents(doc: SpacyDoc) -> SpacyDoc:
    """Set the entities from the tuned and the pinned NER's (``merge``); drop the span group."""
    pinned = list(doc.spans.get(PINNED_GROUP, []))
    doc.set_ents(merge(list(doc.ents), pinned), default="outside")
    if PINNED_GROUP in doc.spans:
        del doc.spans[PINNED_GROUP]
    return doc
