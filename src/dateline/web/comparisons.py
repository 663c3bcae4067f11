"""Put figures side by side only where they count the same thing of the same real event.

Two scopes, and never across them: the reports of one incident's figure (every source, every
report time, kept as given), and the claims of one story that count the same thing in the
same way ("people" + killed) in at least two of its articles. A death toll from one story is
never compared with a death toll from another, nor four candidates' vote totals in one article
with one another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dateline.store.views import predicate_kind
from dateline.web.charts import figure_label, number, source_of


@dataclass
class Comparison:
    """Reports of one figure within one incident or one story."""

    scope: str                # "incident" or "story"
    scope_id: str
    title: str                # the incident's sub-event or the story's title
    href: str
    kind: str                 # killed, injured, ... (the predicate's tally)
    what: str                 # what is counted, "" when not said
    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.what, self.kind) if p) or "figures"

    @property
    def sources(self) -> list[str]:
        return sorted({source_of(r) for r in self.reports})

    @property
    def articles(self) -> int:
        return len({r.get("article_id") for r in self.reports})

    @property
    def spread(self) -> tuple[Decimal, Decimal] | None:
        """The smallest and largest figure stated (values, or range ends)."""
        known = [d for r in self.reports for k in ("value", "low", "high")
                 if (d := number(r.get(k))) is not None]
        return (min(known), max(known)) if known else None

    @property
    def disagree(self) -> bool:
        """True when the reports do not all state the same figure."""
        return len({figure_label(r) for r in self.reports}) > 1

    def to_dict(self) -> dict[str, Any]:
        spread = self.spread
        return {"scope": self.scope, "scope_id": self.scope_id, "title": self.title,
                "href": self.href, "kind": self.kind, "what": self.what, "label": self.label,
                "sources": self.sources, "articles": self.articles,
                "min": str(spread[0]) if spread else None,
                "max": str(spread[1]) if spread else None, "disagree": self.disagree,
                "reports": self.reports}


def _report_key(report: Mapping[str, Any]) -> tuple[str, str]:
    return (str(report.get("reported") or report.get("published") or report.get("day") or ""),
            source_of(report))


def incident_comparisons(incidents: Iterable[Mapping[str, Any]], *, min_reports: int = 2
                         ) -> list[Comparison]:
    """One comparison per figure of each incident reported at least ``min_reports`` times,
    by two or more articles or, within one article, by sources that disagree (one article
    repeating one figure has nothing to compare); the most reported first.

    ``incidents`` carry ``id``, ``sub_event`` or ``type``, and ``figures``: every report with
    ``predicate``, ``value``, ``low``, ``high``, ``qualifier``, ``source``, ``publisher``,
    ``reported``, ``article_id`` and its evidence.
    """
    out = []
    for incident in incidents:
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for report in incident.get("figures") or ():
            by_kind.setdefault(predicate_kind(report.get("predicate")), []).append(dict(report))
        for kind, reports in sorted(by_kind.items()):
            group = Comparison(
                scope="incident", scope_id=str(incident["id"]),
                title=str(incident.get("sub_event") or incident.get("type") or "incident"),
                href=f"/incidents/{incident['id']}", kind=kind, what="",
                reports=sorted(reports, key=_report_key))
            if len(reports) >= min_reports and (group.articles >= 2 or group.disagree):
                out.append(group)
    return sorted(out, key=lambda g: (-g.articles, not g.disagree, -len(g.reports)))


def story_comparisons(claims: Iterable[Mapping[str, Any]], *, min_articles: int = 2
                      ) -> list[Comparison]:
    """Group claims by story and by what they count, keeping groups stated in at least
    ``min_articles`` articles of their story; the groups with most articles first.

    ``claims`` are claim rows (as ``dateline query claims`` gives them) with ``story_id`` and
    ``story_title``; claims outside any story are never compared.
    """
    groups: dict[tuple[str, str, str], Comparison] = {}
    for claim in claims:
        story = claim.get("story_id")
        if not story or (not claim.get("what") and not claim.get("predicate")):
            continue
        kind = predicate_kind(claim.get("predicate"))
        what = str(claim.get("what") or "").strip().lower()
        key = (str(story), kind, what)
        if key not in groups:
            groups[key] = Comparison(scope="story", scope_id=str(story),
                                     title=str(claim.get("story_title") or story),
                                     href=f"/stories/{story}", kind=kind, what=what)
        groups[key].reports.append(dict(claim))
    kept = [g for g in groups.values() if g.articles >= min_articles]
    for group in kept:
        group.reports.sort(key=_report_key)
    return sorted(kept, key=lambda g: (-g.articles, -len(g.reports), g.title, g.label))



def _evidence_of(report: Mapping[str, Any], rows: Iterable[Mapping[str, Any]]
                 ) -> dict[str, Any]:
    """A link series' report (dateline.link) with the evidence offsets of its stored row."""
    found = next((r for r in rows if r.get("article_id") == report.get("article_id")
                  and r.get("text") == report.get("text")), None)
    label = figure_label(report)
    return {"source": report.get("voice") or "not attributed", "figure": label,
            "day": str(report.get("reported") or "")[:10],
            "report": {"article_id": report.get("article_id"),
                       "start": found["start"] if found else 0,
                       "end": found["end"] if found else 0}}


def changes(series: Iterable[Mapping[str, Any]], rows: Iterable[Mapping[str, Any]]
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The revisions and disagreements of figure series (as ``store.stories`` gives them), as
    the pages show them: each side with its source, figure, day and evidence link."""
    rows = list(rows)
    revised, disputed = [], []
    for one in series:
        kind = predicate_kind(one.get("predicate"))
        for r in one.get("revisions") or ():
            revised.append({"kind": kind, "before": _evidence_of(r["before"], rows),
                            "after": _evidence_of(r["after"], rows)})
        for d in one.get("disagreements") or ():
            disputed.append({"kind": kind, "sides": [_evidence_of(d["first"], rows),
                                                     _evidence_of(d["second"], rows)]})
    return revised, disputed
