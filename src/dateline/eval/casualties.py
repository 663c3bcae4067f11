"""Score casualty counts on the Gun Violence Archive corpus (incidents.jsonl + articles.jsonl).

Each article (joined to its incident on ``incident_id``) runs through the stages the claims
stage needs (nlp, entities, quotes, claims) with its own date. The article's counts are read
from its claims by this rule:

- a claim counts people killed when its predicate reads as a death ("killed", "dead", "died",
  "fatally shot", "shot dead", "death toll", "passed away") and it counts people, not shots,
  charges, money or years; injured likewise ("injured", "wounded", "hurt", "critically
  wounded", "in critical condition", "sent to the hospital"); claims include people described
  without a figure ("a man was shot and killed" counts one; a name does not, see
  ``stages.numbers.singulars``);
- figures sharing one predicate word add up ("killing 12 soldiers and one civilian" is 13); a
  range gives its upper end; a vague quantity with no figure is skipped;
- a killer's own death adds to the deaths stated beside it in the same sentence ("killed his
  wife and two children before killing himself" is 4; "before taking his own life" likewise);
- killed is the largest such total in the first two sentences that state one (news puts the
  toll of the event it reports first; later figures are often other events, "the 2009
  shooting that left 13 dead"), 0 when none is stated;
- injured likewise, or the number "shot" less the killed count when that is larger ("four
  people were shot, one fatally" -> 3 injured).

Metrics: exact and within-one accuracy and mean absolute error for killed and injured, over
all articles and over the ``_stated`` subset whose text holds the gold figure as digits or as a
word (the gold is the incident's final tally, which an early report may not know). Baselines
from the same run: ``baseline_zero`` (always 0) and ``baseline_near`` (the closest number
written up to five words before a word of killing or injury, at the first such word that has
one, else 0); ``baseline_killed_exact_stated`` repeats the latter for the report. A trained chooser
(dateline.learned.casualties) can pick among the rule's figures, their sums and every count the
text writes instead (``learned_casualties``): the headline figures use the weights the pipeline
ships, trained on every incident of the development half; ``learned_*`` and
``heldout_rules_*`` compare the rule with the weights trained on the training incidents only
(variant SPLIT), on the held-out incidents those never read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import InputError
from dateline.eval import EvalResult
from dateline.eval.doc_cache import run_cached
from dateline.eval.factuality_data import held_out
from dateline.eval.gva import find_sets, read_reports
from dateline.ingest.article import make_article
from dateline.learned.model import SPLIT
from dateline.records import Article, Claim, Doc, Span
from dateline.resources.numbers import MULTIPLICATIVES, UNITS
from dateline.settings import Settings
from dateline.stages.numbers.counted import predicate_kind

if TYPE_CHECKING:
    from dateline.learned.casualties import Candidate

STAGES = ("nlp", "entities", "quotes", "claims")

# Counted nouns that are not people: "three shots", "two charges", "50 homicides this year".
NOT_PEOPLE = frozenset("""
shot shots round rounds bullet bullets time times shooting shootings incident incidents homicide
homicides murder murders case cases year years gun guns weapon weapons firearm firearms car cars
vehicle vehicles count counts charge charges dog dogs animal animals home homes house houses
wound wounds injury-related day days hour hours
""".split())
_NUMBER_WORDS = {v: k for k, v in UNITS.items()}
_KILLED_WORDS = re.compile(r"\b(?:killed|killing|dead|died|dies|death|deaths|slain|fatally)\b",
                           re.IGNORECASE)
_INJURED_WORDS = re.compile(r"\b(?:injured|injuring|wounded|wounding|hurt|injuries)\b",
                            re.IGNORECASE)
_NUMBER = re.compile(r"\b(?:\d{1,3}(?:,\d{3})*|\d+|" + "|".join(sorted(UNITS, key=len,
                     reverse=True)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    """One article with the gold counts of the incident it reports."""

    article_id: str
    text: str
    published: str | None
    title: str | None
    killed: int
    injured: int
    incident: str = ""


@dataclass
class Tally:
    """Running exact, within-one and absolute-error counts for one figure."""

    n: int = 0
    exact: int = 0
    within1: int = 0
    abs_error: int = 0

    def add(self, gold: int, predicted: int) -> None:
        self.n += 1
        self.exact += predicted == gold
        self.within1 += abs(predicted - gold) <= 1
        self.abs_error += abs(predicted - gold)

    def as_dict(self, name: str, suffix: str = "") -> dict[str, float | int]:
        def share(x: int) -> float:
            return round(x / self.n, 4) if self.n else 0.0
        return {f"{name}_exact{suffix}": share(self.exact),
                f"{name}_within1{suffix}": share(self.within1),
                f"{name}_mae{suffix}": share(self.abs_error)}


@dataclass
class Scores:
    """Tallies for one predictor over all articles and the stated subsets."""

    killed: Tally = field(default_factory=Tally)
    injured: Tally = field(default_factory=Tally)
    killed_stated: Tally = field(default_factory=Tally)
    injured_stated: Tally = field(default_factory=Tally)

    def add(self, case: Case, killed: int, injured: int) -> None:
        self.killed.add(case.killed, killed)
        self.injured.add(case.injured, injured)
        if states_figure(case.text, case.killed):
            self.killed_stated.add(case.killed, killed)
        if states_figure(case.text, case.injured):
            self.injured_stated.add(case.injured, injured)

    def as_dict(self, prefix: str = "") -> dict[str, float | int]:
        out: dict[str, float | int] = {}
        out |= self.killed.as_dict(f"{prefix}killed")
        out |= self.injured.as_dict(f"{prefix}injured")
        out |= self.killed_stated.as_dict(f"{prefix}killed", "_stated")
        out |= self.injured_stated.as_dict(f"{prefix}injured", "_stated")
        return out


def read_cases(folder: Path) -> Iterator[Case]:
    """Yield the articles of a GVA folder joined to their incidents' gold counts."""
    for report in read_reports(folder):
        killed = report.incident.get("num_killed")
        injured = report.incident.get("num_injured")
        if not isinstance(killed, int) or not isinstance(injured, int):
            continue
        yield Case(report.id, report.text, report.published, report.title, killed, injured,
                   str(report.incident.get("incident_id", "")))


