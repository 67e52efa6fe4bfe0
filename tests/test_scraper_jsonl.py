"""JSONL as scrapers write it: their field names, their dates, their text."""

from __future__ import annotations

import json
from datetime import date

import pytest

from warta.formats import read_file
from warta.formats.jsonl import FIELD_NAMES, field_map, split_body
from warta.model import Article, Reject

BODY = "Harga cabai rawit di Pasar Induk Kramat Jati naik menjadi Rp 80.000 per kilogram.\n\n" \
       "Pedagang menyebut pasokan dari Jawa Tengah berkurang karena hujan."


def one(write, record: dict, name: str = "scraper.jsonl", **options):
    return next(read_file(write(name, json.dumps(record, ensure_ascii=False)), **options))


@pytest.mark.parametrize("date_field", ["published_at", "date", "pubDate", "datePublished"])
@pytest.mark.parametrize("body_field", ["content", "text", "article"])
def test_common_scraper_field_names_are_recognised(write, date_field, body_field):
    record = {date_field: "2025-04-08T10:15:00+07:00", "headline": "Harga cabai rawit naik", body_field: BODY,
              "link": "https://warta.example/ekonomi/cabai"}
    article = one(write, record)
    assert isinstance(article, Article), article
    assert (article.published, article.title, article.url) == (date(2025, 4, 8), "Harga cabai rawit naik",
                                                               "https://warta.example/ekonomi/cabai")
    assert len(article.body) == 2


def test_field_names_are_a_table(write):
    assert "pubDate" in FIELD_NAMES["published"] and "headline" in FIELD_NAMES["title"]
    assert FIELD_NAMES["url"] == ("url", "link")


@pytest.mark.parametrize("written,expected", [
    ("2025-04-08", date(2025, 4, 8)),
    ("2025-04-08 23:30:00", date(2025, 4, 8)),
    ("4/8/2025 10:15", date(2025, 4, 8)),
    ("12/31/2024 23:59", date(2024, 12, 31)),
    ("Tue, 08 Apr 2025 10:15:00 +0700", date(2025, 4, 8)),
    ("Tue, 08 Apr 2025 23:15:00 GMT", date(2025, 4, 8)),
    (1744082100, date(2025, 4, 8)),  # 2025-04-08 10:15 WIB
    ("1744082100", date(2025, 4, 8)),
    (1744131600, date(2025, 4, 9)),  # 2025-04-08 17:00 UTC is already the 9th in Jakarta
])
def test_dates_in_the_formats_scrapers_write(write, written, expected):
    article = one(write, {"published_at": written, "title": "Harga cabai naik", "text": BODY})
    assert isinstance(article, Article), article
    assert article.published == expected


@pytest.mark.parametrize("written", ["8 April 2025", "13/13/2025 10:00", "kemarin", True, {"y": 2025}, 0])
def test_unreadable_dates_are_bad_date(write, written):
    reject = one(write, {"date": written, "title": "Harga cabai naik", "text": BODY})
    assert isinstance(reject, Reject) and reject.reason == "bad_date", reject


def test_text_is_split_on_blank_lines_or_else_on_single_newlines(write):
    assert split_body("Paragraf satu\nmasih satu.\n\nParagraf dua.") == ["Paragraf satu masih satu.", "Paragraf dua."]
    assert split_body("Baris satu.\nBaris dua.\r\nBaris tiga.") == ["Baris satu.", "Baris dua.", "Baris tiga."]
    article = one(write, {"date": "2025-04-08", "title": "Cabai", "content": "Satu.\nDua.\nTiga."})
    assert article.body == ["Satu.", "Dua.", "Tiga."]


def test_other_field_names_are_given_with_a_map(write):
    record = {"tanggal_terbit": "2025-04-08", "judul_berita": "Harga cabai naik", "isi_berita": BODY}
    reject = one(write, record)
    assert reject.reason == "missing_field"
    assert "tanggal_terbit, judul_berita, isi_berita" in reject.detail and "--map published=" in reject.detail
    mapping = field_map("published=tanggal_terbit, title=judul_berita,body=isi_berita")
    article = one(write, record, mapping=mapping)
    assert isinstance(article, Article) and article.title == "Harga cabai naik"


def test_a_mapped_name_replaces_the_table_for_its_field(write):
    record = {"date": "2025-04-08", "published_at": "2025-04-09", "title": "Cabai", "text": BODY}
    assert one(write, record).published == date(2025, 4, 9)  # the table prefers published_at
    assert one(write, record, mapping=field_map("published=date")).published == date(2025, 4, 8)


def test_bad_map_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="not an article field"):
        field_map("tanggal=published_at")
    with pytest.raises(ValueError, match="FIELD=NAME"):
        field_map("published")


def test_reject_names_the_fields_it_found(write):
    reject = one(write, {"date": "2025-04-08", "judul": "Cabai", "ringkasan": "Naik."})
    assert reject.reason == "no_body" and "judul, ringkasan" in reject.detail


def test_numeric_ids_and_category_lists_are_taken(write):
    article = one(write, {"id": 90210, "date": "2025-04-08", "title": "Cabai", "text": BODY,
                          "category": ["Ekonomi", "Pasar"]})
    assert article.external_id == "90210" and article.section == "EKONOMI"


def test_ingest_map_option(write, run_warta):
    path = write("scraper.jsonl", json.dumps({"tgl": "2025-04-08", "judul": "Harga cabai naik", "isi": BODY}))
    result = run_warta("ingest", str(path), "--no-analyze", "--map", "published=tgl,title=judul", "--json")
    assert json.loads(result.stdout)["ingested"] == 1
    bad = run_warta("ingest", str(path), "--map", "tanggal=tgl", check=False)
    assert bad.returncode != 0 and "--map" in bad.stderr and "not an article field" in bad.stderr
