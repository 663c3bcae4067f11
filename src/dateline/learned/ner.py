"""The news NER: the pinned pipeline's own NER component, tuned on CoNLL-2003 train.

``make train`` (dateline.train.ner) writes the tuned component's files into
``dateline/resources/models/ner/``. It has the architecture and the fine labels of the pinned
model's NER (PERSON, ORG, GPE, LOC, NORP, DATE...), so loading it means reading these weights
into that component, once per process with the model (stages/nlp.py). ``learned_ner = false``
in settings keeps the pinned model's own NER.
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
    """Read the tuned weights into ``nlp``'s NER component (in place) and return ``nlp``."""
    if "ner" in nlp.pipe_names:
        component: Any = nlp.get_pipe("ner")
        # The weights, the label moves and the config; the strings are the pinned model's own.
        component.from_disk(ner_weights(), exclude=["vocab"])
    return nlp
