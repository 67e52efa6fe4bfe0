"""Quotes and their speakers, on Indonesian news sentences of every pattern we support."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import warta
from conftest import EXAMPLES, SAMPLE
from warta.formats import read_file
from warta.model import Article
from warta.nlp import load_cached
from warta.nlp.analysis import analyze
from warta.nlp.evaluation import score_quotes

GOLD = Path(__file__).parent / "gold" / "quotes.jsonl"


def quotes_of(*paragraphs: str, title: str = "Berita uji"):
    article = Article(published=date(2025, 9, 4), title=title, body=list(paragraphs))
    return analyze(article, load_cached()).quotes


def one(quotes, kind=None):
    found = [q for q in quotes if kind is None or q.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_direct_quote_with_cue_after():
    q = one(quotes_of('"Kami sudah mengerahkan 150 personel," kata Kepala BPBD Cianjur Asep Suryana.'))
    assert (q.kind, q.text, q.speaker, q.cue) == \
        ("direct", "Kami sudah mengerahkan 150 personel", "Asep Suryana", "kata")


@pytest.mark.parametrize("cue", ["ujar", "ucap", "tutur", "ungkap", "jelas", "tegas", "tambah", "imbuh"])
def test_reporting_verbs_after_the_quote(cue):
    q = one(quotes_of("Menteri Keuangan Bambang Suryaatmadja hadir di Jakarta.",
                      f'"Defisit anggaran masih aman," {cue} Bambang.'))
    assert (q.speaker, q.cue) == ("Bambang Suryaatmadja", cue)


def test_pronoun_cues_resolve_to_the_last_person_named():
    quotes = quotes_of("Kapolri Agus Hermawan Siregar meninjau lokasi banjir di Bekasi.",
                       '"Semua warga sudah dievakuasi," ujarnya.', '"Kami tetap siaga," kata dia.')
    assert [(q.speaker, q.cue) for q in quotes] == [("Agus Hermawan Siregar", "ujarnya"),
                                                    ("Agus Hermawan Siregar", "kata dia")]


def test_title_only_speaker():
    quotes = quotes_of("Presiden Joko Widodo membuka sidang kabinet di Istana Merdeka.",
                       '"Kita harus bersatu," tambah Presiden.')
    assert one(quotes).speaker == "Joko Widodo"


def test_curly_quotes_and_a_cue_with_trailing_words():
    q = one(quotes_of("“Harga beras akan turun pekan depan,” imbuhnya sambil tertawa, merujuk pada Menteri "
                      "Perdagangan Budi Santoso yang berbicara sebelumnya."))
    assert q.text == "Harga beras akan turun pekan depan" and q.cue == "imbuhnya"


def test_colon_introduced_quote():
    q = one(quotes_of('Menteri Luar Negeri Ratna Kusumawardani mengatakan: '
                      '"Indonesia menolak segala bentuk kekerasan."'),
            "direct")
    assert q.speaker == "Ratna Kusumawardani" and q.cue == "mengatakan"


def test_menurut_with_quote():
    q = one(quotes_of('Menurut Ketua KPK Hendra Wicaksono, "Tidak ada yang kebal hukum di negeri ini."'), "direct")
    assert q.speaker == "Hendra Wicaksono"


def test_quote_continued_in_the_next_paragraph():
    quotes = quotes_of('"Kami tidak akan berhenti sampai semua korban ditemukan. Tim bekerja siang dan malam.',
                       '"Cuaca memang menjadi tantangan terbesar," kata Kepala Basarnas Yudha Pratama.')
    q = one(quotes, "direct")
    assert q.text.startswith("Kami tidak akan berhenti") and q.text.endswith("tantangan terbesar")
    assert q.speaker == "Yudha Pratama"


def test_indirect_speech():
    q = one(quotes_of("Kepala BMKG Dwi Prasetyo Nugroho menjelaskan bahwa gempa itu tidak berpotensi tsunami."),
            "indirect")
    assert (q.text, q.speaker, q.cue) == ("gempa itu tidak berpotensi tsunami", "Dwi Prasetyo Nugroho", "menjelaskan")


def test_partial_quote_inside_reported_speech():
    quotes = quotes_of('Presiden Rusia Vladimir Putin meminta Kim Jong-un untuk menyampaikan "kata-kata terhangat" '
                       'kepada rakyatnya.')
    assert one(quotes, "partial").speaker == "Vladimir Putin"


def test_quoted_names_are_not_quotes():
    assert quotes_of('Parade militer "Hari Kemenangan" digelar di Beijing.') == []


def test_headline_attribution():
    quotes = quotes_of("Menteri Keuangan Bambang Suryaatmadja berbicara di Jakarta.",
                       title="Defisit anggaran masih aman: Bambang")
    assert one(quotes, "headline").speaker == "Bambang Suryaatmadja"


def test_relay_source():
    q = one(quotes_of('"Kami siap berunding," kata Menteri Luar Negeri Rusia Sergei Lavrov, seperti dikutip '
                      'kantor berita TASS.'))
    assert (q.speaker, q.via) == ("Sergei Lavrov", "TASS")


def test_unknown_speaker_stays_unknown():
    q = one(quotes_of('"Air naik sangat cepat," kata seorang warga.'))
    assert q.speaker is None and q.cue == "kata"


def _reporting_rows():
    from warta import lexicon

    return [(row["cue"], row["position"], row["example"]) for row in lexicon.table("reporting_verbs.tsv")]


@pytest.mark.parametrize("cue,position,example", _reporting_rows())
def test_every_reporting_verb_example_yields_a_quote_with_its_cue(cue, position, example):
    if position == "headline":  # a title: "X Sebut claim"
        found = quotes_of("Isi berita.", title=example)
        assert any(q.kind == "headline" and q.cue == cue.lower() for q in found), (cue, example, found)
    elif position == "relay":
        assert any(q.via for q in quotes_of(example)), (cue, example)
    elif position == "quoted":  # only right after a quotation: a direct quote, with the speaker it names
        found = quotes_of(example)
        assert any(q.kind == "direct" and q.cue == cue and (q.speaker or cue.endswith("nya")) for q in found), \
            (cue, example, found)
    else:
        found = quotes_of(example)
        assert any(q.cue == cue for q in found), (cue, example, found)


def test_the_reporting_verbs_after_a_quote_number_at_least_eighty():
    after = [row for row in _reporting_rows() if row[1] in ("after", "quoted")]
    assert len(after) >= 80, len(after)


@pytest.mark.parametrize("cue", [row[0] for row in _reporting_rows() if row[1] == "quoted"])
def test_a_quote_only_cue_in_unquoted_text_reports_nothing(cue):
    found = quotes_of(f"Warga membaca buku itu bersama-sama di balai desa, {cue} Rahmat Hidayat ada di halaman "
                      "pertama.")
    assert not [q for q in found if q.cue == cue], found


@pytest.fixture(scope="module")
def sample_quotes():
    if not SAMPLE.exists():
        pytest.skip(f"needs {SAMPLE} (../shared is not present in this checkout)")
    return warta.analyze(str(SAMPLE)).quotes


@pytest.mark.parametrize("start,speaker,via", [
    ("Saya sangat senang bahwa hari ini", "Kim Jong-un", "RIA Novosti"),
    ("Atas inisiatif Anda, seperti yang diketahui", "Vladimir Putin", None),
    ("Kami menunggu Anda. Datanglah.", "Vladimir Putin", None),
    ("kata-kata terhangat dari rasa terima kasih", "Vladimir Putin", None),
    ("prospek pengembangan hubungan", "Kim Jong-un", None),
    ("berani dan heroik", "Vladimir Putin", None),
])
def test_sample_quotes(sample_quotes, start, speaker, via):
    matching = [q for q in sample_quotes if q.text.startswith(start)]
    assert matching, [q.text[:40] for q in sample_quotes]
    assert matching[0].speaker == speaker
    if via:
        assert matching[0].via == via


def test_sample_headline_quotes(sample_quotes):
    assert any(q.kind == "headline" and q.speaker == "Vladimir Putin" for q in sample_quotes)
    assert any(q.text == "berani" and q.speaker == "Vladimir Putin" and q.start < 100 for q in sample_quotes)


def gold_and_predicted():
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    predicted = []
    for path in sorted((EXAMPLES / "corpus").glob("*.txt")):
        article = next(read_file(path))
        if article.external_id in {g["article"] for g in gold}:
            for q in analyze(article).quotes:
                predicted.append({"article": article.external_id, "start": q.start, "end": q.end, "text": q.text,
                                  "kind": q.kind, "speaker": q.speaker})
    return gold, predicted


@pytest.mark.skipif(not GOLD.exists(), reason="tests/gold/quotes.jsonl not written yet")
def test_quote_attribution_on_our_gold_set():
    gold, predicted = gold_and_predicted()
    assert len(gold) >= 50
    scores = score_quotes(gold, predicted)
    assert scores["attribution"]["precision"] >= 0.75, scores
    assert scores["attribution"]["recall"] >= 0.70, scores
