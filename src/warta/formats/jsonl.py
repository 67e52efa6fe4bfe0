"""Reader for JSONL exports: one article per line.

Documented in docs/format.md. A line may carry the article's paragraphs as
`body` (a list, or a string with blank lines between paragraphs) or as
`text`; `published` (or `date`) and `title` are required. A bad line is a
reject named `file.jsonl#LINE`; the lines around it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from warta.formats.wartatext import FormatError
from warta.model import Article, Reject

ID_FIELDS = ("external_id", "id")
DATE_FIELDS = ("published", "date")


def parse_record(record: Any, path: str | None = None) -> Article:
    """Turn one decoded JSON object into an Article, or raise FormatError."""
    if not isinstance(record, dict):
        raise FormatError("bad_json", f"expected a JSON object, got {type(record).__name__}")
    published_raw = next((record[k] for k in DATE_FIELDS if record.get(k)), None)
    if not published_raw:
        raise FormatError("missing_field", "no 'published' date")
    try:
        published = date.fromisoformat(str(published_raw)[:10])
    except ValueError:
        raise FormatError("bad_date", f"'published' is not an ISO date: {published_raw!r}") from None
    title = record.get("title")
    if not title or not isinstance(title, str):
        raise FormatError("missing_field", "no 'title'")
    body = record.get("body", record.get("text"))
    if isinstance(body, str):
        body = [p for p in body.replace("\r\n", "\n").split("\n\n")]
        body = [" ".join(line.strip() for line in p.split("\n") if line.strip()) for p in body]
    if not isinstance(body, list) or not all(isinstance(p, str) for p in body) or not any(p.strip() for p in body):
        raise FormatError("no_body", "no 'body' paragraphs (a list of strings or a text)")
    external_id = next((str(record[k]) for k in ID_FIELDS if record.get(k) not in (None, "")), None)
    optional = {
        name: str(record[name]) if record.get(name) is not None else None
        for name in ("section", "subtitle", "caption", "caption_credit", "dateline", "source", "url")
    }
    return Article(published=published, title=title, body=body, external_id=external_id,
                   path=path, format="jsonl", **optional)


def read(text: str, path: str) -> Iterator[Article | Reject]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(where, "bad_json", f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        try:
            yield parse_record(record, where)
        except FormatError as exc:
            yield Reject(where, exc.reason, f"line {number}: {exc.detail}")
