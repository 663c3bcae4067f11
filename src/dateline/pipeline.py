"""Build a pipeline of stages from settings, check their order once, and run articles through it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, Literal, Protocol

from dateline import budget
from dateline.budget import UNLIMITED, Budget, limits
from dateline.errors import BudgetError, ConfigError, DatelineError, StageError
from dateline.options import convert_options, option_types
from dateline.records import Article, Doc
from dateline.registry import StageInfo, get_stage, missing_requirement
from dateline.settings import Settings

OnError = Literal["raise", "record"]


class Stage(Protocol):
    """A pure step: a Doc in, a new Doc out. ``pipe`` is optional, for batched models."""

    def __call__(self, doc: Doc) -> Doc: ...


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that a stage could not process; the batch goes on without it."""

    article: Article
    stage: str
    error: str
    message: str


class Pipeline:
    """An ordered list of stages; ``pipe`` runs batches, ``__call__`` one article.

    Every article runs under ``budget`` (budget.py): one with too many sentences is refused
    before the parse, and one that runs out of time or memory fails alone, as its own Failure,
    while the rest of its batch goes on.
    """

    def __init__(self, stages: Sequence[tuple[str, Stage]], batch_size: int = 8,
                 budget: Budget = UNLIMITED) -> None:
        self.stages = list(stages)
        self.contracts = {name: _contract(name) for name, _ in self.stages}
        self.batch_size = max(1, batch_size)
        self.budget = budget
        self._warm = budget == UNLIMITED

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.stages]

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Pipeline:
        """Build every stage named in settings, checking requirements and options."""
        settings = settings or Settings()
        infos = [get_stage(name) for name in settings.stages]
        check_order(infos)
        unknown = sorted(set(settings.stage_options) - {i.name for i in infos})
        if unknown:
            raise ConfigError(f"Options given for stage(s) not in the pipeline: {', '.join(unknown)}. "
                              f"Pipeline: {', '.join(settings.stages)}.")
        components = sorted({c for info in infos for c in info.components})
        built: list[tuple[str, Stage]] = []
        for info in infos:
            options = dict(settings.stage_options.get(info.name, {}))
            if info.name == "nlp":
                options.setdefault("model", settings.model)
                options.setdefault("components", tuple(components))
                options.setdefault("batch_size", settings.batch_size)
                options.setdefault("max_sentence_tokens", settings.max_sentence_tokens)
                options.setdefault("learned_ner", settings.learned_ner)
            if "cache_dir" in _option_names(info):
                options.setdefault("cache_dir", settings.cache_dir)
            if "learned_factuality" in _option_names(info):
                options.setdefault("learned_factuality", settings.learned_factuality)
            if "learned_triggers" in _option_names(info):
                options.setdefault("learned_triggers", settings.learned_triggers)
            if "learned_attribution" in _option_names(info):
                options.setdefault("learned_attribution", settings.learned_attribution)
            if "learned_cues" in _option_names(info):
                options.setdefault("learned_cues", settings.learned_cues)
            built.append((info.name, build_stage(info, options)))
        return cls(built, batch_size=settings.batch_size, budget=Budget.from_settings(settings))

    def __call__(self, article: Article) -> Doc:
        """Run every stage on one article; raise the first error."""
        result = next(self.pipe([article], on_error="raise"))
        assert isinstance(result, Doc)
        return result

    def pipe(self, articles: Iterable[Article], on_error: OnError = "raise",
             keep_parse: bool = False) -> Iterator[Doc | Failure]:
        """Run articles in batches, yielding a Doc per article, or a Failure with ``record``."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._run_batch(batch, on_error, keep_parse)

    def warm_up(self) -> None:
        """Load what the stages load on first use (the spaCy model, the gazetteer), so that
        loading is not charged to the first article's time budget."""
        self._warm = True
        # A real article meets the same error, and records it.
        with contextlib.suppress(Exception):
            self._run_stages([Doc(article=Article("warm-up", _WARM_UP))], "record")

    def _run_batch(self, batch: list[Article], on_error: OnError,
                   keep_parse: bool) -> Iterator[Doc | Failure]:
        slots: list[Doc | Failure] = [self._admit(a, on_error) for a in batch]
        live = [i for i, s in enumerate(slots) if isinstance(s, Doc)]
        if live and not self._warm:
            self.warm_up()  # after the refusals, which need no model
        done = False
        if len(live) > 1:
            try:
                with limits(self.budget, articles=len(live)):
                    outs = self._run_stages([d for d in slots if isinstance(d, Doc)], on_error)
                for i, out in zip(live, outs, strict=True):
                    slots[i] = out
                done = True
            except _Overrun:
                pass  # the batch ran out of time or memory: each article again, on its own budget
        if not done:
            for i in live:
                slots[i] = self._run_alone(batch[i], on_error)
        for slot in slots:
            if isinstance(slot, Doc) and not keep_parse:
                slot = replace(slot, parse=None)
            yield slot

    def _admit(self, article: Article, on_error: OnError) -> Doc | Failure:
        try:
            self.budget.admit(article)
        except BudgetError as exc:
            if on_error == "raise":
                raise
            return Failure(article, "budget", type(exc).__name__, str(exc))
        return Doc(article=article)

    def _run_alone(self, article: Article, on_error: OnError) -> Doc | Failure:
        try:
            with limits(self.budget):
                return self._run_stages([Doc(article=article)], on_error)[0]
        except _Overrun as overrun:
            if on_error == "raise":
                raise overrun.error from None
            return Failure(article, overrun.stage, type(overrun.error).__name__,
                           str(overrun.error))

    def _run_stages(self, docs: list[Doc], on_error: OnError) -> list[Doc | Failure]:
        slots: list[Doc | Failure] = list(docs)
        produced = {"article"}
        for name, stage in self.stages:
            live = [i for i, s in enumerate(slots) if isinstance(s, Doc)]
            if not live:
                break
            current = [d for d in slots if isinstance(d, Doc)]
            requires, produces = self.contracts[name]
            check_requirements(name, requires, produced, current)
            produced.update(produces)
            outs: list[Doc | Failure]
            try:
                budget.check()
                outs = list(_apply(stage, current))
            except BudgetError as exc:
                raise _Overrun(name, exc) from exc
            except Exception:
                # Retry one by one so a single bad article does not sink its batch.
                outs = [_apply_one(name, stage, d, on_error) for d in current]
            for i, out in zip(live, outs, strict=True):
                slots[i] = out
        return slots


