"""Lines news sites insert between paragraphs are dropped before the article is built."""

from __future__ import annotations

import json

import pytest

from conftest import ARTICLE
from warta.formats import read_file
from warta.formats.boilerplate import is_boilerplate, patterns
from warta.nlp.analysis import analyze


@pytest.mark.parametrize("pattern,example", [(p.pattern, e) for p, e in patterns()])
def test_every_pattern_drops_its_example(pattern, example):
    assert example, f"{pattern} has no example line in boilerplate.tsv"
    assert is_boilerplate(example)


@pytest.mark.parametrize("line", [
    "Banjir merendam sekitar 1.200 rumah di Kabupaten Cianjur.",
    "Baca juga pesan kami di akhir laporan ini, kata Asep.",  # no colon: a sentence, not a link
    "Simak juga bagaimana warga bergotong royong membersihkan lumpur.",
    "Pilihan redaksi majalah itu jatuh pada laporan banjir.",
    "Iklan rokok dilarang di jalan protokol.",
])
def test_sentences_of_the_story_are_kept(line):
    assert not is_boilerplate(line)


WITH_BOILERPLATE = ARTICLE.replace(
    "\n\n\"Kami sudah", "\n\nADVERTISEMENT\n\nSCROLL TO CONTINUE WITH CONTENT\n\n"
    "Baca juga: Longsor tutup jalan provinsi di Sukabumi\n\n\"Kami sudah").replace(
    "\n\nIa menambahkan", "\n\nPilihan Redaksi\n\n[Gambas:Video Warta Contoh]\n\nIa menambahkan")


def test_boilerplate_lines_are_not_in_the_stored_text(write):
    clean = next(read_file(write("bersih.txt", ARTICLE)))
    noisy = next(read_file(write("kotor.txt", WITH_BOILERPLATE)))
    assert noisy.text == clean.text and noisy.id == clean.id
    assert "Baca juga" not in noisy.text and "ADVERTISEMENT" not in noisy.text


def test_boilerplate_is_dropped_from_scraper_text_and_offsets_point_into_the_stored_text(write):
    record = {"date": "2025-03-13", "title": "Banjir rendam rumah di Cianjur", "text":
              "Banjir merendam 1.200 rumah di Kabupaten Cianjur, Jawa Barat.\nADVERTISEMENT\n"
              "Baca juga: Longsor tutup jalan provinsi di Sukabumi\n"
              "\"Kami mengerahkan 150 personel,\" kata Kepala BPBD Cianjur Asep Suryana di Cianjur.\n"
              "Simak juga: Warga bergotong royong membersihkan sisa banjir"}
    article = next(read_file(write("kotor.jsonl", json.dumps(record))))
    assert article.body == ["Banjir merendam 1.200 rumah di Kabupaten Cianjur, Jawa Barat.",
                            "\"Kami mengerahkan 150 personel,\" kata Kepala BPBD Cianjur Asep Suryana di Cianjur."]
    analysis = analyze(article)
    spans = [(m.start, m.end, m.text) for e in analysis.entities for m in e.mentions] + \
            [(q.start, q.end, q.text) for q in analysis.quotes] + [(c.start, c.end, c.text) for c in analysis.counts]
    assert any(text == "Asep Suryana" for *_, text in spans)
    assert all(article.text[start:end] == text for start, end, text in spans)
