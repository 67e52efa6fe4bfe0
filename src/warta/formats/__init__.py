"""Readers: files, folders and globs in; Articles and Rejects out.

`read_paths` never raises for bad input: every file becomes articles or a
`Reject` naming the file and the reason, so one bad file cannot stop a batch.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from warta.formats import html, jsonl, wartatext
from warta.formats.decoding import DecodeError, decode
from warta.formats.wartatext import FormatError
from warta.model import Article, Reject

#: Default ceiling on one input file. A news article is a few kB; a file of
#: megabytes is a dump or a mistake. JSONL files hold many articles and get
#: a larger allowance.
DEFAULT_MAX_BYTES = 2_000_000
JSONL_MAX_BYTES_FACTOR = 1000

TEXT_SUFFIXES = {".txt", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

__all__ = ["read_file", "read_paths", "expand_paths", "parse_text", "FormatError"]


def parse_text(text: str, path: str | None = None) -> Article:
    """Parse one article given as warta text (raises FormatError)."""
    return wartatext.parse(text, path)


def expand_paths(inputs: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named, files under folders (recursively, sorted), glob matches.

    Hidden files and folders are skipped when walking folders; a folder walk
    takes only files with a known suffix, while a file named explicitly is
    always read.
    """
    for raw in inputs:
        item = str(raw)
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                        yield Path(root) / name
        elif path.exists():
            yield path
        elif glob.has_magic(item):
            for match in sorted(glob.glob(item, recursive=True)):
                if Path(match).is_file():
                    yield Path(match)
                elif Path(match).is_dir():
                    yield from expand_paths([match])
        else:
            yield path  # read_file turns it into an 'unreadable' reject


def read_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Reject]:
    """Articles in one file (one, or many for JSONL), or the reason it has none."""
    name = str(path)
    suffix = Path(name).suffix.lower()
    limit = max_bytes * JSONL_MAX_BYTES_FACTOR if suffix in JSONL_SUFFIXES else max_bytes
    try:
        size = os.path.getsize(name)
        if size > limit:
            yield Reject(name, "too_large", f"{size:,} bytes is over the limit of {limit:,} bytes")
            return
        if size == 0:
            yield Reject(name, "empty", "the file is empty (0 bytes)")
            return
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        yield Reject(name, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    try:
        text = decode(data)
    except DecodeError as exc:
        yield Reject(name, exc.reason, exc.detail)
        return
    if not text.strip():
        yield Reject(name, "empty", "the file contains only whitespace")
        return
    if suffix in JSONL_SUFFIXES:
        yield from jsonl.read(text, name)
        return
    parser = html.parse if suffix in HTML_SUFFIXES else wartatext.parse
    try:
        yield parser(text, name)
    except FormatError as exc:
        yield Reject(name, exc.reason, exc.detail)
    except Exception as exc:  # a parser bug must not stop the batch either
        yield Reject(name, "unreadable", f"parser failed: {type(exc).__name__}: {exc}")


def read_paths(inputs: Iterable[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Reject]:
    for path in expand_paths(inputs):
        yield from read_file(path, max_bytes)