def states_figure(text: str, figure: int) -> bool:
    """Return True when the text writes ``figure`` as digits or as a word ("3", "three")."""
    words = [str(figure)]
    if figure in _NUMBER_WORDS:
        words.append(_NUMBER_WORDS[figure])
    return any(re.search(rf"(?<![\w.,]){re.escape(w)}(?![\w]|[.,]\d)", text, re.IGNORECASE)
               for w in words)


def counts_people(claim: Claim) -> bool:
    """Return True when the claim counts people (not shots, charges, money or years)."""
    if claim.unit is not None:
        return False
    if claim.text.lower() in MULTIPLICATIVES:
        return True  # "a triple homicide": the figure counts the victims of one act
    return claim.what is None or claim.what.lower().split()[-1] not in NOT_PEOPLE


def _figure(claim: Claim) -> Decimal | None:
    if claim.value is not None:
        return claim.value
    return claim.high if claim.high is not None and claim.low is not None else None


@dataclass
class FigureGroup:
    """Figures that share one predicate word: "killing 12 soldiers and one civilian" is 13."""

    kind: str
    sentence: int
    total: Decimal
    self_inflicted: bool = False
    claims: list[Claim] = field(default_factory=list)


_REFLEXIVES = frozenset({"himself", "herself", "themselves"})
_SELF_TAKING = frozenset({"take", "takes", "took", "taken", "taking"})


def self_inflicted(claim: Claim) -> bool:
    """Return True for a killer's own death: "killing himself", "taking his own life"."""
    words = (claim.predicate or "").lower().split()
    said = claim.text.lower()
    return said in _REFLEXIVES or (said in ("his", "her", "their") and bool(words)
                                   and words[-1] in ("life", "lives")
                                   and any(w in _SELF_TAKING for w in words))


def figure_groups(claims: Iterable[Claim], sentences: Sequence[Span] = ()) -> list[FigureGroup]:
    """Return the article's casualty figures summed per predicate word, in text order, each
    killer's own death added to its sentence's largest other toll."""
    starts = [s.start for s in sentences]
    groups: dict[tuple[int, int], FigureGroup] = {}
    for claim in sorted(claims, key=lambda c: c.start):
        kind = predicate_kind(claim.predicate)
        figure = _figure(claim)
        if kind is None or figure is None or not counts_people(claim):
            continue
        where = claim.predicate_span or claim
        key = (where.start, where.end)
        if key in groups:
            groups[key].total += figure
        else:
            groups[key] = FigureGroup(kind, bisect_right(starts, claim.start), figure,
                                      kind == "killed" and self_inflicted(claim))
        groups[key].claims.append(claim)
    _add_killers(list(groups.values()))
    return list(groups.values())


def counts_from_claims(claims: Iterable[Claim],
                       sentences: Sequence[Span] = ()) -> tuple[int, int]:
    """Return (killed, injured) for an article by the rule in the module docstring."""
    return counts_from_groups(figure_groups(claims, sentences))


def counts_from_groups(groups: Sequence[FigureGroup]) -> tuple[int, int]:
    """Return (killed, injured) from an article's figure groups by the documented rule."""
    counts: dict[str, Decimal] = {}
    for kind in ("killed", "injured", "shot"):
        found = [g for g in groups if g.kind == kind]
        if found:
            lead = found[0].sentence
            counts[kind] = max(g.total for g in found if g.sentence <= lead + 1)
    killed = int(counts.get("killed", 0))
    shot_alive = max(int(counts.get("shot", 0)) - killed, 0)
    return killed, max(int(counts.get("injured", 0)), shot_alive)


def _add_killers(groups: list[FigureGroup]) -> None:
    """Add each killer's own death to the largest other death toll of its sentence."""
    for own in (g for g in groups if g.self_inflicted):
        others = [g for g in groups if g.kind == "killed" and not g.self_inflicted
                  and g.sentence == own.sentence]
        if others:
            max(others, key=lambda g: g.total).total += own.total


