"""Show stored records to people: query pages as tables, an article with its extractions marked,
and the corpus summary ``make demo`` prints, fitted to the terminal's width (export/layout.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.export.layout import evidence, print_records
from dateline.export.writers import flat
from dateline.records import Doc, Span
from dateline.resources.numbers import MONEY_UNITS
from dateline.store import Filters, Store, query
from dateline.store.columns import COLUMN_KINDS
from dateline.web.charts import figure_label

# The columns worth a terminal's width, per table; every column is in --format jsonl/csv.
TABLE_VIEW: dict[str, tuple[str, ...]] = {
    "events": ("day", "type", "actors", "recipients", "place", "country", "factuality",
               "source", "text", "article_id"),
    "quotes": ("day", "speaker", "kind", "cue", "channel", "content", "article_id"),
    "claims": ("day", "value", "qualifier", "what", "source", "text", "article_id"),
    "entities": ("name", "label", "articles", "mentions", "first_day", "last_day"),
    "articles": ("id", "day", "title", "source", "chars", "origin"),
    "places": ("day", "name", "country_code", "admin1", "lat", "lon", "role", "article_id"),
    "times": ("day", "text", "value", "precision", "kind", "article_id"),
    "failures": ("created", "origin", "stage", "error", "message"),
    "stories": ("id", "first_day", "last_day", "title", "type", "country", "articles",
                "sources"),
    "incidents": ("id", "day", "type", "sub_event", "location", "country", "geo_precision",
                  "fatalities", "reports", "sources", "story_id"),
}
# Layer styles in `dateline show`, with the legend printed above the text.
STYLES = {"events": "bold red", "quotes": "green", "claims": "magenta", "times": "cyan",
          "places": "blue underline", "entities": "bold"}


def print_rows(table: str, rows: Sequence[dict[str, Any]], console: Console | None = None,
               title: str | None = None) -> None:
    """Print query rows as a table of the columns that matter most for ``table``."""
    console = console or Console()
    kinds = dict(COLUMN_KINDS[table])
    view = Table(title=title, title_justify="left", title_style="bold")
    for name in TABLE_VIEW[table]:
        view.add_column(name, overflow="fold", max_width=60 if name in ("text", "content",
                                                                        "message") else None)
    for row in rows:
        cells = [flat(row.get(name), kinds.get(name, "str")) for name in TABLE_VIEW[table]]
        view.add_row(*(str(c)[:12] if name in ("article_id", "story_id") else _cell(c)
                       for name, c in zip(TABLE_VIEW[table], cells, strict=True)))
    console.print(view)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def marked_text(doc: Doc) -> Text:
    """Return the article text with each layer's spans styled (outer layers first)."""
    text = Text(doc.article.text)
    layers: list[tuple[str, Sequence[Span]]] = [
        ("events", doc.events), ("quotes", doc.quotes), ("claims", doc.claims),
        ("entities", [m for e in doc.entities for m in e.mentions]), ("times", doc.times),
        ("places", doc.places)]
    for layer, spans in layers:
        for span in spans:
            text.stylize(STYLES[layer], span.start, span.end)
    if doc.article.dateline:
        text.stylize("dim", doc.article.dateline.start, doc.article.dateline.end)
    return text


def print_marked(doc: Doc, console: Console | None = None) -> None:
    """Print an article with its extractions marked, then the tables of what was found."""
    from dateline.report import print_report

    console = console or Console()
    legend = Text("marks: ")
    for layer, style in STYLES.items():
        legend.append(layer, style=style)
        legend.append("  ")
    console.print(legend)
    console.print(marked_text(doc))
    console.print()
    print_report(doc, console)


