"""Render a Doc as a compact text digest, one line per item, for golden files a person reviews."""

from __future__ import annotations

from decimal import Decimal

from dateline.records import Doc, Ref

# Demo corpus lines (1-based) kept as golden articles: short, varied news of several kinds.
GOLDEN_LINES = (1, 6, 8, 10, 12, 13, 17, 20, 26, 38)


def _ref(ref: Ref | None) -> str:
    if ref is None:
        return "-"
    return ref.name if ref.name and ref.name == ref.text else (
        f"{ref.name} ({ref.text!r})" if ref.name else repr(ref.text))


def _num(value: Decimal | None) -> str:
    return "-" if value is None else format(value, "f")


def digest(doc: Doc, header: str) -> str:
    """Return the digest text of ``doc``."""
    lines = [f"# {header}", "## entities"]
    for e in doc.entities:
        mentions = ", ".join(dict.fromkeys(m.text for m in e.mentions))
        roles = "; ".join(f"{r.kind} {r.text}" for r in e.roles) or "-"
        lines.append(f"{e.label} {e.name} | mentions: {mentions} | roles: {roles} | "
                     f"nationality: {e.nationality or '-'} | affiliation: {e.affiliation or '-'}")
    lines.append("## times")
    for t in doc.times:
        lines.append(f"{t.text!r} @{t.start} -> {t.value} ({t.precision}, {t.kind})")
    lines.append("## places")
    for p in doc.places:
        where = f"[{p.lat:.2f}, {p.lon:.2f}]" if p.lat is not None and p.lon is not None else "[-]"
        lines.append(f"{p.text!r} @{p.start} -> {p.name} {p.country_code or '-'} {where} "
                     f"gn={p.geonames_id or '-'} {p.feature_code or '-'} role={p.role}")
    lines.append("## quotes")
    for q in doc.quotes:
        content = " … ".join(c.text for c in q.contents)
        lines.append(f"{q.kind} | speaker: {_ref(q.speaker)} | descriptor: "
                     f"{q.speaker_descriptor or '-'} | cue: {q.cue.text if q.cue else '-'} | "
                     f"channel: {q.channel.text if q.channel else '-'} | content: {content!r}")
    lines.append("## claims")
    for c in doc.claims:
        lines.append(f"{c.text!r} @{c.start} value={_num(c.value)} low={_num(c.low)} "
                     f"high={_num(c.high)} qualifier={c.qualifier or '-'} what={c.what or '-'} "
                     f"predicate={c.predicate or '-'} unit={c.unit or '-'} source={_ref(c.source)}")
    lines.append("## events")
    for ev in doc.events:
        actors = ", ".join(_ref(a) for a in ev.actors) or "-"
        recipients = ", ".join(_ref(r) for r in ev.recipients) or "-"
        counts = ", ".join(f"{q.kind} {_num(q.value)}" for q in ev.quantities) or "-"
        lines.append(f"{ev.type}{'/' + ev.mode if ev.mode else ''} "
                     f"trigger={ev.trigger.text if ev.trigger else '-'!r} | {actors} -> {recipients} "
                     f"| place: {ev.place.name if ev.place else '-'} | time: "
                     f"{ev.time.value if ev.time else '-'} | {ev.factuality} | source: "
                     f"{_ref(ev.source)} | counts: {counts} | conf {ev.confidence:.2f}")
    lines.append("## incidents")
    triggers = {ev.id: ev.trigger.text if ev.trigger else "-" for ev in doc.events}
    for inc in doc.incidents:
        date = f"{inc.date.value} ({inc.date.found}, {inc.date.time_precision})" \
            if inc.date else "-"
        where = f"{inc.location.name} ({inc.location.found}, {inc.location.geo_precision})" \
            if inc.location else "-"
        mentions = ", ".join(triggers.get(m, m) for m in inc.mentions) or "-"
        lines.append(f"{inc.type}{'/' + inc.mode if inc.mode else ''} {inc.sub_event!r} | "
                     f"date: {date} | place: {where} | mentions: {mentions} | {inc.note}")
    return "\n".join(lines) + "\n"
