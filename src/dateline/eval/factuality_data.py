"""Read gold predicates with their factuality: It Happened v2 (web text) and MEANTIME (news).

Both the factuality scorer and the trainer read them here, and both split them the same way:
a predicate belongs to the held-out part when the digest of its group (a MEANTIME document,
a block of 25 consecutive It Happened sentences) is odd. Training reads only the other part,
so the scorer's figures are on predicates the models never saw.

MEANTIME's event attributes map to four classes: polarity NEG is negated; certainty POSSIBLE or
PROBABLE, or a conditional (special_cases COND_*), is hypothetical; time FUTURE is future;
anything else is asserted. Mentions with no attributes at all are left out.
"""

from __future__ import annotations

import csv
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import ConfigError, FormatError
from dateline.eval.meantime import detokenize, find_files, read_cat

HAPPENED, NOT_HAPPENED = "happened", "not_happened"
CLASSES = ("asserted", "negated", "hypothetical", "future")
# It Happened sentences are split in blocks of this many, close to the size of one web document.
BLOCK = 25


@dataclass(frozen=True, slots=True)
class Predicate:
    """A gold predicate: characters ``start:end`` of ``text``, its label and its split group."""

    text: str
    start: int
    end: int
    label: str
    group: str
    domain: str  # "web" or "news"


def held_out(group: str) -> bool:
    """Return True for a group the models never train on."""
    return zlib.crc32(group.encode("utf-8")) % 2 == 1


def read_predicates(data: Path) -> tuple[str, list[Predicate]]:
    """Return the corpus name and the predicates of an It Happened or MEANTIME folder."""
    folder = data.parent if data.is_file() else data
    tables = sorted(folder.rglob("it-happened-*.tsv"))
    if tables:
        return "It Happened v2", [p for t in tables for p in read_it_happened(t)]
    files = find_files(data)
    intra = [f for f in files if "intra-doc" in f.parts]
    return "MEANTIME", [p for f in (intra or files) for p in read_meantime(f)]


def read_it_happened(table: Path) -> Iterator[Predicate]:
    """Yield the predicates of one It Happened table, labelled by the majority of kept votes
    (a tie goes to the side whose annotators were surer; "na" votes do not count)."""
    votes: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row.get("Keep") != "True" or row.get("Happened") not in ("true", "false"):
                continue
            try:
                key = (row["Sentence.ID"], int(row["Pred.Token"]))
            except (KeyError, ValueError) as exc:
                raise FormatError(f"{table.name}: a row lacks Sentence.ID or Pred.Token.") from exc
            label = HAPPENED if row.get("Happened") == "true" else NOT_HAPPENED
            votes[key][label] += 100  # a vote outweighs any sum of confidences
            votes[key][label] += int(row.get("Confidence") or 0)
    sentences: dict[str, list[tuple[str, list[tuple[int, int]]]]] = {}
    for (sentence_id, position), counted in sorted(votes.items()):
        if counted[HAPPENED] == counted[NOT_HAPPENED]:
            continue  # as many votes, as sure, each way
        name, _, number = sentence_id.rpartition(" ")
        if name not in sentences:
            path = table.parent / name
            if not path.is_file():
                raise ConfigError(f"{table.name} points into {name}, which is not beside it.")
            sentences[name] = read_conllu(path)
        text, words = sentences[name][int(number) - 1]
        start, end = words[position - 1]
        yield Predicate(text, start, end, counted.most_common(1)[0][0],
                        f"{name}:{(int(number) - 1) // BLOCK}", "web")


def read_conllu(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """Return each sentence's text (spaced as SpaceAfter says) and its words' character spans."""
    out = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.split("\t") for line in block.splitlines()
                if line and not line.startswith("#")]
        if not rows:
            continue
        text, joined_until, last_space = "", 0, True
        spans: list[tuple[int, int]] = []
        for cols in rows:
            if len(cols) < 10 or "." in cols[0]:
                continue
            if "-" in cols[0]:  # a multi-word token: its words are written without spaces
                joined_until = int(cols[0].split("-")[1])
                last_space = "SpaceAfter=No" not in cols[9]
                continue
            number = int(cols[0])
            spans.append((len(text), len(text) + len(cols[1])))
            text += cols[1]
            if number < joined_until:
                continue
            space = last_space if number == joined_until else "SpaceAfter=No" not in cols[9]
            text += " " if space else ""
        out.append((text.rstrip(), spans))
    return out


def meantime_class(attributes: dict[str, str]) -> str | None:
    """Map MEANTIME's certainty, polarity, time and special cases to one of CLASSES."""
    if not any(attributes.get(k) for k in ("certainty", "polarity", "time")):
        return None
    if attributes.get("polarity") == "NEG":
        return "negated"
    if attributes.get("certainty") in ("POSSIBLE", "PROBABLE") or \
            attributes.get("special_cases", "").startswith("COND"):
        return "hypothetical"
    if attributes.get("time") == "FUTURE":
        return "future"
    return "asserted"


def read_meantime(path: Path) -> Iterator[Predicate]:
    """Yield the event mentions of one MEANTIME CAT file with their class."""
    root, tokens = read_cat(path, "a MEANTIME CAT file")
    text, spans = detokenize(tokens)
    markables = root.find("Markables")
    for element in markables if markables is not None else ():
        if element.tag != "EVENT_MENTION":
            continue
        label = meantime_class(dict(element.attrib))
        ids = [a.get("t_id") for a in element.findall("token_anchor") if a.get("t_id") in spans]
        if label is None or not ids:
            continue
        yield Predicate(text, min(spans[i][0] for i in ids), max(spans[i][1] for i in ids),
                        label, path.stem, "news")
