"""Time expressions: one parametrized test per expression class, the sample
article, the negative cases, the spaCy component and the gold-set score."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from warta import lexicon
from warta.formats import read_file
from warta.nlp.timex import find_times, parse_number_words, score_times, to_dicts

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "samples" / "000_484335ed030999fc.txt"
GOLD = ROOT / "tests" / "gold" / "times.jsonl"
PUB = date(2025, 9, 4)  # a Thursday


def find(sentence: str, expression: str, published: date | None = PUB):
    """The time expression whose text is exactly `expression`."""
    times = find_times(sentence, published)
    for t in times:
        assert sentence[t.start:t.end] == t.text
    matches = [t for t in times if t.text == expression]
    assert matches, f"{expression!r} not found in {sentence!r}: {[(t.text, t.value) for t in times]}"
    return matches[0]


def check(sentence, expression, type_, value, mod=None, published=PUB):
    t = find(sentence, expression, published)
    assert (t.type, t.value, t.mod) == (type_, value, mod), (t.text, t.type, t.value, t.mod)
    return t


WEEKDAYS = [
    ("Putin pada hari Rabu menyatakan bahwa pasukan itu berani.", "hari Rabu", "DATE", "2025-09-03"),
    ("Dewi mengatakan hal itu di Jakarta, Rabu.", "Rabu", "DATE", "2025-09-03"),
    ("Ia berbicara di Jakarta, Kamis (4/9).", "Kamis (4/9)", "DATE", "2025-09-04"),
    ("Rapat digelar Kamis lalu di Jakarta.", "Kamis lalu", "DATE", "2025-08-28"),
    ("Tim akan bertolak Rabu pekan depan.", "Rabu pekan depan", "DATE", "2025-09-10"),
    ("Trump mengumumkan tarif itu pada Rabu lalu.", "Rabu lalu", "DATE", "2025-09-03"),
    ("Trump mengumumkan tarif itu pada Rabu pekan lalu.", "Rabu pekan lalu", "DATE", "2025-08-27"),
    ("Pemerintah menyampaikan RAPBN pada Jumat pekan lalu.", "Jumat pekan lalu", "DATE", "2025-08-29"),
    # future-marked sentence: the next such day
    ("Menlu dijadwalkan terbang ke Seoul pada hari Jumat.", "hari Jumat", "DATE", "2025-09-05"),
    ("Delegasi akan tiba di Tokyo pada hari Senin.", "hari Senin", "DATE", "2025-09-08"),
    ("Salat Jumat digelar seperti biasa.", None, None, None),
]


@pytest.mark.parametrize("sentence,expression,type_,value", WEEKDAYS)
def test_weekdays(sentence, expression, type_, value):
    if expression is None:
        assert not [t for t in find_times(sentence, PUB) if "Jumat" in t.text]
        return
    t = check(sentence, expression, type_, value)
    assert t.anchor == "published"


WEEKDAY_WITH_DATE = [
    ("kata Agus di Jakarta, Rabu (8/2/2017).", "Rabu (8/2/2017)", "DATE", "2017-02-08"),
    ("KPK menangkap bupati itu pada Senin (27/4) malam.", "Senin (27/4) malam", "TIME", "2025-04-27TNI"),
    ("Sidang dibuka Selasa (9/2).", "Selasa (9/2)", "DATE", "2025-02-09"),
    ("Ia ditangkap pada hari Rabu sore (22/10/14).", "hari Rabu sore (22/10/14)", "TIME", "2014-10-22TAF"),
    ("Rudal diluncurkan pada Rabu (14/5) pagi.", "Rabu (14/5) pagi", "TIME", "2025-05-14TMO"),
    ("KTT itu ditutup pada Selasa (27/5/2025) siang.", "Selasa (27/5/2025) siang", "TIME", "2025-05-27TMI"),
    ("Suara dihitung hingga Selasa (5/8/2025) dini hari.", "Selasa (5/8/2025) dini hari", "TIME", "2025-08-05TMO"),
    # a weekday picks the year in which it matches, near publication
    ("Puncak arus mudik terjadi pada Jumat (28/3).", "Jumat (28/3)", "DATE", "2025-03-28"),
    ("Konser digelar pada Sabtu, 15 November.", "Sabtu, 15 November", "DATE", "2025-11-15"),
    ("Parade digelar Minggu (7/9) sekitar pukul 23.00 WIB.", "Minggu (7/9) sekitar pukul 23.00 WIB", "TIME",
     "2025-09-07T23:00"),
]


@pytest.mark.parametrize("sentence,expression,type_,value", WEEKDAY_WITH_DATE)
def test_weekday_with_parenthesised_date(sentence, expression, type_, value):
    t = find(sentence, expression)
    assert (t.type, t.value) == (type_, value)


MONTHS_AND_YEARS = [
    ("Putin berkunjung ke Pyongyang pada Juni tahun lalu.", "Juni tahun lalu", "DATE", "2024-06", None),
    ("Kim kembali ke Rusia pada September 2023.", "September 2023", "DATE", "2023-09", None),
    ("Keduanya pertama kali bertemu pada tahun 2019.", "tahun 2019", "DATE", "2019", None),
    ("Keduanya pertama kali bertemu pada 2019.", "2019", "DATE", "2019", None),
    ("Inflasi naik sejak Juni.", "Juni", "DATE", "2025-06", None),
    ("Harga naik pada Oktober.", "Oktober", "DATE", "2024-10", None),  # most recent October not after Sept 2025
    ("Pemilu akan digelar pada Oktober.", "Oktober", "DATE", "2025-10", None),  # future-marked
    ("KTT itu dijadwalkan pada Oktober mendatang.", "Oktober mendatang", "DATE", "2025-10", None),
    ("Andi ditangkap pada Februari lalu.", "Februari lalu", "DATE", "2025-02", None),
    ("Gempa melanda pada akhir Maret lalu.", "akhir Maret lalu", "DATE", "2025-03", "END"),
    ("BI menurunkan suku bunga pada pertengahan Januari lalu.", "pertengahan Januari lalu", "DATE", "2025-01",
     "MID"),
    ("Banjir besar terjadi pada awal tahun 2020.", "awal tahun 2020", "DATE", "2020", "START"),
    ("Anggaran itu untuk tahun anggaran 2024.", "tahun anggaran 2024", "DATE", "2024", None),
    ("Musik tahun 1990-an kembali populer.", "tahun 1990-an", "DATE", "199", None),
    ("Tren 1990-an kembali.", "1990-an", "DATE", "199", None),
    ("Tantangan abad ke-21 berbeda.", "abad ke-21", "DATE", "20", None),
    ("Laporan itu mencakup triwulan pertama.", "triwulan pertama", "DATE", "2025-Q1", None),
    ("Ekonomi tumbuh pada kuartal III 2024.", "kuartal III 2024", "DATE", "2024-Q3", None),
]


@pytest.mark.parametrize("sentence,expression,type_,value,mod", MONTHS_AND_YEARS)
def test_months_and_years(sentence, expression, type_, value, mod):
    check(sentence, expression, type_, value, mod)


ABSOLUTE = [
    ("4 September 2025", "4 September 2025", "DATE", "2025-09-04"),
    ("Surat itu bertanggal 4/9/2025.", "4/9/2025", "DATE", "2025-09-04"),
    ("Data per 2025-09-04 menunjukkan kenaikan.", "2025-09-04", "DATE", "2025-09-04"),
    ("Perang dimulai pada 24 Februari 2022.", "24 Februari 2022", "DATE", "2022-02-24"),
    ("Tarif berlaku mulai 9 September.", "9 September", "DATE", "2025-09-09"),
    ("Acara digelar pada tanggal 17 Agustus 2025.", "tanggal 17 Agustus 2025", "DATE", "2025-08-17"),
]


@pytest.mark.parametrize("sentence,expression,type_,value", ABSOLUTE)
def test_absolute_dates(sentence, expression, type_, value):
    t = check(sentence, expression, type_, value)
    if expression[-4:].isdigit() or "-" in expression:
        assert t.anchor == "absolute"


def test_day_range_is_two_dates():
    times = find_times("Turnamen itu berlangsung pada 10-12 Mei 2025 di Birmingham.", PUB)
    assert [(t.text, t.value) for t in times] == [("10", "2025-05-10"), ("12 Mei 2025", "2025-05-12")]
    times = find_times("Ia menjabat pada periode 2019–2024.", PUB)
    assert [(t.text, t.value) for t in times] == [("2019", "2019"), ("2024", "2024")]


RELATIVE_DAYS = [
    ("kemarin", "2025-09-03"), ("hari ini", "2025-09-04"), ("besok", "2025-09-05"), ("lusa", "2025-09-06"),
    ("kemarin lusa", "2025-09-02"), ("dua hari lalu", "2025-09-02"), ("2 hari yang lalu", "2025-09-02"),
    ("tiga hari lagi", "2025-09-07"),
]


@pytest.mark.parametrize("expression,value", RELATIVE_DAYS)
def test_relative_days(expression, value):
    t = check(f"Rapat itu digelar {expression} di Jakarta.", expression, "DATE", value)
    assert t.anchor == "published"


RELATIVE_PERIODS = [
    ("4 tahun lalu", "2021", None), ("empat tahun lalu", "2021", None), ("dua tahun silam", "2023", None),
    ("sepekan lalu", "2025-W35", None), ("pekan lalu", "2025-W35", None), ("minggu lalu", "2025-W35", None),
    ("pekan depan", "2025-W37", None), ("minggu depan", "2025-W37", None), ("pekan ini", "2025-W36", None),
    ("bulan lalu", "2025-08", None), ("bulan depan", "2025-10", None), ("bulan ini", "2025-09", None),
    ("tahun lalu", "2024", None), ("tahun depan", "2026", None), ("tahun ini", "2025", None),
    ("sebulan lalu", "2025-08", None), ("setahun lalu", "2024", None),
    ("akhir bulan ini", "2025-09", "END"), ("awal bulan ini", "2025-09", "START"),
    ("pertengahan tahun ini", "2025", "MID"), ("awal tahun depan", "2026", "START"),
    ("akhir tahun lalu", "2024", "END"), ("akhir tahun", "2025", "END"), ("awal pekan", "2025-W36", "START"),
    ("akhir pekan", "2025-W36-WE", None), ("akhir pekan lalu", "2025-W35-WE", None),
]


@pytest.mark.parametrize("expression,value,mod", RELATIVE_PERIODS)
def test_relative_periods(expression, value, mod):
    t = check(f"Keputusan itu diambil {expression} oleh pemerintah.", expression, "DATE", value, mod)
    assert t.anchor == "published"


DURATIONS = [
    ("Pertemuan berlangsung selama 2,5 jam.", "2,5 jam", "PT2H30M", None),
    ("Sekolah diliburkan tiga hari.", "tiga hari", "P3D", None),
    ("Pemeriksaan memakan waktu dua pekan.", "dua pekan", "P2W", None),
    ("Ia dihukum dua puluh lima tahun penjara.", "dua puluh lima tahun", "P25Y", None),
    ("Status darurat berlaku sepekan.", "sepekan", "P1W", None),
    ("Program itu berjalan sebulan.", "sebulan", "P1M", None),
    ("Kontraknya diperpanjang setahun.", "setahun", "P1Y", None),
    ("Rapat itu berlangsung satu setengah jam.", "satu setengah jam", "PT1H30M", None),
    ("Laporan diminta dalam 3 x 24 jam.", "3 x 24 jam", "PT72H", None),
    ("Ia divonis tiga tahun enam bulan penjara.", "tiga tahun enam bulan", "P3Y6M", None),
    ("Pertemuan berlangsung hampir dua jam.", "hampir dua jam", "PT2H", "LESS_THAN"),
    ("Sidang berlangsung lebih dari empat jam.", "lebih dari empat jam", "PT4H", "MORE_THAN"),
    ("Perjalanan darat selama sekitar 2,5 jam.", "sekitar 2,5 jam", "PT2H30M", "APPROX"),
    ("Gempa susulan terjadi dalam beberapa hari ke depan.", "beberapa hari ke depan", "PXD", None),
    ("Titik panas terdeteksi dalam tujuh hari terakhir.", "tujuh hari terakhir", "P7D", None),
    ("Kebakaran terburuk dalam satu dekade terakhir.", "satu dekade terakhir", "P10Y", None),
    ("Pembeli akan beralih dalam hitungan minggu.", "hitungan minggu", "PXW", None),
    ("Siti Maemunah, 41 tahun, warga Kampung Pulo.", "41 tahun", "P41Y", None),
]


@pytest.mark.parametrize("sentence,expression,value,mod", DURATIONS)
def test_durations(sentence, expression, value, mod):
    check(sentence, expression, "DURATION", value, mod)


CLOCK_TIMES = [
    ("Ketinggian air mencapai 2,5 meter pada pukul 09.00 WIB.", "pukul 09.00 WIB", "2025-09-04T09:00"),
    ("Rapat dimulai pukul 14.30.", "pukul 14.30", "2025-09-04T14:30"),
    ("Gempa terjadi pukul 21.47 WITA.", "pukul 21.47 WITA", "2025-09-04T21:47"),
    ("Ledakan terdengar pukul 06.15 WIT.", "pukul 06.15 WIT", "2025-09-04T06:15"),
    ("Putin tiba pada Rabu pukul 10.00 WIB.", "Rabu pukul 10.00 WIB", "2025-09-03T10:00"),
    ("Sistem satu arah berlaku mulai Kamis sore pukul 17.00 WIB.", "Kamis sore pukul 17.00 WIB",
     "2025-09-04T17:00"),
    ("Tercatat 47 gempa hingga pukul 12.00 WITA hari ini.", "pukul 12.00 WITA hari ini",
     "2025-09-04T12:00"),
    ("Jarak pandang pada pukul 07.00 WIB pagi ini hanya 800 meter.", "pukul 07.00 WIB pagi ini",
     "2025-09-04T07:00"),
    # a clock time takes the day mentioned nearest to it in its sentence
    ("Rapat pada Rabu (20/8) berlangsung hingga pukul 22.00 WIB.", "pukul 22.00 WIB", "2025-08-20T22:00"),
]


@pytest.mark.parametrize("sentence,expression,value", CLOCK_TIMES)
def test_clock_times(sentence, expression, value):
    check(sentence, expression, "TIME", value)


def test_clock_takes_the_last_day_mentioned():
    text = "Serangan terjadi pada Rabu malam. Gubernur mengatakan serangan terjadi sekitar pukul 21.30 waktu setempat."
    check(text, "sekitar pukul 21.30 waktu setempat", "TIME", "2025-09-03T21:30", "APPROX")


PARTS_OF_DAY = [
    ("besok pagi", "2025-09-05TMO"), ("kemarin sore", "2025-09-03TAF"), ("Rabu malam", "2025-09-03TNI"),
    ("Selasa siang", "2025-09-02TMI"), ("tadi malam", "2025-09-03TNI"),
]


@pytest.mark.parametrize("expression,value", PARTS_OF_DAY)
def test_parts_of_day(expression, value):
    check(f"Gladi bersih digelar {expression} di Istana.", expression, "TIME", value)


SETS = [
    ("Pengarahan digelar setiap Senin.", "setiap Senin", "XXXX-WXX-1"),
    ("Festival itu digelar setiap tahun.", "setiap tahun", "P1Y"),
    ("Kami memantau setiap hari.", "setiap hari", "P1D"),
    ("Kuota 15.000 perawat per tahun.", "per tahun", "P1Y"),
    ("Inflasi tahunan sebesar 2,65 persen.", "tahunan", "P1Y"),
    ("Pertemuan digelar dua kali setahun.", "dua kali setahun", "P1Y"),
]


@pytest.mark.parametrize("sentence,expression,value", SETS)
def test_sets(sentence, expression, value):
    check(sentence, expression, "SET", value)


NEGATIVES = [
    "Ekonomi tumbuh 2,5 persen.",
    "Korea Utara mengirim 2.000 tentara.",
    "Jepang menyalurkan Rp1,5 triliun.",
    "Jumlah pemilih mencapai 12.019 orang.",
    "Para tersangka dijerat UU No. 12 Tahun 2011 tentang narkotika.",
    "Para tersangka dijerat Undang-Undang Nomor 35 Tahun 2009 tentang Narkotika.",
    "Hubungi 0812-2019-3344 atau (021) 2019 5555.",
    "Persib menang dengan skor 2-1.",
    "Rizky menang 21-18, 19-21, 21-15.",
    "Ini pertemuan bilateral keempat mereka.",
    "Rombongan menginap di kamar 1437 Hotel Mulia.",
    "Para tersangka dijerat keputusan nomor M.HH-01.AH.11.01 tahun 2018 tentang pengurus.",
    "Ia kerap dijadikan bulan-bulanan warganet.",
    "Penumpang dari KM 70 Tol Jakarta-Cikampek.",
    "Timor-Leste menjadi anggota ke-11 ASEAN.",
    "Harga US$2019 per unit.",
    "Jumlahnya 2019 orang.",
    "Warga Pasar Minggu mengungsi.",
]


HIJRI = [
    ("Kepatuhan jemaah menyukseskan musim haji 1437H.", "1437H", "2016"),  # Oct 2015 - Oct 2016
    ("Idul Fitri 1446 Hijriah diperkirakan jatuh akhir Maret.", "1446 Hijriah", "2025"),  # Jul 2024 - Jun 2025
]


@pytest.mark.parametrize("sentence,expression,value", HIJRI)
def test_a_hijri_year_is_the_gregorian_year_of_its_middle(sentence, expression, value):
    check(sentence, expression, "DATE", value)


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_negatives(sentence):
    assert find_times(sentence, PUB) == []


def test_number_words():
    assert parse_number_words("dua puluh lima") == 25
    assert parse_number_words("seratus dua belas") == 112
    assert parse_number_words("sebelas") == 11
    assert parse_number_words("satu setengah") == 1.5
    assert parse_number_words("dua ratus lima puluh ribu") == 250000
    assert parse_number_words("dua juta") == 2_000_000


def test_without_publication_date_skips_relative_expressions():
    text = "Pada hari Rabu, kemarin, pekan lalu, Senin (9/2), pada 2019 selama 2,5 jam pukul 10.00 WIB."
    got = {(t.text, t.value) for t in find_times(text, None)}
    assert got == {("Senin (9/2)", "XXXX-02-09"), ("2019", "2019"), ("2,5 jam", "PT2H30M"),
                   ("pukul 10.00 WIB", "XXXX-02-09T10:00")}


def test_output_is_sorted_non_overlapping_with_exact_offsets():
    for path in sorted((ROOT / "examples" / "corpus").glob("*.txt")):
        article = next(iter(read_file(path)))
        times = find_times(article.text, article.published)
        for a, b in zip(times, times[1:]):
            assert a.end <= b.start, (path.name, a, b)
        for t in times:
            assert article.text[t.start:t.end] == t.text
            assert t.type in {"DATE", "TIME", "DURATION", "SET"}


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"needs {SAMPLE} (../shared is not present in this checkout)")
def test_sample_article():
    article = next(iter(read_file(SAMPLE)))
    got = [(t.text, t.type, t.value) for t in find_times(article.text, article.published)]
    assert got == [
        ("4 September 2025", "DATE", "2025-09-04"),
        ("hari Rabu", "DATE", "2025-09-03"),
        ("hari ini", "DATE", "2025-09-03"),  # in Kim's words at Wednesday's meeting: the day he said them
        ("2,5 jam", "DURATION", "PT2H30M"),
        ("tahun 2019", "DATE", "2019"),
        ("September 2023", "DATE", "2023-09"),
        ("Juni tahun lalu", "DATE", "2024-06"),
    ]


def test_spacy_component():
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("warta_sentences")  # the sentences it requires
    nlp.add_pipe("warta_times")
    doc = nlp.make_doc("Putin pada hari Rabu bertemu Kim selama 2,5 jam.")
    doc._.published = PUB
    doc = nlp(doc)
    assert [(t.text, t.value) for t in doc._.times] == [("hari Rabu", "2025-09-03"), ("2,5 jam", "PT2H30M")]
    doc = nlp("Putin pada hari Rabu bertemu Kim selama 2,5 jam.")  # no publication date
    assert [(t.text, t.value) for t in doc._.times] == [("2,5 jam", "PT2H30M")]


# -- the gold set --------------------------------------------------------------------------

def load_gold() -> tuple[list[dict], dict]:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = {}
    for key in {g["article"] for g in gold}:
        if "/" in key:  # the shared sample, keyed by its path relative to the repository
            path = (ROOT / key).resolve()
            if not path.exists():
                continue
        else:
            path = next((ROOT / "examples" / "corpus").glob(f"*_{key}.txt"))
        articles[key] = next(iter(read_file(path)))
    return [g for g in gold if g["article"] in articles], articles


def test_gold_file_offsets():
    gold, articles = load_gold()
    assert len(gold) >= 120 and len({g["article"] for g in gold if "/" not in g["article"]}) >= 12
    for g in gold:
        assert articles[g["article"]].text[g["start"]:g["end"]] == g["text"], g


def test_gold_score():
    gold, articles = load_gold()
    predicted = []
    for key, article in articles.items():
        predicted += to_dicts(find_times(article.text, article.published), key)
    score = score_times(gold, predicted)
    print({k: round(v, 3) for k, v in score.items() if isinstance(v, float)})
    assert score["f1"] >= 0.95
    assert score["relaxed_f1"] >= score["f1"]
    assert score["value_accuracy"] >= 0.95


def test_score_times_counts_exact_and_relaxed_matches():
    gold = [{"article": "a", "start": 0, "end": 5, "value": "2025"}, {"article": "a", "start": 10, "end": 15,
                                                                      "value": "P1D"}]
    predicted = [{"article": "a", "start": 0, "end": 5, "value": "2024"},
                 {"article": "a", "start": 9, "end": 15, "value": "P1D"}]
    score = score_times(gold, predicted)
    assert score["precision"] == score["recall"] == 0.5
    assert score["relaxed_f1"] == 1.0
    assert score["value_accuracy"] == 0.0


# Reference-time tracker: (text, expression, type, value, anchor). PUB is Thursday 2025-09-04.
REFERENCE = [
    ("Kebakaran terjadi Sabtu (14/6). Api mulai terlihat pukul 03.20 WIB.", "pukul 03.20 WIB", "TIME",
     "2025-06-14T03:20", "narrative"),
    ("Kebakaran terjadi Sabtu (14/6). Api padam sehari kemudian.", "sehari kemudian", "DATE", "2025-06-15",
     "narrative"),
    ("Ia ditangkap 3 Agustus 2025. Keesokan harinya ia diperiksa.", "Keesokan harinya", "DATE", "2025-08-04",
     "narrative"),
    ("Banjir melanda Senin (18/8). Pada hari yang sama, jalan ditutup.", "hari yang sama", "DATE", "2025-08-18",
     "narrative"),
    ("Kontrak diteken 10 Juli 2025. Sebulan kemudian proyek dimulai.", "Sebulan kemudian", "DATE", "2025-08-10",
     "narrative"),
    ("Ia dirawat sejak 1 Agustus 2025. Tiga minggu kemudian ia pulang.", "Tiga minggu kemudian", "DATE",
     "2025-08-22", "narrative"),
    ("Pelaku ditangkap Rabu (20/8). Sehari sebelumnya ia terlihat di pasar.", "Sehari sebelumnya", "DATE",
     "2025-08-19", "narrative"),
    ("Harga beras naik sehari kemudian.", "sehari kemudian", "DATE", "2025-09-05", "published"),
    ("Ia tiba di Jakarta pada 12 Agustus 2025. Saat itu hujan turun.", "Saat itu", "DATE", "2025-08-12",
     "narrative"),
    ("Ia mengaku saat itu sedang sakit.", "saat itu", "DATE", "PAST_REF", "published"),
    ("Gempa terjadi Sabtu (16/8). Warga mengungsi pada Minggu.", "Minggu", "DATE", "2025-08-17", "narrative"),
    ("Warga berkumpul pada 4 Agustus malam. Pukul 00.30 WIB massa bubar.", "Pukul 00.30 WIB", "TIME",
     "2025-08-05T00:30", "narrative"),
    ("Rapat digelar pukul 10.00 WIB.", "pukul 10.00 WIB", "TIME", "2025-09-04T10:00", "published"),
    ("Produksi naik 20 persen dari tahun sebelumnya.", "tahun sebelumnya", "DATE", "2024", "published"),
]


@pytest.mark.parametrize("text,expression,type_,value,anchor", REFERENCE)
def test_reference_time(text, expression, type_, value, anchor):
    t = check(text, expression, type_, value)
    assert t.anchor == anchor


def test_x_kemudian_is_not_a_duration():
    assert not [t for t in find_times("Api padam dua hari kemudian.", PUB) if t.type == "DURATION"]


# Time zones: (text, expression, timezone)
ZONES = [
    ("Rapat dimulai pukul 14.00 WIB.", "pukul 14.00 WIB", "WIB"),
    ("Pesawat mendarat pukul 10.15 WITA.", "pukul 10.15 WITA", "WITA"),
    ("Gempa terjadi pukul 05.30 WIT.", "pukul 05.30 WIT", "WIT"),
    ("Upacara di Tokyo dimulai pukul 09.00 waktu setempat.", "pukul 09.00 waktu setempat", "local"),
    ("Ledakan terdengar Senin (1/9) pukul 21.00 WIB.", "Senin (1/9) pukul 21.00 WIB", "WIB"),
    ("Ia tiba Kamis sore pukul 17.00 WIB.", "Kamis sore pukul 17.00 WIB", "WIB"),
    ("Massa bubar pukul 23.00.", "pukul 23.00", None),
    ("Sidang digelar Senin (1/9).", "Senin (1/9)", None),
]


@pytest.mark.parametrize("text,expression,zone", ZONES)
def test_time_zone(text, expression, zone):
    assert find(text, expression).timezone == zone


# Extents and values from the dev errors: (text, expression, type, value, mod). PUB is Thursday 2025-09-04.
EXTENTS = [
    ("Laga dimulai pukul 17.00 WIB, Sabtu (30/8), di Bandung.", "pukul 17.00 WIB, Sabtu (30/8)", "TIME",
     "2025-08-30T17:00", None),
    ("Massa berkumpul sejak Rabu (3/9) pagi WIB di depan gedung.", "Rabu (3/9) pagi WIB", "TIME", "2025-09-03TMO",
     None),
    ("Tersangka ditangkap Selasa (2/9/2025) kemarin di rumahnya.", "Selasa (2/9/2025) kemarin", "DATE", "2025-09-02",
     None),
    ("Sidang dilanjutkan Senin esok (8/9).", "Senin esok (8/9)", "DATE", "2025-09-08", None),
    ("Tahun 2024 lalu jumlah wisatawan turun.", "Tahun 2024 lalu", "DATE", "2024", None),
    ("Acara itu digelar 2 Desember kemarin.", "2 Desember kemarin", "DATE", "2024-12-02", None),
    ("Hujan deras turun semalam di Bogor.", "semalam", "TIME", "2025-09-03TNI", None),
    ("Seperti yang saya katakan tadi, harga naik.", "tadi", "DATE", "PAST_REF", None),
    ("Festival itu digelar setiap tahunnya.", "setiap tahunnya", "SET", "P1Y", None),
    ("Rapat berlangsung 1,5 jam.", "1,5 jam", "DURATION", "PT1H30M", None),
    ("Antrean mengular hingga 2,5 menit.", "2,5 menit", "DURATION", "PT2M30S", None),
    ("Pemadaman berlangsung setengah jam.", "setengah jam", "DURATION", "PT30M", None),
    ("Pameran digelar 23 - 24 Oktober 2025 di Jakarta.", "23", "DATE", "2025-10-23", None),
    ("Pameran digelar 23 - 24 Oktober 2025 di Jakarta.", "24 Oktober 2025", "DATE", "2025-10-24", None),
]


@pytest.mark.parametrize("text,expression,type_,value,mod", EXTENTS)
def test_dev_extents(text, expression, type_, value, mod):
    check(text, expression, type_, value, mod)


def test_one_night_is_not_last_night():
    assert not [t for t in find_times("Mereka menginap semalam di hotel.", PUB) if t.text == "semalam"]


def test_tadi_after_an_event_noun_is_not_a_time():
    assert not [t for t in find_times("Dalam pertemuan tadi, ia meminta maaf.", PUB) if t.text == "tadi"]


def test_future_word_inside_a_quote_does_not_make_the_report_date_future():
    check('"Kita lihat nanti," kata Menteri di Jakarta, Selasa.', "Selasa", "DATE", "2025-09-02")


THIS_PERIOD = [
    ("Laba semester pertama ini naik.", "semester pertama ini", "DATE", "2025-H1"),
    ("Penjualan semester pertama 2025 ini turun.", "semester pertama 2025 ini", "DATE", "2025-H1"),
    ("DPR dalam setahun ini tidak bekerja.", "setahun ini", "DATE", "2025"),
    ("Harga cabai sebulan ini naik.", "sebulan ini", "DATE", "2025-09"),
]


@pytest.mark.parametrize("text,expression,type_,value", THIS_PERIOD)
def test_this_period(text, expression, type_, value):
    check(text, expression, type_, value)


@pytest.mark.parametrize("row", lexicon.table("time_anchors.tsv"), ids=lambda row: row["rule"])
def test_every_anchor_row_example(row):
    """Each anchor row's example is found by its rule through one of its anchors."""
    anchors = set(row["anchors"].split())
    found = [t.text for t in find_times(row["example"], PUB)]
    assert any(anchors & set(re.findall(r"\w+", text.lower())) for text in found), (row["example"], found)


