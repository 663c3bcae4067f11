"""Read and check the filters of a list, the same way for a page, the API and an export.

An unknown parameter, an unknown value (``type=NOPE``), an impossible date
(``since=2015-13-45``) or a bad number (``limit=many``) is an :class:`InvalidFilter` whose
message names the parameter and what it accepts; pages show it above the form they keep, the
API answers it as its JSON error (400, ``invalid_parameter``). ``type``, ``country`` and
``factuality`` take several values, repeated (``type=ASSAULT&type=PROTEST``) or
comma-separated; ``source`` takes several repeated only (``source=AFP&source=Reuters``), each
value whole, since a publisher's name may hold a comma ("Reuters, London").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import get_args

from starlette.datastructures import QueryParams

from dateline.errors import ConfigError
from dateline.records import PlaceRole, QuoteKind, TimeKind
from dateline.resources.ontology import PLOVER_TYPES
from dateline.stages.entities import ENTITY_LABELS
from dateline.store import sources
from dateline.store.query import (
    APPLIES,
    FACTUALITIES,
    Filters,
    is_day,
    unknown_factuality,
    values_of,
)
from dateline.store.sorting import DEFAULT_SORT, check_sort

INCIDENT_TYPES = (*PLOVER_TYPES, "ACCIDENT", "DISASTER")
QUOTE_KINDS: tuple[str, ...] = get_args(QuoteKind)
ENTITY_LABEL_NAMES = tuple(sorted(ENTITY_LABELS))
PLACE_ROLES: tuple[str, ...] = get_args(PlaceRole)
TIME_KINDS: tuple[str, ...] = get_args(TimeKind)

# The values ``type`` takes, per table (what it means there is in FILTER_WORDS).
TYPE_VALUES: dict[str, tuple[str, ...]] = {
    "events": tuple(PLOVER_TYPES), "quotes": QUOTE_KINDS, "entities": ENTITY_LABEL_NAMES,
    "places": PLACE_ROLES, "times": TIME_KINDS, "stories": INCIDENT_TYPES,
    "incidents": INCIDENT_TYPES,
}
# Each table's own word for its type filter, accepted as a synonym of ``type``.
TYPE_ALIASES: dict[str, str] = {"quotes": "kind", "entities": "label", "places": "role",
                                "times": "kind"}
MANY_VALUES = frozenset({"type", "country", "factuality"})   # repeated or comma-separated
SEVERAL = "type, country, factuality and source take several"
PAGING = ("sort", "cursor", "before", "limit")
MAX_LIMIT = 1000
_COUNTRY = re.compile(r"[A-Za-z]{2}", re.ASCII)


class InvalidFilter(ConfigError):
    """A list's parameter that is unknown or holds a value it does not accept."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class ListRequest:
    """A list's checked filters, order and page, and the parameters to write back in links."""

    table: str
    filters: Filters
    params: dict[str, str] = field(default_factory=dict)  # filters and sort, as given
    sort: str | None = None
    cursor: str | None = None
    before: str | None = None
    limit: int = 50


def allowed_parameters(table: str) -> set[str]:
    alias = TYPE_ALIASES.get(table)
    return set(APPLIES[table]) | set(PAGING) | ({alias} if alias else set())


