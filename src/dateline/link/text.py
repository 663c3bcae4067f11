"""A bounded TF-IDF text model, updated one article at a time.

Terms are hashed into a fixed number of buckets, so the document-frequency table has a fixed
size whatever the store holds (the hashing trick); vectors keep the term strings so they stay
readable. Weights are computed with the frequencies current at comparison time, so an article
compared late is weighed like one compared early.
"""

from __future__ import annotations

import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from dateline.resources.linking import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
DEFAULT_BUCKETS = 1 << 18
# Terms kept per article: the most frequent, so one long article does not dominate a story.
MAX_TERMS = 120
NAME_WEIGHT = 2
# Terms whose frequency a model remembers until its counts change (a rebuild weighs the same
# terms over and over with fixed counts; hashing them again each time was most of its work).
_DF_CACHE = 1 << 18


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Fold a word to a crude stem ("killed", "kills" -> "kill") so reports that inflect alike match."""
    if len(word) <= 4 or word.endswith("ss"):
        return word
    if word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def term_counts(text: str, *, limit: int = MAX_TERMS, name_weight: int = NAME_WEIGHT
                ) -> dict[str, float]:
    """Return the content words of ``text`` with their relative frequency (top ``limit``).

    A capitalized word inside a sentence (a name: "Reid", "Capaldi", "Sumatra") counts twice:
    names tell one event from another of the same kind, common words do not.
    """
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group()
        term = _term(word)
        if term is None:
            continue
        named = False
        if word[0].isupper():
            at = match.start()
            named = text[max(0, at - 2):at].strip() not in ("", ".", "!", "?", "\"", "“")
        counts[term] += name_weight if named else 1
    total = sum(counts.values()) or 1
    return {term: count / total for term, count in counts.most_common(limit)}


@lru_cache(maxsize=1 << 17)
def _term(word: str) -> str | None:
    """Return the stem a word of the text counts as, or None for a stop word or a short one.

    Cached by the word as written: an article repeats its words, and a store its vocabulary.
    """
    folded = word.casefold().replace("’", "'")
    if len(folded) < 3 or folded in STOP_WORDS:
        return None
    return stem(folded.removesuffix("'s"))


class TextModel:
    """Document frequencies of hashed terms, kept incrementally; bounded memory.

    ``add`` counts an article's terms once; ``idf`` weighs a term with the counts so far.
    """

    def __init__(self, buckets: int = DEFAULT_BUCKETS) -> None:
        self.buckets = buckets
        self.documents = 0
        self._df = array("I", bytes(4 * buckets))
        self._known: dict[str, int] = {}
        self._idf: dict[str, float] = {}  # as ``_known``, for weights

    def _bucket(self, term: str) -> int:
        return zlib.crc32(term.encode("utf-8")) % self.buckets

    def add(self, terms: Iterable[str]) -> None:
        """Count one document holding ``terms`` (each distinct term once)."""
        self.documents += 1
        self._known.clear()
        self._idf.clear()
        for term in set(terms):
            self._df[self._bucket(term)] += 1

    def remove(self, terms: Iterable[str]) -> None:
        """Uncount one document previously added with ``terms``."""
        self.documents = max(0, self.documents - 1)
        self._known.clear()
        self._idf.clear()
        for term in set(terms):
            bucket = self._bucket(term)
            if self._df[bucket]:
                self._df[bucket] -= 1

    def df(self, term: str) -> int:
        """Return how many documents counted so far hold ``term``."""
        known = self._known.get(term)
        if known is None:
            if len(self._known) >= _DF_CACHE:
                self._known.clear()
            known = self._known[term] = int(self._df[self._bucket(term)])
        return known

    def idf(self, term: str) -> float:
        """Return the smoothed inverse document frequency of ``term``."""
        weight = self._idf.get(term)
        if weight is None:
            if len(self._idf) >= _DF_CACHE:
                self._idf.clear()
            weight = self._idf[term] = math.log((self.documents + 1) / (self.df(term) + 1)) + 1.0
        return weight

    def weigh(self, counts: Mapping[str, float]) -> dict[str, float]:
        """Return the L2-normalized TF-IDF vector of ``counts``."""
        vector = {term: tf * self.idf(term) for term, tf in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: v / norm for term, v in vector.items()}

    def cosine(self, a: Mapping[str, float], b: Mapping[str, float]) -> float:
        """Return the cosine of the TF-IDF vectors of two term-count maps."""
        if len(a) > len(b):
            a, b = b, a
        va, vb = self.weigh(a), self.weigh(b)
        return sum(w * vb.get(t, 0.0) for t, w in va.items())

    @classmethod
    def from_counts(cls, documents: int, counts: Iterable[tuple[int, int]],
                    buckets: int = DEFAULT_BUCKETS) -> TextModel:
        """Return a model of ``documents`` documents from (bucket, documents holding a term of
        it) pairs, as ``add`` would have counted them (a runner counting in parallel)."""
        model = cls(buckets)
        model.documents = documents
        for bucket, count in counts:
            model._df[bucket] += count
        return model

    def bucket_of(self, term: str) -> int:
        """Return the bucket ``term`` is counted in."""
        return self._bucket(term)

    def to_bytes(self) -> bytes:
        """Serialize the model (compressed), for a store to keep between runs."""
        head = self.documents.to_bytes(8, "little") + self.buckets.to_bytes(8, "little")
        return zlib.compress(head + self._df.tobytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> TextModel:
        """Rebuild a model written by ``to_bytes``."""
        raw = zlib.decompress(data)
        model = cls(int.from_bytes(raw[8:16], "little"))
        model.documents = int.from_bytes(raw[:8], "little")
        model._known = {}
        model._idf = {}
        model._df = array("I")
        model._df.frombytes(raw[16:])
        return model
