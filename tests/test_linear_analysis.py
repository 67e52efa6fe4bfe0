"""Analysis time grows with the length of an article, not with its square.

Compared as a ratio of times per character on the same machine in the same
process, so a loaded machine slows both sides alike; the best of a few runs
drops the pauses of other work. Quadratic steps (a per-token write that
rescanned the Doc, an overlap check against every earlier match) made a
200,000-character article cost ~10x per character what a short one did.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from warta.model import Article
from warta.nlp import load_cached
from warta.nlp.analysis import analyze

PARAGRAPHS = [
    "Banjir merendam sekitar 1.200 rumah di Kabupaten Cianjur, Jawa Barat, pada hari Rabu (12/3/2025).",
    "\"Kami sudah mengerahkan 150 personel dan empat perahu karet,\" kata Kepala BPBD Cianjur Asep Suryana.",
    "Warga Desa Sukamaju mengungsi ke balai desa setelah hujan deras selama 2,5 jam.",
    "Menurut BMKG, hujan lebat masih akan turun hingga akhir pekan ini.",
]


def article_of(chars: int) -> Article:
    body, size = [], 0
    while size < chars:
        paragraph = PARAGRAPHS[len(body) % len(PARAGRAPHS)]
        body.append(paragraph)
        size += len(paragraph) + 2
    return Article(published=date(2025, 3, 13), title="Banjir rendam rumah di Cianjur", body=body)


def seconds_per_char(article: Article, runs: int) -> float:
    nlp = load_cached()
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        analyze(article, nlp)
        best = min(best, time.perf_counter() - started)
    return best / len(article.text)


@pytest.mark.parametrize("paragraphs", ["mixed", "many short"])
def test_time_per_character_of_a_long_article_is_at_most_twice_a_short_ones(paragraphs):
    short, long = article_of(2_000), article_of(200_000)
    if paragraphs == "many short":  # 10,000 one-line paragraphs took 54 s
        long = Article(published=date(2025, 3, 13), title="Banjir", body=["Warga mengungsi."] * 11_000)
    assert len(long.text) >= 190_000
    seconds_per_char(short, 1)  # warm-up: loading, caches
    ratio = seconds_per_char(long, 1) / seconds_per_char(short, 7)
    assert ratio <= 2.0, f"a long article costs {ratio:.1f}x per character what a short one does"
