"""Copies: the same text republished with light edits is grouped, the earliest
is the original, and the groups do not depend on the order articles arrive in.
Same story: different texts about one happening, within days, are joined."""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime, timedelta

import pytest

from conftest import SHARED, requires_shared
from warta.copies import (
    COPY_THRESHOLD,
    CopyIndex,
    _word_hashes,
    are_copies,
    jaccard,
    normalised_words,
    shingle_hashes,
    shingles,
    signature,
    story_text,
)
from warta.stories import NameFrequency, Report, same_story

CORPUS = SHARED / "data" / "corpus" / "indosum-dev" / "articles.jsonl"
T0 = datetime(2017, 10, 23, 8, 0, tzinfo=UTC)

WIRE = """\
Jakarta (ANTARA News) - Banjir merendam sekitar 1.200 rumah di Kabupaten Cianjur, Jawa Barat, pada Rabu malam setelah hujan deras mengguyur wilayah itu selama dua setengah jam tanpa henti.

"Kami sudah mengerahkan 150 personel dan empat perahu karet untuk mengevakuasi warga," kata Kepala BPBD Cianjur Asep Suryana kepada wartawan di Cianjur, Kamis.

Ia menambahkan bahwa para pengungsi ditampung di gedung sekolah dan masjid terdekat, sementara dapur umum didirikan di halaman kantor kecamatan.

Menurut Asep, ketinggian air di Desa Sukamaju sempat mencapai satu meter dan jalan provinsi yang menghubungkan Cianjur dengan Sukabumi tidak bisa dilalui kendaraan.

Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan hujan dengan intensitas sedang hingga lebat masih akan turun di wilayah Cianjur selatan hingga akhir pekan.

(ant/dan)"""

#: The same wire story as another outlet runs it: its own dateline, no byline,
#: the last paragraph cut and a word changed.
REPUBLISHED = """\
Suara.com - Banjir merendam sekitar 1.200 rumah di Kabupaten Cianjur, Jawa Barat, pada Rabu malam setelah hujan deras mengguyur wilayah itu selama dua setengah jam tanpa henti.

"Kami sudah mengerahkan 150 personel dan empat perahu karet untuk mengevakuasi warga," ujar Kepala BPBD Cianjur Asep Suryana kepada wartawan di Cianjur, Kamis.

Ia menambahkan bahwa para pengungsi ditampung di gedung sekolah dan masjid terdekat, sementara dapur umum didirikan di halaman kantor kecamatan.

Menurut Asep, ketinggian air di Desa Sukamaju sempat mencapai satu meter dan jalan provinsi yang menghubungkan Cianjur dengan Sukabumi tidak bisa dilalui kendaraan."""

#: The same flood in an outlet's own words: one happening, not one text.
OWN_REPORT = """\
Merdeka.com - Ribuan warga Cianjur, Jawa Barat, mengungsi setelah banjir setinggi satu meter melanda Desa Sukamaju. Kepala BPBD Cianjur Asep Suryana menyebut 1.200 rumah terendam sejak Rabu malam.

Warga mengaku air naik sangat cepat. "Dalam setengah jam air sudah masuk rumah," tutur Entin, warga Sukamaju, saat ditemui di posko pengungsian.

BPBD Cianjur menyiagakan perahu karet dan membuka dapur umum. Jalan provinsi Cianjur menuju Sukabumi ditutup sementara karena tergenang."""

UNRELATED = """\
Jakarta, CNN Indonesia - - Tim nasional Indonesia U-19 menang 3-0 atas Laos dalam laga uji coba di Stadion Gelora Bung Karno, Jakarta, Selasa malam.

Pelatih Indra Sjafri mengatakan timnya masih perlu memperbaiki penyelesaian akhir. "Peluang kami banyak, tetapi belum semuanya menjadi gol," katanya usai pertandingan."""


# -- what counts as the same text ----------------------------------------------

def test_dateline_byline_case_and_spacing_do_not_count():
    restyled = "JAKARTA, KOMPAS.com - " + WIRE.split(" - ", 1)[1].upper().replace("(ANT/DAN)", "Editor: Ruslan Burhani")
    restyled = restyled.replace(" ", "  ")
    assert normalised_words(restyled) == normalised_words(WIRE)
    assert normalised_words(WIRE)[:3] == ["banjir", "merendam", "sekitar"]


def test_a_wire_story_republished_with_light_edits_is_a_copy():
    assert jaccard(WIRE, REPUBLISHED) >= COPY_THRESHOLD
    assert are_copies(WIRE, REPUBLISHED)


def test_another_outlets_own_report_of_the_same_flood_is_not_a_copy():
    assert not are_copies(WIRE, OWN_REPORT)
    assert jaccard(WIRE, OWN_REPORT) < 0.1


def test_an_unrelated_article_shares_nothing():
    assert jaccard(WIRE, UNRELATED) == 0.0


# -- the index ------------------------------------------------------------------