def read_list_request(table: str, query: QueryParams, *, limit: int = 50,
                      extra: frozenset[str] = frozenset()) -> ListRequest:
    """Check every parameter of a list URL; raise InvalidFilter for the first bad one.

    ``extra`` names parameters the caller reads itself (they are left alone here)."""
    allowed = allowed_parameters(table) | extra
    unknown = sorted(set(query) - allowed)
    if unknown:
        raise InvalidFilter(unknown[0], f"Unknown parameter {', '.join(unknown)} for {table}. "
                                        f"Parameters: {', '.join(sorted(allowed))}.")
    given: dict[str, str] = {}
    for name in sorted(set(query) - set(PAGING) - extra):
        key = "type" if name == TYPE_ALIASES.get(table) else name
        # Spaces around a form's value are dropped; anything else (a newline) is the value's.
        values = [v.strip(" ") for v in query.getlist(name) if v.strip(" ")]
        if not values:
            continue
        if key in MANY_VALUES:
            parts = [part for v in values for part in values_of(v)]
            given[key] = ",".join(dict.fromkeys([*values_of(given.get(key, "")), *parts]))
        elif key == "source":  # each value whole: commas are a name's own
            given[key] = sources.join([*sources.values_of(given.get(key, "")), *values])
        elif len(values) > 1 or key in given:
            raise InvalidFilter(name, f"{name} is given {len(values)} times; it takes one value "
                                      f"({SEVERAL}).")
        else:
            given[key] = values[0]
    for key, value in given.items():
        _check_value(table, key, value, shown=_shown_name(table, key, query))
    filters = Filters(**given)
    check_range(filters)
    sort = _one(query, "sort")
    if sort:
        try:
            check_sort(table, sort)
        except ConfigError as exc:
            raise InvalidFilter("sort", str(exc)) from None
    params = dict(given)
    if sort and sort != DEFAULT_SORT.get(table):
        params["sort"] = sort
    return ListRequest(table, filters, params, sort or None, _one(query, "cursor"),
                       _one(query, "before"), _limit(query, limit))


def loose_filters(query: QueryParams, names: frozenset[str]) -> dict[str, str]:
    """The filters among ``names`` a query string gives, unchecked (the map's and the
    timeline's): a repeated source, type, country or factuality means any of its values, as
    on the lists; an empty value is no filter."""
    given: dict[str, str] = {}
    for name in query:
        # As on the lists: spaces around a value are dropped, a newline is the value's.
        values = [v.strip(" ") for v in query.getlist(name) if v.strip(" ")]
        if name in names and values:
            given[name] = (sources.join(values) if name == "source" else ",".join(values)
                           if name in MANY_VALUES else values[-1])
    return given


def _shown_name(table: str, key: str, query: QueryParams) -> str:
    alias = TYPE_ALIASES.get(table)
    return alias if key == "type" and alias and alias in query else key


def _one(query: QueryParams, name: str) -> str | None:
    values = query.getlist(name)
    if len(values) > 1:
        raise InvalidFilter(name, f"{name} is given {len(values)} times; give it once.")
    return (values[0].strip() or None) if values else None


def _limit(query: QueryParams, default: int) -> int:
    text = _one(query, "limit")
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise InvalidFilter("limit", f"limit must be a whole number from 1 to {MAX_LIMIT}, "
                                     f"not {text!r}.")
    return int(text)


def _check_value(table: str, key: str, value: str, *, shown: str) -> None:
    if "\x00" in value:
        raise InvalidFilter(shown, f"{shown} holds a NUL character (\\x00); give plain text.")
    if key == "type" and table in TYPE_VALUES:
        known = TYPE_VALUES[table]
        wrong = [v for v in values_of(value) if v.lower() not in {k.lower() for k in known}]
        if wrong:
            raise InvalidFilter(shown, f"{shown} {wrong[0]!r} is not one of the {table} "
                                       f"{'types' if shown == 'type' else shown + 's'}: "
                                       f"{', '.join(known)}.")
    if key == "factuality" and (wrong_one := unknown_factuality(value)):
        raise InvalidFilter(key, f"factuality {wrong_one!r} is not one of "
                                 f"{', '.join(FACTUALITIES)}.")
    if key == "country":
        wrong = [v for v in values_of(value) if not _COUNTRY.fullmatch(v)]
        if wrong:
            raise InvalidFilter("country", f"country must be ISO 3166 alpha-2 codes such as "
                                           f"IR or US, not {wrong[0]!r}.")
    if key in ("since", "until") and not is_day(value):
        raise InvalidFilter(key, f"{key} must be a date like 2026-03-20, 2026-03 or "
                                 f"2026, not {value!r}.")


def check_range(filters: Filters) -> None:
    """Refuse a range that ends before it starts (2026-03 to 2026-01)."""
    if filters.since and filters.until and filters.since[:len(filters.until)] > filters.until:
        raise InvalidFilter("until", f"until ({filters.until}) is before since "
                                     f"({filters.since}).")

