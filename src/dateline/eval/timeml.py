"""Read TimeML documents (TimeBank 1.2, AQUAINT, TempEval-3): text, creation time and TIMEX3 spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from dateline.errors import FormatError


@dataclass(frozen=True)
class Timex:
    """One gold TIMEX3: its character span in the document text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    """The <TEXT> of a TimeML document, its creation date and its time expressions."""

    name: str
    text: str
    created: date | None
    timexes: tuple[Timex, ...]
    # The sub-folder the file came from ("TimeBank", "AQUAINT"), for per-corpus figures.
    corpus: str = ""


def find_tml(path: Path) -> list[Path]:
    """Return the .tml files at ``path`` (a file, or a folder searched recursively), sorted."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.tml") if p.is_file())


def read_tml(path: Path) -> TimeMLDoc:
    """Parse one TimeML file; the creation-time TIMEX3 becomes ``created``, not a timex."""
    try:
        root = ElementTree.parse(str(path)).getroot()
    except ElementTree.ParseError as exc:
        raise FormatError(f"{path} is not well-formed TimeML: {exc}. Check the file.") from exc
    created = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            created = _date_of(timex.get("value", ""))
            break
    body = root.find(".//TEXT")
    if body is None:
        raise FormatError(f"{path} has no <TEXT> element; it is not a TimeML document.")
    pieces: list[str] = []
    found: list[Timex] = []
    _walk(body, pieces, found, inside=False)
    return TimeMLDoc(path.stem, "".join(pieces), created, tuple(found))


def read_folder(path: Path, limit: int | None = None) -> Iterator[TimeMLDoc]:
    """Yield the documents at ``path``, at most ``limit`` of them."""
    for i, file in enumerate(find_tml(path)):
        if limit is not None and i >= limit:
            return
        doc = read_tml(file)
        nested = file.relative_to(path).parts if path.is_dir() else ()
        yield replace(doc, corpus=nested[0] if len(nested) > 1 else "")


def _walk(element: Any, pieces: list[str], found: list[Timex], inside: bool) -> None:
    """Append the element's text to ``pieces``, recording TIMEX3 offsets as they pass."""
    start = sum(len(p) for p in pieces)
    is_timex = element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME"
    if element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces, found, inside or is_timex)
        if child.tail:
            pieces.append(child.tail)
    if is_timex and not inside:
        end = sum(len(p) for p in pieces)
        text = "".join(pieces)[start:end]
        found.append(Timex(start, end, text, element.get("type", ""), element.get("value", "")))


def _date_of(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
