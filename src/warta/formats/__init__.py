"""Readers: files, folders and globs in; Articles and Rejects out.

`read_paths` never raises for bad input: every file becomes articles or a
`Reject` naming the file and the reason, so one bad file cannot stop a batch.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
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



@dataclass(frozen=True)
class Reader:
    """One input format: the file suffixes it is chosen by and how it reads a file's text.

    `per_line` formats (JSONL) hold one article per line: a file gets
    JSONL_MAX_BYTES_FACTOR times the size allowance, and ingest hands its lines
    out to workers in chunks. The others hold one article per file, made by
    `parse(text, path)` (which raises FormatError).
    """

    name: str
    suffixes: frozenset[str]
    per_line: bool = False
    parse: Callable[[str, str | None], Article] | None = None

    def read(self, text: str, path: str, mapping: Mapping[str, str] = {}) -> Iterator[Article | Reject]:
        """The articles in a file's text, or Rejects saying why not (never raises)."""
        if self.parse is None:
            yield from jsonl.read(text, path, mapping)
            return
        try:
            yield self.parse(text, path)
        except FormatError as exc:
            yield Reject(path, exc.reason, exc.detail)
        except Exception as exc:  # a parser bug must not stop the batch either
            yield Reject(path, "unreadable", f"parser failed: {type(exc).__name__}: {exc}")


#: The one table of input formats: every reader of files (ingest, the explorer's upload) chooses here.
#: A file whose suffix is in none of them is read as warta text (the first).
READERS = (
    Reader("warta text", frozenset({".txt", ""}), parse=wartatext.parse),
    Reader("JSONL", frozenset({".jsonl", ".ndjson"}), per_line=True),
    Reader("HTML", frozenset({".html", ".htm"}), parse=html.parse),
)
#: Suffixes a folder walk takes (a file named explicitly is always read).
KNOWN_SUFFIXES = frozenset().union(*(reader.suffixes for reader in READERS))


_BY_SUFFIX = {suffix: reader for reader in READERS for suffix in reader.suffixes}


def reader_for(path: str | os.PathLike) -> Reader:
    """The reader of a file, by its suffix (case-insensitive): `a.JSONL` -> JSONL, `a.md` -> warta text.

    Asked three times per file on ingest, so a string split and a dict, not a Path and a scan."""
    return _BY_SUFFIX.get(os.path.splitext(os.fspath(path))[1].lower(), READERS[0])


def size_limit(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The most bytes a file may have: more for a file of one article per line."""
    return max_bytes * JSONL_MAX_BYTES_FACTOR if reader_for(path).per_line else max_bytes


__all__ = ["READERS", "Reader", "read_file", "read_paths", "reader_for", "expand_paths", "load_text", "parse_text",
           "FormatError"]


def parse_text(text: str, path: str | None = None) -> Article:
    """Parse one article given as warta text (raises FormatError)."""
    return wartatext.parse(text, path)


def expand_paths(inputs: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named, files under folders (recursively, sorted), glob matches.

    Hidden files and folders are skipped when walking folders; a folder walk
    takes only files with a known suffix, while a file named explicitly is
    always read. Symbolic links to folders are not followed (by a folder walk
    or by `**`), so a link loop cannot make a walk endless. A folder that
    cannot be listed is yielded itself: `read_file` turns it into an
    `unreadable` reject that says why.
    """
    for raw in inputs:
        item = str(raw)
        path = Path(item)
        if os.path.isdir(path):  # os.path, unlike pathlib, says False for a path it cannot stat
            yield from _walk(path)
        elif os.path.lexists(path):
            yield path
        elif glob.has_magic(item):
            for match in _glob(item):
                if os.path.isdir(match):
                    yield from _walk(match)
                else:
                    yield match
        else:
            yield path  # read_file turns it into an 'unreadable' reject


def _walk(folder: Path) -> Iterator[Path]:
    failed: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failed.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                yield Path(root) / name
        while failed:
            error = failed.pop()
            yield Path(error.filename or root)
    for error in failed:
        yield Path(error.filename or folder)


def _glob(pattern: str) -> list[Path]:
    """Matches of a glob, sorted; `**` through pathlib, which does not follow
    symbolic links to folders (`glob.glob` does, and loops on a link cycle)."""
    if "**" not in pattern:
        return [Path(match) for match in sorted(glob.glob(pattern))]
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    rest = str(Path(*parts[fixed:]))
    matches = (base / m.relative_to(base) if fixed else m for m in base.glob(rest))
    return sorted(m for m in matches if not any(p.startswith(".") for p in m.relative_to(base).parts))


def load_text(path: str | os.PathLike, limit: int = DEFAULT_MAX_BYTES) -> str | Reject:
    """The decoded text of one file, or a Reject saying why there is none.

    Only regular files are opened: a named pipe or a device would block the
    read forever, a folder that could not be listed says so.
    """
    name = str(path)
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            os.listdir(name)  # raises with the reason the walk could not list it
            return Reject(name, "unreadable", "cannot read a folder as an article file")
        if not stat.S_ISREG(info.st_mode):
            return Reject(name, "unreadable", "not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            return Reject(name, "too_large", f"{info.st_size:,} bytes is over the limit of {limit:,} bytes")
        if info.st_size == 0:
            return Reject(name, "empty", "the file is empty (0 bytes)")
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        what = "folder" if os.path.isdir(name) else "file"
        return Reject(name, "unreadable", f"cannot read the {what}: {exc.strerror or exc}")
    return decoded_text(name, data)


def decoded_text(name: str, data: bytes) -> str | Reject:
    """The text of a file's bytes, or a Reject saying why there is none (an encoding, only whitespace)."""
    if not data:
        return Reject(name, "empty", "the file is empty (0 bytes)")
    try:
        text = decode(data)
    except DecodeError as exc:
        return Reject(name, exc.reason, exc.detail)
    if not text.strip():
        return Reject(name, "empty", "the file contains only whitespace")
    return text


def read_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
              mapping: Mapping[str, str] = {}) -> Iterator[Article | Reject]:
    """Articles in one file (one, or many for JSONL), or the reason it has none.

    `mapping` names JSONL fields the reader does not know (see `jsonl.field_map`).
    """
    name = str(path)
    text = load_text(name, size_limit(name, max_bytes))
    if isinstance(text, Reject):
        yield text
        return
    yield from reader_for(name).read(text, name, mapping)


def read_paths(inputs: Iterable[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES,
               mapping: Mapping[str, str] = {}) -> Iterator[Article | Reject]:
    for path in expand_paths(inputs):
        yield from read_file(path, max_bytes, mapping)
