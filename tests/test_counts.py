"""Counts: values, units, hedges, currencies, categories, what is not a count,
the reviewed category lexicon and the gold-set score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta import lexicon
from warta.formats import read_file
from warta.nlp.counts import CATEGORIES_FILE, find_counts, load_categories, score_counts, to_dicts

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "samples" / "000_484335ed030999fc.txt"
GOLD = ROOT / "tests" / "gold" / "counts.jsonl"
CATEGORIES = {"killed", "wounded", "missing", "deployed", "arrested", "displaced", "evacuated", "affected", "money"}


def only(sentence: str):
    counts = find_counts(sentence)
    for c in counts:
        assert sentence[c.start:c.end] == c.text
    assert len(counts) == 1, [(c.text, c.value, c.unit) for c in counts]
    return counts[0]


VALUES = [
    ("Korea Utara mengirim 2.000 tentara.", "2.000 tentara", 2000, "tentara"),
    ("Ekonomi tumbuh 2,5 persen.", "2,5 persen", 2.5, "%"),
    ("Tarif itu mengancam 1,2 juta pekerja.", "1,2 juta pekerja", 1_200_000, "pekerja"),
    ("Inflasi mencapai 5,2 persen.", "5,2 persen", 5.2, "%"),
    ("Inflasi mencapai 5%.", "5%", 5, "%"),
    ("Polisi menangkap tiga orang warga.", "tiga orang warga", 3, "warga"),
    ("Panitia menyiapkan dua puluh lima tenda.", "dua puluh lima tenda", 25, "tenda"),
    ("Desa itu dihuni seratus keluarga.", "seratus keluarga", 100, "keluarga"),
    ("Banjir merendam 1.200 rumah.", "1.200 rumah", 1200, "rumah"),
    ("BPBD menyiapkan 150 personel.", "150 personel", 150, "personel"),
    ("Basarnas menyiapkan empat perahu karet.", "empat perahu", 4, "perahu"),
    ("Polisi menyita 312 unit komputer.", "312 unit komputer", 312, "komputer"),
    ("Lima orang tewas.", "Lima orang", 5, "orang"),
    ("Saat ini tercatat sekitar 30 WNI di sana.", "sekitar 30 WNI", 30, "WNI"),
    ("Ekspor mencapai 5,78 juta metrik ton.", "5,78 juta metrik ton", 5_780_000, "ton"),
]


@pytest.mark.parametrize("sentence,text,value,unit", VALUES)
def test_values_and_units(sentence, text, value, unit):
    c = only(sentence)
    assert (c.text, c.value, c.unit) == (text, value, unit)


MONEY = [
    ("KPK menyita uang Rp1,5 triliun.", "Rp1,5 triliun", 1.5e12, "IDR"),
    ("Proyek itu menelan biaya Rp 250 miliar.", "Rp 250 miliar", 250e9, "IDR"),
    ("Jepang menyalurkan US$3 miliar.", "US$3 miliar", 3e9, "USD"),
    ("Jepang menyalurkan 3 miliar dolar AS.", "3 miliar dolar AS", 3e9, "USD"),
    ("Rupiah dibuka di level Rp16.385 per dolar AS.", "Rp16.385", 16385, "IDR"),
    ("Madrid didenda 40 juta euro.", "40 juta euro", 40e6, "EUR"),
]


@pytest.mark.parametrize("sentence,text,value,currency", MONEY)
def test_money(sentence, text, value, currency):
    c = only(sentence)
    assert (c.text, c.value, c.unit, c.currency, c.category) == (text, value, currency, currency, "money")


HEDGES = [
    ("Pyongyang kehilangan sekitar 2.000 tentara.", "sekitar 2.000 tentara", 2000, True, False),
    ("Korban mencapai kurang lebih 300 orang.", "kurang lebih 300 orang", 300, True, False),
    ("Perjalanan memakan hampir 500 kilometer.", "hampir 500 kilometer", 500, True, False),
    ("Lebih dari 12.000 warga mengungsi.", "Lebih dari 12.000 warga", 12000, True, True),
    ("Sedikitnya 14 orang tewas.", "Sedikitnya 14 orang", 14, True, True),
    ("Setidaknya 20 rumah rusak.", "Setidaknya 20 rumah", 20, True, True),
    ("Ribuan mahasiswa berunjuk rasa.", "Ribuan mahasiswa", 1000, True, True),
    ("Puluhan warga terluka.", "Puluhan warga", 10, True, True),
    ("Ratusan peneliti hadir.", "Ratusan peneliti", 100, True, True),
    ("Belasan gerai ditutup.", "Belasan gerai", 11, True, True),
    ("Jutaan warga menonton.", "Jutaan warga", 1_000_000, True, True),
]


@pytest.mark.parametrize("sentence,text,value,approximate,lower_bound", HEDGES)
def test_hedges_and_vague_numbers(sentence, text, value, approximate, lower_bound):
    c = only(sentence)
    assert (c.text, c.value, c.approximate, c.lower_bound) == (text, value, approximate, lower_bound)


CATEGORY_CASES = [
    ("Pyongyang kehilangan sekitar 2.000 tentara dalam pertempuran melawan Kiev.", "sekitar 2.000 tentara",
     "killed"),
    ("Setelah itu, Pyongyang mengerahkan ribuan tentara ke Rusia.", "ribuan tentara", "deployed"),
    ("Gempa itu menewaskan sembilan orang dan melukai 86 lainnya.", "sembilan orang", "killed"),
    ("Gempa itu menewaskan sembilan orang dan melukai 86 lainnya.", "86 lainnya", "wounded"),
    ("Sedikitnya 14 orang tewas dan 57 lainnya terluka.", "57 lainnya", "wounded"),
    ("Banjir menewaskan 23 orang, sementara 11 orang lainnya masih dinyatakan hilang.", "11 orang", "missing"),
    ("Sembilan orang meninggal dunia dan lebih dari 4.300 warga mengungsi.", "lebih dari 4.300 warga",
     "displaced"),
    ("Polisi menyatakan 11 orang diamankan.", "11 orang", "arrested"),
    ("Sebanyak 300 warga dievakuasi ke tempat aman.", "300 warga", "evacuated"),
    ("BNPB mencatat 1.126 rumah rusak akibat gempa.", "1.126 rumah", "affected"),
    ("Luas lahan yang terbakar mencapai sekitar 12.500 hektare.", "sekitar 12.500 hektare", "affected"),
    ("Polri menangkap 214 orang, termasuk 178 warga asing.", "178 warga", "arrested"),
    # a person category never applies to places, measures or objects
    ("Polisi menangkap tujuh orang di dua lokasi.", "dua lokasi", None),
    ("Polisi menyita dua kapal motor dan menangkap enam orang.", "dua kapal", None),
    ("Warga mengungsi ke 86 lokasi penampungan.", "86 lokasi", None),
]


@pytest.mark.parametrize("sentence,text,category", CATEGORY_CASES)
def test_categories(sentence, text, category):
    counts = {c.text: c for c in find_counts(sentence)}
    assert text in counts, list(counts)
    assert counts[text].category == category


def test_borrowed_units():
    counts = find_counts("Serangan rudal hantam Kharkiv, 14 orang tewas dan puluhan terluka")
    assert [(c.text, c.unit, c.category) for c in counts] == [("14 orang", "orang", "killed"),
                                                              ("puluhan", "orang", "wounded")]
    counts = find_counts("BNPB mencatat 1.126 rumah rusak, terdiri atas 214 rusak berat dan 544 rusak ringan.")
    assert [(c.value, c.unit, c.category) for c in counts] == [(1126, "rumah", "affected"),
                                                               (214, "rumah", "affected"),
                                                               (544, "rumah", "affected")]


def test_ranges_are_two_counts():
    counts = find_counts("Kredit tumbuh 8–11 persen.")
    assert [(c.text, c.value, c.unit) for c in counts] == [("8", 8, "%"), ("11 persen", 11, "%")]


NOT_COUNTS = [
    "Pertemuan itu berlangsung pada 4 September 2025.",
    "Keduanya bertemu pada tahun 2019.",
    "Massa berdatangan pukul 09.00 WIB.",
    "kata Agus di Jakarta, Rabu (8/2/2017).",
    "Pertemuan berlangsung selama 2,5 jam.",
    "Andi divonis delapan tahun penjara.",
    "Ini pertemuan bilateral keempat mereka.",
    "Kedua menteri juga membahas situasi di Laut China Selatan.",
    "Timor-Leste menjadi anggota ke-11 ASEAN.",
    "Tersangka dijerat Pasal 114 ayat (2) Undang-Undang Nomor 35 Tahun 2009.",
    "Toko itu berada di Jl. Sisingamangaraja No. 45, Medan.",
    "Sistem satu arah berlaku dari KM 70.",
    "Rizky naik ke peringkat 9 dunia.",
    "Gempa magnitudo 6,2 mengguncang Sulawesi Tengah.",
    "Rizky menang dengan skor 21-18, 19-21, 21-15.",
    "Hubungi 0812-3456-7890.",
    "Jumlahnya naik hampir dua kali lipat.",
    "Salah satu relawan berkata demikian.",
    "Tidak ada satu warga pun yang tertinggal.",
    "Sudah dua malam kami tidur di sini.",
]


@pytest.mark.parametrize("sentence", NOT_COUNTS)
def test_not_counts(sentence):
    assert find_counts(sentence) == []


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"needs {SAMPLE} (../shared is not present in this checkout)")
def test_sample_article():
    article = next(iter(read_file(SAMPLE)))
    got = [(c.text, c.value, c.unit, c.category, c.approximate, c.lower_bound) for c in find_counts(article.text)]
    assert got == [("ribuan tentara", 1000, "tentara", "deployed", True, True),
                   ("sekitar 2.000 tentara", 2000, "tentara", "killed", True, False)]


# -- the reviewed lexicon ------------------------------------------------------------------

def test_category_file_is_well_formed():
    rows = lexicon.table(CATEGORIES_FILE)
    assert len(rows) == len(load_categories())
    for row in rows:
        assert set(row) == {"cue", "category", "example"}, row
    for cue in load_categories():
        assert cue.category in CATEGORIES, cue
        assert cue.cue and cue.example


@pytest.mark.parametrize("cue", load_categories(), ids=lambda cue: f"{cue.cue}-{cue.category}")
def test_every_category_cue_example(cue):
    """Each lexicon line carries a test sentence: it must yield a count of its category."""
    categories = [c.category for c in find_counts(cue.example)]
    assert cue.category in categories, (cue.example, [(c.text, c.category) for c in find_counts(cue.example)])


def test_spacy_component():
    import spacy

    import warta.nlp  # noqa: F401  (registers warta_sentences, warta_times, warta_counts)

    nlp = spacy.blank("id")
    nlp.add_pipe("warta_sentences")  # the sentences it requires
    nlp.add_pipe("warta_times")
    nlp.add_pipe("warta_counts")
    doc = nlp("Pertemuan 2,5 jam itu membahas sekitar 2.000 tentara yang tewas.")
    assert [(t.text, t.value) for t in doc._.times] == [("2,5 jam", "PT2H30M")]
    assert [(c.text, c.value, c.category) for c in doc._.counts] == [("sekitar 2.000 tentara", 2000, "killed")]


# -- the gold set --------------------------------------------------------------------------

def load_gold() -> tuple[list[dict], dict]:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = {}
    for key in {g["article"] for g in gold}:
        if "/" in key:
            path = (ROOT / key).resolve()
            if not path.exists():
                continue
        else:
            path = next((ROOT / "examples" / "corpus").glob(f"*_{key}.txt"))
        articles[key] = next(iter(read_file(path)))
    return [g for g in gold if g["article"] in articles], articles


def test_gold_file_offsets():
    gold, articles = load_gold()
    assert len(gold) >= 60 and len({g["article"] for g in gold if "/" not in g["article"]}) >= 10
    for g in gold:
        assert articles[g["article"]].text[g["start"]:g["end"]] == g["text"], g


def test_gold_score():
    gold, articles = load_gold()
    predicted = []
    for key, article in articles.items():
        predicted += to_dicts(find_counts(article.text), key)
    score = score_counts(gold, predicted)
    print({k: round(v, 3) for k, v in score.items() if isinstance(v, float)})
    assert score["f1"] >= 0.95
    assert score["value_accuracy"] >= 0.95
    assert score["unit_accuracy"] >= 0.95
    assert score["category_accuracy"] >= 0.9


def test_score_counts():
    gold = [{"article": "a", "start": 0, "end": 5, "value": 2000, "unit": "tentara", "category": "killed"}]
    predicted = [{"article": "a", "start": 0, "end": 5, "value": 2000.0, "unit": "tentara", "category": None}]
    score = score_counts(gold, predicted)
    assert score["f1"] == 1.0 and score["value_accuracy"] == 1.0 and score["category_accuracy"] == 0.0


@pytest.mark.parametrize("row", lexicon.table("count_hedges.tsv"), ids=lambda row: row["hedge"])
def test_every_hedge_example(row):
    """Each hedge is read in its example: the count is approximate and a lower bound as the table says."""
    found = [(c.approximate, c.lower_bound) for c in find_counts(row["example"]) if row["hedge"] in c.text.lower()]
    assert found == [(row["approximate"] == "yes", row["lower_bound"] == "yes")], (row["example"], found)
