"""Records fitted to the terminal: tables where every column fits, blocks where not, evidence
trimmed around its highlight; `extract --format text`, `show` and `summary` at 80 and 160."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.text import Text

from dateline.export.layout import fit_evidence, fits, print_records
from dateline.export.terminal import print_marked, print_summary
from dateline.report import print_report
from store.sample_docs import numbered_docs, port_doc, summit_doc

BOX = re.compile(r"[┃│┏┡└]")
BOX_DRAWING = re.compile(r"[\u2500-\u257f]")


@pytest.fixture
def store(tmp_path):
    from dateline.store import open_store

    with open_store(str(tmp_path / "layout.db")) as opened:
        yield opened


def render(width: int, draw) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, highlight=False)
    draw(console)
    return console.file.getvalue()


def section(out: str, title: str) -> str:
    """The lines of one section, from its title to the next section's."""
    found = re.search(rf"^{title}\b.*?(?=^(?:Entities|Timeline|Places|Quotes|Claims|Events|"
                      rf"Incidents)\b|\Z)", out, re.S | re.M)
    assert found, title
    return found.group(0)


@pytest.mark.parametrize("width", [80, 160])
def test_layout_report_fits_the_terminal(width):
    out = render(width, lambda c: print_report(port_doc(), c))
    assert max(len(line.rstrip()) for line in out.splitlines()) <= width
    events = section(out, "Events")
    assert "provincial officials" in events and "attacked" in events
    # The squeezed table of old: a column of one short word per line.
    lines = [BOX_DRAWING.sub(" ", line).split() for line in events.splitlines()[1:]]
    assert sum(len(words) == 1 for words in lines) <= 2, events


def test_layout_report_is_blocks_at_80_and_tables_at_160():
    narrow = render(80, lambda c: print_report(port_doc(), c))
    wide = render(160, lambda c: print_report(port_doc(), c))
    events80, events160 = section(narrow, "Events"), section(wide, "Events")
    assert events80.startswith("Events (1)") and not BOX.search(events80)
    assert " 1. ASSAULT/firearms" in events80
    assert re.search(r"actors: Gunmen · recipients: police post", events80)
    assert "provincial officials said." in events80   # the evidence, whole at this length
    assert BOX.search(events160) and re.search(r"┃ type\s+┃ actors", events160)
    assert "evidence" in events160.splitlines()[2]


def test_layout_show_marks_the_text_and_fits_80_columns():
    out = render(80, lambda c: print_marked(summit_doc(), c))
    assert out.startswith("marks: events")
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80
    assert "NATO agreed on Friday" in out


@pytest.mark.parametrize("width", [80, 160])
def test_layout_summary_fits_the_terminal(store, width):
    store.save_many([port_doc(), summit_doc(), *numbered_docs(4)])
    out = render(width, lambda c: print_summary(store, c))
    assert max(len(line.rstrip()) for line in out.splitlines()) <= width
    timeline = out[out.index("Timeline: the main event"):]
    assert "Gunmen attacked a police post" in timeline
    assert ("Claims with their sources" in out) and ("port authority" in out)
    if width == 80:
        assert re.search(r"^ 1\. 2026-", timeline, re.M)   # blocks: one record per block
    else:
        assert re.search(r"┃ day\s+┃ type", timeline)


def test_layout_fits_counts_each_columns_natural_width():
    rows = [["ASSAULT", "Gunmen"], ["AGREE", "North Atlantic Treaty Organization"]]
    # type 7 + actors 20 (capped) + 3 per column + 1, and 36 + 3 for the evidence
    assert fits(73, ("type", "actors"), rows, with_evidence=True)
    assert not fits(72, ("type", "actors"), rows, with_evidence=True)
    assert fits(34, ("type", "actors"), rows, with_evidence=False)
    assert not fits(33, ("type", "actors"), rows, with_evidence=False)


def test_layout_blocks_keep_every_field_and_the_highlight():
    highlighted = Text("A long sentence where the crane collapsed onto the mosque " * 3)
    start = highlighted.plain.index("collapsed")
    highlighted.stylize("bold", start, start + len("collapsed"))
    out = render(40, lambda c: print_records(
        c, "Events", ("type", "place"), [["ACCIDENT", "Makkah"]], [highlighted]))
    assert out.splitlines()[:3] == ["Events (1)", " 1. ACCIDENT", "    place: Makkah"]
    assert "collapsed" in out and max(len(line.rstrip()) for line in out.splitlines()) <= 40


@pytest.mark.parametrize("room", [10, 25, 60])
def test_layout_fit_evidence_keeps_the_highlight_within_the_room(room):
    text = Text("one two three four five six seven eight nine ten eleven twelve")
    start = text.plain.index("seven")
    text.stylize("bold", start, start + 5)
    cut = fit_evidence(text, room)
    assert len(cut.plain) <= room + 2
    assert [cut.plain[s.start:s.end] for s in cut.spans] == ["seven"]
