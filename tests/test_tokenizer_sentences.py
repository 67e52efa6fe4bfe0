"""Tokens and sentences of Indonesian news text."""

from __future__ import annotations

import pytest
import spacy

import warta.nlp
from warta.nlp.sentences import SentenceBounds


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
