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


#: Stems Sastrawi gives with the standard `re` module, computed in a fresh
#: process where warta.search.sastrawi_re is never installed.
_PLAIN_SASTRAWI = """
import json, sys
from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from warta import lexicon
rules = Stemmer(ArrayDictionary(StemmerFactory().get_words() + list(lexicon.entries("words/stem_roots.txt"))))
print(json.dumps([rules.stem_word(word) for word in json.load(sys.stdin)]))
"""


def _sample_words() -> list[str]:
    """Every distinct lower-case word of the example corpus, and words the
    per-word patterns could trip on (regex metacharacters never reach Sastrawi,
    but letters that repeat, `-nya` and `-kan` chains do)."""
    from pathlib import Path

    words = {m.group().lower() for path in sorted((Path(__file__).parent.parent / "examples" / "corpus").glob("*.txt"))
             for m in WORD.finditer(path.read_bytes().decode("utf-8", "ignore"))}
    words |= {"mempertanggungjawabkannya", "diperdengarkanlah", "keanekaragaman", "berkesinambungan",
              "memperkenalkannyapun", "kakak", "anan", "dikalahkannya", "pemberdayaan", "menyanyikan"}
    return sorted(w for w in words if w.isalpha() and w.isascii())


def test_cached_patterns_stem_as_plain_sastrawi():
    """The cached-pattern `re` Sastrawi runs with here gives every word the stem plain `re` gives."""
    import json
    import os
    import subprocess
    import sys

    words = _sample_words()
    assert len(words) > 500
    plain = subprocess.run([sys.executable, "-c", _PLAIN_SASTRAWI], input=json.dumps(words), capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    expected = json.loads(plain.stdout)
    fresh = Stemmer()  # installs the cached patterns
    assert [fresh._rules.stem_word(word) for word in words] == expected
    assert sum(stem != word for stem, word in zip(expected, words)) > 100  # the sample exercises affix removal


def test_cached_re_matches_re():
    import re

    from warta.search.sastrawi_re import CachedRe

    cached = CachedRe()
    for pattern, text in [("ab", "abab aab"), ("a", "aaa"), ("kan", "kakan"), (r"^(di|ke|se)", "dikenal"),
                          (r"-*(ku|mu|nya)$", "bukunya"), ("a.b", "axb a.b"), ("", "abc")]:
        for count in (0, 1, 2):
            assert cached.sub(pattern, "", text, count=count) == re.sub(pattern, "", text, count=count)
        assert bool(cached.match(pattern, text)) == bool(re.match(pattern, text))
    assert cached.IGNORECASE == re.IGNORECASE


def test_stems_of_many_words_equal_stem_of_each():
    words = WORD.findall("Para pemain bertemu di pertemuan; pemain-pemain menandatangani kesepakatan, PEMAIN")
    assert Stemmer().stems(words) == [stemmer.stem(word) for word in words]
    assert Stemmer().stems(iter(words)) == [stemmer.stem(word) for word in words]
