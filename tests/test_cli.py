"""The `warta` command, run in-process (Typer's runner) against a real database on each backend; see test_cli_end_to_end.py."""

from __future__ import annotations

import csv
import io
import json
import re

import pyarrow.parquet as pq
import pytest

import warta_in_process
from conftest import ARTICLE, EXAMPLES

#: `warta` in this process (Typer's runner) instead of a subprocess per command.
run_warta = warta_in_process.run_warta

CORPUS = EXAMPLES / "corpus"


@pytest.fixture
def warta_db(db_url: str) -> str:
    """Every CLI test here runs on SQLite and on PostgreSQL."""
    return db_url


def test_version_and_help(run_warta):
    assert run_warta("--version").stdout.startswith("warta ")
    help_text = run_warta("--help").stdout
    for command in ("ingest", "search", "show", "stats", "rejects", "export"):
        assert command in help_text


def test_ingest_the_bundled_corpus_then_search(run_warta, db_url):
    result = run_warta("ingest", str(CORPUS), "--json")
    summary = json.loads(result.stdout)
    files = len(list(CORPUS.glob("*.txt")))
    assert summary["files"] == files and summary["ingested"] == files and summary["rejected"] == 0
    assert json.loads(run_warta("stats", "--json").stdout)["database"] == db_url
    again = json.loads(run_warta("ingest", str(CORPUS), "--json").stdout)
    assert again["duplicates"] == files and again["ingested"] == 0

    found = json.loads(run_warta("search", "bertemu", "--json").stdout)
    assert found["total"] > 0 and "<mark>" in found["hits"][0]["snippet_html"]
    shown = json.loads(run_warta("show", found["hits"][0]["id"], "--json").stdout)
    assert shown["title"] == found["hits"][0]["title"] and shown["body"]


def test_ingest_shows_progress_and_a_summary(run_warta, write):
    write("001_1111111111111111.txt", ARTICLE)
    write("002_bad.txt", b"\x00binary")
    result = run_warta("ingest", str(write("003_3333333333333333.txt", ARTICLE.replace("150", "151")).parent))
    assert "2 ingested" in result.stdout and "1 rejected" in result.stdout
    assert "ingest" in result.stderr and "files/s" in result.stderr  # the Rich progress bar
    rejects = json.loads(run_warta("rejects", "--json").stdout)
    assert [(r["reason"], r["path"].endswith("002_bad.txt")) for r in rejects] == [("binary", True)]
    assert "binary" in run_warta("rejects").stdout


def test_ingest_exit_codes(run_warta, write):
    only_bad = run_warta("ingest", str(EXAMPLES / "bad"), check=False)
    assert only_bad.returncode == 1 and "0 ingested" in only_bad.stdout
    nothing = run_warta("ingest", str(write("x.txt", "").parent / "tidak-ada-*.txt"), check=False)
    assert nothing.returncode != 0


def test_ingest_globs_and_files(run_warta, write):
    a = write("a/001_1111111111111111.txt", ARTICLE)
    write("b/002_2222222222222222.txt", ARTICLE.replace("150", "152"))
    write("b/notes.md", "bukan artikel")
    result = json.loads(run_warta("ingest", str(a), str(a.parent.parent / "b" / "*.txt"), "--json").stdout)
    assert (result["files"], result["ingested"]) == (2, 2)


def test_search_filters_and_errors(run_warta):
    run_warta("ingest", str(CORPUS), "-q")
    everything = json.loads(run_warta("search", "presiden OR menteri", "--json", "-n", "100").stdout)
    dunia = json.loads(run_warta("search", "presiden OR menteri", "--section", "dunia", "--json", "-n", "100").stdout)
    assert 0 < dunia["total"] < everything["total"]
    assert all(h["section"] == "DUNIA" for h in dunia["hits"])
    since = json.loads(run_warta("search", "presiden OR menteri", "--since", "2025-07-01", "--json", "-n", "100")
                       .stdout)
    assert all(h["published"] >= "2025-07-01" for h in since["hits"]) and since["total"] < everything["total"]
    bad = run_warta("search", '"pasukan', check=False)
    assert bad.returncode == 2 and "unbalanced quote" in bad.stderr and "Traceback" not in bad.stderr
    bad_date = run_warta("search", "x", "--since", "kemarin", check=False)
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_show_pretty_and_missing(run_warta, write):
    run_warta("ingest", str(write("007_00112233aabbccdd.txt", ARTICLE)), "-q")
    pretty = run_warta("show", "00112233aabbccdd").stdout
    assert "Banjir rendam 1.200 rumah" in pretty and "ANTARA" in pretty and "Kami sudah mengerahkan" in pretty
    missing = run_warta("show", "ffffffffffff", check=False)
    assert missing.returncode == 1 and "no article" in missing.stderr


def test_commands_on_a_missing_database_say_so(run_warta, tmp_path):
    result = run_warta("search", "banjir", "--db", str(tmp_path / "none.db"), check=False)
    assert result.returncode == 1 and "no warta database" in result.stderr


def test_stats(run_warta):
    run_warta("ingest", str(CORPUS), "-q")
    run_warta("ingest", str(EXAMPLES / "bad"), "-q", check=False)
    stats = json.loads(run_warta("stats", "--json").stdout)
    assert stats["articles"] == len(list(CORPUS.glob("*.txt")))
    assert stats["rejects"] == len(list((EXAMPLES / "bad").glob("*.txt")))
    assert {"DUNIA", "NASIONAL", "EKONOMI"} <= set(stats["sections"])
    assert "articles" in run_warta("stats").stdout


def test_db_option_and_environment(run_warta, tmp_path, write):
    other = tmp_path / "lain.db"
    run_warta("ingest", str(write("001_1111111111111111.txt", ARTICLE)), "--db", str(other), "-q")
    assert json.loads(run_warta("stats", "--json", env={"WARTA_DB": str(other)}).stdout)["articles"] == 1


def test_exports(run_warta, tmp_path):
    run_warta("ingest", str(CORPUS), "-q")
    count = len(list(CORPUS.glob("*.txt")))
    lines = run_warta("export", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == count and isinstance(json.loads(lines[0])["body"], list)
    rows = list(csv.DictReader(io.StringIO(run_warta("export", "-f", "csv").stdout)))
    assert len(rows) == count and rows[0]["title"] and "\n\n" in rows[0]["body"]
    target = tmp_path / "artikel.parquet"
    run_warta("export", "-f", "parquet", "-o", str(target))
    table = pq.read_table(target)
    assert table.num_rows == count and table.schema.field("body").type.value_type == "string"
    bad = run_warta("export", "-f", "xml", check=False)
    assert bad.returncode == 2 and "unknown format" in bad.stderr


def test_relink_reports_what_it_linked_and_keeps_search_whole(run_warta):
    run_warta("ingest", str(CORPUS), "-q")
    before = json.loads(run_warta("search", "bertemu", "--json").stdout)["total"]
    assert re.search(r"linked \d+ lone names?", run_warta("relink").stdout)
    assert json.loads(run_warta("search", "bertemu", "--json").stdout)["total"] == before


def test_reindex(run_warta):
    run_warta("ingest", str(CORPUS), "-q")
    before = json.loads(run_warta("search", "bertemu", "--json").stdout)["total"]
    assert "reindexed" in run_warta("reindex").stdout
    assert json.loads(run_warta("search", "bertemu", "--json").stdout)["total"] == before
