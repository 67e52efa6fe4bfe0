"""The tokenizer: spaCy's Indonesian rules, adjusted for news text.

What changes from `spacy.blank("id")`:
- a hyphen before a lower-case letter does not split (`Kim Jong-un`,
  `pasca-perang`); reduplication (`kata-kata`) was already one token; a
  hyphen between two capitalised names does (`Prabowo Subianto-Hatta Rajasa`);
- dates written with slashes stay whole (`8/2/2017`, `27/4`, `22/10/14`);
- the abbreviations in `lexicons/words/abbreviations.txt` keep their dot (`Jl.`, `dll.`), so
  the sentence splitter never ends a sentence at them.
Numbers in Indonesian format (`2.000`, `2,5`) are single tokens already.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.lang.id import Indonesian
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from warta import glued, lexicon

#: Slash dates, inside or without parentheses: 8/2/2017, 27/4, 22/10/14.
SLASH_DATE = re.compile(r"^\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
_LETTER_HYPHEN = "(?:-|–|—|--|---|——|~)"


def abbreviations() -> tuple[str, ...]:
    """The abbreviations of `lexicons/words/abbreviations.txt`, in file order."""
    return lexicon.entries("words/abbreviations.txt")


def _infixes() -> list[str]:
    infixes = []
    for pattern in Indonesian.Defaults.infixes:
        if _LETTER_HYPHEN in pattern:
            pattern = pattern.replace(_LETTER_HYPHEN, "(?:–|—|--|---|——|~)")
        pattern = pattern.replace(r"[\/-](?=", r"[\/](?=")
        infixes.append(pattern)
    return infixes


_NAME_HYPHEN = re.compile(r"(?<=[a-z])-(?=[A-Z])")


_EMPTY = re.compile("")


def _glue_points(text: str) -> list[re.Match[str]]:
    """Empty matches where scraping lost a space (`warta.glued`): the tokenizer splits there
    without changing the text or its offsets."""
    return [m for point in glued.split_points(text) if (m := _EMPTY.match(text, point)) is not None]


def _infix_finditer(base):
    """spaCy's infixes, plus: two capitalised names joined by a hyphen are two
    names (`Subianto-Hatta`), unless the word is a reduplication
    (`Berpayah-Payah`, `Tali-Tali`); and words glued by scraping come apart
    (`lexicons/glued_words.tsv`)."""

    def finditer(text: str):
        matches = list(base.finditer(text))
        for match in _NAME_HYPHEN.finditer(text):
            left, right = text[:match.start()].lower(), text[match.end():].lower()
            if right and right not in left:
                matches.append(match)
        matches += _glue_points(text)
        return sorted(matches, key=lambda m: m.start())

    return finditer


def _token_match(text: str):
    if SLASH_DATE.match(text):
        return True
    default = Indonesian.Defaults.token_match
    return default(text) if default else None


#: How many distinct words the tokenizer remembers the affix searches of. spaCy keeps its own cache only for
#: words already in the vocabulary, which a news stream's new words never are, and its prefix search (one
#: regular expression of 171 alternatives) took a third of the tokenizer's time; news repeats its words.
AFFIX_MEMORY = 1 << 16


def _remembered(search):
    """`search` answered once per distinct word: spaCy reads only the answers' offsets, which depend on the
    word's text alone."""
    return lru_cache(maxsize=AFFIX_MEMORY)(search)


@spacy.registry.tokenizers("warta.Tokenizer.v1")
def create_tokenizer():
    def make(nlp) -> Tokenizer:
        defaults = Indonesian.Defaults
        # spaCy's Indonesian exceptions are ~15,600 hyphenated reduplications
        # (`kata-kata`), which our hyphen rules already keep whole; loading them
        # costs seconds at start-up, so only the others are kept.
        rules = {text: value for text, value in defaults.tokenizer_exceptions.items() if "-" not in text}
        tokenizer = Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=_remembered(compile_prefix_regex(defaults.prefixes).search),
            suffix_search=_remembered(compile_suffix_regex(defaults.suffixes).search),
            infix_finditer=_remembered(_infix_finditer(compile_infix_regex(_infixes()))),
            token_match=_remembered(_token_match),
            url_match=defaults.url_match,
        )
        for abbreviation in abbreviations():
            tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        return tokenizer

    return make
