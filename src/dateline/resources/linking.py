"""Words the story linker reads past when it weighs an article's terms (``link/text.py``).

Source. The English stop words that spaCy ships (``spacy.lang.en.stop_words``, MIT licence),
taken as they are from the pinned spaCy: function words and very common words ("the",
"would", "however") that appear in reports of every story and so tell none apart. Kept here,
not read by the linker from spaCy itself, so that every word list the code tests against is
found in one place; a spaCy upgrade that changes the list changes story terms, and the story
tests show it.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP_WORDS

# Words left out of an article's terms: they occur in every story.
STOP_WORDS = frozenset(_SPACY_STOP_WORDS)
