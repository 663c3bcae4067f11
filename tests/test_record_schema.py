"""One record schema: records.py is the source; docs/schema.json, docs/schema.md, the store's
tables (store/schema.py) and its row mapping (store/rows.py) are checked against it here.

A new field of a record is one edit in records.py; these tests then say every other place that
must follow (a property in docs/schema.json and a line in docs/schema.md; a column in
store/schema.py with ``info={"since": N}`` and migration N in store/migrations.py; the field in
store/rows.py both ways), and fail until each does.
"""

import dataclasses
import json
import re
import types
import typing
from datetime import UTC, datetime
from decimal import Decimal
from itertools import count
from pathlib import Path

import pytest

from dateline import records
from dateline.records import Article, Doc, Span
from dateline.store import schema
from dateline.store.rows import article_row, layer_rows, rows_doc

DOCS = Path(__file__).resolve().parents[1] / "docs"
JSON_SCHEMA = json.loads((DOCS / "schema.json").read_text(encoding="utf-8"))
SCHEMA_PAGE = (DOCS / "schema.md").read_text(encoding="utf-8")
# The names docs/schema.md sets as code: `speaker_descriptor`, `{start, end, text, entity_id}`.
PAGE_NAMES = {word for code in re.findall(r"`([^`]+)`", SCHEMA_PAGE)
              for word in re.findall(r"\w+", code)}
# Doc fields that the JSON output and the store leave out on purpose.
NOT_SERIALIZED = {"parse": "the spaCy parse lives in one process only",
                  "sentences": "sentence bounds are stored with the article, not written out"}
# Where the JSON output gives a value its own words: a datetime is an ISO 8601 string.
JSON_TYPES = {str: {"string"}, int: {"integer"}, float: {"number"}, Decimal: {"number"},
              bool: {"boolean"}, datetime: {"string"}, type(None): {"null"}}


def fields_of(cls):
    """Return each field of a record with its type, resolved from the annotations."""
    hints = typing.get_type_hints(cls, vars(records), {"Parse": object})
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)
            if not (cls is Doc and f.name in NOT_SERIALIZED)}


def _arms(hint):
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return list(typing.get_args(hint))
    return [hint]


def _record(hint):
    return dataclasses.is_dataclass(hint) and isinstance(hint, type)


def json_types(hint):
    """Return the JSON Schema types a value of ``hint`` is written as."""
    out = set()
    for arm in _arms(hint):
        if typing.get_origin(arm) is typing.Literal:
            out |= set().union(*(JSON_TYPES[type(a)] for a in typing.get_args(arm)))
        elif typing.get_origin(arm) is tuple:
            out |= {"array"}
        elif _record(arm):
            out |= {"object"}
        else:
            out |= JSON_TYPES[arm]
    return out


def resolve(node):
    """Return the schema a ``$ref`` inside docs/schema.json points to, or ``node`` itself."""
    ref = node.get("$ref")
    if ref is None:
        return node
    target = JSON_SCHEMA
    for key in ref.removeprefix("#/").split("/"):
        target = target[key]
    return target


def drift(cls, node, path, seen=None):
    """Return what docs/schema.json (at ``path``) lacks or has beyond the record ``cls``."""
    seen = set() if seen is None else seen
    node = resolve(node)
    if (cls, id(node)) in seen:
        return []  # a recursive record (an interval's parts) checked once
    seen.add((cls, id(node)))
    problems = []
    fields = fields_of(cls)
    props = node.get("properties", {})
    extra = set(props) - set(fields) - ({"schema"} if cls is Doc else set())
    problems += [f"{path} has {name!r}, which {cls.__name__} lacks" for name in sorted(extra)]
    for name, hint in fields.items():
        where = f"{path}.{name}"
        if name not in props:
            problems.append(f"{where} is missing: add the property for {cls.__name__}.{name} "
                            f"to docs/schema.json and a line to docs/schema.md")
            continue
        prop = props[name]
        declared = prop.get("type", [])
        declared = {declared} if isinstance(declared, str) else set(declared)
        if declared and declared != json_types(hint):
            problems.append(f"{where} is {sorted(declared)}; {cls.__name__}.{name} is written "
                            f"as {sorted(json_types(hint))}")
        if cls is not Doc and name not in node.get("required", ()):
            problems.append(f"{where} is not required, but every field is always written")
        for arm in _arms(hint):
            if _record(arm):
                problems += drift(arm, prop, where, seen)
            elif typing.get_origin(arm) is tuple and _record(typing.get_args(arm)[0]):
                problems += drift(typing.get_args(arm)[0], prop["items"], f"{where}[]", seen)
    return problems


