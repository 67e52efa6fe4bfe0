"""Highlighted snippets: the stretch of the article that best shows the match.

The index holds stems, not text, so snippets are cut from the stored article
text: every word is stemmed the same way the index did it, the words whose
stems the query asked for (or that start a quoted phrase's exact run) are
marked, and the window with the most distinct query terms wins.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from warta.search.query import ParsedQuery
from warta.search.stemmer import Stemmer, default_stemmer


@dataclass(frozen=True)
class Snippet:
    """`html` has matches in <mark>...</mark>, everything else escaped.
    `highlights` are the matched words as [start, end) offsets into the
    article's canonical text, so any view can point at them exactly."""

    text: str
    html: str
    highlights: list[tuple[int, int]]


def matches(text: str, parsed: ParsedQuery, stemmer: Stemmer | None = None) -> list[tuple[int, int, int]]:
    """(start, end, term number) of every query match in `text`."""
    stemmer = stemmer or default_stemmer()
    tokens = stemmer.tokens(text)
    lowered = [text[s:e].lower() for s, e, _ in tokens]
    found: list[tuple[int, int, int]] = []
    for number, term in enumerate(parsed.positive_terms()):
        size = len(term.tokens)
        sequence = list(term.tokens)
        haystack = lowered if term.phrase else [stem for _, _, stem in tokens]
        for i in range(len(tokens) - size + 1):
            if haystack[i:i + size] == sequence:
                found.append((tokens[i][0], tokens[i + size - 1][1], number))
    found.sort()
    return found


def make_snippet(text: str, parsed: ParsedQuery, width: int = 220, stemmer: Stemmer | None = None) -> Snippet:
    found = matches(text, parsed, stemmer)
    if not found:
        end = text.find(" ", width) if len(text) > width else len(text)
        end = len(text) if end < 0 else end
        cut = text[:end]
        return Snippet(cut + ("…" if end < len(text) else ""), html.escape(cut), [])
    best_start, best_score = found[0][0], -1
    for i, (start, _, _) in enumerate(found):
        terms = {n for s, _, n in found[i:] if s < start + width}
        hits = sum(1 for s, _, _ in found[i:] if s < start + width)
        score = len(terms) * 100 + hits
        if score > best_score:
            best_start, best_score = start, score
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
