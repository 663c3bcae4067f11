"""Convert and check a stage's options against the annotations of its dataclass fields.

Settings files give lists, numbers and strings (TOML has no sets or tuples); each option is
turned into the type its field declares, ``frozenset[str]`` from a list, ``tuple[str, ...]``
from a list, ``float`` from an int, or refused with a ConfigError that names the option and
what it accepts. A type this module does not know (a plugin's own class) passes unchanged.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal, Union, get_args, get_origin

from dateline.errors import ConfigError


class _Refused(Exception):
    """The value does not fit; the caller names the option."""


def option_types(factory: Callable[..., Any]) -> dict[str, Any]:
    """Return each option of a stage, the fields of its dataclass, with its annotated type."""
    if dataclasses.is_dataclass(factory):
        hints = typing.get_type_hints(factory)
        return {f.name: hints.get(f.name, Any) for f in dataclasses.fields(factory) if f.init}
    signature = inspect.signature(factory)
    try:
        target = vars(factory).get("__init__", factory) if isinstance(factory, type) else factory
        hints = typing.get_type_hints(target)
    except (NameError, TypeError):
        hints = {}  # annotations that do not resolve are not checked
    return {p: hints.get(p, Any) for p in signature.parameters if p != "self"}


def convert_options(stage_name: str, factory: Callable[..., Any],
                    options: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``options`` converted to the annotated field types; raise ConfigError on a misfit."""
    hints = option_types(factory)
    converted: dict[str, Any] = {}
    for key, value in options.items():
        hint = hints.get(key, Any)
        try:
            converted[key] = convert(value, hint)
        except _Refused:
            raise ConfigError(f"Option {key!r} of stage {stage_name!r} must be {describe(hint)}, "
                              f"not {value!r}. Fix [stages.{stage_name}] {key}.") from None
    return converted


def convert(value: Any, hint: Any) -> Any:
    """Return ``value`` as the type ``hint`` names, or raise _Refused."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any or isinstance(hint, typing.TypeVar):
        return value
    if origin is Literal:
        if any(value == a and type(value) is type(a) for a in args):
            return value
        raise _Refused
    if origin in (Union, types.UnionType):
        for arm in args:
            try:
                return convert(value, arm)
            except _Refused:
                continue
        raise _Refused
    if hint is type(None):
        if value is None:
            return None
        raise _Refused
    if origin in (frozenset, set, tuple, list):
        return _collection(value, origin, args)
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise _Refused
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _Refused
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise _Refused
    if hint is str:
        if isinstance(value, str):
            return value
        raise _Refused
    return value  # a type of the plugin's own: its constructor checks it


def _collection(value: Any, origin: Any, args: tuple[Any, ...]) -> Any:
    if isinstance(value, str | bytes | Mapping) or not isinstance(
            value, list | tuple | set | frozenset):
        raise _Refused  # a string is not a list of one-letter words
    items = list(value)
    if origin is tuple and args and args[-1] is not Ellipsis:
        if len(items) != len(args):
            raise _Refused
        return tuple(convert(v, a) for v, a in zip(items, args, strict=True))
    item_type = args[0] if args else Any
    converted = [convert(v, item_type) for v in items]
    return origin(converted)


def describe(hint: Any) -> str:
    """Return what a type accepts, in the words of a settings file."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    if origin in (Union, types.UnionType):
        return " or ".join(describe(a) for a in args)
    if origin in (frozenset, set, list) or (origin is tuple and (not args or args[-1] is Ellipsis)):
        item = describe(args[0]) if args else "anything"
        return f"a list of {_plural(item)}"
    if origin is tuple:
        return f"a list of {len(args)}: " + ", ".join(describe(a) for a in args)
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "a string",
             type(None): "none"}
    return names.get(hint, getattr(hint, "__name__", str(hint)))


def _plural(item: str) -> str:
    return {"a string": "strings", "a whole number": "whole numbers",
            "a number": "numbers", "true or false": "true or false values"}.get(item, item)
