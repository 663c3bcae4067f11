"""Turn a place name into the key the gazetteer index is searched by.

"St. Louis", "Saint Louis" and "ST LOUIS" share one key; so do "Zürich" and "Zurich". The
rules are few and English-specific (news abbreviations of "Saint", "Fort", "Mount"), which is
why this is written here rather than taken from a transliteration library.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations that English place names use for a leading or inner word.
_WORD_FORMS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/]+")
_DROP = re.compile(r"[^\w\s]")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Return the search key of a place name: folded case and accents, no punctuation."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("'s ", "s ").replace("'", "")
    text = _SEPARATORS.sub(" ", _DROP.sub(lambda m: " " if m.group() != "." else "", text))
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_WORD_FORMS.get(w, w) for w in words)


def is_latin(name: str) -> bool:
    """Return True when every letter of ``name`` is in the Latin script."""
    for char in name:
        if char.isalpha() and char > "\u024f" and "LATIN" not in unicodedata.name(char, ""):
            return False
    return any(c.isalpha() for c in name)
