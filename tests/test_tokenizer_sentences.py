"""Tokens and sentences of Indonesian news text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy

import warta.nlp
import warta.nlp.analysis
from warta import lexicon
from warta.formats import read_paths
from warta.ingest import prepare
from warta.model import Article
from warta.nlp import tokenizer
from warta.nlp.sentences import SentenceBounds
from warta.store import open_store


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "warta.Tokenizer.v1"}}})
    nlp.add_pipe("warta_sentences")
    return nlp


def words(nlp, text):
    return [t.text for t in nlp(text) if not t.is_space]


@pytest.mark.parametrize("text,expected", [
    ("Kim Jong-un bertemu Putin.", ["Kim", "Jong-un", "bertemu", "Putin", "."]),
    ("kata-kata terhangat negara-negara", ["kata-kata", "terhangat", "negara-negara"]),
    ("sekitar 2.000 tentara selama 2,5 jam", ["sekitar", "2.000", "tentara", "selama", "2,5", "jam"]),
    ("Rp1,5 triliun", ["Rp", "1,5", "triliun"]),
    ("Rabu (8/2/2017) malam", ["Rabu", "(", "8/2/2017", ")", "malam"]),
    ("Senin (27/4) dan Rabu sore (22/10/14)", ["Senin", "(", "27/4", ")", "dan", "Rabu", "sore", "(", "22/10/14", ")"]),
    ("pukul 09.00 WIB", ["pukul", "09.00", "WIB"]),
    ("di Jl. Sudirman No. 5 bersama Dr. Ani, Prof. Budi, H. Ahmad dll.",
     ["di", "Jl.", "Sudirman", "No.", "5", "bersama", "Dr.", "Ani", ",", "Prof.", "Budi", ",", "H.", "Ahmad", "dll."]),
    ("Prabowo Subianto-Hatta Rajasa", ["Prabowo", "Subianto", "-", "Hatta", "Rajasa"]),
    ("“Dia bilang ‘tidak’,” ujarnya.", ["“", "Dia", "bilang", "‘", "tidak", "’", ",", "”", "ujarnya", "."]),
    ("atas inisiatif Kim: Putin", ["atas", "inisiatif", "Kim", ":", "Putin"]),
])
def test_tokens(nlp, text, expected):
    assert words(nlp, text) == expected


def test_remembered_affix_searches_split_every_word_as_fresh_ones_do(nlp, monkeypatch):
    corpus = Path(__file__).parent.parent / "examples" / "corpus"
    texts = [a.text for a in read_paths([corpus]) if isinstance(a, Article)]
    assert len(texts) > 20
    remembered = [[(t.idx, t.text) for t in nlp.make_doc(text)] for text in texts * 2]
    monkeypatch.setattr(tokenizer, "AFFIX_MEMORY", 0)
    fresh = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "warta.Tokenizer.v1"}}})
    assert fresh.tokenizer.prefix_search.cache_info().maxsize == 0
    assert remembered == [[(t.idx, t.text) for t in fresh.make_doc(text)] for text in texts * 2]


GLUED = lexicon.table("glued_words.tsv")


@pytest.mark.parametrize("row", GLUED, ids=[row["word"] for row in GLUED])
def test_a_word_glued_by_scraping_comes_apart(nlp, row):
    """`Sitorusmengatakan` is the name Sitorus and the verb mengatakan, `kepadawartawan` two words."""
    tokens = words(nlp, row["example"])
    assert row["word"] in tokens, tokens
    glued = next(w for w in row["example"].split() if row["word"] in w and w.strip(",.") != row["word"])
    assert "".join(tokens).count(glued.strip(",.")) == 1  # the text itself is unchanged


@pytest.mark.parametrize("text", [
    "Ia menyerahkan berkas itu kepadanya.",          # -nya forms are words
    "Anies Baswedan dan Aubameyang hadir.",          # names that end like a function word
    "Warga Ramadan dan Bidadari menyatakan sikap.",  # a name too short before the verb is not split
    "Penyidik mengatakan kepada wartawan bahwa berkas lengkap.",
])
def test_words_that_only_look_glued_stay_whole(nlp, text):
    assert words(nlp, text) == [w for w in text.replace(".", " .").split()]


@pytest.mark.parametrize("text", [
    *[row["example"] for row in GLUED], "Sitorusmengatakan", "kepadawartawan", "Ahmad-Sitorusmengatakan ia",
    "xSitorusmengatakan", "_Abcmenilai", "ÀSitorusmenilai", "éterhadapwartawan", "1kepadabapak", "Kepadabapak",
    "Abmengatakan", "ABcmengatakan", "\nkepadabapak", "kepadaBapak", "kepadanya", "Bidadarimenyatakan",
    "Ia menyerahkan berkas itu kepadanya.", "Penyidik mengatakan kepada wartawan bahwa berkas lengkap.", "",
])
def test_a_text_holds_a_glued_word_exactly_where_the_splitting_pattern_finds_one(text):
    """Ingest asks `glued.anywhere` before cutting words: it must agree with the pattern that cuts them."""
    from warta import glued

    assert glued.anywhere(text) == (glued._pattern().search(text) is not None)


def test_a_glued_name_stays_a_name_and_can_be_searched(tmp_path):
    article = Article(date(2025, 3, 3), "Keluarga korban ajukan banding", [
        "Kuasa hukum keluarga korban, Joni Sitorusmengatakan pihaknya akan mengajukan banding ke "
        "Pengadilan Tinggi Medan kepadawartawan, Senin."])
    analysis = warta.nlp.analysis.analyze(article)
    assert [e.name for e in analysis.entities if e.label == "PER"] == ["Joni Sitorus"]
    assert article.text.count("Sitorusmengatakan") == 1  # the stored text is the source's
    with open_store(tmp_path / "w.db") as store:
        store.ingest(prepare([article]))
        for query in ("Sitorus", "wartawan", "mengatakan"):
            assert [hit.id for hit in store.search(query).hits] == [article.id], query


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_abbreviations_do_not_end_sentences(nlp):
    assert sentences(nlp, "Ia tinggal di Jl. Sudirman No. 5. Dr. Budi datang pukul 09.00 WIB.") == [
        "Ia tinggal di Jl. Sudirman No. 5.", "Dr. Budi datang pukul 09.00 WIB."]


def test_quote_and_its_speaker_stay_in_one_sentence(nlp):
    text = '"Kami menunggu Anda. Datanglah," kata Putin. Kim tersenyum.'
    assert sentences(nlp, text) == ['"Kami menunggu Anda. Datanglah," kata Putin.', "Kim tersenyum."]


def test_quote_ending_a_sentence(nlp):
    assert sentences(nlp, '"Ya." Ia pergi. “Baik.” Dia pulang.') == ['"Ya."', "Ia pergi.", "“Baik.”", "Dia pulang."]


def test_paragraph_break_always_ends_a_sentence(nlp):
    text = ("Tentara Korea Utara 'berani' bergabung atas inisiatif Kim: Putin\n\n4 September 2025\n\n"
            "Putin menyatakan itu.")
    assert sentences(nlp, text) == ["Tentara Korea Utara 'berani' bergabung atas inisiatif Kim: Putin",
                                    "4 September 2025", "Putin menyatakan itu."]


def test_quote_continued_in_the_next_paragraph(nlp):
    text = '"Ini kutipan panjang. Masih berlanjut.\n\n"Dan selesai di sini," ujarnya. Lalu pulang.'
    assert sentences(nlp, text) == ['"Ini kutipan panjang.', "Masih berlanjut.",
                                    '"Dan selesai di sini," ujarnya.', "Lalu pulang."]


def test_ellipsis_before_lower_case_continues(nlp):
    assert sentences(nlp, "Harga naik 2,5 persen... lalu turun. Pasar tenang.") == [
        "Harga naik 2,5 persen... lalu turun.", "Pasar tenang."]


def test_plain_text_gets_the_pipelines_sentences():
    """`SentenceBounds.of_text` (used by find_times/find_counts without a Doc) is the full pipeline's segmentation."""
    text = ('"Kami menunggu Anda. Datanglah." kata Putin. Ia tiba di Jl. Sudirman pukul 09.00 WIB.\n\n'
            "Rapat dimulai Senin. Dua orang tewas.")
    doc = warta.nlp.load_cached()(text)
    bounds = SentenceBounds.of_text(text)
    expected = [(s.start_char, s.end_char) for s in doc.sents]
    assert [(bounds.start(start), bounds.end(end)) for start, end in expected] == expected
    assert len(expected) == 4
    assert bounds.start(text.index("Datanglah")) == 0  # a closed quotation does not end the sentence
