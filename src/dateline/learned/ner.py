"""The news NER: the pinned pipeline's own NER component, tuned on CoNLL-2003 train.

``make train`` (dateline.train.ner) writes the tuned component's files into
``dateline/resources/models/ner/``. It has the architecture and the fine labels of the pinned
model's NER (PERSON, ORG, GPE, LOC, NORP, FAC, DATE...), trained on CoNLL's names and on the
pinned NER's own reading of other news for the types CoNLL lacks, so it replaces the pinned
NER: loading it means reading these weights into the pipeline's ``ner`` component, once per
process with the model (stages/nlp.py). One NER runs either way; ``learned_ner = false`` in
settings keeps the pinned model's weights.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

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
    return nlp
