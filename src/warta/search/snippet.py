"""Highlighted snippets: the stretch of the article that best shows the match.

The index holds stems, not text, so snippets are cut from the stored article
text: every word is stemmed the same way the index did it, the words whose
stems the query asked for (or that start a quoted phrase's exact run) are
marked, and the window with the most distinct query terms wins.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from warta.search.query import ParsedQuery
from warta.search.stemmer import WORD, Stemmer, default_stemmer


@dataclass(frozen=True)
class Snippet:
    """`html` has matches in <mark>...</mark>, everything else escaped.
    `highlights` are the matched words as [start, end) offsets into the
    article's canonical text, so any view can point at them exactly."""

    text: str
    html: str
    highlights: list[tuple[int, int]]


def matches(text: str, parsed: ParsedQuery, stemmer: Stemmer | None = None) -> list[tuple[int, int, int]]:
    """(start, end, term number) of every query match in `text`.

    Each distinct word of the text is stemmed once (the stemmer caches), and
    the occurrences of the words that match are then found by one regular
    expression per term: snippets for a page of hits stay cheap however long
    the articles are.
    """
    stemmer = stemmer or default_stemmer()
    distinct = set(WORD.findall(text.lower()))
    found: list[tuple[int, int, int]] = []
    for number, term in enumerate(parsed.positive_terms()):
        if term.phrase:
            pattern = r"\W+".join(re.escape(w) for w in term.tokens)
        elif len(term.tokens) == 1:
            words = sorted((w for w in _could_stem_to(distinct, term.tokens[0]) if stemmer.stem(w) == term.tokens[0]),
                           key=len, reverse=True)
            if not words:
                continue
            pattern = "|".join(re.escape(w) for w in words)
        else:  # a hyphenated or dotted query word that splits into several stems
            alternatives = [sorted((w for w in _could_stem_to(distinct, stem) if stemmer.stem(w) == stem),
                                   key=len, reverse=True) for stem in term.tokens]
            if not all(alternatives):
                continue
            pattern = r"\W+".join("(?:" + "|".join(re.escape(w) for w in words) + ")" for words in alternatives)
        for match in re.finditer(rf"(?<![\w'’-])(?:{pattern})(?![\w'’-])", text, re.IGNORECASE):
            found.append((match.start(), match.end(), number))
    found.sort()
    return found


def _could_stem_to(words: set[str], stem: str) -> list[str]:
    """The words that might have `stem` as their stem: those containing it, or
    containing it without its first letter, which a nasal prefix replaces
    (`menulis` -> `tulis`, `memukul` -> `pukul`). Only these are stemmed: a
    stem lookup can cost 100 µs for a word not seen before."""
    tail = stem[1:] if len(stem) > 3 and stem[0] in "ptks" else None
    return [w for w in words if stem in w or (tail is not None and tail in w)]


def make_snippet(text: str, parsed: ParsedQuery, width: int = 220, stemmer: Stemmer | None = None) -> Snippet:
    found = matches(text, parsed, stemmer)
    if not found:
        end = text.find(" ", width) if len(text) > width else len(text)
        end = len(text) if end < 0 else end
        cut = text[:end]
        return Snippet(cut + ("…" if end < len(text) else ""), html.escape(cut), [])
    # The window (starting at a match) with the most distinct terms, then the
    # most matches: two pointers over the sorted matches.
    best_start, best_score = found[0][0], -1
    counts: dict[int, int] = {}
    right = 0
    for left, (start, _, _) in enumerate(found):
        while right < len(found) and found[right][0] < start + width:
            counts[found[right][2]] = counts.get(found[right][2], 0) + 1
            right += 1
        score = len(counts) * 100 + (right - left)
        if score > best_score:
            best_start, best_score = start, score
        number = found[left][2]
        counts[number] -= 1
        if not counts[number]:
            del counts[number]
    # Back up to a word boundary a little before the first match.
    window_start = max(0, best_start - width // 4)
    if window_start:
        space = text.rfind(" ", 0, window_start)
        window_start = space + 1 if space >= 0 else 0
    window_end = min(len(text), window_start + width)
    if window_end < len(text):
        space = text.find(" ", window_end)
        window_end = space if space >= 0 else len(text)
    inside = [(s, e) for s, e, _ in found if s >= window_start and e <= window_end]
    pieces, cursor = [], window_start
    for start, end in inside:
        pieces.append(html.escape(text[cursor:start].replace("\n\n", " ¶ ")))
        pieces.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:window_end].replace("\n\n", " ¶ ")))
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    plain = prefix + text[window_start:window_end].replace("\n\n", " ¶ ") + suffix
    return Snippet(plain, prefix + "".join(pieces) + suffix, [(s, e) for s, e, _ in found])
