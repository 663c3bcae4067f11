"""Lay records out for a terminal of any width: a table when every column fits at its natural
width, else one block per record (its fields on a wrapped line, its evidence below).

A table squeezed into fewer columns than it needs folds every cell to a word per line; a block
reads at 80 columns as well as at 160. Evidence is a rich ``Text`` with its highlight in bold
(see ``evidence``), trimmed around the highlight to the room it gets.

    >>> print_records(console, "Events", ("type", "actors", "place"), rows, evidences)
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dateline.records import Span

# The widest a column other than the evidence is shown in a table (longer values fold).
CELL_CAP = 20
# The evidence column needs at least this many characters to be worth a table.
EVIDENCE_MIN = 36
# How many lines of evidence a record shows (about: words wrap before a line is full).
EVIDENCE_LINES = 3
WRAP_LOSS = 0.85
INDENT = 4


def print_records(console: Console, title: str, columns: Sequence[str],
                  rows: Sequence[Sequence[str]], evidences: Sequence[Text] | None = None
                  ) -> None:
    """Print ``rows`` (one string per column) under ``title``, with their evidence if given."""
    if fits(console.width, columns, rows, with_evidence=evidences is not None):
        console.print(_table(title, columns, rows, evidences, console.width))
    else:
        console.print(Text(f"{title} ({len(rows)})", style="bold"))
        for i, row in enumerate(rows):
            shown = evidences[i] if evidences is not None else None
            console.print(_block(i + 1, columns, row, shown, console.width))


def fits(width: int, columns: Sequence[str], rows: Sequence[Sequence[str]], *,
         with_evidence: bool) -> bool:
    """Whether a table of ``rows`` fits ``width`` with no column folded below its natural
    width (its header, or its longest value up to CELL_CAP)."""
    natural = [min(CELL_CAP, max([len(name), *(len(r[i]) for r in rows)]))
               for i, name in enumerate(columns)]
    needed = sum(natural) + 3 * len(columns) + 1
    if with_evidence:
        needed += EVIDENCE_MIN + 3
    return needed <= width


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]],
           evidences: Sequence[Text] | None, width: int) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for name in columns:
        table.add_column(name, overflow="fold", max_width=CELL_CAP)
    if evidences is not None:
        table.add_column("evidence", overflow="fold", min_width=EVIDENCE_MIN, ratio=1)
    room = max(EVIDENCE_MIN, width - sum(min(CELL_CAP, max([len(c), *(len(r[i]) for r in rows)]))
                                        + 3 for i, c in enumerate(columns)) - 4)
    for i, row in enumerate(rows):
        cells: list[str | Text] = list(row)
        if evidences is not None:
            cells.append(fit_evidence(evidences[i], int(room * EVIDENCE_LINES * WRAP_LOSS)))
        table.add_row(*cells)
    return table


def _block(number: int, columns: Sequence[str], row: Sequence[str], shown: Text | None,
           width: int) -> Group:
    """One record: its first field in bold, the others as ``name: value`` on the wrapped
    lines below, then its evidence."""
    head = Text(f"{number:>2}. ")
    head.append(row[0], style="bold")
    fields = Text(" · ").join(Text.assemble((f"{name}: ", "dim"), value)
                              for name, value in zip(columns[1:], row[1:], strict=True)
                              if value)
    parts: list[Text | Padding] = [head]
    if fields.plain:
        parts.append(Padding(fields, (0, 0, 0, INDENT), expand=False))
    if shown is not None and shown.plain:
        room = int(max(20, width - INDENT) * EVIDENCE_LINES * WRAP_LOSS)
        parts.append(Padding(fit_evidence(shown, room), (0, 0, 0, INDENT), expand=False))
    return Group(*parts)


def fit_evidence(text: Text, room: int) -> Text:
    """Cut ``text`` to about ``room`` characters around its first bold span, between words,
    marking each cut with an ellipsis; the highlight keeps its style."""
    plain = text.plain
    if len(plain) <= room:
        return text
    bold = next((s for s in text.spans if "bold" in str(s.style)), None)
    middle = (bold.start + bold.end) // 2 if bold else 0
    lo = max(0, min(middle - room // 2, len(plain) - room))
    hi = min(len(plain), lo + room)
    word_lo, word_hi = lo, hi
    while 0 < word_lo < hi and not plain[word_lo - 1].isspace():
        word_lo += 1
    while word_lo < word_hi < len(plain) and not plain[word_hi].isspace():
        word_hi -= 1
    if word_lo < word_hi:  # else one word longer than the room: cut inside it
        lo, hi = word_lo, word_hi
    lead = "…" if lo > 0 else ""
    cut = Text(lead + plain[lo:hi] + ("…" if hi < len(plain) else ""))
    for span in text.spans:
        start, end = max(span.start, lo), min(span.end, hi)
        if start < end:
            cut.stylize(span.style, start - lo + len(lead), end - lo + len(lead))
    return cut


def evidence(sentences: Sequence[Span], start: int | None, end: int | None,
             fallback: str) -> Text:
    """The sentence holding [start, end) with that span in bold; ``fallback`` when there is
    no such sentence. Newlines become spaces."""
    sentence = None
    if start is not None and end is not None:
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
    if sentence is None or start is None or end is None:
        return Text(" ".join(fallback.split()))
    text = Text(sentence.text.replace("\n", " "))
    text.stylize("bold", start - sentence.start, min(end, sentence.end) - sentence.start)
    return text
