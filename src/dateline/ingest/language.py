"""Tell English text from other languages without a model.

Written by hand because the pipeline only needs a yes/no for English, and the share of common
English function words separates English news from other languages clearly on texts of a few
sentences; a language-identification model would cost memory for nothing more.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+")
# The most frequent English function words (any English frequency list agrees on these).
_FUNCTION_WORDS = frozenset(
    "the of and to in is was for that on with as by at from he she it they his her its their "
    "be are were been has have had not but or an this which who will would said also after "
    "than more about into over there when what one all we you i our".split()
)
MIN_WORDS = 12
MIN_SHARE = 0.12


def latin_share(text: str) -> float:
    """Return the share of letters that are Latin script."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def english_share(text: str) -> float:
    """Return the share of lower-case words that are common English function words.

    Names (capitalised) and the "s" of possessives are left out: a short, name-heavy English
    brief would otherwise look foreign.
    """
    words = [w for w in _WORD.findall(text) if w[0].islower() and w not in ("s", "t")]
    if not words:
        return 0.0
    return sum(1 for w in words if w in _FUNCTION_WORDS) / len(words)


def guess_language(text: str) -> str:
    """Return "en" for English text, "und" for too little text to tell, else "other"."""
    sample = text[:20_000]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return "en" if latin_share(sample) > 0.5 else "other"
    if latin_share(sample) < 0.5:
        return "other"
    return "en" if english_share(sample) >= MIN_SHARE else "other"
