"""warta.service: one validation, one query layer and one writer per export format for every interface.

A value is rejected by the same code, with the same words, whether it came
from `warta entities --label`, `GET /api/entities?label=` or
`warta.Corpus.entities(label=)`; the events CSV of `warta export` and of the
explorer's download are one writer's.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date

import pytest
from fastapi.testclient import TestClient

import warta
import warta_in_process
from conftest import ARTICLE
from warta import export, service
from warta.formats import READERS, reader_for
from warta.ingest import MOST_INGEST_WORKERS, MOST_SERVE_WORKERS, default_workers
from warta.model import Article
from warta.vocabulary import ENTITY_LABELS, EVENT_TYPES, QUOTE_KINDS
from warta.web.app import create_app

#: `warta` in this process (Typer's runner) instead of a subprocess per command.
run_warta = warta_in_process.run_warta


@pytest.fixture
def warta_db(db_url: str) -> str:
    """Every CLI test here runs on SQLite and on PostgreSQL."""
    return db_url


@pytest.fixture
def kb(db_url, write):
    """A database with one analysed article (Cianjur floods, a quote by the head of BPBD)."""
    with warta.Corpus(db_url) as corpus:
        corpus.ingest(write("001_1111111111111111.txt", ARTICLE))
    return db_url


@pytest.fixture
def api(kb):
    with TestClient(create_app(kb, hosts=["testserver"])) as client:
        yield client


# -- one validation ----------------------------------------------------------------------------------

#: (what was typed, the service's validator, the CLI command, the API endpoint, the API parameter)
BAD_VALUES = [
    ("PERSON", service.valid_label, ["entities", "--label"], "/api/entities", "label"),
    ("langsung", service.valid_quote_kind, ["quotes", "--kind"], "/api/quotes", "kind"),
    ("BERTEMU", service.valid_event_type, ["events", "--type"], "/api/events", "type"),
]


@pytest.mark.parametrize("value, validate, command, endpoint, parameter", BAD_VALUES)
def test_a_bad_filter_value_gets_the_same_words_everywhere(run_warta, api, kb, value, validate, command, endpoint,
                                                            parameter):
    with pytest.raises(service.InvalidInput) as raised:
        validate(value)
    message = str(raised.value)
    assert value in message
    cli = run_warta(*command, value, check=False)
    assert cli.returncode == 2 and message in " ".join(cli.stderr.split())
    response = api.get(endpoint, params={parameter: value})
    assert response.status_code == 422
    assert response.json()["error"]["message"] == f"{parameter}: {message}"


@pytest.mark.parametrize("typed, normal", [("per", "PER"), (" Org ", "ORG"), ("", None), (None, None)])
def test_labels_are_taken_in_any_case(typed, normal):
    assert service.valid_label(typed) == normal


@pytest.mark.parametrize("vocabulary, validate", [(ENTITY_LABELS, service.valid_label),
                                                  (QUOTE_KINDS, service.valid_quote_kind),
                                                  (EVENT_TYPES, service.valid_event_type)])
def test_every_value_of_a_vocabulary_is_valid(vocabulary, validate):
    assert [validate(value) for value in vocabulary] == list(vocabulary)


@pytest.mark.parametrize("typed, day", [("2025-03-13", date(2025, 3, 13)), (None, None),
                                        (date(2025, 3, 13), date(2025, 3, 13))])
def test_a_day_is_yyyy_mm_dd(typed, day):
    assert service.valid_day(typed, "since") == day


@pytest.mark.parametrize("typed", ["kemarin", "20250313", "2025-03-13T00:00", "2025-02-30", "13-03-2025"])
def test_anything_else_is_not_a_day_on_the_cli_nor_in_the_api(run_warta, api, typed):
    with pytest.raises(service.InvalidInput, match="YYYY-MM-DD"):
        service.valid_day(typed, "since")
    cli = run_warta("entities", "--since", typed, check=False)
    assert cli.returncode == 2 and f"--since {service.DATE_MESSAGE}" in cli.stderr
    assert api.get("/api/entities", params={"since": typed}).status_code == 422


def test_the_python_api_validates_as_the_cli_does(kb):
    with warta.Corpus(kb) as corpus:
        with pytest.raises(service.InvalidInput, match="is not one of PER"):
            corpus.entities(label="PERSON")
        assert [e["label"] for e in corpus.entities(label="per")] == ["PER"] * len(corpus.entities(label="PER"))
        assert corpus.quotes(kind="DIRECT") and corpus.quotes(kind="direct") == corpus.quotes(kind="DIRECT")
        with pytest.raises(service.NotFound, match="no entity called 'Siapa Pun'"):
            corpus.find("banjir", entity="Siapa Pun")
        assert corpus.find("banjir", since="2025-03-01").total == 1


# -- one writer per export format --------------------------------------------------------------------


def test_article_export_columns_are_the_article_fields():
    """Fails when a field is added to warta.model.Article and forgotten in the exports."""
    assert sorted(export.COLUMNS) == sorted({f.name for f in dataclasses.fields(Article)} | {"version"})


def test_every_field_of_a_merged_event_is_exported_or_left_out_on_purpose(kb):
    """Fails when the store's merged events gain a field the event exports forget."""
    from test_export_gdelt import events_db

    events_db(kb)
    with warta.Corpus(kb) as corpus:
        event = corpus.events(limit=1)[0]
    # date_source is in each piece of evidence; JSONL and Parquet keep the columns they always had (no `symmetric`).
    assert set(event) - set(export.EVENT_COLUMNS) == {"date_source", "symmetric"}
    assert set(event) - set(export.EVENT_CSV_COLUMNS) == {"date_source"}


