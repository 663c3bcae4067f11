"""Readable reports for people: rich tables of one Doc and of evaluation results."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.records import Doc, Ref, Span

if TYPE_CHECKING:
    from dateline.eval import EvalResult


def _num(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


def _ref(ref: Ref | None, descriptor: str | None = None) -> str:
    if ref is None:
        return descriptor or ""
    name = ref.name or ref.text
    return f"{name} ({ref.text})" if ref.name and ref.name != ref.text else name


def _spans(spans: Sequence[Span], width: int = 90) -> str:
    joined = " … ".join(s.text for s in spans)
    return joined if len(joined) <= width else joined[: width - 1] + "…"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", expand=False,
                  show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def print_report(doc: Doc, console: Console | None = None) -> None:
    """Print the extraction for one article as tables, each row with its evidence."""
    console = console or Console()
    art = doc.article
    head = Text(art.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (art.source, art.published.date().isoformat() if art.published
                                  else "no publication date", art.url) if x)
    console.print(head)
    console.print(meta, style="dim")
    if art.dateline:
        console.print(f"Dateline: {art.dateline.text.strip()}", style="dim")

    entities = _table("Entities", "name", "label", "roles", "affiliation", "mentions")
    for e in doc.entities:
        entities.add_row(e.name, e.label, "; ".join(r.text for r in e.roles),
                         e.affiliation or e.nationality or "", ", ".join(
                             dict.fromkeys(m.text for m in e.mentions)))
    times = _table("Timeline", "text", "value", "precision", "kind")
    for t in sorted(doc.times, key=lambda t: (t.value or "", t.start)):
        times.add_row(t.text, t.value or "(unresolved)", t.precision or "", t.kind)
    places = _table("Places", "text", "name", "country", "lat, lon", "role", "geonames")
    for p in doc.places:
        coords = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else ""
        places.add_row(p.text, p.name, p.country_code or "", coords, p.role,
                       str(p.geonames_id or ""))
    quotes = _table("Quotes", "speaker", "kind", "cue", "channel", "content")
    for q in doc.quotes:
        quotes.add_row(_ref(q.speaker, q.speaker_descriptor), q.kind, q.cue.text if q.cue else "",
                       q.channel.text if q.channel else "", _spans(q.contents))
    claims = _table("Claims", "value", "qualifier", "what", "predicate", "source", "evidence")
    for c in doc.claims:
        value = _num(c.value) if c.low is None or c.low == c.high else f"{_num(c.low)}–{_num(c.high)}"
        claims.add_row(value, c.qualifier or "", c.what or "", c.predicate or "",
                       _ref(c.source), c.text)
    events = _table("Events", "type", "actors", "recipients", "place", "time", "factuality",
                    "source", "evidence")
    for ev in doc.events:
        events.add_row(ev.type + (f"/{ev.mode}" if ev.mode else ""),
                       ", ".join(_ref(a) for a in ev.actors), ", ".join(_ref(r) for r in ev.recipients),
                       ev.place.name or ev.place.text if ev.place else "",
                       ev.time.value or ev.time.text if ev.time else "", ev.factuality,
                       _ref(ev.source), ev.text)
    incidents = _table("Incidents", "type", "date found", "place found", "events", "note")
    for inc in doc.incidents:
        incidents.add_row(inc.type + (f"/{inc.mode}" if inc.mode else ""),
                          f"{inc.date.found} ({inc.date.time_precision})" if inc.date else "",
                          f"{inc.location.found} ({inc.location.geo_precision})"
                          if inc.location else "", str(len(inc.mentions)), inc.note)
    for table in (entities, times, places, quotes, claims, events, incidents):
        if table.row_count:
            console.print(table)
        else:
            console.print(f"{table.title}: none found", style="dim")


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else ("" if value is None else str(value))


def print_eval(results: Sequence[EvalResult], console: Console | None = None) -> None:
    """Print evaluation figures, one table per dataset, nested figures (per type) below."""
    console = console or Console()
    for result in results:
        table = _table(f"{result.task} on {result.dataset} ({result.docs} docs)", "metric", "value")
        for key, value in result.metrics.items():
            if not isinstance(value, dict):
                table.add_row(key, _fmt(value))
        console.print(table)
        for key, value in result.metrics.items():
            if isinstance(value, dict):
                columns = sorted({k for v in value.values() if isinstance(v, dict) for k in v})
                sub = _table(key, "", *columns)
                for name, row in value.items():
                    if isinstance(row, dict):
                        sub.add_row(name, *(_fmt(row.get(c)) for c in columns))
                    else:
                        sub.add_row(name, _fmt(row))
                console.print(sub)
        for note in result.notes:
            console.print(note, style="dim")
