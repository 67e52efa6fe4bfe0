"""GDELT export of events: one row per event for every date shape the time
normaliser emits, and export files written whole or not at all.

The database is real SQLite, filled through the store with analyses we write
ourselves (an event per article, each dated by a different kind of value),
and the export runs through the real `warta export` entry point.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import warta_in_process
from warta import export
from warta.model import Actor, Analysis, Article, Entity, Event, Mention, Sentence
from warta.store import open_store

#: `warta` in this process (Typer's runner) instead of a subprocess per command.
run_warta = warta_in_process.run_warta

PUBLISHED = date(2025, 3, 13)

#: A date value of each shape warta.nlp.timex produces -> the GDELT SQLDATE it must give.
DATES = {
    "2025-06-03": "20250603",           # a day
    "2025-06-05T09:00+07:00": "20250605",  # a day and a clock time
    "2025-04-28TMO": "20250428",        # a day and a part of the day (pagi)
    "2024-11": "20241101",              # a month
    "2019": "20190101",                 # a year
    "2025-W23": "20250602",             # a week: its Monday
    "2025-W23-WE": "20250607",          # a weekend: its Saturday
    "2025-SU": "20250601",              # a season
    "2025-Q3": "20250701",              # a quarter
    "2025-H2": "20250701",              # a half year (semester)
    "199": "19900101",                  # a decade (tahun 1990-an)
    "20": "20000101",                   # a century (abad ke-21)
    "XXXX-08-17": "20250817",           # a day without a year: the year of publication
    "XXXX-06": "20250601",              # a month without a year
    "PRESENT_REF": "20250313",          # saat ini: the publication day
    "PAST_REF": "20250313",             # dulu
    "FUTURE_REF": "20250313",           # nanti
    "XXXX-WXX-1": "20250313",           # a weekday of an unknown week
    "2025-02-30": "20250313",           # impossible: the publication day
    None: "20250313",                   # no date at all
}

SENTENCE = "Menteri Luar Negeri Sugiono bertemu Menteri Luar Negeri Australia Penny Wong di Jakarta."


def events_db(path: Path) -> dict[str, str | None]:
    """A database with one CONSULT event per article, each with one of DATES; -> article id: date value."""
    by_article = {}
    with open_store(path) as store:
        articles = [Article(published=PUBLISHED, title=f"Pertemuan menteri luar negeri ke-{n}", section="DUNIA",
                            source="ANTARA", body=[SENTENCE, f"Pertemuan itu adalah yang ke-{n} tahun ini."])
                    for n in range(len(DATES))]
        store.ingest(articles)
        analyses = []
        for article, value in zip(articles, DATES):
            text = article.text
            start = text.index(SENTENCE)
            trigger = text.index("bertemu")
            sugiono, wong = text.index("Sugiono"), text.index("Penny Wong")
            entities = [Entity("per:sugiono", "PER", "Sugiono", [Mention(sugiono, sugiono + 7, "Sugiono")]),
                        Entity("per:penny-wong", "PER", "Penny Wong", [Mention(wong, wong + 10, "Penny Wong")])]
            event = Event("CONSULT", "bertemu", trigger, trigger + 7, start, start + len(SENTENCE),
                          source=Actor("Sugiono", "per:sugiono", "IDN GOV"),
                          target=Actor("Penny Wong", "per:penny-wong", "AUS GOV"), cameo="040", date=value,
                          date_source="published" if value is None else "text")
            analyses.append(Analysis(article, [Sentence(start, start + len(SENTENCE))], entities, events=[event]))
            by_article[article.id] = value
        store.save_analyses(analyses)
    return by_article


def test_every_date_shape_gives_a_gdelt_day(run_warta, db_path, tmp_path):
    dated = events_db(db_path)
    output = tmp_path / "peristiwa.tsv"
    result = run_warta("export", "events", "-f", "gdelt", "-o", str(output))
    assert f"{len(DATES)} events" in result.stderr
    rows = [line.split("\t") for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(DATES)
    columns = export.GDELT_COLUMNS
    seen = {}
    for row in rows:
        assert len(row) == len(columns)
        record = dict(zip(columns, row))
        value = dated[record["SOURCEURL"]]
        seen[value] = record["SQLDATE"]
        assert record["MonthYear"] == record["SQLDATE"][:6] and record["Year"] == record["SQLDATE"][:4]
        day = date(int(record["SQLDATE"][:4]), int(record["SQLDATE"][4:6]), int(record["SQLDATE"][6:]))
        assert int(float(record["FractionDate"])) == day.year
        assert record["EventCode"] == "040" and record["QuadClass"] == "1"
        assert (record["Actor1Name"], record["Actor1CountryCode"], record["Actor2CountryCode"]) == \
            ("Sugiono", "IDN", "AUS")
    assert seen == DATES


def test_fraction_date_grows_through_the_year():
    rows = [export._gdelt_row({"id": 1, "date": value, "first_published": "2025-03-13"}, {})
            for value in ("2025-01-01", "2025-07-02", "2025-12-31")]
    fractions = [float(row[export.GDELT_COLUMNS.index("FractionDate")]) for row in rows]
    assert fractions[0] == 2025.0 and 2025.49 < fractions[1] < 2025.51 and 2025.99 < fractions[2] < 2026


def failing_after(items, n):
    for i, item in enumerate(items):
        if i == n:
            raise OSError(28, "No space left on device")
        yield item


@pytest.mark.parametrize("format", ["gdelt", "jsonl", "csv", "parquet"])
def test_an_error_half_way_leaves_the_previous_export_untouched(db_path, tmp_path, format):
    events_db(db_path)
    output = tmp_path / f"peristiwa.{format}"
    output.write_text("ekspor kemarin\n", encoding="utf-8")
    with open_store(db_path) as store:
        events = store.events(limit=1000)
    with pytest.raises(OSError):
        export.write_events(failing_after(events, 5), output, format)
    assert output.read_text(encoding="utf-8") == "ekspor kemarin\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".peristiwa", "peristiwa"))) == \
        [output.name], "a partial file was left behind"


@pytest.mark.parametrize("format", ["jsonl", "csv", "parquet"])
def test_article_exports_are_atomic_too(db_path, tmp_path, format):
    events_db(db_path)
    output = tmp_path / f"artikel.{format}"
    with open_store(db_path) as store:
        with pytest.raises(OSError):
            export.WRITERS[format](failing_after(store.articles(), 3), output)
        assert not output.exists() and not list(tmp_path.glob(".artikel*"))
        assert export.WRITERS[format](store.articles(), output) == len(DATES)
    assert output.exists() and not list(tmp_path.glob(".artikel*"))


def test_export_to_a_missing_folder_is_one_line_not_a_traceback(run_warta, db_path, tmp_path):
    events_db(db_path)
    result = run_warta("export", "events", "-f", "gdelt", "-o", str(tmp_path / "tidak-ada" / "x.tsv"), check=False)
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_jsonl_events_keep_the_original_date_values(run_warta, db_path, tmp_path):
    events_db(db_path)
    output = tmp_path / "peristiwa.jsonl"
    run_warta("export", "events", "-f", "jsonl", "-o", str(output))
    values = {json.loads(line)["date"] for line in output.read_text(encoding="utf-8").splitlines()}
    assert values == set(DATES)
