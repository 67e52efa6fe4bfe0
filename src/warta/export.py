"""Exports of articles and merged events: one writer per format, for the CLI and the explorer alike.

Each writer takes stored articles (or event rows) and a target (a path, an
open text stream, or None for standard output where the format allows it)
and returns how many it wrote. Article columns are the Article fields plus
`version` (tests/test_export_columns.py fails when a field is added to
`warta.model.Article` and forgotten here); `body` is a list in JSONL and
Parquet and paragraphs joined by blank lines in CSV.

Every CSV cell that a spreadsheet would read as a formula (starting with
= + - @, a tab or a carriage return) gets a leading apostrophe: an export
opened in a spreadsheet must not run what an article said.

A file is written whole or not at all: into a temporary file beside the
target, renamed over it at the end. An error half-way (a full disk, an
interrupt) leaves no partial file and any previous export untouched.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

from warta.store.base import StoredArticle

#: Article export columns, in order: the fields of warta.model.Article and the stored `version`.
COLUMNS = ["id", "external_id", "version", "published", "section", "source", "title", "subtitle", "caption",
           "caption_credit", "dateline", "body", "text", "url", "path", "format", "content_hash"]


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """A temporary path beside `target` to write to; renamed to `target` only
    if the block finishes, removed if it raises."""
    target = Path(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


#: What a target is: a file path, an open text stream, or None for standard output.
Target = Path | TextIO | None


@contextmanager
def _open_text(target: Target) -> Iterator[TextIO]:
    if target is None:
        yield sys.stdout
    elif isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as temporary, open(temporary, "w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield target


def _file(target: Target) -> Path:
    """The path a binary format (Parquet) needs: it cannot go to a text stream."""
    if not isinstance(target, (str, os.PathLike)):
        raise ValueError("parquet is written to a file: give a path")
    return Path(target)


#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: None empty, lists and dicts as JSON, formulas defused with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value  # keep spreadsheets from evaluating cells as formulas
    return value


def _row(stored: StoredArticle) -> dict:
    data = stored.to_dict()
    return {column: data.get(column) for column in COLUMNS}


def write_jsonl(articles: Iterable[StoredArticle], target: Target) -> int:
    count = 0
    with _open_text(target) as out:
        for stored in articles:
            out.write(json.dumps(_row(stored), ensure_ascii=False) + "\n")
            count += 1
    return count


def write_csv(articles: Iterable[StoredArticle], target: Target) -> int:
    count = 0
    with _open_text(target) as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for stored in articles:
            row = _row(stored)
            row["body"] = "\n\n".join(row["body"])
            writer.writerow([csv_cell(row[column]) for column in COLUMNS])
            count += 1
    return count


def write_parquet(articles: Iterable[StoredArticle], target: Target, batch_size: int = 2000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [pa.field(c, pa.list_(pa.string()) if c == "body" else pa.int64() if c == "version" else pa.string())
              for c in COLUMNS]
    schema = pa.schema(fields)
    count = 0
    with atomic_path(_file(target)) as temporary, \
            pq.ParquetWriter(str(temporary), schema, compression="zstd") as writer:
        batch: list[dict] = []
        for stored in articles:
            batch.append(_row(stored))
            count += 1
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


WRITERS: dict[str, Callable[[Iterable[StoredArticle], Target], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}


def write_articles(articles: Iterable[StoredArticle], target: Target, format: str) -> int:
    """Articles in jsonl, csv or parquet."""
    if format not in WRITERS:
        raise ValueError(f"unknown articles format {format!r}")
    return WRITERS[format](articles, target)


# -- events ------------------------------------------------------------------------

#: Columns of the events JSONL and Parquet exports (`evidence` and `merge_evidence` whole: lists in JSONL,
#: JSON text in Parquet).
EVENT_COLUMNS = ["id", "type", "mode", "cameo", "modality", "date", "source_name", "source_id", "source_code",
                 "target_name", "target_id", "target_code", "place", "place_id", "mentions", "articles",
                 "sources", "outlets", "first_published", "confidence", "evidence", "merge_evidence"]

#: Columns of the events CSV, in order: one row per merged event, its first
#: evidence flattened into cells a spreadsheet shows (`article_ids` of all of
#: it), why its mentions were merged (warta.event_merge's reasons, JSON), then
#: the whole evidence as JSON so that nothing is lost.
EVENT_CSV_COLUMNS = ("id", "date", "type", "mode", "cameo", "modality", "source_id", "source_name", "source_code",
                     "target_id", "target_name", "target_code", "symmetric", "place_id", "place", "mentions",
                     "articles", "sources", "outlets", "first_published", "confidence", "article_ids", "trigger",
                     "sentence", "merge_evidence", "evidence")


def _event_csv_cells(event: dict) -> list:
    evidence = [e for e in event.get("evidence") or [] if isinstance(e, dict)]
    first = evidence[0] if evidence else {}
    row = dict(event, article_ids=" ".join(sorted({e.get("article_id", "") for e in evidence})),
               trigger=first.get("trigger"), sentence=first.get("sentence"))
    return [csv_cell(row.get(column)) for column in EVENT_CSV_COLUMNS]


#: GDELT 2.0 event table columns, in order. warta fills those it knows; the
#: rest are left empty (see docs/events.md for which and why).
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]


def _quad_class(cameo: str | None) -> str:
    """CAMEO root 01-05 verbal cooperation (1), 06-08 material cooperation (2),
    09-14 verbal conflict (3), 15-20 material conflict (4)."""
    if not cameo or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 14 else "4"


#: Sector codes warta gives actors (CAMEO-style role codes).
SECTORS = {"GOV", "MIL", "POL", "JUD", "LEG", "MED", "BUS", "IGO", "NGO", "EDU", "LAB", "CVL", "AGR", "REF", "REB",
           "PTY", "REL", "SPORT", "OTHER"}


def _actor_columns(code: str | None, name: str | None) -> list[str]:
    """`RUS GOV` -> code RUSGOV, country RUS, type GOV; `EDU` alone -> type EDU."""
    parts = (code or "").split()
    country = parts[0] if parts and parts[0] not in SECTORS else ""
    sector = next((p for p in parts if p in SECTORS), "")
    return [("".join(parts)), name or "", country, "", "", "", "", sector, "", ""]


def write_events(events: Iterable[dict], target: Target, format: str, places: dict | None = None) -> int:
    """Events in jsonl, csv, parquet or gdelt (tab-separated GDELT 2.0 event columns)."""
    if format == "csv":
        count = 0
        with _open_text(target) as out:
            writer = csv.writer(out)
            writer.writerow(EVENT_CSV_COLUMNS)
            for event in events:
                writer.writerow(_event_csv_cells(event))
                count += 1
        return count
    rows = [{c: e.get(c) for c in EVENT_COLUMNS} for e in events]
    if format == "jsonl":
        with _open_text(target) as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{**r, "evidence": json.dumps(r["evidence"], ensure_ascii=False),
                                       "merge_evidence": json.dumps(r["merge_evidence"] or [], ensure_ascii=False)}
                                      for r in rows])
        with atomic_path(_file(target)) as temporary:
            pq.write_table(table, str(temporary), compression="zstd")
    elif format == "gdelt":
        places = places or {}
        with _open_text(target) as out:
            for row in rows:
                out.write("\t".join(_gdelt_row(row, places)) + "\n")
    else:
        raise ValueError(f"unknown events format {format!r}")
    return len(rows)


#: First month of each TIMEX3 season (northern seasons, as TIMEX3 defines them).
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: First month of part N of a year: quarters (Q), halves (H, `semester`), thirds (T, `caturwulan`).
_PART_MONTHS = {"Q": 3, "H": 6, "T": 4}
_YEAR_PART = re.compile(r"(\d{4})-(?:W(\d{2})(?:-(\d|WE))?|(SP|SU|FA|WI)|([QHT])(\d))$")


def event_day(value: str | None, published: str | None) -> date | None:
    """The day a GDELT row is dated by, for any value the time normaliser emits.

    GDELT has one date per event, to the day; warta's may be coarser. A
    period gives its first day: `2025-06` -> 1 June, `2025` -> 1 January,
    `2025-W23` -> its Monday, `2025-SU` -> 1 June, `2025-Q2` -> 1 April,
    `202` (the 2020s) -> 2020-01-01, `20` (the 21st century) -> 2000-01-01. A
    time of day (`2025-04-28TMO`, `...T09:00+07:00`) gives its date. A day
    without a year (`XXXX-06-09`) takes the year of publication. What names
    no day (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, `XXXX-WXX-1`, nothing)
    gives the publication day, as GDELT itself dates events.
    """
    fallback = _iso_day(published)
    if not value:
        return fallback
    value = value.strip()
    if len(value) > 10 and value[10] == "T":  # a time of day: its date
        value = value[:10]
    if value.startswith("XXXX") and fallback is not None:
        value = f"{fallback.year:04d}{value[4:]}"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return date(int(value[:4]), int(value[5:]), 1)
        if re.fullmatch(r"\d{2,4}", value):
            return date(int(value) * 10 ** (4 - len(value)), 1, 1)
        part = _YEAR_PART.fullmatch(value)
        if part:
            year, week, weekday, season, kind, number = part.groups()
            if week:
                return date.fromisocalendar(int(year), int(week), 6 if weekday == "WE" else int(weekday or 1))
            if season:
                return date(int(year), _SEASON_MONTH[season], 1)
            return date(int(year), 1 + (int(number) - 1) * _PART_MONTHS[kind], 1)
    except ValueError:  # 2025-02-30, week 54, Q5: the text said something impossible
        pass
    return fallback


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _gdelt_row(row: dict, places: dict) -> list[str]:
    day = event_day(row.get("date"), row.get("first_published"))
    sqldate = day.strftime("%Y%m%d") if day else ""
    year = f"{day.year:04d}" if day else ""
    if day:
        days_in_year = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days if day.year < 9999 else 365
        fraction = f"{day.year + (day - date(day.year, 1, 1)) / timedelta(days=days_in_year):.4f}"
    else:
        fraction = ""
    cameo = row.get("cameo") or ""
    place = places.get(row.get("place_id")) if row.get("place_id") else None
    action_geo = ["", "", "", "", "", "", "", ""]
    if place:
        geo_type = {"country": "1", "city": "4", "region": "2", "facility": "4"}.get(place["kind"], "4")
        action_geo = [geo_type, place["name"], place["country"], "", "", f"{place['lat']:.4f}", f"{place['lon']:.4f}",
                      place["id"]]
    evidence = row.get("evidence") or []
    first_article = evidence[0] if evidence else {}
    return [
        str(row["id"]), sqldate, sqldate[:6], year, fraction,
        *_actor_columns(row.get("source_code"), row.get("source_name")),
        *_actor_columns(row.get("target_code"), row.get("target_name")),
        "1", cameo, cameo[:3], cameo[:2], _quad_class(cameo), "",
        str(row.get("mentions") or 0), str(row.get("sources") or row.get("articles") or 0),
        str(row.get("articles") or 0), "",
        *([""] * 8), *([""] * 8), *action_geo,
        (first_article.get("published") or "").replace("-", "") + "000000", first_article.get("article_id", ""),
    ]
