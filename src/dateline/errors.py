"""The one error tree of dateline. Every message says what happened, what is valid, and the fix.

    DatelineError
    ├── ConfigError          settings, stage names, unknown keys
    ├── InputError           an article that cannot be processed
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── EncodingError
    │   ├── TooLargeError
    │   ├── BudgetError      an article over its processing budget (budget.py)
    │   │   ├── TooLongError         more sentences than max_sentences (also a TooLargeError)
    │   │   ├── ArticleTimeoutError  longer than article_timeout
    │   │   └── ArticleMemoryError   more memory than max_worker_memory_mb
    │   ├── LanguageError
    │   └── FormatError      malformed HTML, XML, JSON, CSV, feeds
    ├── DateError            a publication date that cannot be read
    ├── FetchError           a URL that cannot or may not be fetched
    ├── StageError           a stage failed on an article
    ├── StoreError           the database refused or is unreachable
    └── DependencyError      an optional extra is missing
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""


class ConfigError(DatelineError):
    """A setting, a stage name or a configuration key is invalid."""


class InputError(DatelineError):
    """An article cannot be processed as given."""


class EmptyInputError(InputError):
    """The article has no text."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class EncodingError(InputError):
    """The input bytes are not valid in the declared or detected encoding."""


class TooLargeError(InputError):
    """The input exceeds the size limit."""


class BudgetError(InputError):
    """The article exceeds what one article may cost; the message names the setting."""


class TooLongError(BudgetError, TooLargeError):
    """The article has more sentences than the ``max_sentences`` setting allows."""


class ArticleTimeoutError(BudgetError):
    """The article ran longer than the ``article_timeout`` setting allows."""


class ArticleMemoryError(BudgetError):
    """Extracting the article took more memory than ``max_worker_memory_mb`` allows."""


class LanguageError(InputError):
    """The article is not in a language the pipeline handles."""


class FormatError(InputError):
    """HTML, XML, JSON, CSV or a feed is malformed."""


class DateError(DatelineError):
    """A date given by the user or the metadata cannot be read."""


class FetchError(DatelineError):
    """A URL cannot be fetched, or fetching it is not allowed."""


class StageError(DatelineError):
    """A stage failed on one article; ``stage`` names it."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage


class StoreError(DatelineError):
    """The store cannot be opened, migrated or written."""


class DependencyError(DatelineError):
    """An optional dependency is missing; the message names the extra to install."""
