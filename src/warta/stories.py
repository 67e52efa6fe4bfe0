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


@dataclass(frozen=True)
class StoryItem:
    """An article as story grouping sees it: its text, date and copy group's original."""

    id: str
    text: str
    published: datetime
    original: str


def group_stories(items: Iterable[StoryItem]) -> list[list[str]]:
    """Stories (two or more articles) among `items`, each a sorted list of ids; stories sorted.

    Copies always share a story, so only one text per copy group (its
    original's) is compared; names are counted over those texts, so ten copies
    of one wire story do not make its names common. Two originals are joined
    by `same_story`'s rules (window, shared words, rare names), tried only for
    pairs that share `STORY_NAMES` rare names within the window: an inverted
    index of names, not every pair. The result depends only on the set of
    items, never on their order.
    """
    items = sorted(items, key=lambda item: item.id)
    by_id = {item.id: item for item in items}
    originals = sorted({item.original if item.original in by_id else item.id for item in items})
    frequency = NameFrequency.of(by_id[original].text for original in originals)
    rare: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    carriers: dict[str, list[str]] = {}
    for original in originals:
        rare[original] = {name for name in names(by_id[original].text) if frequency.is_rare(name)}
        words[original] = content_words(by_id[original].text)
        for name in rare[original]:
            carriers.setdefault(name, []).append(original)
    shared: Counter[tuple[str, str]] = Counter()
    for carrying in carriers.values():
        carrying.sort(key=lambda article: by_id[article].published)
        for i, first in enumerate(carrying):
            for second in carrying[i + 1:]:
                if by_id[second].published - by_id[first].published > STORY_WINDOW:
                    break
                shared[min(first, second), max(first, second)] += 1
    parent = {original: original for original in originals}

    def root(article: str) -> str:
        while parent[article] != article:
            parent[article] = parent[parent[article]]
            article = parent[article]
        return article

    for (first, second), count in sorted(shared.items()):
        if count < STORY_NAMES:
            continue
        a, b = words[first], words[second]
        if a and b and len(a & b) / len(a | b) >= STORY_WORDS:
            low, high = sorted((root(first), root(second)))
            parent[high] = low
    stories: dict[str, list[str]] = {}
    for item in items:
        original = item.original if item.original in by_id else item.id
        stories.setdefault(root(original), []).append(item.id)
    return sorted(sorted(members) for members in stories.values() if len(members) > 1)