def baseline_near(text: str) -> tuple[int, int]:
    """Return the closest number up to five words before a word of killing / of injury."""
    return _first_number_before(text, _KILLED_WORDS), _first_number_before(text, _INJURED_WORDS)


def _first_number_before(text: str, words: re.Pattern[str]) -> int:
    for match in words.finditer(text):
        window = text[max(0, match.start() - 60):match.start()].split()[-5:]
        for word in reversed(window):
            found = _NUMBER.fullmatch(word.strip(",.;:()\"'").lower())
            if found:
                token = found.group(0).replace(",", "")
                return int(token) if token.isdigit() else UNITS[token]
    return 0


def _articles(cases: list[Case]) -> Iterator[Article | None]:
    for case in cases:
        try:
            yield make_article(case.text, published=case.published, title=case.title,
                               check_language=False, name=case.article_id)
        except InputError:
            yield None


def article_counts(case: Case, doc: Doc, learned: bool,
                   variant: str | None = None) -> tuple[int, int]:
    """Return (killed, injured) for one article by the rule, or by the trained chooser with
    the weights of ``variant`` (learned/model.py; None: those the pipeline ships)."""
    groups = figure_groups(doc.claims, doc.sentences)
    killed, injured = counts_from_groups(groups)
    if not learned:
        return killed, injured
    from dateline.learned.casualties import choose

    return (choose(article_candidates(case, doc, groups, "killed", killed, killed), variant),
            choose(article_candidates(case, doc, groups, "injured", injured, killed), variant))


def article_candidates(case: Case, doc: Doc, groups: Sequence[FigureGroup], kind: str,
                       rule: int, killed: int) -> list[Candidate]:
    """Return the chooser's candidates for one figure of an article."""
    from dateline.learned.casualties import candidates

    return candidates(groups, kind, rule, killed, case.title, doc.article.text,
                      [s.start for s in doc.sentences])


def within_reach(case: Case, doc: Doc) -> tuple[bool, bool]:
    """Return whether the gold killed and injured figures are among the chooser's candidates."""
    groups = figure_groups(doc.claims, doc.sentences)
    killed, injured = counts_from_groups(groups)
    return (case.killed in {c.value for c in
                            article_candidates(case, doc, groups, "killed", killed, killed)},
            case.injured in {c.value for c in
                             article_candidates(case, doc, groups, "injured", injured, killed)})


def held_out_case(case: Case) -> bool:
    """Return True for an article of an incident the casualty model never trains on."""
    return held_out(f"gva:{case.incident}")


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score casualty counts for each GVA folder found under ``data``.

    ``learned_*`` and ``heldout_rules_*`` score the chooser trained on the training incidents
    only (its SPLIT weights) and the rule on the articles of the held-out incidents, and
    ``reachable_*_exact*`` how often the gold figure is among its candidates there (the best any
    choice could do); the headline figures are over all articles, by the shipped chooser
    (trained on every development incident) when ``learned_casualties`` is on, else by the
    rule.
    """
    stage_settings = replace(settings, stages=STAGES)
    results = []
    for folder in find_sets(data):
        cases = list(read_cases(folder))[:limit]
        ours, zero, near = Scores(), Scores(), Scores()
        learned, rules, reach = Scores(), Scores(), Scores()
        failed = 0
        articles = list(_articles(cases))
        kept = [(c, a) for c, a in zip(cases, articles, strict=True) if a is not None]
        failed += len(cases) - len(kept)
        docs = run_cached([a for _, a in kept], stage_settings)
        for (case, _), doc in zip(kept, docs, strict=True):
            if doc is None:
                failed += 1
                continue
            ours.add(case, *article_counts(case, doc, settings.learned_casualties))
            zero.add(case, 0, 0)
            near.add(case, *baseline_near(case.text))
            if held_out_case(case):
                rules.add(case, *article_counts(case, doc, False))
                learned.add(case, *article_counts(case, doc, True, SPLIT))
                # Scored as if the chooser always picked the gold figure when it could.
                killed_in, injured_in = within_reach(case, doc)
                reach.add(case, case.killed if killed_in else -99, case.injured if injured_in else -99)
        metrics: dict[str, float | int] = ours.as_dict()
        metrics |= {"docs_killed_stated": ours.killed_stated.n,
                    "docs_injured_stated": ours.injured_stated.n, "failed": failed}
        metrics |= zero.as_dict("baseline_zero_")
        metrics |= near.as_dict("baseline_near_")
        metrics["baseline_killed_exact_stated"] = metrics["baseline_near_killed_exact_stated"]
        metrics |= learned.as_dict("learned_") | rules.as_dict("heldout_rules_")
        metrics |= {f"reachable_{k}": v for k, v in reach.as_dict().items() if "_exact" in k}
        metrics["heldout_docs"] = learned.killed.n
        results.append(EvalResult("casualties", f"Gun Violence Archive ({folder.name})", ours.killed.n,
                                  metrics))
    return results