def _found_phrase(example: str, phrase: str) -> list[str]:
    texts = [re.sub(r"\s+", " ", t.text.lower()) for t in find_times(example, PUB)]
    assert any(phrase in text for text in texts), (example, texts)
    return texts


@pytest.mark.parametrize("row", lexicon.table("relative_days.tsv"), ids=lambda row: row["phrase"])
def test_every_relative_day_example(row):
    """Each relative day is found in its example and dated that many days from publication."""
    _found_phrase(row["example"], row["phrase"])
    day = (PUB + timedelta(days=int(row["days"]))).isoformat()
    assert any(t.value.startswith(day) for t in find_times(row["example"], PUB)), row


@pytest.mark.parametrize("row", lexicon.table("time_references.tsv"), ids=lambda row: row["phrase"])
def test_every_time_reference_example(row):
    """Each reference phrase is found in its example with its TimeML value."""
    _found_phrase(row["example"], row["phrase"])
    assert row["value"] in [t.value for t in find_times(row["example"], PUB)], row


@pytest.mark.parametrize("row", lexicon.table("time_shifts.tsv") + lexicon.table("time_shift_words.tsv"),
                         ids=lambda row: row.get("phrase") or row["word"])
def test_every_time_shift_example(row):
    """Each shift phrase or shift word is found in its example."""
    _found_phrase(row["example"], row.get("phrase") or row["word"])


