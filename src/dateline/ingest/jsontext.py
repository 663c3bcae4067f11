"""Parse JSON input with its depth bounded, and every failure as one clear FormatError.

Python's json parser recurses once per nested array or object: 100,000 brackets raise
RecursionError, and an integer of more than 4,300 digits raises a bare ValueError. Both would
otherwise escape as internal errors, so the depth is measured first, by a scan of the brackets
outside strings that stops once past the limit, and the parser is only handed what it can read.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from dateline.errors import FormatError

MAX_DEPTH = 100
# A whole string (skipped) or one bracket. Possessive, so a string of a million escapes is
# matched without a million backtrack states.
_TOKEN = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[\[\]{}]', re.S)


def load_json(text: str, name: str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text``; raise FormatError for invalid JSON, deep nesting or unreadable numbers."""
    if json_depth(text, max_depth) > max_depth:
        raise _too_deep(name, max_depth)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                          f"column {exc.colno}.") from None
    except RecursionError:  # a backstop: the scan above should have refused it
        raise _too_deep(name, max_depth) from None
    except ValueError:  # Python refuses to read integers this long (a denial-of-service guard)
        raise FormatError(f"{name} holds a number of more than {sys.get_int_max_str_digits():,} "
                          "digits, which cannot be read; write it as a string.") from None


def json_depth(text: str, limit: int | None = None) -> int:
    """Return how deep arrays and objects nest in ``text`` (brackets inside strings ignored).

    With a ``limit`` the scan stops as soon as the depth passes it (returning limit + 1), and a
    text with no more than ``limit`` opening brackets in all is not scanned at all.
    """
    opening = text.count("[") + text.count("{")
    if limit is not None and opening <= limit:
        return opening  # cannot nest deeper than it has brackets
    depth = deepest = 0
    for token in _TOKEN.finditer(text):
        char = text[token.start()]
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if limit is not None and depth > limit:
                    break
        elif char in "]}":
            depth -= 1
    return deepest


def _too_deep(name: str, max_depth: int) -> FormatError:
    return FormatError(f"{name} nests JSON arrays or objects more than {max_depth} deep; the "
                       f"limit is {max_depth} (setting max_json_depth).")