def test_the_earliest_article_is_the_original_even_when_it_arrives_last():
    index = CopyIndex()
    assert index.add("suara-1", REPUBLISHED, T0 + timedelta(hours=3)) == []
    index.add("merdeka-1", OWN_REPORT, T0 + timedelta(hours=1))
    assert index.add("antara-1", WIRE, T0) == ["suara-1"]
    assert index.original_of("suara-1") == "antara-1"
    assert index.copies_of("antara-1") == ["suara-1"]
    assert index.copies_of("merdeka-1") == []
    [group] = index.groups()
    assert group.original == "antara-1" and group.copies == ("suara-1",)


def test_an_article_is_indexed_once():
    index = CopyIndex()
    index.add("antara-1", WIRE, T0)
    with pytest.raises(ValueError, match="already indexed"):
        index.add("antara-1", WIRE, T0)


def _generated_articles(seed: int = 7) -> list[tuple[str, str, datetime]]:
    """Twenty distinct texts of our own making, each with up to three light-edit copies."""
    rng = random.Random(seed)
    vocabulary = ("warga pemerintah kabupaten polisi banjir jalan rumah sekolah pasar harga beras menteri "
                  "gubernur desa kota laut kapal bandara kereta listrik air hujan sungai petani nelayan "
                  "pedagang dokter rumah sakit pengadilan jaksa hakim saksi korban pelaku bantuan dana").split()
    articles = []
    for n in range(20):
        words = [rng.choice(vocabulary) for _ in range(150)]
        published = T0 + timedelta(days=n)
        articles.append((f"a{n}", " ".join(words), published))
        for k in range(rng.randint(0, 3)):
            edited = list(words)
            for _ in range(3):
                del edited[rng.randrange(len(edited))]
            articles.append((f"a{n}-copy{k}", "Jakarta (ANTARA News) - " + " ".join(edited),
                             published + timedelta(hours=k + 1)))
    return articles


def _groups(articles: list[tuple[str, str, datetime]]) -> set[tuple[str, ...]]:
    index = CopyIndex()
    index.add_all(articles)
    return {group.members for group in index.groups()}


def test_groups_do_not_depend_on_the_order_articles_arrive_in():
    articles = _generated_articles()
    expected = _groups(articles)
    assert expected == {tuple([f"a{n}", *sorted(i for i, _, _ in articles if i.startswith(f"a{n}-"))])
                        for n in range(20) if any(i.startswith(f"a{n}-") for i, _, _ in articles)}
    for seed in range(3):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        assert _groups(shuffled) == expected


@requires_shared(CORPUS)
def test_real_articles_and_their_variants_group_the_same_in_any_order():
    from warta.gold.stories import published_at, read_corpus, variant_text

    corpus = read_corpus(CORPUS)
    rng = random.Random(18)
    originals = rng.sample(sorted(corpus), 300)
    articles = [(i, corpus[i]["text"], published_at(corpus[i])) for i in originals]
    for i in originals[:60]:
        text = variant_text(corpus[i]["text"], 1, ["dateline", "drop_paragraph", "word_edits"])
        articles.append((f"{i}~copy", text, published_at(corpus[i]) + timedelta(hours=2)))
    expected = _groups(articles)
    assert {members for members in expected} == {(i, f"{i}~copy") for i in originals[:60]}
    rng.shuffle(articles)
    assert _groups(articles) == expected


# -- same story -------------------------------------------------------------------

def test_two_outlets_reporting_one_flood_within_days_tell_the_same_story():
    frequency = NameFrequency.of([WIRE, OWN_REPORT, UNRELATED])
    assert same_story(Report(WIRE, T0), Report(OWN_REPORT, T0 + timedelta(days=1)), frequency)
    assert not same_story(Report(WIRE, T0), Report(UNRELATED, T0), frequency)


def test_the_same_words_a_month_later_are_another_story():
    frequency = NameFrequency.of([WIRE, OWN_REPORT])
    assert not same_story(Report(WIRE, T0), Report(OWN_REPORT, T0 + timedelta(days=30)), frequency)


def test_copies_are_the_same_story_whenever_they_appear():
    frequency = NameFrequency.of([WIRE, REPUBLISHED])
    assert same_story(Report(WIRE, T0), Report(REPUBLISHED, T0 + timedelta(days=30)), frequency)


# -- signatures --------------------------------------------------------------------

def test_shingles_are_hashed_over_the_same_words_the_text_has():
    text = "“Kami sudah siap,” ujar Asep – Kepala BPBD Cianjur… di Sukamaju\u00a0(Jawa Barat)."
    assert len(_word_hashes(story_text(text))) == len(normalised_words(text)) == 12
    assert len(shingle_hashes(text)) == len(shingles(text)) == 9


def test_a_signature_is_the_same_in_another_process():
    import subprocess
    import sys

    code = ("import sys; from warta.copies import signature; "
            "sys.stdout.write(' '.join(map(str, signature(sys.stdin.read()).hashvalues[:16])))")
    other = subprocess.run([sys.executable, "-c", code], input=WIRE, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "123"})
    assert other.stdout == " ".join(map(str, signature(WIRE).hashvalues[:16]))