@pytest.mark.parametrize("sentence", [
    "KPU memulai tahapan Pilpres 2019 di Jakarta.",
    "Panitia ASEAN Games 2018 meminta maaf.",
    "Penggugat merujuk pasal 22 UU KPK 2000 di sidang.",
    "Ia menerima Anugerah Pers Jawa Tengah 2018 di Semarang.",
    "Ia mencetak 27 gol di Bundesliga 2016-2017.",
])
def test_a_year_inside_a_name_is_not_a_time(sentence):
    """The year of an edition, a law or an award names it; it is no time of its own."""
    assert find_times(sentence, PUB) == []


def test_a_sentence_opening_capital_does_not_make_a_name():
    assert [t.value for t in find_times("Awal 2019 harga beras naik.", PUB)] == ["2019"]
    assert [t.value for t in find_times("Pada 2019 harga beras naik.", PUB)] == ["2019"]


@pytest.mark.parametrize("row", lexicon.table("calendar_names.tsv"), ids=lambda row: row["name"])
def test_every_calendar_name_keeps_its_year(row):
    """`Ramadan 2017` is a time of the year, unlike `Pilpres 2019`."""
    year = re.search(r"\b(?:19|20)\d\d\b", row["example"]).group()
    assert any(t.text.endswith(year) for t in find_times(row["example"], PUB)), row


