"""How the store compares names people type with names it holds.

- `contains_words`: `--name BI` finds `BI` and `Gubernur BI`, never
  `Subianto`: whole words, in order, regardless of case.
- `merge_spellings`: `ANTARA` and `Antara` are one source (one section) in
  counts and facets, shown as the spelling most articles use. The filters
  that follow a facet link already compare without regard to case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def contains_words(text: str | None, query: str | None) -> bool:
    """Whether the words of `query` appear in `text` as whole words, one after another."""
    if not text or not query:
        return False
    wanted, found = words(query), words(text)
    if not wanted:
        return False
    size = len(wanted)
    return any(found[i:i + size] == wanted for i in range(len(found) - size + 1))


def merge_spellings(counts: Iterable[tuple[str | None, int]]) -> list[tuple[str | None, int]]:
    """(value, count) pairs with values that differ only in case added up, under
    the most frequent spelling; largest count first, then by name."""
    groups: dict[str | None, list[tuple[int, str | None]]] = {}
    for value, count in counts:
        groups.setdefault(value.casefold() if value is not None else None, []).append((count, value))
    merged = [(max(spellings, key=lambda s: (s[0], s[1] or ""))[1], sum(c for c, _ in spellings))
              for spellings in groups.values()]
    return sorted(merged, key=lambda pair: (-pair[1], pair[0] or ""))
