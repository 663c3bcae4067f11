"""Show a story or an incident to people: its reports in time order, and each figure as every
source gave it, with the revisions and the disagreements (never averaged)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.web.charts import figure_label

PRECISION = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION = {1: "town", 2: "area", 3: "region"}


def amount(report: dict[str, Any]) -> str:
    """Return "at least 107", "107 or more", "10–15" or "111" for a figure report, as the web
    pages write it."""
    return figure_label(report)


def _when(report: dict[str, Any]) -> str:
    return (report["reported"] or "")[:16].replace("T", " ") or "undated"


def _where(incident: dict[str, Any]) -> str:
    place = ", ".join(x for x in (incident["location"], incident["admin1"], incident["country"])
                      if x)
    if not place:
        return "place unknown"
    precision = GEO_PRECISION.get(incident["geo_precision"] or 0)
    return f"{place} ({precision})" if precision else place


def _day(incident: dict[str, Any]) -> str:
    precision = PRECISION.get(incident["time_precision"] or 0)
    return f"{incident['day'] or 'undated'}" + (f" ({precision})" if precision else "")


def print_story(story: dict[str, Any], console: Console | None = None) -> None:
    """Print a story: title, first report, span, sources, articles, incidents and figures."""
    console = console or Console()
    console.print(Text(story["title"] or "(untitled)", style="bold"))
    span = story["first_day"] + (f" to {story['last_day']}"
                                 if story["last_day"] != story["first_day"] else "")
    console.print(f"story {story['id']} · {story['article_count']} report(s) · {span or 'undated'}"
                  f" · {len(story['sources'])} source(s): {', '.join(story['sources']) or '-'}")
    first = next((a for a in story["articles"] if a["id"] == story["first_article_id"]), None)
    if first is not None:
        console.print(f"first report: {first['published'] or first['day']} by "
                      f"{first['source'] or 'unknown'}: {first['title'] or first['id']}")
    articles = Table(title="Reports in time order", title_justify="left", title_style="bold")
    for name in ("published", "source", "title", "article"):
        articles.add_column(name, overflow="fold")
    for a in story["articles"]:
        articles.add_row(a["published"] or a["day"], a["source"] or "", a["title"] or "",
                         a["id"][:12])
    console.print(articles)
    if not story["incidents"]:
        console.print("Incidents: none found in its reports", style="dim")
    for incident in story["incidents"]:
        print_incident(incident, console)


def print_incident(incident: dict[str, Any], console: Console | None = None) -> None:
    """Print one story incident and its figures' reports, revisions and disagreements."""
    console = console or Console()
    kind = incident["type"] + (f"/{incident['mode']}" if incident["mode"] else "")
    head = Text(f"\nincident {incident['id']}: ", style="bold")
    head.append(f"{kind} {incident['sub_event']}".strip())
    console.print(head)
    who = "; ".join(incident["actors"]) + (" → " + "; ".join(incident["recipients"])
                                           if incident["recipients"] else "")
    console.print(f"  when: {_day(incident)} · where: {_where(incident)} · "
                  f"{incident['reports']} report(s) · {incident['factuality']}"
                  + (f" · who: {who}" if who else ""))
    if incident["note"]:
        console.print(f"  {incident['note']}", style="dim")
    for series in incident.get("figures", ()):
        _print_series(series, console)
    for report in incident.get("articles", ()):
        console.print(f"  report: {report['published'] or '-'} {report['publisher'] or ''}: "
                      f"{' '.join(report['text'].split())[:160]}", style="dim")


def _print_series(series: dict[str, Any], console: Console) -> None:
    table = Table(title=f"  {series['predicate']}: every report", title_justify="left")
    for name in ("reported", "figure", "said by", "outlet"):
        table.add_column(name, overflow="fold")
    for report in series["reports"]:
        table.add_row(_when(report), amount(report), report["said_by"] or "",
                      report["outlet"] or "")
    console.print(table)
    latest = series["latest"]
    spread = (f"from {series['lowest']} to {series['highest']}"
              if series["lowest"] != series["highest"] else f"{series['lowest']}")
    console.print(f"  latest: {amount(latest)} ({latest['voice']}, {_when(latest)}); "
                  f"spread: {spread}")
    for revision in series["revisions"]:
        before, after = revision["before"], revision["after"]
        console.print(f"  revised: {amount(before)} ({before['voice']}, {_when(before)}) → "
                      f"{amount(after)} ({after['voice']}, {_when(after)})")
    for disagreement in series["disagreements"]:
        a, b = disagreement["first"], disagreement["second"]
        console.print(f"  disagree: {a['voice']} says {amount(a)}; {b['voice']} says "
                      f"{amount(b)}", style="yellow")


def print_comparisons(incidents: Sequence[dict[str, Any]], console: Console) -> None:
    """Print, for each incident, its figures as each source gave them (within it only)."""
    table = Table(title="Figures compared within each incident (each source, each report time)",
                  title_justify="left", title_style="bold")
    for name in ("day", "incident", "figure", "reports", "latest"):
        table.add_column(name, overflow="fold", max_width=None if name == "reports" else 30)
    for incident in incidents:
        label = f"{incident['type']} {incident['location'] or ''}".strip()
        for series in incident["figures"]:
            reports = "; ".join(f"{amount(r)} ({r['voice']}, {_when(r)[:10]})"
                                for r in series["reports"])
            table.add_row(incident["day"], label, series["predicate"], reports,
                          amount(series["latest"]))
    console.print(table)