# -- ranges: two expressions linked by begin_point / end_point (TimeML beginPoint / endPoint) ---------------

RANGES = [
    ("Konferensi digelar 10-12 Mei 2025 di Bali.", ("10", "2025-05-10"), ("12 Mei 2025", "2025-05-12")),
    ("RPJMN periode 2019-2024 sudah berakhir.", ("2019", "2019"), ("2024", "2024")),
    ("Sidang lanjutan pada 21-22 Mei lalu ditunda.", ("21", "2025-05-21"), ("22 Mei lalu", "2025-05-22")),
    ("Perbaikan jembatan butuh 2-3 hari.", ("2", "P2D"), ("3 hari", "P3D")),
    ("Korban tidur sekitar 7 hingga 9 jam di pengungsian.", ("sekitar 7", "PT7H"), ("9 jam", "PT9H")),
    ("Listrik padam pukul 09.00-12.00 WIB.", ("pukul 09.00", "2025-09-04T09:00"),
     ("12.00 WIB", "2025-09-04T12:00")),
    ("Masa tanam berlangsung Oktober s.d. Desember 2024.", ("Oktober", "2024-10"), ("Desember 2024", "2024-12")),
    ("Musim hujan berlangsung Desember hingga Februari 2025.", ("Desember", "2024-12"),
     ("Februari 2025", "2025-02")),
]


