"""The PLOVER event ontology: trigger lexicon, modes, contexts and crosswalks to CAMEO, ACLED, CASE 2021.

The facts live in tab-separated tables beside this module, each stating its sources in its
header: ``plover_lexicon.tsv`` (trigger words), ``plover_modes.tsv``, ``plover_contexts.tsv``,
``event_word_classes.tsv`` (the @NAME classes the lexicon refers to), ``plover_cameo.tsv``,
``plover_acled.tsv`` and ``plover_case2021.tsv``. Tables load once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from dateline.errors import ConfigError

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                "ASSAULT")
# PLOVER's quad classes (manual, chapter 2): verbal/material cooperation/conflict.
QUAD = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation", "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict", "THREATEN": "verbal conflict", "PROTEST": "material conflict",
    "SANCTION": "material conflict", "MOBILIZE": "material conflict",
    "COERCE": "material conflict", "ASSAULT": "material conflict",
}
ROLES = ("obj", "subj", "prt", "gov", "mod", "xcomp", "pobj", "of", "head")


@dataclass(frozen=True, slots=True)
class Condition:
    """One requirement on a trigger's dependents: ``obj=weapon|@WEAPON``, ``!mod=legal``, ``xcomp``."""

    role: str
    words: frozenset[str] = frozenset()
    negate: bool = False

    @property
    def any_word(self) -> bool:
        """True when the condition only asks that the role be filled at all."""
        return not self.words


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon row: a lemma that signals a PLOVER type when its conditions hold."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    needs: tuple[Condition, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class Mode:
    """A mode of one type, the codebook mode it falls under and the words that signal it."""

    type: str
    name: str
    plover: str
    refines: str | None
    cues: frozenset[str]
    modifier_cues: frozenset[str]
    note: str
    actor_cues: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Context:
    """A context, the codebook context it falls under and the words that signal it."""

    name: str
    plover: str
    cues: frozenset[str]
    note: str


def _rows(name: str) -> Iterator[list[str]]:
    """Yield the cells of a table's data rows, skipping comments and the header."""
    text = files("dateline.resources").joinpath(name).read_text(encoding="utf-8")
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = [c.strip() for c in line.split("\t")]
        if any(not c for c in cells):
            raise ConfigError(f"{name} line {number}: empty cell; write '-' for an empty value.")
        yield cells


def _opt(cell: str) -> str | None:
    return None if cell == "-" else cell


def _words(cell: str) -> tuple[str, ...]:
    return () if cell == "-" else tuple(cell.split())


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """Return the @NAME word classes: class name -> lemmas (hyphenated names also space-joined)."""
    classes: dict[str, frozenset[str]] = {}
    for name, lemmas in _rows("event_word_classes.tsv"):
        words = set(lemmas.split())
        words |= {w.replace("-", " ") for w in words if "-" in w}
        classes[name] = frozenset(words)
    return classes


def _condition(spec: str, where: str) -> Condition:
    negate = spec.startswith("!")
    spec = spec.lstrip("!")
    role, _, values = spec.partition("=")
    if role not in ROLES:
        raise ConfigError(f"{where}: unknown condition role {role!r}. Valid: {', '.join(ROLES)}.")
    words: set[str] = set()
    for value in filter(None, values.split("|")):
        if value.startswith("@"):
            if value[1:] not in word_classes():
                raise ConfigError(f"{where}: unknown word class {value}. "
                                  f"Valid: {', '.join(sorted(word_classes()))}.")
            words |= word_classes()[value[1:]]
        else:
            words.add(value)
    return Condition(role, frozenset(words), negate)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[Trigger, ...]]:
    """Return the trigger lexicon: lemma -> its rows in the order they are tried."""
    table: dict[str, list[Trigger]] = {}
    for lemma, pos, type_, mode, context, needs, weight in _rows("plover_lexicon.tsv"):
        where = f"plover_lexicon.tsv row {lemma!r}"
        if type_ not in PLOVER_TYPES:
            raise ConfigError(f"{where}: {type_!r} is not a PLOVER type.")
        if pos not in ("VERB", "NOUN", "ANY"):
            raise ConfigError(f"{where}: pos must be VERB, NOUN or ANY, not {pos!r}.")
        conditions = tuple(_condition(c, where) for c in needs.split(";")) if needs != "-" else ()
        contexts = tuple(context.split(",")) if context != "-" else ()
        table.setdefault(lemma, []).append(
            Trigger(lemma, pos, type_, _opt(mode), contexts, conditions, float(weight)))
    return {lemma: tuple(rows) for lemma, rows in table.items()}


