"""Draw the IndoSum articles annotated as extra NER training data (training/ner/extra).

    python training/ner/extra_sample.py [--n 80] > QUEUE.txt

Articles of the real-text gold (dev and held-out) are never drawn. Four in five
are news (`tajuk utama`), the share of news in the gold, the rest from the other
categories; lengths of 800-3,500 characters keep an article readable in one
sitting. The seed is fixed, so the queue is the same on every machine.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "src"))

from warta.gold.corpus import default_corpus_path, read_records  # noqa: E402

SEED = 20261206


def sample(n: int) -> list[str]:
    gold = json.loads((HERE.parent.parent / "tests" / "gold" / "real" / "articles.json").read_text(encoding="utf-8"))
    excluded = {a["id"] for a in gold["articles"]}
    readable = [r for r in read_records(default_corpus_path())
                if r["id"] not in excluded and 800 < len(r["text"]) < 3500]
    news = sorted(r["id"] for r in readable if r["category"] == "tajuk utama")
    other = sorted(r["id"] for r in readable if r["category"] != "tajuk utama")
    rng = random.Random(SEED)
    rng.shuffle(news)
    rng.shuffle(other)
    return [other.pop() if i % 5 == 4 else news.pop() for i in range(n)]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=80)
    print("\n".join(sample(ap.parse_args().n)))
