"""Reader for JSONL exports and scraper output: one article per line.

Documented in docs/format.md. warta's own export uses warta's field names;
scrapers use their own (`published_at`, `pubDate`, `content`, `headline`,
`link`...). `FIELD_NAMES` is the table of names recognised for each article
field, tried in order; `warta ingest --map published=tanggal,body=isi`
names others (a mapped name replaces the table's names for that field).

A bad line is a reject named `file.jsonl#LINE` with a reason code; the
lines around it are still read. Nothing in a line's content (a lone
surrogate, nesting 100,000 levels deep, a number where text belongs) gets
further than that reject.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from warta.formats.boilerplate import without_boilerplate
from warta.formats.dates import parse_published
from warta.formats.wartatext import FormatError
from warta.model import Article, Reject

#: Article field -> the names scrapers give it, in order of preference.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "published": ("published", "published_at", "date", "pubDate", "datePublished", "publish_date",
                  "date_published", "publishedAt"),
    "title": ("title", "headline", "judul"),
    "body": ("body", "content", "text", "article", "isi"),
    "url": ("url", "link"),
    "external_id": ("external_id", "id", "guid"),
    "section": ("section", "category", "kategori"),
    "subtitle": ("subtitle", "description", "summary"),
    "caption": ("caption",),
    "caption_credit": ("caption_credit",),
    "dateline": ("dateline",),
    "source": ("source", "publisher", "site_name"),
}
REQUIRED = ("published", "title", "body")
MAX_SHOWN_FIELDS = 12


def field_map(spec: str | None) -> dict[str, str]:
    """`published=published_at,body=text` -> {"published": "published_at", "body": "text"}.

    Raises ValueError naming what is wrong (the CLI shows it).
    """
    mapping: dict[str, str] = {}
    for item in (spec or "").split(","):
        if not item.strip():
            continue
        target, sep, source = (part.strip() for part in item.partition("="))
        if not sep or not target or not source:
            raise ValueError(f"{item.strip()!r} is not FIELD=NAME")
        if target not in FIELD_NAMES:
            raise ValueError(f"{target!r} is not an article field; fields: {', '.join(FIELD_NAMES)}")
        mapping[target] = source
    return mapping


def _names(field: str, mapping: Mapping[str, str]) -> tuple[str, ...]:
    return (mapping[field],) if field in mapping else FIELD_NAMES[field]


def _found(record: dict, field: str, mapping: Mapping[str, str]) -> tuple[str, Any] | None:
    """(name, value) of the first present, non-empty field among the names of `field`."""
    for name in _names(field, mapping):
        value = record.get(name)
        if value not in (None, "", []):
            return name, value
    return None


def _missing(record: dict, field: str, mapping: Mapping[str, str]) -> FormatError:
    names = list(record)
    shown = ", ".join(names[:MAX_SHOWN_FIELDS]) + (f" and {len(names) - MAX_SHOWN_FIELDS} more"
                                                   if len(names) > MAX_SHOWN_FIELDS else "")
    reason = "no_body" if field == "body" else "missing_field"
    return FormatError(reason, f"no {field} (looked for {', '.join(_names(field, mapping))}); "
                               f"the line has {shown or 'no fields'} (name others with --map {field}=NAME)")


def _text(name: str, value: Any) -> str:
    """`value` if it is text that can be stored, else FormatError naming the field."""
    if not isinstance(value, str):
        raise FormatError("bad_field", f"{name!r} is {type(value).__name__}, not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError("encoding", f"{name!r} holds a lone surrogate ({value[exc.start]!a}), "
                                      "which is not text") from None
    return value


def split_body(text: str) -> list[str]:
    """Paragraphs of a body given as one string: blocks between blank lines if
    there are any, else each line (scrapers write one or the other)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n\n" in text.strip():
        blocks = text.split("\n\n")
        return [" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in blocks]
    return [line.strip() for line in text.split("\n")]


def parse_record(record: Any, path: str | None = None, mapping: Mapping[str, str] = {}) -> Article:
    """Turn one decoded JSON object into an Article, or raise FormatError."""
    if not isinstance(record, dict):
        raise FormatError("bad_json", f"expected a JSON object, got {type(record).__name__}")
    values: dict[str, Any] = {}
    for field in FIELD_NAMES:
        found = _found(record, field, mapping)
        if found is None:
            if field in REQUIRED:
                raise _missing(record, field, mapping)
            continue
        name, value = found
        if field == "published":
            values[field] = parse_published(value)
        elif field == "body":
            if isinstance(value, str):
                paragraphs = split_body(_text(name, value))
            elif isinstance(value, list):
                paragraphs = [_text(f"{name}[{i}]", p) for i, p in enumerate(value)]
            else:
                raise FormatError("bad_field", f"{name!r} is {type(value).__name__}, not text or a list of paragraphs")
            values[field] = without_boilerplate([p for p in paragraphs if p.strip()])
            if not values[field]:
                raise FormatError("no_body", f"{name!r} holds no paragraphs")
        elif field == "title":
            values[field] = _text(name, value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values[field] = str(value)  # numeric ids are common
        elif isinstance(value, list) and value and isinstance(value[0], str):
            values[field] = _text(f"{name}[0]", value[0])  # the first of several categories
        elif isinstance(value, str):
            values[field] = _text(name, value)
        # any other shape of an optional field (an object, true) says nothing usable: left out
    if not values["title"].strip():
        raise _missing(record, "title", mapping)
    return Article(**values, path=path, format="jsonl")


def read(text: str, path: str, mapping: Mapping[str, str] = {}) -> Iterator[Article | Reject]:
    return read_lines(text.split("\n"), path, 1, mapping)


def read_lines(lines: Iterable[str], path: str, first_number: int = 1,
               mapping: Mapping[str, str] = {}) -> Iterator[Article | Reject]:
    """Articles and rejects of consecutive lines of a JSONL file, the first numbered `first_number`."""
    for number, line in enumerate(lines, start=first_number):
        if not line.strip():
            continue
        where = f"{path}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(where, "bad_json", f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Reject(where, "bad_json", f"line {number} is nested too deeply to be an article")
            continue
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            yield Reject(where, "bad_json", f"line {number} is not usable JSON: {exc}")
            continue
        try:
            yield parse_record(record, where, mapping)
        except FormatError as exc:
            yield Reject(where, exc.reason, f"line {number}: {exc.detail}")
        except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the file
            yield Reject(where, "bad_json", f"line {number}: cannot be read: {type(exc).__name__}: {exc}")
