"""Hypothesis strategies for news-like and hostile inputs, bounded so every example is quick.

News-like text is drawn from the words the stages react to (numbers, months, cue verbs,
agencies) so examples reach past the language check into the readers' and stages' logic;
hostile text adds what breaks parsers: control characters, lone surrogates, deep nesting,
very long numbers.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import strategies as st

NEWS_WORDS = (
    "the a an of in on at to from by with and or but said told according reported officials "
    "police army government people were was killed wounded injured dead at least about nearly "
    "more than some several dozens hundreds thousands tens of one two three four five ten "
    "twenty hundred thousand million billion half dozen 40 1,300 2.5 3bn $5 €35m 10% per cent "
    "Monday Tuesday Friday Saturday yesterday today tomorrow last next week month year ago "
    "earlier later since until between January March May December 2025 2026 1990s Q1 "
    "Aleppo Naples Baghdad Iran NATO AFP Reuters AP spokesman minister president Lopez "
    "attacked protested agreed announced arrested \" ' , . ; : ( ) - — ! ?"
).split()
HOSTILE_WORDS = ("\x00", "\x1b", "\ufeff", "\u202e", "\ud800", "\udfff", "\U0001F600", "٣", "⁵",
                 "9" * 40, "1" * 29, "(" * 30, ")" * 30, "&#xD800;", "&#0;", "&amp;", "<b>",
                 "javascript:alert(1)", "\\ud800", "\r\n", "\t", "NaN", "1e999", "-0")

news_text = st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=60).map(" ".join)
# Any code point, surrogates included (st.text leaves them out unless asked).
any_char = st.characters(codec=None, categories=None)
any_text = st.text(alphabet=any_char, max_size=200)
mixed_text = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.sampled_from(HOSTILE_WORDS),
                                st.text(alphabet=any_char, max_size=12)),
                      max_size=50).map(" ".join)

# Publication dates anywhere a datetime can hold, and where articles usually are.
any_day = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
news_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
published_values = st.one_of(
    st.none(), any_day.map(date.isoformat),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.just(UTC)).map(lambda d: d.isoformat()),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-00-00", "9" * 40, "yesterday", "",
                     "Fri, 20 Mar 2026 10:00:00 GMT", "2026-03-20T25:61:00", "\x00"]),
    st.integers(min_value=-10**20, max_value=10**20), st.floats(allow_nan=True),
)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                         st.floats(allow_nan=False, allow_infinity=False), mixed_text)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


@st.composite
def article_objects(draw: st.DrawFn) -> dict[str, Any]:
    """A JSON article object: mostly the expected fields, sometimes of the wrong types."""
    fields: dict[str, Any] = {}
    text = draw(st.one_of(news_text, mixed_text, json_values))
    fields[draw(st.sampled_from(["text", "text", "body", "content", "article"]))] = text
    if draw(st.booleans()):
        fields["published"] = draw(st.one_of(published_values, json_values))
    for name in ("title", "source", "url", "author"):
        if draw(st.integers(0, 3)) == 0:
            fields[name] = draw(st.one_of(mixed_text, json_values))
    return fields


def dump(value: Any, ascii_only: bool, surrogates: bool = True) -> str:
    """JSON text; with ``ascii_only`` a lone surrogate becomes a \\ud800 escape (without
    ``surrogates``, each is replaced by U+FFFD first)."""
    return json.dumps(value if surrogates else scrub(value), ensure_ascii=ascii_only,
                      allow_nan=True)


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    return value


def encode(text: str) -> bytes:
    """UTF-8 bytes, writing lone surrogates as their (invalid) three-byte forms."""
    return text.encode("utf-8", "surrogatepass")


def nested(depth: int, leaf: str = "1") -> str:
    return "[" * depth + leaf + "]" * depth
