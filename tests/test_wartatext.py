"""The warta text reader on the reference sample and on scraper variations."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import ARTICLE, SAMPLE, requires_shared
from warta.formats import read_file
from warta.formats.wartatext import FormatError, external_id_from_path, parse, parse_dateline
from warta.model import PART_SEPARATOR, Article


@requires_shared(SAMPLE)
def test_reference_sample_parses_into_exactly_its_fields():
    article = next(read_file(SAMPLE))
    assert isinstance(article, Article)
    assert article.external_id == "484335ed030999fc"
    assert article.published == date(2025, 9, 4)
    assert article.section == "DUNIA"
    assert article.title.startswith("Tentara Korea Utara")
    assert article.title.endswith("atas inisiatif Kim: Putin")
    assert article.subtitle.startswith("Pernyataan ini menandai kali pertama presiden Rusia")
    assert article.caption.startswith("Presiden Rusia meminta Kim")
    assert article.caption.endswith("Korea Utara.")
    assert article.caption_credit == "AA"
    assert article.dateline == "4 September 2025"
    assert len(article.body) == 14
    assert article.body[0].startswith("Presiden Rusia Vladimir Putin pada hari Rabu")
    assert article.body[-1].startswith("Menurut Korea Selatan")
    assert article.source == "AA"
    assert article.path == str(SAMPLE)
    assert len(article.content_hash) == 64 and article.id == article.content_hash[:16]


@requires_shared(SAMPLE)
def test_sample_sections_point_into_the_canonical_text():
    article = next(read_file(SAMPLE))
    for section in article.sections():
        part = article.text[section.start:section.end]
        assert part and PART_SEPARATOR not in part
    body8 = next(s for s in article.sections() if s.name == "body.8")
    assert article.text[body8.start:body8.end] == article.body[8]
    assert body8.start < article.text.index("Kami menunggu Anda. Datanglah.") < body8.end


def test_all_parts_of_our_article():
    article = parse(ARTICLE, "input/007_00112233aabbccdd.txt")
    assert article.published == date(2025, 3, 13)
    assert article.section == "NASIONAL"
    assert article.title == "Banjir rendam 1.200 rumah di Kabupaten Cianjur: BPBD"
    assert article.subtitle == "Ribuan warga mengungsi setelah hujan deras selama 2,5 jam."
    assert article.caption == "Petugas mengevakuasi warga di Desa Sukamaju, Cianjur, Jawa Barat."
    assert article.caption_credit == "ANTARA"
    assert article.dateline == "13 Maret 2025"
    assert len(article.body) == 3
    assert article.source == "ANTARA"
    assert article.external_id == "00112233aabbccdd"


VARIATIONS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "bom": lambda t: "\ufeff" + t,
    "no leading space": lambda t: t.lstrip(" "),
    "spaces around lines": lambda t: "\n".join("  " + line + " \t" for line in t.split("\n")),
    "extra blank lines": lambda t: t.replace("\n\n", "\n\n\n\n").replace("13 Maret 2025\n", "13 Maret 2025\n\n\n"),
    "blank lines before header": lambda t: "\n\n" + t,
    "lower-case section": lambda t: t.replace("NASIONAL", "nasional"),
    "trailing blank lines": lambda t: t + "\n\n\n",
}


@pytest.mark.parametrize("name", sorted(VARIATIONS))
def test_scraper_variations_parse_to_the_same_article(name):
    original = parse(ARTICLE)
    varied = parse(VARIATIONS[name](ARTICLE))
    assert varied.to_dict() == original.to_dict()


def test_missing_subtitle():
    article = parse(ARTICLE.replace("Ribuan warga mengungsi setelah hujan deras selama 2,5 jam.\n", ""))
    assert article.subtitle is None
    assert article.caption_credit == "ANTARA" and len(article.body) == 3


def test_missing_caption():
    article = parse(ARTICLE.replace("Petugas mengevakuasi warga di Desa Sukamaju, Cianjur, Jawa Barat. / ANTARA\n", ""))
    assert article.caption is None and article.caption_credit is None
    assert article.subtitle.startswith("Ribuan warga")


def test_missing_subtitle_and_caption_and_dateline():
    text = "\n".join(line for line in ARTICLE.split("\n")
                     if not line.startswith(("Ribuan", "Petugas", "13 Maret")))
    article = parse(text)
    assert (article.subtitle, article.caption, article.dateline) == (None, None, None)
    assert article.title.startswith("Banjir rendam") and len(article.body) == 3


def test_no_source_line():
    article = parse(ARTICLE.replace("SUMBER:ANTARA\n", ""))
    assert article.source is None
    assert article.body[-1].startswith("Ia menambahkan")


@pytest.mark.parametrize("line,expected", [("SUMBER: Antara", "Antara"), ("Sumber : Reuters", "Reuters"),
                                           ("SUMBER:AA", "AA"), ("sumber:AFP ", "AFP")])
def test_source_line_spellings(line, expected):
    assert parse(ARTICLE.replace("SUMBER:ANTARA", line)).source == expected


def test_hard_wrapped_paragraph_is_one_paragraph():
    text = ARTICLE.replace("pada hari Rabu setelah hujan", "pada hari Rabu\nsetelah hujan")
    assert parse(text).to_dict() == parse(ARTICLE).to_dict()


def test_header_without_section():
    article = parse(ARTICLE.replace(" date 2025-03-13 NASIONAL", " date 2025-03-13"))
    assert article.section is None and article.published == date(2025, 3, 13)


@pytest.mark.parametrize("header,reason", [
    ("Banjir rendam rumah", "no_header"),
    (" date 2025-02-30 NASIONAL", "bad_date"),
    (" date 2025-13-01 NASIONAL", "bad_date"),
])
def test_bad_headers_are_format_errors(header, reason):
    with pytest.raises(FormatError) as error:
        parse(ARTICLE.replace(" date 2025-03-13 NASIONAL", header))
    assert error.value.reason == reason


def test_headline_without_body_is_an_error():
    with pytest.raises(FormatError) as error:
        parse(" date 2025-03-13 NASIONAL\nBanjir rendam rumah\n")
    assert error.value.reason == "no_body"


@pytest.mark.parametrize("line,expected", [
    ("4 September 2025", date(2025, 9, 4)), ("13 Maret 2025", date(2025, 3, 13)),
    ("1 Agustus 2024", date(2024, 8, 1)), ("9 Des 2023", date(2023, 12, 9)),
    ("31 Februari 2025", None), ("Presiden Rusia", None), ("4 Septembre 2025", None),
])
def test_indonesian_datelines(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize("name,expected", [
    ("000_484335ed030999fc.txt", "484335ed030999fc"), ("dir/12_ABCDEF0123456789.txt", "abcdef0123456789"),
    ("484335ed030999fc.txt", "484335ed030999fc"), ("berita.txt", None),
])
def test_external_id_from_file_name(name, expected):
    assert external_id_from_path(name) == expected


def test_same_text_same_id_whatever_the_path():
    assert parse(ARTICLE, "a/001_00112233aabbccdd.txt").id == parse(ARTICLE, "b/x.txt").id


def test_changed_text_changes_the_id():
    assert parse(ARTICLE).id != parse(ARTICLE.replace("150 personel", "160 personel")).id
