"""Indonesian stemming for search, on top of PySastrawi.

PySastrawi's rules do the work; what we add is (1) a cache in front of it,
because its confix stripping costs tens of microseconds a word and news
repeats the same few thousand words, (2) extra root words and overrides from
data files for its known mistakes (`pasukan` -> `pasu`, `menandatangani`
left whole), and (3) a tokenizer that keeps `Jong-un`, `2.000` and `2,5`
in one piece, as readers of Indonesian news expect.
"""

from __future__ import annotations

import re
from functools import lru_cache

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer as SastrawiStemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from warta import lexicon

#: Words: letters/digits, joined inside by hyphens, dots or commas between
#: digits (2.000, 2,5), or apostrophes (Ma'ruf).
WORD = re.compile(r"\w+(?:(?:[-'’]|(?<=\d)[.,](?=\d))\w+)*")
_REDUPLICATION = re.compile(r"^(\w+)-\1$")
#: Only words that start with an Indonesian prefix or end with a suffix or
#: particle can have affixes to strip. Everything else (most names, foreign
#: words) is left whole: cheaper, and it keeps Sastrawi's infix rules from
#: turning `Boris` into `bor` or `cinema` into `cema`.
_PREFIXES = tuple(lexicon.words("stem_prefixes"))
_SUFFIXES = tuple(lexicon.words("stem_suffixes"))


class Stemmer:
    """Stems lower-cased Indonesian words; safe to share, cheap to call."""

    def __init__(self) -> None:
        words = StemmerFactory().get_words()
        roots = list(lexicon.entries("words/stem_roots.txt"))
        self._rules = SastrawiStemmer(ArrayDictionary(words + roots))
        self._overrides = {row["word"]: row["stem"] for row in lexicon.table("stem_overrides.tsv")}
        self.stem = lru_cache(maxsize=100_000)(self._stem)

    def _stem(self, word: str) -> str:
        word = word.lower()
        if word in self._overrides:
            return self._overrides[word]
        if not (word.isalpha() and word.isascii()):
            reduplicated = _REDUPLICATION.match(word)
            if reduplicated:  # negara-negara -> negara
                return self._stem(reduplicated.group(1))
            return word  # numbers, Jong-un, 2.000, Calderón: kept as they are
        if not (word.startswith(_PREFIXES) or word.endswith(_SUFFIXES)):
            return word
        return self._rules.stem_word(word)

    def tokens(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, stem) for every word in `text`."""
        return [(m.start(), m.end(), self.stem(m.group())) for m in WORD.finditer(text)]

    def stem_text(self, text: str) -> str:
        """The text as a space-separated string of stems, for indexing."""
        return " ".join(self.stem(m.group()) for m in WORD.finditer(text))


@lru_cache(maxsize=1)
def default_stemmer() -> Stemmer:
    return Stemmer()