@lru_cache(maxsize=1)
def modes() -> dict[str, tuple[Mode, ...]]:
    """Return the modes of each type, in cue priority order."""
    table: dict[str, list[Mode]] = {}
    for type_, name, plover, refines, cues, note in _rows("plover_modes.tsv"):
        words = _words(cues)
        table.setdefault(type_, []).append(Mode(
            type_, name, name if plover == "=" else (plover if plover != "-" else name),
            _opt(refines), frozenset(w for w in words if ":" not in w),
            frozenset(w[4:] for w in words if w.startswith("mod:")), note,
            frozenset(w[5:] for w in words if w.startswith("subj:"))))
    return {type_: tuple(rows) for type_, rows in table.items()}


@lru_cache(maxsize=1)
def contexts() -> tuple[Context, ...]:
    """Return every context dateline writes, with its cue words."""
    return tuple(Context(name, name if plover == "=" else plover, frozenset(_words(cues)), note)
                 for name, plover, cues, note in _rows("plover_contexts.tsv"))


def mode_info(type_: str, mode: str | None) -> Mode | None:
    """Return the table row for a type's mode, or None."""
    return next((m for m in modes().get(type_, ()) if m.name == mode), None)


_ANY = Mode("", "", "", None, frozenset(), frozenset(), "")


def plover_mode(type_: str, mode: str | None) -> str | None:
    """Return the PLOVER codebook mode a dateline mode falls under ("drone" -> "heavy-weapons")."""
    info = mode_info(type_, mode)
    return info.plover if info else mode


def refines(type_: str, specific: str, general: str | None) -> bool:
    """Return True when mode ``specific`` may replace ``general`` (directly or through a chain)."""
    if general is None or (mode_info(type_, specific) or _ANY).refines == "*":
        return True
    seen: set[str] = set()
    current: str | None = specific
    while current and current not in seen:
        seen.add(current)
        info = mode_info(type_, current)
        current = info.refines if info else None
        if current == general:
            return True
    return False


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, tuple[str, ...]]:
    """Return PLOVER type -> CAMEO root codes, the main one first."""
    return {type_: tuple(codes.split(",")) for type_, codes, _ in _rows("plover_cameo.tsv")}


def cameo_roots(type_: str) -> tuple[str, ...]:
    """Return the CAMEO root codes a PLOVER type collapses ("ASSAULT" -> ("18", "19", "20"))."""
    return cameo_table().get(type_, ())


def _matches(pattern: str, value: str | None) -> bool:
    return pattern == "*" or (value is not None and value in pattern.split("|"))


def _matches_any(pattern: str, values: Iterable[str]) -> bool:
    values = tuple(values)
    return pattern == "*" or any(v in pattern.split("|") for v in values)


@lru_cache(maxsize=1)
def _acled_rows() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(r) for r in _rows("plover_acled.tsv"))


@lru_cache(maxsize=1)
def _case_rows() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(r) for r in _rows("plover_case2021.tsv"))


def case_rows() -> tuple[tuple[str, ...], ...]:
    """Return the rows of the PLOVER to CASE 2021 table: type, mode, context, sector, subtype."""
    return _case_rows()


def acled_type(type_: str, mode: str | None, contexts: Iterable[str] = ()) -> tuple[str, str] | None:
    """Return (ACLED event type, sub-event type) for a PLOVER event, or None when none fits."""
    contexts = tuple(contexts)
    for row_type, row_mode, row_context, event_type, sub_type in _acled_rows():
        if _matches(row_type, type_) and _matches(row_mode, mode) \
                and _matches_any(row_context, contexts):
            return event_type, sub_type
    return None


def case_subtype(type_: str | None, mode: str | None, contexts: Iterable[str] = (),
                 sector: str | None = None) -> str:
    """Return the CASE 2021 subtype for a PLOVER event; ``type_`` None: no event, only contexts."""
    contexts = tuple(contexts)
    for row_type, row_mode, row_context, row_sector, subtype in _case_rows():
        if row_type != "*" and (type_ is None or not _matches(row_type, type_)):
            continue
        if _matches(row_mode, mode) and _matches_any(row_context, contexts) \
                and _matches(row_sector, sector):
            return subtype
    return "OTHER"


def actor_sector(words: Iterable[str]) -> str | None:
    """Return "nonstate" or "state" for an actor's lower-cased words, or None when unknown."""
    words = {w.lower() for w in words}
    # Plural actor words ("rebels", "militias") match the singular lemmas of the classes.
    words |= {w[:-1] for w in words if w.endswith("s")} | \
        {w[:-3] + "y" for w in words if w.endswith("ies")}
    classes = word_classes()
    if words & classes["NONSTATE"]:
        return "nonstate"
    if words & classes["STATE"]:
        return "state"
    return None
