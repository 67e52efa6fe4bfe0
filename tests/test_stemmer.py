"""The Indonesian stemmer and its data files."""

from __future__ import annotations

from importlib import resources

import pytest

from warta.search.stemmer import WORD, Stemmer

stemmer = Stemmer()


@pytest.mark.parametrize("word,stem", [
    ("pertemuan", "temu"), ("bertemu", "temu"), ("menandatangani", "tandatangan"),
    ("ditandatangani", "tandatangan"), ("penandatanganan", "tandatangan"), ("pasukan", "pasukan"),
    ("pasukannya", "pasukan"), ("menyepakati", "sepakat"), ("kesepakatan", "sepakat"),
    ("pemilu", "pemilu"), ("mengerahkan", "kerah"), ("negara-negara", "negara"), ("kata-kata", "kata"),
    ("Jong-un", "jong-un"), ("2.000", "2.000"), ("2,5", "2,5"), ("Presiden", "presiden"),
])
def test_stems(word, stem):
    assert stemmer.stem(word) == stem


def _lines(name):
    text = resources.files("warta.data").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_every_extra_root_keeps_its_example_words():
    for line in _lines("stem_roots.txt"):
        root, _, examples = line.partition("#")
        root = root.strip()
        assert stemmer.stem(root) == root
        for example in (e.strip() for e in examples.split(",") if e.strip()):
            assert stemmer.stem(example) == root, (example, root)


def test_every_override_applies():
    for line in _lines("stem_overrides.tsv"):
        word, stem = line.split("\t")
        assert stemmer.stem(word) == stem


def test_tokenizer_keeps_news_words_whole():
    text = "Kim Jong-un kehilangan 2.000 tentara dalam 2,5 jam, kata Ma'ruf."
    assert WORD.findall(text) == ["Kim", "Jong-un", "kehilangan", "2.000", "tentara", "dalam", "2,5", "jam", "kata", "Ma'ruf"]
    assert [text[s:e] for s, e, _ in stemmer.tokens(text)][:4] == ["Kim", "Jong-un", "kehilangan", "2.000"]