def print_summary(store: Store, console: Console | None = None, top: int = 10) -> None:
    """Print what an analyst wants first: counts, top actors, a timeline and sourced claims."""
    console = console or Console()
    counts = store.counts()
    console.print(Text(f"{store.display_url}", style="bold"))
    shown = {**counts, "incidents": counts["story_incidents"],
             "incident reports": counts["incidents"]}
    console.print(", ".join(f"{shown[t]:,} {t}" for t in (
        "articles", "stories", "entities", "times", "places", "quotes", "claims", "events",
        "incidents", "incident reports", "failures")))
    people = query(store, "entities", Filters(type="PERSON"), limit=top).rows
    groups = query(store, "entities", Filters(type="ORG"), limit=top).rows
    print_rows("entities", people + groups, console, title="Top people and organisations")
    _print_followed_stories(store, console, top)
    # A timeline across the corpus: the most confident event of each of the latest articles.
    best: dict[str, dict[str, Any]] = {}
    for ev in query(store, "events", limit=1000).rows:
        held = best.get(ev["article_id"])
        if held is None or ev["confidence"] > held["confidence"]:
            best[ev["article_id"]] = ev
    events = sorted(best.values(), key=lambda e: (e["day"], e["article_id"]))[-top:]
    # Figures someone vouches for, about what happened to people first, grouped by story so
    # that only figures about one event stand side by side.
    sourced = [c for c in query(store, "claims", limit=1000).rows if c["source"]]
    claims = sorted(sourced, key=lambda c: (not c["predicate"], c["day"]), reverse=False)[:top]
    claims.sort(key=lambda c: (c["story_id"] or c["article_id"], c["day"]))
    titles = _story_titles(store, {c["story_id"] for c in claims if c["story_id"]})
    docs = {aid: store.load(aid) for aid in {r["article_id"] for r in [*events, *claims]}}
    if events:
        rows, evidences = [], []
        for ev in events:
            who = "; ".join(ev["actors"]) + (" → " + "; ".join(ev["recipients"])
                                             if ev["recipients"] else "")
            doc = docs[ev["article_id"]]
            trigger = next((e.trigger for e in doc.events if e.id == ev["id"]), None)
            rows.append([ev["day"], ev["type"] + (f"/{ev['mode']}" if ev["mode"] else ""), who,
                         ", ".join(x for x in (ev["place"], ev["country"]) if x)])
            evidences.append(evidence(doc.sentences, trigger.start if trigger else None,
                                      trigger.end if trigger else None, ev["text"]))
        print_records(console, "Timeline: the main event of the latest articles, with its "
                      "evidence (the trigger in bold)", ("day", "type", "who", "where"), rows,
                      evidences)
    else:
        console.print("Events: none stored", style="dim")
    from dateline.export.story_view import print_comparisons
    from dateline.store.stories import figure_comparisons

    compared = [i for i in figure_comparisons(store, limit=top)
                if any(len(s["reports"]) > 1 for s in i["figures"])]
    if compared:
        print_comparisons(compared, console)
    if claims:
        rows, evidences = [], []
        for c in claims:
            counted = " ".join(x for x in (c["what"], c["predicate"]) if x)
            story = titles.get(c["story_id"] or "", "") or f"article {c['article_id'][:8]}"
            rows.append([story, c["day"], _figure(c), counted, c["source"]])
            evidences.append(evidence(docs[c["article_id"]].sentences, c["start"], c["end"],
                                      c["text"]))
        print_records(console, "Claims with their sources, by story (the figure in bold)",
                      ("story", "day", "figure", "counts", "source"), rows, evidences)
    else:
        console.print("Claims with a source: none stored", style="dim")


def _print_followed_stories(store: Store, console: Console, top: int) -> None:
    """Print the stories that several articles report, the largest first."""
    import sqlalchemy as sa

    from dateline.store import schema

    s = schema.stories
    rows = store.execute(sa.select(s.c.id, s.c.title, s.c.first_day, s.c.last_day,
                                   s.c.article_count)
                         .where(s.c.article_count > 1)
                         .order_by(s.c.article_count.desc(), s.c.first_day.desc(), s.c.id)
                         .limit(top))
    if not rows:
        console.print("Stories reported more than once: none yet", style="dim")
        return
    table = Table(title="Stories reported more than once (dateline show story ID)",
                  title_justify="left", title_style="bold")
    for column in ("story", "title", "from", "to", "reports"):
        # An id prefix is enough for `dateline show story`; the title gets the room.
        table.add_column(column, overflow="fold", no_wrap=column == "story",
                         min_width=24 if column == "title" else None)
    for r in rows:
        table.add_row(r["id"][:12], r["title"], r["first_day"], r["last_day"],
                      str(r["article_count"]))
    console.print(table)


def _story_titles(store: Store, story_ids: set[str]) -> dict[str, str]:
    import sqlalchemy as sa

    from dateline.store import schema

    if not story_ids:
        return {}
    s = schema.stories
    rows = store.execute(sa.select(s.c.id, s.c.title).where(s.c.id.in_(sorted(story_ids))))
    return {r["id"]: r["title"] for r in rows}


def _figure(claim: dict[str, Any]) -> str:
    """Return "around 1,300", "42%", "several (200–999)" or "thousands (≥ 2,000)" for a claim
    row: a word standing for a number keeps the range it stands for beside it."""
    if claim["value"] or not claim["qualifier"]:
        text = figure_label(claim)
    else:
        bounds = figure_label({**claim, "qualifier": None})
        qualifier = str(claim["qualifier"])
        text = qualifier if bounds == "?" else f"{qualifier} ({bounds})"
    unit = str(claim.get("unit") or "")
    if not unit:
        return text
    if unit == "%":
        return text + unit
    return f"{unit}{text}" if unit in MONEY_UNITS else f"{text} {unit}"
