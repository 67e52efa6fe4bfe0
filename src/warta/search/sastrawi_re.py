"""PySastrawi's regular expressions, compiled once instead of once a word.

Sastrawi calls `re.match(pattern, word)` and `re.sub(pattern, ...)` with
pattern strings, and removes each affix with `re.sub(result, '', word)`,
where `result` is the word being stemmed: every word is a new pattern.
Those per-word patterns flood `re`'s cache of 512 compiled patterns and
evict the few dozen fixed ones, so Sastrawi recompiled its own rules for
most words it stemmed (more than half the cost of a word the stem cache has
not seen: 2.6 s for the 57,000 words of 20,000 news articles, 1.1 s with
this module).

`install` gives Sastrawi's modules an `re` of their own that keeps the
compiled patterns in a larger LRU cache, and substitutes a pattern made of
letters and digits only (a literal: the per-word removals) with
`str.replace`, which finds the same leftmost non-overlapping matches. The
results are those of `re` itself (tests/test_stemmer.py compares them).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import Any

#: Compiled patterns kept: Sastrawi's fixed ones (about 100) stay, the per-word ones come and go.
CACHED_PATTERNS = 4096


class CachedRe:
    """The parts of `re` Sastrawi uses, over a private cache of compiled patterns."""

    def __init__(self) -> None:
        self._compiled = lru_cache(maxsize=CACHED_PATTERNS)(re.compile)

    def __getattr__(self, name: str) -> Any:  # flags and anything else: re's own
        return getattr(re, name)

    def match(self, pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
        return self._compiled(pattern, flags).match(string)

    def search(self, pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
        return self._compiled(pattern, flags).search(string)

    def sub(self, pattern: str, repl: str, string: str, count: int = 0, flags: int = 0) -> str:
        if (not flags and isinstance(pattern, str) and pattern.isascii() and pattern.isalnum()
                and isinstance(repl, str) and "\\" not in repl):
            return string.replace(pattern, repl, count or -1)
        return self._compiled(pattern, flags).sub(repl, string, count)


_installed: list[CachedRe] = []


def install() -> None:
    """Give every Sastrawi module that imported `re` a `CachedRe` instead (once per process)."""
    if _installed:
        return
    import Sastrawi

    cached = CachedRe()
    for module_info in pkgutil.walk_packages(Sastrawi.__path__, "Sastrawi."):
        module = importlib.import_module(module_info.name)
        if getattr(module, "re", None) is re:
            module.re = cached  # type: ignore[attr-defined]
    _installed.append(cached)