@pytest.mark.parametrize("sentence,first,last", RANGES, ids=[r[0][:30] for r in RANGES])
def test_a_range_is_two_linked_expressions(sentence, first, last):
    begin, end = find(sentence, first[0]), find(sentence, last[0])
    assert (begin.value, end.value) == (first[1], last[1])
    assert (begin.begin_point, begin.end_point) == (end.begin_point, end.end_point) == (begin.start, end.start)


@pytest.mark.parametrize("row", lexicon.table("time_range_connectives.tsv"), ids=lambda row: row["connective"])
def test_every_range_connective_example(row):
    """Each connective's example has exactly two expressions, linked as one range around it."""
    times = find_times(row["example"], PUB)
    linked = [t for t in times if t.begin_point is not None]
    assert len(linked) == 2, [(t.text, t.begin_point) for t in times]
    gap = row["example"][linked[0].end:linked[1].start].strip().lower()
    assert re.sub(r"\s+", " ", gap) == row["connective"] and linked[0].start == linked[1].begin_point


NOT_RANGES = [
    ("Pertemuan Senin (1/9) dan Rabu (3/9) membahas anggaran.", "Senin (1/9)"),  # two days, not a range
    ("Tim menang 2-1 pada laga Sabtu (30/8).", "Sabtu (30/8)"),
    ("Harga naik saat ini hingga Desember.", "Desember"),               # a reference value is no end point
    ("Tabel itu memuat data 20 Agustus - 10 Agustus, urutannya terbalik.", "20 Agustus"),  # end before begin
]


