"""English adjectives, to tell a common word opening an institution's name ("Supreme Court",
"Federal Court", "Central Police Station") from a place name ("Mansfield Police Department").

Source: the WordNet 3.0 adjective lemmas that the English spaCy pipeline dateline pins ships as
its lemmatizer's index table (the pipeline's meta.json lists WordNet 3.0 among its sources).
They are read from there because that pipeline is already installed and pinned by version; no
registry package offers a small offline English lexicon with parts of speech (NLTK's WordNet
downloads its data at run time).
"""

from __future__ import annotations

from functools import lru_cache

from dateline.errors import DependencyError
from dateline.settings import Settings


@lru_cache(maxsize=2)
def english_adjectives(model: str = Settings.model) -> frozenset[str]:
    """Return the lower-case adjective lemmas of the pipeline's lemmatizer tables."""
    import spacy
    from spacy.lookups import Lookups

    try:
        package = spacy.util.get_package_path(model)
    except (ImportError, ModuleNotFoundError) as exc:
        raise DependencyError(f"spaCy pipeline {model!r} is not installed; dateline installs it "
                              "as a dependency: pip install --force-reinstall dateline") from exc
    folders = sorted(package.glob("*/lemmatizer/lookups"))
    if not folders:
        raise DependencyError(f"spaCy pipeline {model!r} has no lemmatizer tables under "
                              f"{package}; reinstall it: pip install --force-reinstall dateline")
    index = Lookups().from_disk(folders[-1]).get_table("lemma_index")
    return frozenset(word.lower() for word in index.get("adj", ()))


@lru_cache(maxsize=2)
def english_words(model: str = Settings.model) -> frozenset[str]:
    """Return the lower-case verb, adjective and adverb lemmas of the same tables: words a
    capitalized headline word is more likely to be than a town ("Man killed", "Happy")."""
    import spacy
    from spacy.lookups import Lookups

    english_adjectives(model)  # the same checks, with their messages
    folders = sorted(spacy.util.get_package_path(model).glob("*/lemmatizer/lookups"))
    index = Lookups().from_disk(folders[-1]).get_table("lemma_index")
    return frozenset(word.lower() for part in ("verb", "adj", "adv")
                     for word in index.get(part, ()))
