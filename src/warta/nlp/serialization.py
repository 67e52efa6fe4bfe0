"""msgpack support for warta's data classes on Docs.

Components keep warta objects (Quote, Place, Event...) in Doc extension
attributes. spaCy serialises Docs with msgpack when `nlp.pipe(n_process=N)`
sends them between processes (and in `Doc.to_bytes`), so these objects need an
encoder and a decoder: a dataclass travels as its module, class name and
fields, and comes back as the same class. A date (`Doc._.published`) travels
as its ISO string.
"""

from __future__ import annotations

import dataclasses
import importlib
from datetime import date, datetime

import srsly

MARK = "__warta__"
DATE_MARK = "__warta_date__"


def encode(obj, chain=None):
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type) and type(obj).__module__.startswith("warta."):
        cls = type(obj)
        return {MARK: f"{cls.__module__}:{cls.__qualname__}",
                "fields": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.init}}
    if isinstance(obj, date):
        return {DATE_MARK: obj.isoformat(), "time": isinstance(obj, datetime)}
    return chain(obj) if chain is not None else obj


def decode(obj, chain=None):
    if isinstance(obj, dict) and DATE_MARK in obj:
        return (datetime if obj.get("time") else date).fromisoformat(obj[DATE_MARK])
    if isinstance(obj, dict) and MARK in obj:
        module, _, name = obj[MARK].partition(":")
        if module.startswith("warta."):
            cls = getattr(importlib.import_module(module), name)
            values = {k: tuple(v) if isinstance(v, list) and _is_tuple_field(cls, k) else v
                      for k, v in obj["fields"].items()}
            return cls(**values)
    return chain(obj) if chain is not None else obj


def _is_tuple_field(cls, name: str) -> bool:
    field = next((f for f in dataclasses.fields(cls) if f.name == name), None)
    return field is not None and "tuple" in str(field.type)


srsly.msgpack_encoders.register("warta", func=encode)
srsly.msgpack_decoders.register("warta", func=decode)
