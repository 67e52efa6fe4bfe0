"""The cost of copy detection per article, at 10,000 and 100,000 articles.

    python benchmarks/copies.py                    # 10k and 100k, 3 runs each
    python benchmarks/copies.py --sizes 10000 --runs 1

Builds the articles in memory from ../shared/data/corpus/indosum-dev (never
written anywhere): the 3,463 texts as they are, then replicas of them in which
every word takes one of four endings (none, -ku, -lah, -nya) picked by a hash
of the word and the replica number, so that replicas keep the length, layout
and word frequencies of news but share almost no shingles with one another.
One article in twenty is instead a light-edit variant
(`warta.gold.stories.variant_text`) of an earlier one, so the index finds
copies as it would in an archive. Text building is outside the timing.

Each run indexes all articles into a fresh `warta.copies.CopyIndex`
(signature, LSH query, LSH insertion, grouping) and reports the CPU time per
article (process time: the figure a loaded, shared machine does not
inflate); the signature alone is timed on the first 10,000. Prints the
median of the runs as Markdown. The budget: ingest without analysis runs at 2,000
articles/s or more, 0.5 ms per article, so copy detection must stay well
under that and must not grow with the archive.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warta.copies import CopyIndex, signature  # noqa: E402
from warta.gold.stories import EDITS, variant_text  # noqa: E402

INDOSUM = ROOT.parent / "shared" / "data" / "corpus" / "indosum-dev" / "articles.jsonl"
WORD = re.compile(r"\w+")
ENDINGS = ("", "ku", "lah", "nya")
COPY_SHARE = 0.05


def build(n: int, seed: int = 18) -> list[tuple[str, str, datetime]]:
    texts = [json.loads(line)["text"] for line in INDOSUM.open(encoding="utf-8")]
    rng = random.Random(seed)
    start = datetime(2017, 1, 1, tzinfo=UTC)
    edits = sorted(EDITS)
    articles: list[tuple[str, str, datetime]] = []
    for i in range(n):
        published = start + timedelta(minutes=i)
        replica, base = divmod(i, len(texts))
        if articles and rng.random() < COPY_SHARE:
            _, original, _ = articles[rng.randrange(len(articles))]
            text = variant_text(original, rng.randrange(10_000), rng.sample(edits, rng.randint(1, 3)))
        elif replica == 0:
            text = texts[base]
        else:
            def ending(word: re.Match[str], replica: int = replica) -> str:
                return word.group() + ENDINGS[zlib.crc32(f"{replica}:{word.group()}".encode()) % len(ENDINGS)]
            text = WORD.sub(ending, texts[base])
        articles.append((f"a{i}", text, published))
    return articles


def index_run(articles: list[tuple[str, str, datetime]]) -> tuple[float, int]:
    index = CopyIndex()
    began = time.process_time()
    for article, text, published in articles:
        index.add(article, text, published)
    elapsed = time.process_time() - began
    return elapsed / len(articles) * 1000, len(index.groups())


def signature_run(articles: list[tuple[str, str, datetime]]) -> float:
    began = time.process_time()
    for _, text, _ in articles:
        signature(text)
    return (time.process_time() - began) / len(articles) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not INDOSUM.exists():
        sys.exit(f"needs {INDOSUM}")
    rows = []
    for size in args.sizes:
        articles = build(size)
        signatures = [signature_run(articles[:10_000]) for _ in range(args.runs)]
        runs = [index_run(articles) for _ in range(args.runs)]
        per_article = statistics.median(ms for ms, _ in runs)
        rows.append((size, statistics.median(signatures), per_article, runs[0][1]))
        print(f"{size:>7,} articles: signature {rows[-1][1]:.3f} ms, signature+LSH+grouping "
              f"{per_article:.3f} ms/article ({[round(ms, 3) for ms, _ in runs]}), {runs[0][1]:,} copy groups",
              file=sys.stderr)
    print("| articles | signature (ms/article) | signature + LSH + grouping (ms/article) | articles/s | copy groups |")
    print("|---:|---:|---:|---:|---:|")
    for size, sig, per_article, groups in rows:
        print(f"| {size:,} | {sig:.3f} | {per_article:.3f} | {1000 / per_article:,.0f} | {groups:,} |")


if __name__ == "__main__":
    main()
