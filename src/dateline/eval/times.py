"""Score time expressions on TimeML gold data (TimeBank 1.2, AQUAINT, TempEval-3).

Metrics follow TempEval-3 (UzZaman et al. 2013): ``strict`` counts a found expression right when
its span is exactly the gold span, ``relaxed`` when the two overlap; ``value_f1`` counts a
relaxed match right only when the normalized value is also right (precision over all found,
recall over all gold). Each document's creation time (the DCT TIMEX3) is the publication date
and is not scored. Matching is one to one, the largest overlap first. Values are compared
after writing ISO week numbers with two digits ("2000-W8" and "2000-W08" are one value).

Our intervals are scored as TimeML annotates them: "since May 2025" is the point "May 2025",
"between 2019 and 2021" the two points "2019" and "2021".

The baseline, measured in the same run on the same parse, is spaCy's DATE and TIME entities
resolved by plain dateparser against the creation date (granularity from its period).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError
from dateline.eval import EvalResult
from dateline.eval.scoring import f1
from dateline.eval.timeml import TimeMLDoc, read_folder
from dateline.ingest.article import make_article
from dateline.pipeline import Failure, Pipeline
from dateline.records import Doc, TimeRef
from dateline.settings import Settings

_TYPES = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET",
          "interval": "DATE"}


@dataclass(frozen=True)
class Found:
    """A time expression as scored: span, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Counts:
    """Running counts for the TempEval-3 figures."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def metrics(self, prefix: str = "") -> dict[str, float]:
        def prf(hits: int) -> tuple[float, float, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, f1(p, r)

        out: dict[str, float] = {}
        for name in ("strict", "relaxed"):
            p, r, f = prf(getattr(self, name))
            out.update({f"{prefix}{name}_precision": round(p, 4),
                        f"{prefix}{name}_recall": round(r, 4), f"{prefix}{name}_f1": round(f, 4)})
        out[f"{prefix}value_f1"] = round(prf(self.value)[2], 4)
        out[f"{prefix}type_f1"] = round(prf(self.type)[2], 4)
        return out


def canonical_value(value: str | None) -> str | None:
    """Write a TIMEX3 value in one spelling: ISO week numbers get two digits."""
    if value is None:
        return None
    return re.sub(r"W(\d)(?!\d)", r"W0\1", value.strip().upper())


def score(gold: Sequence[Found], system: Sequence[Found]) -> Counts:
    """Count strict, relaxed, value and type matches, pairing expressions one to one."""
    counts = Counts(gold=len(gold), system=len(system))
    counts.strict = len({(g.start, g.end) for g in gold} & {(s.start, s.end) for s in system})
    pairs = sorted(((min(g.end, s.end) - max(g.start, s.start), gi, si)
                    for gi, g in enumerate(gold) for si, s in enumerate(system)
                    if g.start < s.end and s.start < g.end), reverse=True)
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        counts.relaxed += 1
        g, s = gold[gi], system[si]
        if s.value is not None and canonical_value(g.value) == canonical_value(s.value):
            counts.value += 1
        if g.type == s.type:
            counts.type += 1
    return counts


def as_timeml(times: Iterable[TimeRef]) -> list[Found]:
    """Return our time records in TimeML's shape: intervals become their end points."""
    out: list[Found] = []
    for t in times:
        if t.parts:
            out.extend(as_timeml(t.parts))
            continue
        out.append(Found(t.start, t.end, _TYPES.get(t.kind, "DATE"), t.value))
    return out


def run(data: Path, *, limit: int | None, settings: Settings) -> EvalResult:
    """Run ``nlp`` and ``times`` on every TimeML document at ``data`` and score them."""
    docs = list(read_folder(data, limit))
    if not docs:
        raise ConfigError(f"No TimeML (.tml) files found at {data}. Pass a .tml file or a folder "
                          "holding them (e.g. ../shared/eval/timebank).")
    options = {"nlp": {"components": ("tagger", "parser", "ner")}}
    pipeline = Pipeline.from_settings(replace(settings, stages=("nlp", "times"),
                                              stage_options=options))
    articles = (make_article(d.text, published=d.created, name=d.name, check_language=False)
                for d in docs)
    ours, baseline = Counts(), Counts()
    by_corpus: dict[str, tuple[Counts, int]] = {}
    failures = 0
    for gold_doc, result in zip(docs, pipeline.pipe(articles, on_error="record", keep_parse=True),
                                strict=True):
        gold = [Found(t.start, t.end, t.type, t.value) for t in gold_doc.timexes]
        if isinstance(result, Failure):
            failures += 1
            counts = score(gold, [])
        else:
            counts = score(gold, as_timeml(result.times))
            baseline.add(score(gold, baseline_times(result, gold_doc.created)))
        ours.add(counts)
        corpus = _corpus_of(data, gold_doc)
        total, n = by_corpus.get(corpus, (Counts(), 0))
        total.add(counts)
        by_corpus[corpus] = (total, n + 1)
    metrics: dict[str, Any] = ours.metrics()
    metrics["baseline_value_f1"] = baseline.metrics()["value_f1"]
    metrics["baseline_relaxed_f1"] = baseline.metrics()["relaxed_f1"]
    metrics["gold"], metrics["found"], metrics["failures"] = ours.gold, ours.system, failures
    notes = tuple(f"{name}: {n} docs, value_f1 {c.metrics()['value_f1']:.3f}, relaxed_f1 "
                  f"{c.metrics()['relaxed_f1']:.3f}, strict_f1 {c.metrics()['strict_f1']:.3f}"
                  for name, (c, n) in sorted(by_corpus.items()) if len(by_corpus) > 1)
    return EvalResult(task="times", dataset=data.stem if data.is_file() else data.name,
                      docs=len(docs), metrics=metrics, notes=notes)


def _corpus_of(data: Path, doc: TimeMLDoc) -> str:
    return doc.corpus if doc.corpus else data.name


def baseline_times(doc: Doc, created: date | None) -> list[Found]:
    """Return spaCy's DATE/TIME entities with values from plain dateparser."""
    if doc.parse is None:
        return []
    return [Found(ent.start_char, ent.end_char, ent.label_,
                  dateparser_value(ent.text, created))
            for ent in doc.parse.ents if ent.label_ in ("DATE", "TIME")]


@lru_cache(maxsize=8192)
def dateparser_value(text: str, created: date | None) -> str | None:
    """Resolve one phrase with dateparser against the creation date, at its period."""
    settings: dict[str, Any] = {"RETURN_TIME_AS_PERIOD": True}
    if created is not None:
        settings["RELATIVE_BASE"] = datetime.combine(created, datetime.min.time())
    data = _parser(tuple(sorted(settings.items()))).get_date_data(text)
    when, period = data.date_obj, data.period
    if when is None:
        return None
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time":
        return f"{when:%Y-%m-%dT%H:%M}"
    return f"{when:%Y-%m-%d}"


@lru_cache(maxsize=64)
def _parser(settings: tuple[tuple[str, Any], ...]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))
