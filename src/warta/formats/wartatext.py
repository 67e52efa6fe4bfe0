"""Reader for the warta text format (see docs/format.md for the grammar).

The format is what news scrapers write: a ` date YYYY-MM-DD SECTION` header,
a front matter of headline, optional lede and optional photo caption ending in
` / CREDIT`, an Indonesian dateline (`4 September 2025`), blank-line separated
paragraphs and a `SUMBER:AGENCY` line. The reader is strict about what it
needs (a valid date, a headline, a body) and lenient about everything a
scraper gets wrong (spacing, blank lines, case, missing optional parts).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import get_month_names

from warta.model import Article

HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(.*?))?\s*$", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^\s*SUMBER\s*:\s*(.*?)\s*$", re.IGNORECASE)
#: A caption credit is short and has no sentence punctuation: `/ AA`,
#: `/ ANTARA FOTO`, `/ Reuters - Evgenia Novozhenina`.
CAPTION = re.compile(r"^(?P<caption>.*\S)\s+/\s*(?P<credit>[^/.!?\"]{1,60}?)\s*$")
FILE_NAME = re.compile(r"^(?:\d+_)?(?P<id>[0-9a-f]{16})$", re.IGNORECASE)
#: How far into the front matter a dateline may be looked for.
MAX_FRONT_LINES = 8


class FormatError(ValueError):
    """A file that is not a warta text article; `reason` is a reject code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Indonesian month names and abbreviations (from CLDR) to month numbers."""
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="id").items():
            names[name.lower().rstrip(".")] = number
    names.update({"agu": 8, "agust": 8, "sept": 9, "nop": 11, "nopember": 11, "pebruari": 2})
    return names


def parse_dateline(line: str) -> date | None:
    """`4 September 2025` -> date(2025, 9, 4); None if the line is no dateline."""
    match = re.fullmatch(r"\s*(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})\s*", line)
    if not match:
        return None
    month = month_numbers().get(match.group(2).lower())
    if month is None:
        return None
    try:
        return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


def external_id_from_path(path: str | Path | None) -> str | None:
    """`000_484335ed030999fc.txt` -> `484335ed030999fc`."""
    if not path:
        return None
    match = FILE_NAME.match(Path(path).stem)
    return match.group("id").lower() if match else None


def parse(text: str, path: str | None = None) -> Article:
    """Parse decoded warta text into an Article, or raise FormatError."""
    lines = [line.strip() for line in text.lstrip("\ufeff").split("\n")]
    position = _skip_blank(lines, 0)
    if position >= len(lines):
        raise FormatError("empty", "the file contains only whitespace")
    header = HEADER.match(lines[position])
    if not header:
        raise FormatError("no_header",
                          f"first line is not a ' date YYYY-MM-DD SECTION' header: {lines[position][:60]!r}")
    year, month, day, section = header.groups()
    try:
        published = date(int(year), int(month), int(day))
    except ValueError as exc:
        raise FormatError("bad_date", f"header date {year}-{month}-{day} is not a calendar date ({exc})") from None
    from warta.formats.dates import check_range  # dates needs FormatError from here

    check_range(published)
    position += 1

    source = None
    end = len(lines)
    last = _last_nonblank(lines, position, end)
    if last is not None and (match := SOURCE_LINE.match(lines[last])):
        source = match.group(1) or None
        end = last

    front, body_start, dateline = _front_matter(lines, position, end)
    if not front:
        raise FormatError("no_title", "no headline after the date header")
    title, subtitle, caption, credit = _split_front(front)
    body = _paragraphs(lines[body_start:end])
    if not body:
        raise FormatError("no_body", "the article has a headline but no body paragraphs")
    return Article(
        published=published,
        section=section or None,
        title=title,
        subtitle=subtitle,
        caption=caption,
        caption_credit=credit,
        dateline=dateline,
        body=body,
        source=source,
        external_id=external_id_from_path(path),
        path=str(path) if path else None,
        format="warta",
    )


def _skip_blank(lines: list[str], position: int) -> int:
    while position < len(lines) and not lines[position]:
        position += 1
    return position


def _last_nonblank(lines: list[str], start: int, end: int) -> int | None:
    for index in range(end - 1, start - 1, -1):
        if lines[index]:
            return index
    return None


def _front_matter(lines: list[str], start: int, end: int) -> tuple[list[str], int, str | None]:
    """Headline lines up to the dateline; without a dateline, the first block."""
    seen: list[int] = []
    for index in range(start, end):
        if not lines[index]:
            continue
        if parse_dateline(lines[index]) is not None and seen:
            return [lines[i] for i in seen], index + 1, lines[index]
        seen.append(index)
        if len(seen) > MAX_FRONT_LINES:
            break
    # No dateline: the front matter is the first block of non-blank lines.
    index = _skip_blank(lines, start)
    front = []
    while index < end and lines[index]:
        front.append(lines[index])
        index += 1
    return front, index, None


def _split_front(front: list[str]) -> tuple[str, str | None, str | None, str | None]:
    title, rest = front[0], front[1:]
    caption = credit = None
    if rest and (match := CAPTION.match(rest[-1])):
        caption, credit = match.group("caption"), match.group("credit")
        rest = rest[:-1]
    subtitle = " ".join(rest) or None
    return title, subtitle, caption, credit


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks; lines inside a block are one paragraph.

    Boilerplate lines (`Baca juga: ...`, `ADVERTISEMENT`) are dropped first.
    """
    from warta.formats.boilerplate import is_boilerplate

    paragraphs, current = [], []
    for line in lines:
        if line and is_boilerplate(line):
            continue
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
