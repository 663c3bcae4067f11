"""Register stages by name, with what each requires and produces (spaCy's factories, datasette's plugins).

Built-in stages register through the ``dateline.stages`` entry-point group, the same path a
third-party package uses: declare ``[project.entry-points."dateline.stages"]`` and decorate the
class with ``@stage``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, TypeVar

from dateline.errors import ConfigError, StageError

ENTRY_POINT_GROUP = "dateline.stages"
T = TypeVar("T")


@dataclass(frozen=True)
class StageInfo:
    """How to build a stage and where it may sit in a pipeline."""

    name: str
    factory: Callable[..., Any]
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    # spaCy components the stage reads (tagger, parser, ner...), so the parse runs only those.
    components: tuple[str, ...]


_STAGES: dict[str, StageInfo] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), produces: tuple[str, ...] = (),
          components: tuple[str, ...] = ()) -> Callable[[T], T]:
    """Register the decorated class as the stage ``name``."""

    def register(cls: T) -> T:
        _STAGES[name] = StageInfo(name, cls, tuple(requires), tuple(produces), tuple(components))  # type: ignore[arg-type]
        cls.stage_name = name  # type: ignore[attr-defined]
        return cls

    return register


def available_stages() -> list[str]:
    """Return the names of every stage installed, built-in or from plugins."""
    names = set(_STAGES) | {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return sorted(names)


def get_stage(name: str) -> StageInfo:
    """Return the registered stage ``name``, importing its entry point on first use."""
    if name not in _STAGES:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if ep.name == name:
                ep.load()
                break
    if name not in _STAGES:
        raise ConfigError(f"No stage named {name!r}. Available: {', '.join(available_stages())}.")
    return _STAGES[name]


def producer_of(requirement: str) -> str | None:
    """Return the first installed stage, by name, that produces ``requirement``."""
    for name in available_stages():
        try:
            info = get_stage(name)
        except ConfigError:
            continue  # a broken plugin does not hide the built-in producer
        if requirement in info.produces:
            return name
    return None


def missing_requirement(stage_name: str, requirement: str) -> StageError:
    """Return the one error for a stage that runs without what it requires."""
    producer = producer_of(requirement)
    if producer is None:
        return StageError(stage_name, f"needs {requirement}, which no installed stage produces. "
                                      f"Install the package that provides it.")
    return StageError(stage_name, f"needs {requirement}, which the {producer!r} stage produces, "
                                  f"and {producer!r} has not run on this document. "
                                  f"Put {producer!r} before {stage_name!r} in the stages setting.")
