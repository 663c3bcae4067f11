"""Words the story linker reads past when it weighs an article's terms (``link/text.py``).

Source. The English stop words that spaCy ships (``spacy.lang.en.stop_words``, MIT licence),
taken as they are from the pinned spaCy: function words and very common words ("the",
"would", "however") that appear in reports of every story and so tell none apart. Kept here,
not read by the linker from spaCy itself, so that every word list the code tests against is
found in one place; a spaCy upgrade that changes the list changes story terms, and the story
tests show it.

The list's module is read from the installed spaCy on its own, without importing the spaCy
package: that import (numpy, thinc...) would cost every process that links or serves the web
app about 65 MB, which the web server otherwise never needs.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from dateline.errors import DependencyError


def _spacy_stop_words() -> frozenset[str]:
    """``spacy.lang.en.stop_words.STOP_WORDS``, read from its file (it imports nothing)."""
    found = importlib.util.find_spec("spacy")  # a top-level package: found, not imported
    if found is None or not found.submodule_search_locations:
        raise DependencyError("The story linker's stop words come from spaCy: pip install spacy")
    path = Path(found.submodule_search_locations[0]) / "lang" / "en" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("dateline._spacy_en_stop_words", path)
    if spec is None or spec.loader is None:
        raise DependencyError(f"Cannot read spaCy's English stop words at {path}.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


# Words left out of an article's terms: they occur in every story.
STOP_WORDS = _spacy_stop_words()
