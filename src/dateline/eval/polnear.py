"""Read PolNeAR (Newell, Margolin and Ruths, LREC 2018): article texts and brat-style attributions.

A PolNeAR folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``. Each ``.ann``
line is either a text-bound annotation ``T3<TAB>Content 13 98;100 120<TAB>covered text`` (role
Source, Cue, Content, Attribution, Attribution-no-source, Discuss or Discard, with one or more
character ranges) or an event ``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`` tying the
roles of one attribution together (a second content range may appear as ``Content2``).
``metadata.tsv`` above the folders gives each article's publication date.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: who (source), through what (cue), what (content)."""

    source: Ranges
    cue: Ranges
    content: Ranges


@dataclass(frozen=True)
class PolnearDoc:
    """One article with its attributions and the stretches annotators set aside."""

    name: str
    text: str
    published: str | None
    attributions: tuple[GoldAttribution, ...]
    # Discuss and Discard annotations: text the annotators could not or would not attribute.
    set_aside: Ranges = ()


def find_folders(data: Path) -> list[Path]:
    """Return PolNeAR folders (holding ``text/`` and ``attributions/``) at or under ``data``."""
    candidates = [data, *(p for p in data.rglob("*") if p.is_dir())] if data.is_dir() else []
    return sorted(p for p in candidates if (p / "text").is_dir() and (p / "attributions").is_dir())


def read_folder(folder: Path) -> Iterator[PolnearDoc]:
    """Yield the articles of one PolNeAR folder, one annotator's reading per article.

    Articles annotated by several people (for agreement studies) appear once, with the
    annotation file whose name sorts first, so no article counts twice.
    """
    dates = _publication_dates(folder)
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0] if "_" in ann.stem else ann.stem
        if not (folder / "text" / f"{name}.txt").is_file():
            name = ann.stem
        chosen.setdefault(name, ann)
    for name, ann in sorted(chosen.items()):
        path = folder / "text" / f"{name}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        attributions, set_aside = parse_ann(ann.read_text(encoding="utf-8"))
        yield PolnearDoc(name, text, dates.get(name) or _date_in_name(name),
                         tuple(attributions), set_aside)


def parse_ann(content: str) -> tuple[list[GoldAttribution], Ranges]:
    """Parse one ``.ann`` file into attributions and set-aside ranges."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, list[str]]] = []
    for line in content.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            ranges = tuple((int(a), int(b)) for a, b in
                           (piece.split() for piece in offsets.split(";") if piece.strip()))
            spans[parts[0]] = (label, ranges)
        elif parts[0].startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                if ref:
                    roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            events.append(roles)
    attributions = []
    for roles in events:
        def gather(role: str, roles: dict[str, list[str]] = roles) -> Ranges:
            return tuple(sorted(r for ref in roles.get(role, []) if ref in spans
                                for r in spans[ref][1]))
        content_ranges = gather("Content")
        if content_ranges:
            attributions.append(GoldAttribution(gather("Source"), gather("Cue"), content_ranges))
    set_aside = tuple(sorted(r for label, ranges in spans.values()
                             if label in ("Discuss", "Discard") for r in ranges))
    return attributions, set_aside


def _publication_dates(folder: Path) -> dict[str, str]:
    for place in (folder, *folder.parents[:2]):
        path = place / "metadata.tsv"
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                return {row["filename"]: row["publication_date"]
                        for row in csv.DictReader(handle, delimiter="\t")
                        if row.get("filename") and row.get("publication_date")}
    return {}


def _date_in_name(name: str) -> str | None:
    match = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
    return match.group(1) if match else None