@pytest.mark.parametrize("sentence,expression", NOT_RANGES)
def test_not_a_range(sentence, expression):
    assert find(sentence, expression).begin_point is None


# -- TimeML conformance (issue 14): one realistic sentence per convention ------------------------------------

@pytest.mark.parametrize("row", lexicon.table("parts_of_day.tsv"), ids=lambda row: row["part"])
def test_every_part_of_day_example(row):
    """Each part of day makes its day a TIME with the part's TimeML code (`sore` is afternoon, TAF)."""
    found = [t for t in find_times(row["example"], PUB) if t.type == "TIME"]
    assert len(found) == 1 and found[0].value.endswith("T" + row["code"]), (row, found)
    assert re.sub(r"\s+", " ", found[0].text.lower()).endswith(row["part"])


@pytest.mark.parametrize("row", lexicon.table("time_hedges.tsv"), ids=lambda row: row["hedge"])
def test_every_hedge_example(row):
    """Each hedge is in the extent of the expression it hedges and sets its TimeML mod."""
    found = [t for t in find_times(row["example"], PUB) if t.text.lower().startswith(row["hedge"])]
    assert len(found) == 1 and found[0].mod == row["mod"], (row, find_times(row["example"], PUB))


CONFORMANCE = [
    # reference values: no calendar content, TimeML PRESENT_REF / PAST_REF / FUTURE_REF
    ("Saat ini stok beras di gudang Bulog mencukupi.", "Saat ini", "PRESENT_REF"),
    ("Kini warga bisa mengurus KTP secara daring.", "Kini", "PRESENT_REF"),
    ("Harga cabai sekarang sudah turun.", "sekarang", "PRESENT_REF"),
    ("Dewasa ini banyak anak muda bekerja dari rumah.", "Dewasa ini", "PRESENT_REF"),
    ("Ia mengaku kala itu tidak tahu apa-apa.", "kala itu", "PAST_REF"),
    ("Warga yang dulu tinggal di bantaran kali sudah pindah.", "dulu", "PAST_REF"),
    ("Pemerintah akan mengevaluasi program itu nanti.", "nanti", "FUTURE_REF"),
    ("Kelak jalan tol ini menghubungkan Aceh dan Lampung.", "Kelak", "FUTURE_REF"),
    ("Ke depan, kami akan menambah armada bus listrik.", "Ke depan", "FUTURE_REF"),
    ("Kota ini ingin bebas banjir di masa depan.", "masa depan", "FUTURE_REF"),
    # a clock value carries no zone offset; the zone is the `timezone` attribute
    ("Pesawat mendarat di Makassar pukul 10.15 WITA.", "pukul 10.15 WITA", "2025-09-04T10:15"),
    # `tanggal 24 kemarin` is the 24th, not yesterday
    ("Warga menggelar syukuran tanggal 2 kemarin di balai desa.", "tanggal 2 kemarin", "2025-09-02"),
    ("Rapat pleno akan digelar tanggal 10 mendatang.", "tanggal 10 mendatang", "2025-09-10"),
    ("Pembayaran gaji ke-13 cair tanggal 25 lalu.", "tanggal 25 lalu", "2025-08-25"),
    # a future `hari Senin` is the coming Monday; a past one the last
    ("Presiden akan meresmikan bendungan itu pada hari Senin.", "hari Senin", "2025-09-08"),
    ("Presiden meresmikan bendungan itu pada hari Senin.", "hari Senin", "2025-09-01"),
]


