"""Words that scraped news text glued together (`Sitorusmengatakan`, `kepadawartawan`).

A page's markup sometimes loses the space between two words. A name that
swallows the verb after it becomes a person called `Sitorusmengatakan`,
hides the reporting cue from the quote finder, and cannot be searched for.
The words that get glued, and to which side, are data
(`lexicons/glued_words.tsv`); the tokenizer and the search index both split
where this module says, and the stored text stays as the source wrote it.
"""

from __future__ import annotations

import re
from functools import cache

from warta import lexicon


@cache
def _pattern() -> re.Pattern[str]:
    """A capitalised name of three letters or more followed by a `name` word (`Sitorus|mengatakan`);
    a `next` word followed by a lower-case word of four letters or more (`kepada|wartawan`), so the
    `-nya` forms (`kepadanya`) stay whole."""
    rows = lexicon.table("glued_words.tsv")
    after_name = "|".join(re.escape(r["word"]) for r in rows if r["glued_to"] == "name")
    before_word = "|".join(re.escape(r["word"]) for r in rows if r["glued_to"] == "next")
    return re.compile(rf"\b(?:[A-Z][a-z]{{2,}}(?P<tail>{after_name})|(?P<head>{before_word})(?=[a-z]{{4,}}\b))")


@cache
def _searches() -> tuple[re.Pattern[str], re.Pattern[str]]:
    r"""`_pattern`'s two branches apart, each opening with the letters a match can start with and its
    `\b` checked just after the first letter (`(?<!\w.)`: no word character before it), so that the
    regex engine skips ahead to those letters instead of trying the whole pattern at every position.
    A text has a match of one of them exactly where it has a match of `_pattern`."""
    rows = lexicon.table("glued_words.tsv")
    after_name = "|".join(re.escape(r["word"]) for r in rows if r["glued_to"] == "name")
    before_word = "|".join(re.escape(w[0]) + r"(?<!\w.)" + re.escape(w[1:])
                           for r in rows if r["glued_to"] == "next" for w in [r["word"]])
    return (re.compile(rf"[A-Z](?<!\w.)[a-z]{{2,}}(?:{after_name})"),
            re.compile(rf"(?:{before_word})(?=[a-z]{{4,}}\b)"))


def anywhere(text: str) -> bool:
    """Whether `text` holds a glued word at all (two regex passes: the common answer is no)."""
    after_name, before_word = _searches()
    return after_name.search(text) is not None or before_word.search(text) is not None


def split_points(word: str) -> list[int]:
    """Offsets inside one token's worth of letters where a lost space was."""
    match = _pattern().match(word)
    if match is None:
        return []
    if match.group("tail"):
        return [match.start("tail")] if match.end() == len(word) else []
    return [match.end("head")] if word[match.end("head"):].isalpha() else []


def pieces(word: str) -> list[str]:
    """`word` cut at its split points: `Sitorusmengatakan` -> `Sitorus`, `mengatakan`."""
    cuts = [0, *split_points(word), len(word)]
    return [word[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