def test_record_schema_json_schema_has_exactly_the_record_fields():
    assert drift(Doc, JSON_SCHEMA, "$") == []


def test_record_schema_drift_names_what_to_add_and_where():
    @dataclasses.dataclass(frozen=True)
    class Wider(records.Claim):
        confidence_band: str | None = None

    claims = JSON_SCHEMA["properties"]["claims"]["items"]
    problems = drift(Wider, claims, "$.claims[]")
    assert problems == ["$.claims[].confidence_band is missing: add the property for "
                        "Wider.confidence_band to docs/schema.json and a line to docs/schema.md"]


def records_in(cls, seen=None):
    """Yield the record classes reachable from ``cls`` through its fields."""
    seen = set() if seen is None else seen
    if cls in seen:
        return
    seen.add(cls)
    yield cls
    for hint in fields_of(cls).values():
        for arm in _arms(hint):
            inner = typing.get_args(arm)[0] if typing.get_origin(arm) is tuple else arm
            if _record(inner):
                yield from records_in(inner, seen)


@pytest.mark.parametrize("cls", list(records_in(Doc)), ids=lambda c: c.__name__)
def test_record_schema_page_names_every_field(cls):
    missing = [name for name in fields_of(cls) if name not in PAGE_NAMES]
    assert missing == [], f"docs/schema.md does not describe {cls.__name__}: {missing}"


# The store: a Doc with every field set to a value that is not its default goes through the
# row mapping and back unchanged, into rows that hold exactly the columns of the tables.

def sample(hint, name, numbers, inside=()):
    """Return a value of ``hint`` that no default equals, distinct per field."""
    hint = next(a for a in _arms(hint) if a is not type(None))
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return args[-1]
    if origin is tuple:
        if args[0] in inside:
            return ()  # a record within itself (an interval's parts) one level deep
        return (sample(args[0], name, numbers, inside),)
    if _record(hint):
        return sample_record(hint, numbers, inside)
    if hint is bool:
        return True
    if hint is int:
        return next(numbers)
    if hint is float:
        return next(numbers) + 0.25
    if hint is Decimal:
        return Decimal(next(numbers)) + Decimal("0.5")
    if hint is datetime:
        return datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    if hint is str:
        return f"{name}-{next(numbers)}"
    raise TypeError(f"no sample for {hint!r} ({name}): teach sample() the new field type")


def sample_record(cls, numbers, inside=()):
    values = {name: sample(hint, name, numbers, (*inside, cls))
              for name, hint in fields_of(cls).items()}
    return cls(**values)


def sample_doc():
    numbers = count(1)
    article = sample_record(Article, numbers)
    layers = {name: sample(hint, name, numbers) for name, hint in fields_of(Doc).items()
              if name != "article"}
    text = article.text
    return Doc(article=article, sentences=(Span(0, 4, text[:4]),), **layers)


def test_record_schema_store_rows_keep_every_field_of_every_record():
    doc = sample_doc()
    rows = layer_rows(doc)
    article = article_row(doc, extractor="x", origin=None, run_id=None, stored_at="now")
    back = rows_doc(article, rows)
    for name in fields_of(Doc):
        assert getattr(back, name) == getattr(doc, name), (
            f"Doc.{name} does not survive the store: store/rows.py must write every field "
            f"(layer_rows, article_row) and read it back (rows_doc)")
    assert back.sentences == doc.sentences


def test_record_schema_rows_hold_exactly_the_columns_of_their_tables():
    doc = sample_doc()
    tables = {**layer_rows(doc),
              "articles": [article_row(doc, extractor="x", origin=None, run_id=None,
                                       stored_at="now")]}
    for table, rows in tables.items():
        columns = {c.name for c in schema.metadata.tables[table].columns}
        for row in rows:
            assert set(row) == columns, (
                f"table {table}: rows write {sorted(set(row) - columns)} that store/schema.py "
                f"lacks (add the column with info={{'since': N}} and migration N), and "
                f"leave {sorted(columns - set(row))} unset")