@pytest.mark.parametrize("text,expression,value", CONFORMANCE)
def test_timeml_conformance(text, expression, value):
    assert find(text, expression).value == value


def test_clock_zone_is_an_attribute_never_an_offset():
    t = find("Pesawat mendarat di Makassar pukul 10.15 WITA.", "pukul 10.15 WITA")
    assert t.timezone == "WITA" and "+" not in t.value


def test_bare_months_in_a_past_context_stay_in_the_past():
    # an October article about the third quarter: July-September of that year, not of the next
    text = "Penjualan mobil pada periode Juli-September turun 10 persen dibanding tahun lalu."
    july, september = find(text, "Juli", date(2025, 10, 15)), find(text, "September", date(2025, 10, 15))
    assert (july.value, september.value) == ("2025-07", "2025-09")
    assert july.begin_point == september.begin_point == july.start


def test_the_tracker_follows_the_narrative_not_the_publication_date():
    # An article of Friday 20 June 2025 narrating a fire of Saturday 14 June.
    text = ("Kebakaran melanda Pasar Kramat, Sabtu (14/6). Api mulai terlihat pukul 03.20 WIB. "
            "Sehari sebelumnya, warga sempat mencium bau kabel terbakar. Api baru padam sehari kemudian. "
            "Pada hari yang sama, wali kota meninjau lokasi. Keesokan harinya pedagang kembali berjualan. "
            "Sebelumnya, pasar itu pernah terbakar pada 2019.")
    pub = date(2025, 6, 20)
    expected = {"Sabtu (14/6)": ("2025-06-14", "published"), "pukul 03.20 WIB": ("2025-06-14T03:20", "narrative"),
                "Sehari sebelumnya": ("2025-06-13", "narrative"), "sehari kemudian": ("2025-06-15", "narrative"),
                "hari yang sama": ("2025-06-15", "narrative"), "Keesokan harinya": ("2025-06-16", "narrative"),
                "2019": ("2019", "absolute")}
    got = {t.text: (t.value, t.anchor) for t in find_times(text, pub)}
    # `Sebelumnya` alone is a TimeML SIGNAL ("before that"), not a TIMEX3
    assert got == expected