_WARM_UP = ("BEIRUT (Reuters) - On Friday the army said 40 people were killed in Aleppo, Syria, "
            "in an attack on a police station, according to a spokesman. \"We will respond,\" "
            "Prime Minister John Smith told AFP.\n")


class _Overrun(Exception):
    """An article (or a batch) ran out of time or memory in ``stage``."""

    def __init__(self, stage: str, error: BudgetError) -> None:
        super().__init__(str(error))
        self.stage = stage
        self.error = error


def _apply(stage: Stage, docs: list[Doc]) -> list[Doc]:
    pipe = getattr(stage, "pipe", None)
    if pipe is not None:
        return list(pipe(docs))
    return [stage(d) for d in docs]


def _apply_one(name: str, stage: Stage, doc: Doc, on_error: OnError) -> Doc | Failure:
    try:
        return _apply(stage, [doc])[0]
    except BudgetError as exc:
        raise _Overrun(name, exc) from exc
    except DatelineError as exc:
        if on_error == "raise":
            raise
        return Failure(doc.article, name, type(exc).__name__, str(exc))
    except Exception as exc:
        if on_error == "raise":
            raise StageError(name, f"{type(exc).__name__}: {exc}") from exc
        return Failure(doc.article, name, type(exc).__name__, str(exc) or type(exc).__name__)


def check_order(infos: Sequence[StageInfo]) -> None:
    """Raise ConfigError unless each stage's requirements are produced by an earlier stage."""
    produced = {"article"}
    for info in infos:
        missing = [r for r in info.requires if r not in produced]
        if missing:
            raise ConfigError(f"Stage {info.name!r} requires {', '.join(missing)}, which no earlier "
                              f"stage produces. Put the stage producing it first.")
        produced.update(info.produces)


def check_requirements(name: str, requires: Sequence[str], produced: set[str],
                       docs: Sequence[Doc]) -> None:
    """Raise the StageError naming the missing stage before ``name`` runs without its input.

    A pipeline built from settings passed check_order already; this guards pipelines built by
    hand, and the parse, the one requirement a Doc carries or lacks visibly.
    """
    for requirement in requires:
        if requirement not in produced or (
                requirement == "parse" and any(d.parse is None for d in docs)):
            raise missing_requirement(name, requirement)


def _contract(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return what the stage ``name`` requires and produces, as registered."""
    try:
        info = get_stage(name)
    except ConfigError:
        return (), ()  # a stage passed by hand, unknown to the registry, declares nothing
    return info.requires, info.produces


def _option_names(info: StageInfo) -> list[str]:
    return list(option_types(info.factory))


def build_stage(info: StageInfo, options: dict[str, Any]) -> Stage:
    """Instantiate a stage, turning unknown option keys into a ConfigError listing valid ones."""
    factory = info.factory
    valid = _option_names(info)
    unknown = sorted(set(options) - set(valid))
    if unknown:
        raise ConfigError(f"Unknown option(s) {', '.join(unknown)} for stage {info.name!r}. "
                          f"Valid: {', '.join(valid) or 'none'}.")
    return factory(**convert_options(info.name, factory, options))  # type: ignore[no-any-return]
