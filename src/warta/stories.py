"""Same story: different texts reporting one happening.

Outlets write their own text about one accident, court session or match, and
follow it with reactions over the next days. Two articles tell the same story
when they are copies (`warta.copies`), or when they appear within
`STORY_WINDOW` of each other, share enough vocabulary (`STORY_WORDS`) and
name the same rare people, places or organisations (`STORY_NAMES`). Names are
rare when few articles of the archive carry them: `Jakarta` or `KPK` join
nothing, `Tanjakan Emen` or `Zumi Zola` do.

The cut-offs were chosen on the dev part of the article-pair gold
(`tests/gold/stories`, docs/stories.md); everything here is a few set
operations per pair, cheap enough to run on the copy index's candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from warta.copies import COPY_THRESHOLD, DATELINE, jaccard, normalised_words

#: How far apart two reports of one happening may appear.
STORY_WINDOW = timedelta(days=5)
#: Jaccard of the two texts' words of four letters or more.
STORY_WORDS = 0.18
#: Rare names both texts carry.
STORY_NAMES = 3
#: A name is rare when at most this share of the archive's articles carry it ...
RARE_NAME_SHARE = 0.01
#: ... or at most this many (so that a small archive still has rare names).
RARE_NAME_COUNT = 2

#: Names: runs of capitalised words (`Gatot Nurmantyo`, `Tanjakan Emen`) and
#: acronyms of three letters or more (`PVMBG`). Single capitalised words are
#: left out: every sentence starts with one.
NAME = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)+|\b[A-Z]{3,}\b")


def names(text: str) -> set[str]:
    """The names a text carries, its dateline's outlet excluded."""
    return set(NAME.findall(DATELINE.sub("", text, count=1)))


def content_words(text: str) -> set[str]:
    return {word for word in normalised_words(text) if len(word) > 3}


@dataclass
class NameFrequency:
    """How many of the archive's articles carry each name."""

    articles: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, texts: Iterable[str]) -> NameFrequency:
        frequency = cls()
        for text in texts:
            frequency.add(text)
        return frequency

    def add(self, text: str) -> None:
        self.articles += 1
        self.counts.update(names(text))

    def is_rare(self, name: str) -> bool:
        return self.counts[name] <= max(RARE_NAME_COUNT, RARE_NAME_SHARE * self.articles)


@dataclass(frozen=True)
class Report:
    """What the story test needs of an article."""

    text: str
    published: datetime


def same_story(a: Report, b: Report, frequency: NameFrequency) -> bool:
    """Whether two articles report one happening (copies always do)."""
    if jaccard(a.text, b.text) >= COPY_THRESHOLD:
        return True
    if abs(a.published - b.published) > STORY_WINDOW:
        return False
    words_a, words_b = content_words(a.text), content_words(b.text)
    if not words_a or not words_b or len(words_a & words_b) / len(words_a | words_b) < STORY_WORDS:
        return False
    shared = {name for name in names(a.text) & names(b.text) if frequency.is_rare(name)}
    return len(shared) >= STORY_NAMES