def test_about_six_months_ago_is_a_date_not_a_duration():
    got = [(t.text, t.value, t.mod) for t in find_times("Kasus itu terjadi sekitar enam bulan lalu.", date(2017, 11, 3))]
    assert got == [("sekitar enam bulan lalu", "2017-05", "APPROX")]


def test_kala_itu_after_a_bare_year_is_that_year():
    got = {t.text: (t.value, t.anchor) for t in find_times(
        "Pada Juni lalu dua orang ditangkap. SBY diserang gerakan cabut mandat pada 2007. Kala itu, pemerintah diam.",
        date(2017, 8, 7))}
    assert got["Kala itu"] == ("2007", "narrative")


def test_tadi_after_a_dated_part_of_day_is_no_reference_of_its_own():
    got = [(t.text, t.value) for t in find_times("Penyidik datang Selasa (27/2/2018) sore tadi.", date(2018, 2, 27))]
    assert got == [("Selasa (27/2/2018) sore", "2018-02-27TAF")]


def test_kemarin_after_a_season_is_part_of_it_not_yesterday():
    got = [(t.text, t.value) for t in find_times("Mahrez gagal pindah pada bursa transfer musim dingin kemarin.",
                                                  date(2018, 2, 3))]
    assert got == [("musim dingin kemarin", "2017-WI")]


def test_a_part_of_that_day_is_on_the_last_day_named_even_one_counted_from_publication():
    # An article of Wednesday 18 June 2025: `Selasa sore` is the 17th, and so is `sore harinya` after it.
    got = {t.text: (t.value, t.anchor) for t in find_times(
        "Polisi memeriksa saksi pada Selasa sore. Api padam malam harinya. Pada hari yang sama, warga mengungsi.",
        date(2025, 6, 18))}
    assert got == {"Selasa sore": ("2025-06-17TAF", "published"), "malam harinya": ("2025-06-17TNI", "narrative"),
                   "hari yang sama": ("2025-06-17", "narrative")}


def test_a_relative_day_in_a_quote_counts_from_the_day_it_was_said():
    text = ("Fahri berbicara di Kompleks Parlemen, Senayan, Jakarta, Selasa (22/8). "
            "\"Sampai hari ini tidak ada lagi audit,\" tegasnya.")
    assert (find(text, "hari ini", date(2017, 8, 23)).value, find(text, "hari ini", date(2017, 8, 23)).anchor) == \
        ("2017-08-22", "narrative")
    # outside the quote `hari ini` is the publication day
    assert find("Rupiah menguat hari ini. Kamis (22/9) rupiah melemah.", "hari ini", date(2016, 9, 23)).value == \
        "2016-09-23"


def test_a_quote_from_long_ago_keeps_the_publication_day():
    text = "Ia berpidato pada 1 Agustus 2017. \"Hari ini kita merdeka,\" katanya."
    assert find(text, "Hari ini", date(2017, 8, 23)).value == "2017-08-23"


@pytest.mark.parametrize("row", lexicon.table("seasons.tsv"), ids=lambda row: row["season"])
def test_every_season_example(row):
    """Each season is found after `musim` with its TimeML season code."""
    found = [t for t in find_times(row["example"], PUB) if t.text.lower().startswith("musim " + row["season"])]
    assert [t.value for t in found] == [row["value"]], find_times(row["example"], PUB)


def test_tropical_seasons_are_not_times():
    assert find_times("Petani menanam padi pada musim hujan dan memanen pada musim kemarau.", PUB) == []


def test_kemarin_after_a_year_is_part_of_it_not_yesterday():
    check("Tahun 2016 kemarin pemerintah menggelontorkan puluhan miliar.", "Tahun 2016 kemarin", "DATE", "2016")


def test_a_listed_day_of_the_month_takes_the_month_of_the_days_after_it():
    text = "Penambahan rangkaian kereta berlaku tanggal 1 sampai 2 September untuk KA Sancaka."
    first, last = find(text, "tanggal 1"), find(text, "2 September")
    assert (first.value, last.value) == ("2025-09-01", "2025-09-02") and first.end_point == last.start
    assert find("Pada tanggal 30 dan 31 Agustus, 396 orang ditangkap.", "tanggal 30").value == "2025-08-30"


def test_a_day_of_a_hijri_month_is_not_a_gregorian_day():
    text = "Muhammadiyah menetapkan tanggal 1 Syawal 1446 H jatuh pada 30 Maret 2025."
    assert [t.text for t in find_times(text, PUB)] == ["1446 H", "30 Maret 2025"]
