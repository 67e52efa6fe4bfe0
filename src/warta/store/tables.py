"""Which record each SQLite table stores, and how its columns derive from the record's fields.

A table's columns are, in order: the keys that tie a row to its article (and
entity or place), the record's own fields (warta.model.json_fields order),
then the columns only the store has. A field holding a record (an event's
`source` Actor) becomes one column per field of that record, prefixed
(`source_name`, `source_id`, `source_code`). Fields the table does not keep
are listed with where they are instead: that list and `store_only` are the
deliberate differences, and tests/test_drift.py checks that every table has
exactly these columns after all migrations.

So adding a field to Mention is a field in warta.model and a migration
(`ALTER TABLE mentions ADD COLUMN ...`): INSERT and SELECT follow.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from warta.model import (
    Actor,
    Analysis,
    Article,
    Count,
    Entity,
    Event,
    Mention,
    Place,
    PlaceMention,
    Quote,
    TimeExpression,
    json_fields,
)
from warta.store.base import StoredReject

#: Column names of a nested record's fields where they differ from the field
#: name: an actor's entity id is `source_id`, not `source_entity_id`.
NESTED_COLUMN_NAMES: dict[tuple[type, str], str] = {(Actor, "entity_id"): "id"}


@dataclass(frozen=True)
class Table:
    """One SQLite table and the record class its rows hold."""

    name: str
    record: type
    #: Columns before the record's own, given by the caller (article_id, ...).
    keys: tuple[str, ...] = ()
    #: Record fields with no column here, and where they are kept instead.
    elsewhere: Mapping[str, str] = field(default_factory=dict)
    #: Columns only the store has, and what they hold.
    store_only: Mapping[str, str] = field(default_factory=dict)

    @functools.cached_property
    def _fields(self) -> tuple[tuple[dataclasses.Field, Any], ...]:
        hints = typing.get_type_hints(self.record)
        return tuple((f, hints[f.name]) for f in json_fields(self.record) if f.name not in self.elsewhere)

    @functools.cached_property
    def record_columns(self) -> tuple[str, ...]:
        """Columns holding the record's fields (nested records flattened)."""
        out: list[str] = []
        for f, hint in self._fields:
            nested = _nested_record(hint)
            if nested is None:
                out.append(f.name)
            else:
                out += [f"{f.name}_{_nested_name(nested, n)}" for n in _init_names(nested)]
        return tuple(out)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column of the table, as the migrations must leave it."""
        return (*self.keys, *self.record_columns, *self.store_only)

    @functools.cached_property
    def _statements(self) -> dict[tuple, str]:
        return {}

    def insert(self, *store_only: str, verb: str = "INSERT OR IGNORE", then: str = "") -> str:
        """INSERT of the keys, the record's columns and the given store-only columns (built once per shape)."""
        key = (store_only, verb, then)
        if key not in self._statements:
            columns = (*self.keys, *self.record_columns, *store_only)
            quoted = ", ".join(f'"{c}"' for c in columns)
            self._statements[key] = \
                f"{verb} INTO {self.name} ({quoted}) VALUES ({', '.join('?' * len(columns))}) {then}".rstrip()
        return self._statements[key]

    @functools.cached_property
    def _writers(self) -> tuple[tuple[str, Any, tuple[str, ...] | None], ...]:
        """(field, type hint, nested field names or None) for each field, worked out once: `values` runs per row."""
        out: list[tuple[str, Any, tuple[str, ...] | None]] = []
        for f, hint in self._fields:
            nested = _nested_record(hint)
            out.append((f.name, hint, None if nested is None else tuple(_init_names(nested))))
        return tuple(out)

    def values(self, record: Any, *keys: Any) -> tuple:
        """Parameters for `insert`: the keys, then the record's fields as SQL values."""
        out: list[Any] = list(keys)
        for name, hint, nested_names in self._writers:
            value = getattr(record, name)
            if nested_names is None:
                out.append(_to_sql(value, hint))
            else:
                out += [None if value is None else getattr(value, n) for n in nested_names]
        return tuple(out)

    @functools.cached_property
    def _readers(self) -> tuple[tuple[str, Any], ...]:
        """(field, how to read it from a row) for each init field, worked out once."""
        out: list[tuple[str, Any]] = []
        for f, hint in self._fields:
            if not f.init:
                continue  # derived (an article's id and hash): recomputed by the record
            nested = _nested_record(hint)
            if nested is None:
                out.append((f.name, _reader(f.name, hint)))
            else:
                out.append((f.name, _nested_reader(nested, [f"{f.name}_{_nested_name(nested, n)}"
                                                             for n in _init_names(nested)])))
        return tuple(out)

    def read(self, row: sqlite3.Row | Mapping[str, Any], **given: Any) -> Any:
        """The record a row holds; `given` supplies fields kept elsewhere (or overrides)."""
        values = {name: read(row) for name, read in self._readers}
        values.update(given)
        return self.record(**values)


