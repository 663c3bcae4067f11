"""Readable reports for people: one Doc's records fitted to the terminal, and evaluation
results as tables."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.export.layout import evidence, print_records
from dateline.records import Claim, Doc, Ref, Span

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
    """Print the extraction for one article, a section per layer, each record with its
    evidence: as tables where the terminal is wide enough, else as blocks (export/layout.py)."""
    console = console or Console()
    art = doc.article
    head = Text(art.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (art.source, art.published.date().isoformat() if art.published
                                  else "no publication date", art.url) if x)
    console.print(head)
    console.print(meta, style="dim")
    if art.dateline:
        console.print(f"Dateline: {art.dateline.text.strip()}", style="dim")
    for title, columns, rows, evidences in _sections(doc):
        if rows:
            print_records(console, title, columns, rows, evidences)
        else:
            console.print(f"{title}: none found", style="dim")


Section = tuple[str, tuple[str, ...], list[list[str]], list[Text] | None]


def _sections(doc: Doc) -> list[Section]:
    """Each layer of ``doc`` as (title, columns, rows of strings, evidence or None)."""
    said = doc.sentences
    entities = [[e.name, e.label, "; ".join(r.text for r in e.roles),
                 e.affiliation or e.nationality or "",
                 ", ".join(dict.fromkeys(m.text for m in e.mentions))] for e in doc.entities]
    times = [[t.text, t.value or "(unresolved)", t.precision or "", t.kind]
             for t in sorted(doc.times, key=lambda t: (t.value or "", t.start))]
    places = [[p.text, p.name, p.country_code or "",
               f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "",
               p.role, str(p.geonames_id or "")] for p in doc.places]
    quotes = [[_ref(q.speaker, q.speaker_descriptor), q.kind, q.cue.text if q.cue else "",
               q.channel.text if q.channel else ""] for q in doc.quotes]
    quoted = [Text(_spans(q.contents, width=10_000)) for q in doc.quotes]
    claims = [[_value(c), c.qualifier or "", c.what or "", c.predicate or "", _ref(c.source)]
              for c in doc.claims]
    claimed = [evidence(said, c.start, c.end, c.text) for c in doc.claims]
    events = [[ev.type + (f"/{ev.mode}" if ev.mode else ""),
               ", ".join(_ref(a) for a in ev.actors), ", ".join(_ref(r) for r in ev.recipients),
               (ev.place.name or ev.place.text) if ev.place else "",
               (ev.time.value or ev.time.text) if ev.time else "", ev.factuality,
               _ref(ev.source)] for ev in doc.events]
    happened = [evidence(said, ev.trigger.start if ev.trigger else None,
                         ev.trigger.end if ev.trigger else None, ev.text) for ev in doc.events]
    incidents = [[inc.type + (f"/{inc.mode}" if inc.mode else ""),
                  f"{inc.date.found} ({inc.date.time_precision})" if inc.date else "",
                  f"{inc.location.found} ({inc.location.geo_precision})" if inc.location
                  else "", str(len(inc.mentions))] for inc in doc.incidents]
    notes = [Text(inc.note) for inc in doc.incidents]
    return [
        ("Entities", ("name", "label", "roles", "affiliation", "mentions"), entities, None),
        ("Timeline", ("text", "value", "precision", "kind"), times, None),
        ("Places", ("text", "name", "country", "lat, lon", "role", "geonames"), places, None),
        ("Quotes", ("speaker", "kind", "cue", "channel"), quotes, quoted),
        ("Claims", ("value", "qualifier", "what", "predicate", "source"), claims, claimed),
        ("Events", ("type", "actors", "recipients", "place", "time", "factuality", "source"),
         events, happened),
        ("Incidents", ("type", "date found", "place found", "events"), incidents, notes),
    ]


def _value(claim: Claim) -> str:
    if claim.low is None or claim.low == claim.high:
        return _num(claim.value)
    return f"{_num(claim.low)}–{_num(claim.high)}"


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
