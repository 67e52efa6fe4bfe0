"""The JSON Schema of an analysis, generated from the data classes in warta.model.

`data/analysis.schema.json` ships the output of this module, so `warta schema`
needs no code to run; tests/test_drift.py fails when the shipped file is not
what the data classes give. After changing a record, regenerate it:

    PYTHONPATH=src python -m warta.schema > src/warta/data/analysis.schema.json

How a field becomes a property: its type gives `type` (`X | None` adds
`null`, a record is a `$ref` to its own definition, a list or tuple an
`array`, a date a `format: date` string), its metadata (warta.model.described)
adds the description and any narrowing keywords. Every field is required, as
`to_dict` always writes it, except the optional fields of a record that leaves
unset ones out (`OMIT_NONE`, e.g. Mention).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from datetime import date
from typing import Any

from warta.model import ANALYSIS_SCHEMA_VERSION, Analysis, json_fields

SCHEMA_ID = f"https://warta.dev/schema/analysis-{ANALYSIS_SCHEMA_VERSION.split('.')[0]}.json"

_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def analysis_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `Analysis.to_dict()`."""
    definitions: dict[str, Any] = {}
    root = _record(Analysis, definitions)
    major = ANALYSIS_SCHEMA_VERSION.split(".")[0]
    root["properties"] = {"schema_version": {"type": "string", "pattern": f"^{major}\\.[0-9]+$"},
                          **root["properties"]}
    root["required"] = ["schema_version", *root["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "warta analysis",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def record_description(record: type) -> str | None:
    """A record's docstring on one line (None for the one dataclass writes itself)."""
    doc = record.__doc__ or ""
    if not doc or doc.startswith(f"{record.__name__}("):
        return None
    return " ".join(doc.split())


def _record(record: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(record)
    omit_none = getattr(record, "OMIT_NONE", False)
    properties, required = {}, []
    for f in json_fields(record):
        hint = hints[f.name]
        optional = _is_optional(hint)
        properties[f.name] = property_schema(hint, dict(f.metadata), nullable=optional and not omit_none,
                                             definitions=definitions)
        if not (optional and omit_none):
            required.append(f.name)
    out: dict[str, Any] = {"type": "object"}
    description = record_description(record)
    if description:
        out["description"] = description
    out["required"] = required
    out["properties"] = properties
    return out


def _is_optional(hint: Any) -> bool:
    return _is_union(hint) and type(None) in typing.get_args(hint)


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def property_schema(hint: Any, metadata: dict[str, Any], nullable: bool,
                    definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema of one field: from its type, narrowed by its metadata."""
    if _is_union(hint):
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    out = _type_schema(hint, definitions)
    if nullable:
        if "$ref" in out:
            out = {"anyOf": [out, {"type": "null"}]}
        else:
            out["type"] = [out["type"], "null"]
    keywords = dict(metadata)
    if "enum" in keywords:
        keywords["enum"] = [*keywords["enum"], *([None] if nullable else [])]
    return {**out, **keywords}


def _type_schema(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    if hint is date:
        return {"type": "string", "format": "date"}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder: a record may refer to itself
            definitions[name] = _record(hint, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if origin in (list, tuple):
        return {"type": "array", "items": _type_schema(args[0], definitions)}
    if origin is dict or hint is dict:
        return {"type": "object"}
    raise TypeError(f"no JSON Schema for the type {hint!r}: teach warta.schema about it")


def main() -> None:
    sys.stdout.write(json.dumps(analysis_schema(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
