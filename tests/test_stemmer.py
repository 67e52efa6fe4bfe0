"""The Indonesian stemmer and its data files."""

from __future__ import annotations

import pytest

from warta import lexicon
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


def test_every_extra_root_keeps_its_example_words():
    for line in lexicon.text("words/stem_roots.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        root, _, examples = line.partition("#")
        root = root.strip()
        assert stemmer.stem(root) == root
        for example in (e.strip() for e in examples.split(",") if e.strip()):
            assert stemmer.stem(example) == root, (example, root)


def test_every_override_applies():
    for row in lexicon.table("stem_overrides.tsv"):
        assert stemmer.stem(row["word"]) == row["stem"]


def test_tokenizer_keeps_news_words_whole():
    text = "Kim Jong-un kehilangan 2.000 tentara dalam 2,5 jam, kata Ma'ruf."
    assert WORD.findall(text) == ["Kim", "Jong-un", "kehilangan", "2.000", "tentara", "dalam", "2,5", "jam", "kata", "Ma'ruf"]
    assert [text[s:e] for s, e, _ in stemmer.tokens(text)][:4] == ["Kim", "Jong-un", "kehilangan", "2.000"]
