"""Publication dates as scrapers write them, and the range warta believes.

Scrapers write the publication time in whatever their source used: ISO 8601
(`2025-04-08`, `2025-04-08T10:15:00+07:00`), the US `M/D/YYYY HH:MM` of some
CMS exports, RFC 2822 from RSS (`Tue, 08 Apr 2025 10:15:00 +0700`) or Unix
epoch seconds. Only the calendar date is kept, as written in the source's
own time zone; epoch seconds, which have none, are read in WIB (UTC+7), where
Indonesian newsrooms publish.

A date before 1900 or after next year is a scraper's error (a swapped
field, a year typed wrong), not a publication date: `bad_date`, and so is an
epoch of 0, the value of a timestamp that was never set.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from warta.formats.wartatext import FormatError

EARLIEST_YEAR = 1900
WIB = timezone(timedelta(hours=7))

_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*$")
_US = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp][Mm])?)?\s*$")
_EPOCH = re.compile(r"\s*\d{9,13}(?:\.\d+)?\s*$")


def latest_year() -> int:
    return date.today().year + 1


def check_range(published: date, raw: object = None) -> date:
    """`published` if it lies in 1900..next year, else FormatError `bad_date`."""
    if not EARLIEST_YEAR <= published.year <= latest_year():
        shown = f" ({raw!r})" if raw is not None and str(raw) != published.isoformat() else ""
        raise FormatError("bad_date", f"publication date {published.isoformat()}{shown} is outside "
                                      f"{EARLIEST_YEAR}..{latest_year()}")
    return published


def parse_published(raw: object) -> date:
    """The publication date in `raw` (see the module docstring), or FormatError `bad_date`."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise FormatError("bad_date", f"publication date is {type(raw).__name__}, not a date: {_short(raw)}")
    return check_range(_calendar_date(raw), raw)


def _calendar_date(raw: str | int | float) -> date:
    try:
        if isinstance(raw, (int, float)) or _EPOCH.match(raw):
            seconds = float(raw)
            if seconds <= 0:
                raise ValueError("a zero timestamp means the date was never set")
            if seconds > 1e11:  # milliseconds, as JavaScript writes them
                seconds /= 1000
            return datetime.fromtimestamp(seconds, WIB).date()
        if match := _ISO.match(raw):
            year, month, day = match.groups()
            return date(int(year), int(month), int(day))
        if match := _US.match(raw):
            month, day, year = match.groups()
            return date(int(year), int(month), int(day))
        if re.search(r"[A-Za-z]{3}", raw) and re.search(r"\d{4}", raw):
            return parsedate_to_datetime(raw.strip()).date()
    except (ValueError, OverflowError, OSError, TypeError, IndexError) as exc:
        raise FormatError("bad_date", f"publication date {_short(raw)} is not a calendar date ({exc})") from None
    raise FormatError("bad_date", f"publication date {_short(raw)} is not ISO 8601, M/D/YYYY HH:MM, "
                                  "RFC 2822 or epoch seconds")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
