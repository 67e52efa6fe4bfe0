"""Draw the real-text gold articles from IndoSum, reproducibly.

    python training/gold/select.py            # writes tests/gold/real/articles.json

Three groups, drawn with a fixed seed from articles of 1,200 to 4,500
characters (long enough to hold quotes and events, short enough to annotate
every layer exhaustively):
- `news`: 50 articles of the news category (`tajuk utama`);
- `other`: 15 of the other categories (sport, entertainment, technology...);
- `linked`: 15 further articles chosen because they share the most
  capitalised two-word names (a cheap proxy for people and organisations)
  with the first 65, so that identity across articles is tested.
Each group is split 60 % development / 40 % held-out: its articles are
ordered by a hash of their id and the first 60 % are development, so the
split is fixed by the ids alone.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.corpus import default_corpus_path, published_of, read_records  # noqa: E402

SEED = 20261205
SIZES = {"news": 50, "other": 15, "linked": 15}
MIN_CHARS, MAX_CHARS = 1200, 4500
DEV_SHARE = 0.6
OUT = ROOT / "tests" / "gold" / "real" / "articles.json"
_NAME_PAIR = re.compile(r"\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b")
#: Pairs that are places, weekdays or outlets rather than people or bodies.
_NOT_NAMES = {"Jakarta Pusat", "Jakarta Selatan", "Jakarta Timur", "Jakarta Barat", "Jakarta Utara",
              "Jawa Barat", "Jawa Timur", "Jawa Tengah", "Sumatera Utara", "Sumatera Barat", "Sulawesi Selatan",
              "Amerika Serikat", "Korea Utara", "Korea Selatan", "Timur Tengah", "Asia Tenggara",
              "Cnn Indonesia", "Tim Nasional"}


def names(text: str) -> set[str]:
    return {" ".join(m.groups()) for m in _NAME_PAIR.finditer(text)} - _NOT_NAMES


def parts(ids: list[str]) -> dict[str, str]:
    """`dev` for the first 60 % of `ids` in hash order, `held-out` for the rest."""
    ordered = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    n_dev = round(len(ordered) * DEV_SHARE)
    return {i: "dev" if rank < n_dev else "held-out" for rank, i in enumerate(ordered)}


def select(records: list[dict]) -> list[dict]:
    rng = random.Random(SEED)
    pool = [r for r in records if MIN_CHARS <= len(r["text"]) <= MAX_CHARS]
    news = sorted((r for r in pool if r["category"] == "tajuk utama"), key=lambda r: r["id"])
    other = sorted((r for r in pool if r["category"] != "tajuk utama"), key=lambda r: r["id"])
    chosen = [("news", r) for r in rng.sample(news, SIZES["news"])]
    chosen += [("other", r) for r in rng.sample(other, SIZES["other"])]
    taken = {r["id"] for _, r in chosen}
    known = Counter(n for _, r in chosen for n in names(r["text"]))
    candidates = [r for r in pool if r["id"] not in taken]
    scored = sorted(candidates, key=lambda r: (-len(names(r["text"]) & set(known)), r["id"]))
    chosen += [("linked", r) for r in scored[:SIZES["linked"]]]
    part = {}
    for group in SIZES:
        part.update(parts([r["id"] for g, r in chosen if g == group]))
    out = []
    for group, record in chosen:
        published, published_from = published_of(record)
        out.append({"id": record["id"], "group": group, "part": part[record["id"]],
                    "source": record["source"], "category": record["category"],
                    "published": published.isoformat(), "published_from": published_from})
    return out


def main() -> None:
    records = list(read_records(default_corpus_path(ROOT)))
    chosen = select(records)
    OUT.write_text(json.dumps({"seed": SEED, "corpus": "indosum-dev/articles.jsonl", "articles": chosen},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    parts = Counter((a["group"], a["part"]) for a in chosen)
    print(f"{len(chosen)} articles -> {OUT}: {dict(sorted(parts.items()))}")


if __name__ == "__main__":
    main()