def _init_names(record: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record) if f.init]


def _nested_name(record: type, name: str) -> str:
    return NESTED_COLUMN_NAMES.get((record, name), name)


def _optional_of(hint: Any) -> Any:
    """`X` for `X | None`, else the hint itself."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _nested_record(hint: Any) -> type | None:
    inner = _optional_of(hint)
    return inner if isinstance(inner, type) and dataclasses.is_dataclass(inner) else None


def _to_sql(value: Any, hint: Any) -> Any:
    """A field value as SQLite keeps it: booleans as 0/1, dates as ISO text,
    lists as JSON, a dict as JSON (NULL when empty)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else None
    return value


def _reader(column: str, hint: Any) -> Any:
    """How to read a field from its column: the inverse of `_to_sql`, by the field's type."""
    kind = _optional_of(hint)
    origin = typing.get_origin(kind) or kind
    convert: Any = None
    if origin is dict:
        return lambda row: json.loads(row[column] or "{}")
    if kind is bool:
        convert = bool
    elif kind is datetime:
        convert = datetime.fromisoformat
    elif kind is date:
        convert = date.fromisoformat
    elif origin is tuple:
        convert = lambda value: tuple(json.loads(value))  # noqa: E731
    elif origin is list:
        convert = json.loads
    if convert is None:
        return lambda row: row[column]
    return lambda row: None if row[column] is None else convert(row[column])


def _nested_reader(record: type, columns: list[str]) -> Any:
    """A nested record from its prefixed columns; absent without its first field (an actor without a name)."""
    def read(row: Any) -> Any:
        parts = [row[column] for column in columns]
        return record(*parts) if parts[0] else None
    return read


ARTICLES = Table(
    "articles", Article,
    elsewhere={"body": "rebuilt from text: the parts after title, subtitle, caption and dateline"},
    store_only={"seq": "ingest order; the search index catches up from it",
                **{name: f"StoredArticle.{name}" for name in ("version", "supersedes", "superseded_by",
                                                              "ingested_at")}})
REJECTS = Table("rejects", StoredReject, store_only={"id": "row id"})
ANALYSES = Table(
    "analyses", Analysis, keys=("article_id",),
    elsewhere={"article": "article_id", "entities": "entities and mentions", "quotes": "quotes",
               "times": "times", "counts": "counts", "places": "places and place_mentions", "events": "events"},
    store_only={"schema_version": "ANALYSIS_SCHEMA_VERSION of the code that stored it",
                "analyzed_at": "when it was stored"})
ENTITIES = Table("entities", Entity,
                 elsewhere={"mentions": "mentions", "roles": "rebuilt from the roles of the entity's mentions"})
MENTIONS = Table("mentions", Mention, keys=("article_id", "entity_id"))
QUOTES = Table("quotes", Quote, keys=("article_id",))
TIMES = Table("times", TimeExpression, keys=("article_id",))
COUNTS = Table("counts", Count, keys=("article_id",))
PLACES = Table("places", Place,
               elsewhere={"entity_id": "place_mentions (per mention)", "mentions": "place_mentions"})
PLACE_MENTIONS = Table("place_mentions", PlaceMention, keys=("article_id", "place_id", "entity_id"))
EVENTS = Table("events", Event, keys=("article_id",),
               store_only={"cluster_id": "the happening (event_clusters) this mention joined"})

#: Every table that stores a record. (event_clusters, person_names and meta
#: hold what the store derives, no record.)
TABLES = (ARTICLES, REJECTS, ANALYSES, ENTITIES, MENTIONS, QUOTES, TIMES, COUNTS, PLACES, PLACE_MENTIONS, EVENTS)
