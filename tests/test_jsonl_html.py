"""JSONL and HTML readers."""

from __future__ import annotations

import json
from datetime import date

from conftest import ARTICLE
from warta.formats import read_file
from warta.formats.wartatext import parse
from warta.model import Article, Reject


def test_jsonl_lines_become_articles_and_bad_lines_rejects(write):
    good = {"id": "abc-1", "published": "2025-04-08", "section": "ekonomi", "title": "Rupiah menguat",
            "body": ["Nilai tukar rupiah menguat 0,5 persen pada Selasa (8/4/2025).", "Bank Indonesia menyambut baik."],
            "source": "ANTARA"}
    text_body = {"published": "2025-04-09", "title": "Harga beras turun",
                 "text": "Harga beras turun di Jakarta.\n\nPedagang senang."}
    lines = [json.dumps(good), "", "{not json", json.dumps({"title": "tanpa tanggal", "body": ["x"]}),
             json.dumps(text_body), json.dumps([1, 2])]
    path = write("batch.jsonl", "\n".join(lines))
    items = list(read_file(path))
    assert [type(i).__name__ for i in items] == ["Article", "Reject", "Reject", "Article", "Reject"]
    first, bad_json, no_date, second, not_object = items
    assert first.external_id == "abc-1" and first.section == "EKONOMI" and first.published == date(2025, 4, 8)
    assert first.body[1] == "Bank Indonesia menyambut baik." and first.format == "jsonl"
    assert bad_json.reason == "bad_json" and bad_json.path == f"{path}#3"
    assert no_date.reason == "missing_field" and no_date.path == f"{path}#4"
    assert second.body == ["Harga beras turun di Jakarta.", "Pedagang senang."]
    assert not_object.reason == "bad_json"


def test_jsonl_and_text_of_the_same_story_are_the_same_article(write):
    article = parse(ARTICLE)
    record = {k: v for k, v in article.to_dict().items() if k not in ("id", "content_hash", "text", "path", "format")}
    from_jsonl = next(read_file(write("same.jsonl", json.dumps(record))))
    assert isinstance(from_jsonl, Article)
    assert from_jsonl.id == article.id


HTML = """<!DOCTYPE html><html lang="id"><head><title>Gempa guncang Cianjur | Warta Contoh</title>
<meta property="og:title" content="Gempa magnitudo 5,6 guncang Cianjur">
<meta property="og:site_name" content="Warta Contoh">
<meta property="article:published_time" content="2025-02-11T08:30:00+07:00">
<meta name="description" content="BMKG mencatat gempa dangkal pada Selasa pagi."></head>
<body><nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a></nav>
<article><h1>Gempa magnitudo 5,6 guncang Cianjur</h1>
<p>Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Selasa (11/2/2025) pukul 07.15 WIB.</p>
<p>"Kami mencatat gempa ini berpusat di darat pada kedalaman 10 kilometer,"
kata Kepala BMKG kepada wartawan di Jakarta.</p>
<p>Sedikitnya 120 rumah rusak ringan dan warga sempat berhamburan keluar rumah,
menurut data sementara BPBD setempat.</p>
</article><footer>Hak cipta 2025 Warta Contoh</footer></body></html>"""


def test_html_page_becomes_an_article(write):
    article = next(read_file(write("gempa.html", HTML)))
    assert isinstance(article, Article), article
    assert article.published == date(2025, 2, 11)
    assert "Gempa magnitudo 5,6" in article.title
    assert any("Kabupaten Cianjur" in p for p in article.body)
    assert not any("Beranda" in p or "Hak cipta" in p for p in article.body)
    assert article.format == "html"


def test_html_without_article_is_rejected(write):
    reject = next(read_file(write("kosong.html", "<html><body><nav>menu</nav></body></html>")))
    assert isinstance(reject, Reject) and reject.reason in {"not_article", "no_body", "bad_date"}
