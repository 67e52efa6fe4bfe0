"""The `warta` command as people read it: where --db goes, what a typo in a
filter says, tables in an 80-column terminal, counts in good English, file
names that try to drive the terminal, names that mean several entities.

The database is real SQLite filled through the store with articles and
analyses we write ourselves; every command runs through the real entry point.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

import warta_in_process
from warta import lexicon
from warta.model import Analysis, Article, Entity, Mention, Sentence
from warta.store import open_store
from warta.vocabulary import ENTITY_LABELS, EVENT_TYPES, QUOTE_KINDS

#: `warta` in this process (Typer's runner) instead of a subprocess per command.
run_warta = warta_in_process.run_warta


@pytest.fixture
def warta_db(db_url: str) -> str:
    """Every CLI test here runs on SQLite and on PostgreSQL."""
    return db_url

KEMENKO = "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan"

#: (title, source, body, entities as (label, name, [(mention text, occurrence)]))
ARTICLES = [
    ("Bank Indonesia naikkan suku bunga acuan", "ANTARA",
     "Bank Indonesia (BI) menaikkan suku bunga acuan menjadi 6,25 persen. Presiden Prabowo Subianto menyambut "
     "keputusan BI itu.",
     [("ORG", "Bank Indonesia", [("Bank Indonesia", 0), ("BI", 0), ("BI", 1)]),
      ("PER", "Prabowo Subianto", [("Prabowo Subianto", 0)])]),
    ("Gempa guncang Madura, latihan klub ditunda", "Antara",
     "Gempa mengguncang Pulau Madura pada Senin pagi. Warga Madura mengungsi ke lapangan. Klub sepak bola "
     "Madura United menunda latihan, dan pelatih Madura meminta maaf kepada pendukung.",
     [("LOC", "Madura", [("Madura", 0), ("Madura", 1)]),
      ("ORG", "Madura United", [("Madura United", 0), ("Madura", 3)])]),
    ("Pemerintah siapkan bantuan bagi korban gempa Madura", "ANTARA",
     f"{KEMENKO} menyiapkan bantuan bagi korban gempa di Madura. Bantuan berupa tenda, selimut dan makanan siap "
     "saji dikirim dari Surabaya sejak Selasa malam, kata juru bicara kementerian kepada wartawan di Jakarta.",
     [("ORG", KEMENKO, [(KEMENKO, 0)]), ("LOC", "Madura", [("Madura", 0)])]),
    ("Harga beras turun di Pasar Induk Cipinang", "antara",
     "Harga beras medium di Pasar Induk Cipinang turun menjadi Rp12.500 per kilogram.", []),
]


def nth(text: str, word: str, n: int) -> int:
    return [m.start() for m in re.finditer(re.escape(word), text)][n]


def knowledge_base(path: str | Path) -> str | Path:
    with open_store(path) as store:
        articles = [Article(published=date(2025, 3, 10 + i), title=title, source=source, section="EKONOMI",
                            body=[body]) for i, (title, source, body, _) in enumerate(ARTICLES)]
        store.ingest(articles)
        analyses = []
        for article, (_, _, _, entities) in zip(articles, ARTICLES):
            text = article.text
            found = []
            for label, name, mentions in entities:
                slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                found.append(Entity(f"{label.lower()}:{slug}", label, name,
                                    [Mention(nth(text, t, n), nth(text, t, n) + len(t), t) for t, n in mentions]))
            analyses.append(Analysis(article, [Sentence(0, len(text))], found))
        store.save_analyses(analyses)
    return path


@pytest.fixture
def kb(db_url):
    return knowledge_base(db_url)


# -- where --db goes ---------------------------------------------------------------------------


def test_db_before_the_command_after_it_or_in_the_environment(run_warta, kb, tmp_path):
    elsewhere = str(tmp_path / "tidak-ada.db")
    for args, env in ((["--db", str(kb), "stats", "--json"], {"WARTA_DB": elsewhere}),
                      (["stats", "--db", str(kb), "--json"], {"WARTA_DB": elsewhere}),
                      (["stats", "--json"], {"WARTA_DB": str(kb)}),
                      (["--db", elsewhere, "stats", "--db", str(kb), "--json"], {})):
        result = run_warta(*args, env=env)
        assert json.loads(result.stdout)["articles"] == len(ARTICLES), args
    missing = run_warta("--db", elsewhere, "stats", check=False, env={"WARTA_DB": str(kb)})
    assert missing.returncode == 1 and "tidak-ada.db" in missing.stderr


# -- filter values -----------------------------------------------------------------------------


@pytest.mark.parametrize("args, valid", [
    (["entities", "--label", "XYZ"], ENTITY_LABELS),
    (["quotes", "--kind", "bogus"], QUOTE_KINDS),
    (["events", "--type", "NOPE"], EVENT_TYPES),
])
def test_an_invalid_filter_value_exits_2_naming_the_valid_ones(run_warta, kb, args, valid):
    result = run_warta(*args, check=False)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())  # unwrap the error panel
    assert args[-1] in message
    for value in valid:
        assert value in message


def test_filter_values_are_taken_in_any_case(run_warta, kb):
    assert [e["name"] for e in json.loads(run_warta("entities", "--label", "per", "--json").stdout)] == \
        ["Prabowo Subianto"]
    assert json.loads(run_warta("events", "--type", "consult", "--json").stdout) == []
    assert json.loads(run_warta("quotes", "--kind", "DIRECT", "--json").stdout) == []


def test_the_vocabularies_are_what_the_pipeline_emits():
    from warta.nlp.entities import LABELS

    assert tuple(LABELS) == ENTITY_LABELS
    assert {row["type"] for row in lexicon.table("events.tsv")} <= set(EVENT_TYPES)


# -- tables at 80 columns ----------------------------------------------------------------------


def test_entities_table_fits_80_columns_with_ids_and_dates_whole(run_warta, kb):
    out = run_warta("entities", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, out
    for entity_id in ("org:bank-indonesia", "per:prabowo-subianto", "loc:madura", "org:madura-united"):
        assert entity_id in out, (entity_id, out)
    for day in ("2025-03-10", "2025-03-11", "2025-03-12"):
        assert day in out
    assert "…" not in out
    assert re.search(r"[\s\S]*?".join(KEMENKO.split()), out), "the long name lost words"  # it wraps, whole
    # an id longer than its column folds onto the next lines, whole, never cut with an ellipsis
    assert "org:kementerian-koordinator-bidang-pembangunan-manusia-dan-kebudayaan" in re.sub(r"\s+", "", out)


def test_events_table_fits_80_columns_with_dates_and_codes_whole(run_warta, db_url):
    from test_export_gdelt import DATES, events_db

    events_db(db_url)
    out = run_warta("events", "-n", "100", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80, out
    for value in DATES:
        assert value is None or value in out, value
    assert out.count("CONSULT 040") == len(DATES) and "…" not in out


def test_rejects_table_fits_80_columns(run_warta, kb, write):
    long_name = "laporan-banjir-bandang-kabupaten-garut-jawa-barat-edisi-khusus-akhir-pekan.txt"
    run_warta("ingest", str(write(long_name, b"\x00\x01 bukan teks")), check=False)
    out = run_warta("rejects", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80, out
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", out), "the date was cut"
    assert "binary" in out


def test_control_characters_in_file_names_are_shown_escaped(run_warta, kb, write):
    hostile = write("001_\x1b[2J\x1b[31mmerah\rtersembunyi.txt", b"\x00 biner")
    run_warta("ingest", str(hostile), check=False)
    out = run_warta("rejects", env={"COLUMNS": "400"}).stdout  # wide enough that the long tmp path is not folded
    assert "\x1b" not in out and "\r" not in out
    assert "\\x1b[2J" in out and "\\r" in out
    missing = run_warta("ingest", str(hostile.parent / "tidak\x07ada-*.txt"), check=False)
    assert "\x07" not in missing.stderr and "\\x07" in missing.stderr


# -- counts ------------------------------------------------------------------------------------


def test_one_is_singular(run_warta, kb, write):
    found = run_warta("search", "beras").stdout
    assert "1 article matches" in found and "1 articles" not in found
    profile = run_warta("entity", "Prabowo Subianto").stdout
    assert "1 mention in 1 article" in profile
    inflation = " date 2025-03-20 EKONOMI\nInflasi Maret terkendali\n\nInflasi bulan Maret tercatat 1,2 persen.\n"
    ingested = run_warta("ingest", str(write("002_2222222222222222.txt", inflation)), "--no-analyze").stdout
    assert "from 1 file " in ingested


def test_sources_and_sections_are_counted_without_regard_to_case(run_warta, kb):
    stats = json.loads(run_warta("stats", "--json").stdout)
    assert stats["sources"] == {"ANTARA": 4}
    assert "ANTARA 4" in run_warta("stats").stdout
    from warta.store.explorer import ArticleFilter

    with open_store(kb) as store:
        assert store.facet_counts(ArticleFilter(), "source") == [{"value": "ANTARA", "count": 4}]
        assert store.facet_counts(ArticleFilter(source="antara"), "source") == [{"value": "ANTARA", "count": 4}]


# -- entities by name --------------------------------------------------------------------------


def test_entity_says_when_several_match_and_lists_them(run_warta, kb):
    result = run_warta("entity", "Madura")
    assert "2 entities match" in result.stderr
    assert "org:madura-united" in result.stderr
    assert result.stdout.startswith("Madura ") and "loc:madura" in result.stdout  # the most mentioned
    data = json.loads(run_warta("entity", "Madura", "--json").stdout)
    assert data["id"] == "loc:madura"
    assert [m["id"] for m in data["also_matching"]] == ["org:madura-united"]
    single = run_warta("entity", "Bank Indonesia")
    assert "match" not in single.stderr
    assert json.loads(run_warta("entity", "BI", "--json").stdout)["also_matching"] == []


@pytest.mark.parametrize("name, expected", [
    ("BI", ["Bank Indonesia"]),
    ("bi", ["Bank Indonesia"]),
    ("Subianto", ["Prabowo Subianto"]),
    ("Subi", []),
    ("bank indonesia", ["Bank Indonesia"]),
    ("Madura", ["Madura", "Madura United"]),
    ("United", ["Madura United"]),
    ("Pembangunan Manusia", [KEMENKO]),
])
def test_name_filter_matches_whole_words(run_warta, kb, name, expected):
    found = json.loads(run_warta("entities", "--name", name, "--json").stdout)
    assert sorted(e["name"] for e in found) == expected


def test_analyze_json_links_the_two_ends_of_a_time_range(run_warta, write):
    article = (" date 2025-05-02 NASIONAL\nKonferensi iklim di Bali\n\n"
               "Konferensi iklim digelar 10-12 Mei 2025 di Nusa Dua, Bali, kata panitia, Jumat (2/5).\n")
    times = json.loads(run_warta("analyze", str(write("010_0000000000000010.txt", article)), "--json",
                                 db=False).stdout)["times"]
    linked = {t["text"]: (t["begin_point"], t["end_point"]) for t in times if t["begin_point"] is not None}
    begin = next(t["start"] for t in times if t["text"] == "10")
    end = next(t["start"] for t in times if t["text"] == "12 Mei 2025")
    assert linked == {"10": (begin, end), "12 Mei 2025": (begin, end)}, times
