"""Parse JSON input with its depth bounded, and every failure as one clear FormatError.

Python's json parser recurses once per nested array or object: 100,000 brackets raise
RecursionError, and an integer of more than 4,300 digits raises a bare ValueError. Both would
otherwise escape as internal errors, so the depth is measured first, by a scan of the brackets
outside strings, and the parser is only handed what it can read.
"""

from __future__ import annotations

import json
import re
import sys
from itertools import accumulate
from typing import Any

from dateline.errors import FormatError

MAX_DEPTH = 100
# Possessive: a string of a million escapes is matched without a million backtrack states.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def load_json(text: str, name: str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text``; raise FormatError for invalid JSON, deep nesting or unreadable numbers."""
    depth = json_depth(text, max_depth)
    if depth > max_depth:
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


def json_depth(text: str, at_least: int = 0) -> int:
    """Return how deep arrays and objects nest in ``text`` (brackets inside strings ignored).

    When the text holds no more than ``at_least`` opening brackets in all, it cannot nest deeper
    than that: their count is returned without a scan.
    """
    opening = text.count("[") + text.count("{")
    if opening <= at_least:
        return opening
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _too_deep(name: str, max_depth: int) -> FormatError:
    return FormatError(f"{name} nests JSON arrays or objects more than {max_depth} deep; the "
                       f"limit is {max_depth} (setting max_json_depth).")