def test_cells_that_would_be_formulas_are_defused():
    assert [export.csv_cell(v) for v in ("=1+1", "+62 812", "-5", "@SUM(A1)", "Banjir", None, 3)] == \
        ["'=1+1", "'+62 812", "'-5", "'@SUM(A1)", "Banjir", "", 3]


def test_an_article_title_starting_with_equals_is_not_a_formula_in_the_csv(run_warta, write):
    run_warta("ingest", str(write("001_1111111111111111.txt",
                                  ARTICLE.replace("Banjir rendam", "=HYPERLINK(\"x\") Banjir rendam"))),
              "--no-analyze", "-q")
    rows = list(csv.DictReader(io.StringIO(run_warta("export", "-f", "csv").stdout)))
    assert rows[0]["title"].startswith("'=HYPERLINK")


def test_the_events_csv_of_the_cli_and_of_the_explorer_are_one_writer(run_warta, api, kb):
    from test_export_gdelt import events_db

    events_db(kb)
    cli = list(csv.reader(io.StringIO(run_warta("export", "events", "-f", "csv").stdout)))
    web = list(csv.reader(io.StringIO(api.get("/api/events", params={"format": "csv", "limit": 100}).text)))
    assert cli[0] == web[0] == list(export.EVENT_CSV_COLUMNS)
    # The same rows; the explorer's evidence also carries each article's address in the explorer (`url`).
    assert sorted(row[:-1] for row in cli[1:]) == sorted(row[:-1] for row in web[1:]) and len(cli) > 1
    row = dict(zip(cli[0], cli[1]))
    assert row["trigger"] == "bertemu" and json.loads(row["evidence"])[0]["trigger"] == "bertemu"


@pytest.mark.parametrize("what, format", [("artikel", "jsonl"), ("articles", "gdelt"), ("events", "xml")])
def test_what_cannot_be_exported_is_refused_by_the_service(run_warta, kb, what, format):
    with pytest.raises(service.InvalidInput) as raised:
        service.check_export(what, format)
    result = run_warta("export", what, "-f", format, check=False)
    assert result.returncode == 2 and str(raised.value) in " ".join(result.stderr.split())


# -- one reader registry, one default_workers ------------------------------------------------------

#: (a file name, the reader it is read with)
READER_CHOICES = [
    ("001_de4413ead37ec343.txt", "warta text"),
    ("berita", "warta text"),
    ("catatan.md", "warta text"),  # named explicitly, an unknown suffix is read as warta text
    ("ekspor.jsonl", "JSONL"),
    ("EKSPOR.NDJSON", "JSONL"),
    ("halaman.html", "HTML"),
    ("halaman.HTM", "HTML"),
]


@pytest.mark.parametrize("name, reader", READER_CHOICES)
def test_the_reader_is_chosen_by_suffix(name, reader):
    assert reader_for(name).name == reader


def test_every_suffix_names_one_reader():
    suffixes = [suffix for reader in READERS for suffix in reader.suffixes]
    assert len(suffixes) == len(set(suffixes))


def test_default_workers_is_one_per_core_within_bounds():
    assert 1 <= default_workers() <= MOST_INGEST_WORKERS
    assert 1 <= default_workers(MOST_SERVE_WORKERS) <= MOST_SERVE_WORKERS
    assert default_workers(1) == 1
