"""The search query language, parsed by us so errors read well.

    bertemu Putin            both words (stemmed: also finds `pertemuan`)
    "pasukan khusus"         the exact words in this order (not stemmed)
    Rusia OR Moskow          either word
    -Ukraina / NOT Ukraina   leave out articles with the word

Words are ANDed. Anything else that looks like an operator is an error with
the position it was found at, never a stack trace from the index engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warta.search.stemmer import WORD, Stemmer, default_stemmer


class QueryError(ValueError):
    """A query the user must fix; the message says where and how."""


@dataclass(frozen=True)
class Term:
    """One query word or quoted phrase. `stems` for words, `words` for phrases."""

    text: str
    tokens: tuple[str, ...]
    phrase: bool = False


@dataclass
class ParsedQuery:
    """Clauses are ANDed; each clause is a list of alternatives (OR)."""

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def positive_terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]


_TOKEN = re.compile(r'\s*(?:(?P<quote>["“”])|(?P<minus>-)(?=\S)|(?P<word>[^\s"“”]+))')
_OPERATORS = {"OR", "AND", "NOT"}
_STRAY = re.compile(r"^[\W_]+$")


def parse(query: str, stemmer: Stemmer | None = None) -> ParsedQuery:
    stemmer = stemmer or default_stemmer()
    if not query or not query.strip():
        raise QueryError("the query is empty: give one or more words, e.g. bertemu Putin")
    items: list[tuple[str, object, int]] = []  # (kind, value, position)
    position = 0
    text = query.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            break
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        if match.group("quote"):
            close = _find_closing_quote(text, match.end())
            if close < 0:
                raise QueryError(f"unbalanced quote at position {start + 1}: close the phrase with a matching \"")
            phrase = text[match.end():close]
            words = tuple(w.lower() for w in WORD.findall(phrase))
            if not words:
                raise QueryError(f"empty phrase at position {start + 1}: put words between the quotes")
            items.append(("term", Term(phrase, words, phrase=True), start))
            position = close + 1
        elif match.group("minus"):
            items.append(("op", "NOT", start))
            position = match.end()
        else:
            word = match.group("word")
            if word in _OPERATORS:
                items.append(("op", word, start))
            else:
                stems = tuple(stemmer.stem(w) for w in WORD.findall(word))
                if not stems:
                    raise QueryError(f"{word!r} at position {start + 1} is not a word: search for words or \"phrases\"")
                items.append(("term", Term(word, stems), start))
            position = match.end()
    return _combine(items)


def _find_closing_quote(text: str, start: int) -> int:
    for index in range(start, len(text)):
        if text[index] in '"“”':
            return index
    return -1


def _combine(items: list[tuple[str, object, int]]) -> ParsedQuery:
    parsed = ParsedQuery()
    pending_or = False
    pending_not = False
    for index, (kind, value, position) in enumerate(items):
        if kind == "op":
            if value == "OR":
                if (not parsed.clauses or pending_or or pending_not or index == len(items) - 1
                        or items[index - 1][1] == "NOT"):
                    raise QueryError(f"OR at position {position + 1} needs a word on each side, e.g. Rusia OR Moskow")
                pending_or = True
            elif value == "NOT":
                if pending_not or index == len(items) - 1:
                    raise QueryError(f"NOT/- at position {position + 1} must be followed by a word to leave out")
                pending_not = True
            else:  # AND is the default; accepted between two words only
                if index == 0 or index == len(items) - 1 or items[index - 1][0] == "op":
                    raise QueryError(f"AND at position {position + 1} needs a word on each side")
            continue
        term = value
        assert isinstance(term, Term)
        if pending_not:
            if pending_or:
                raise QueryError(f"cannot combine OR with an excluded word at position {position + 1}")
            parsed.excluded.append(term)
            pending_not = False
        elif pending_or:
            parsed.clauses[-1].append(term)
            pending_or = False
        else:
            parsed.clauses.append([term])
    if not parsed.clauses:
        raise QueryError("the query only excludes words: add at least one word to look for")
    return parsed
