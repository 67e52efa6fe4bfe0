"""Indonesian stemming for search, on top of PySastrawi.

PySastrawi's rules do the work; what we add is (1) a cache in front of it,
because its confix stripping costs tens of microseconds a word and news
repeats the same few thousand words (and Sastrawi's own regular expressions
compiled once: warta.search.sastrawi_re), (2) extra root words and overrides from
data files for its known mistakes (`pasukan` -> `pasu`, `menandatangani`
left whole), and (3) a tokenizer that keeps `Jong-un`, `2.000` and `2,5`
in one piece, as readers of Indonesian news expect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer as SastrawiStemmer

from warta import lexicon
from warta.search import sastrawi_re

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
#: Distinct words whose stems a Stemmer remembers; past this it starts afresh,
#: so memory stays bounded on an endless stream of new names and numbers.
KNOWN_WORDS = 200_000


class Stemmer:
    """Stems lower-cased Indonesian words; safe to share, cheap to call."""

    def __init__(self) -> None:
        sastrawi_re.install()
        roots = list(lexicon.entries("words/stem_roots.txt"))
        # the dictionary the entity rules read too, loaded once
        self._rules = SastrawiStemmer(ArrayDictionary([*lexicon.root_words(), *roots]))
        self._overrides = {row["word"]: row["stem"] for row in lexicon.table("stem_overrides.tsv")}
        self._known: dict[str, str] = {}

    def stem(self, word: str) -> str:
        known = self._known.get(word)
        if known is None:
            known = self._remember(word)
        return known

    def stems(self, words: Iterable[str]) -> list[str]:
        """The stem of each word, in order: one dict look-up per repeated word.

        An article's few hundred words are mostly repeats of words stemmed
        before, so the new ones are stemmed first and the rest is a `map`
        over the dict, without a Python call per word.
        """
        words = words if isinstance(words, list) else list(words)
        known = self._known
        new = set(words).difference(known)  # no Python loop over the repeats
        if len(known) + len(new) > KNOWN_WORDS:
            known.clear()
            new = set(words)
        for word in new:
            known[word] = self._stem(word)
        try:
            return list(map(known.__getitem__, words))
        except KeyError:  # another thread started the dict afresh meanwhile
            return [self.stem(word) for word in words]

    def _remember(self, word: str) -> str:
        if len(self._known) >= KNOWN_WORDS:
            self._known.clear()
        stem = self._known[word] = self._stem(word)
        return stem

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
        matches = list(WORD.finditer(text))
        return [(m.start(), m.end(), stem) for m, stem in zip(matches, self.stems(m.group() for m in matches))]

    def stem_text(self, text: str) -> str:
        """The text as a space-separated string of stems, for indexing."""
        return " ".join(self.stems(WORD.findall(text)))


@lru_cache(maxsize=1)
def default_stemmer() -> Stemmer:
    return Stemmer()
