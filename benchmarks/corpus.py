"""Generate a large warta-text corpus for benchmarks, streaming to disk.

Seeds are real Indonesian news (IndoSum dev, ../shared/data, when present)
or else warta's own examples/corpus. Each generated article is a seed with
variations, so that no two are byte-identical and posting lists look like a
real archive's: a shifted publication date, a section and agency drawn at
random, paragraphs dropped and reordered, and a headline taken from a
sentence of the text. Files go into folders of 1,000, named like scraper
output (`NNNNNN_<16 hex>.txt`).

    python benchmarks/corpus.py --n 100000 --out benchmarks/out/corpus-100k
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_date

ROOT = Path(__file__).resolve().parent.parent
#: ../shared beside the checkout, or WARTA_SHARED (as the tests read it).
SHARED = Path(os.environ.get("WARTA_SHARED", ROOT.parent / "shared"))
INDOSUM = SHARED / "data" / "corpus" / "indosum-dev" / "articles.jsonl"
SECTIONS = {"tajuk utama": "NASIONAL", "olahraga": "OLAHRAGA", "showbiz": "HIBURAN", "hiburan": "HIBURAN",
            "teknologi": "TEKNOLOGI", "inspirasi": "GAYA HIDUP"}
AGENCIES = ["ANTARA", "AA", "Reuters", "AFP", "Xinhua", "Kompas"]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .,]+(?:\.COM|\.NET|\.ID)?,?\s*[A-Z .]*-\s*")


def seeds() -> list[dict]:
    """(section, paragraphs) dicts from IndoSum if present, else examples/corpus."""
    found = []
    if INDOSUM.exists():
        with open(INDOSUM, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                paragraphs = [" ".join(p.split()) for p in record["text"].split("\n\n") if p.strip()]
                if paragraphs:
                    paragraphs[0] = _DATELINE_PREFIX.sub("", paragraphs[0])
                    found.append({"section": SECTIONS.get(record["category"], "NASIONAL"), "paragraphs": paragraphs})
        return found
    sys.path.insert(0, str(ROOT / "src"))
    from warta.formats import read_paths
    from warta.model import Article

    for item in read_paths([ROOT / "examples" / "corpus"]):
        if isinstance(item, Article):
            found.append({"section": item.section or "NASIONAL", "paragraphs": item.body})
    return found


def render(seed: dict, rng: random.Random) -> tuple[date, str]:
    paragraphs = list(seed["paragraphs"])
    if len(paragraphs) > 3:
        keep = rng.randint(max(2, len(paragraphs) * 2 // 3), len(paragraphs))
        head, tail = paragraphs[:1], paragraphs[1:]
        rng.shuffle(tail)
        paragraphs = head + tail[: keep - 1]
    sentences = _SENTENCE.split(paragraphs[rng.randrange(len(paragraphs))])
    words = rng.choice(sentences).rstrip(".").split()
    title = " ".join(words[: rng.randint(6, 14)])
    published = date(2016, 1, 1) + timedelta(days=rng.randrange(365 * 10))
    section = seed["section"] if rng.random() < 0.8 else rng.choice(list(SECTIONS.values()))
    agency = rng.choice(AGENCIES)
    lines = [f" date {published.isoformat()} {section}", title]
    if rng.random() < 0.6:
        lines.append(sentences[0])
    if rng.random() < 0.5:
        lines.append(f"{' '.join(words[:8])}. / {agency}")
    lines.append(format_date(published, "d MMMM y", locale="id"))
    lines.append("")
    for paragraph in paragraphs:
        lines.extend([paragraph, ""])
    lines.append(f"SUMBER:{agency}")
    return published, "\n".join(lines) + "\n"


def generate(n: int, out: Path, seed: int = 20250904) -> int:
    rng = random.Random(seed)
    pool = seeds()
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        _, text = render(pool[i % len(pool)], rng)
        digest = hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:16]
        folder = out / f"{i // 1000:04d}"
        if i % 1000 == 0:
            folder.mkdir(exist_ok=True)
        (folder / f"{i:06d}_{digest}.txt").write_text(text, encoding="utf-8")
    return len(pool)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "corpus")
    parser.add_argument("--seed", type=int, default=20250904)
    args = parser.parse_args()
    pool = generate(args.n, args.out, args.seed)
    print(f"{args.n:,} articles from {pool:,} seeds → {args.out}")


if __name__ == "__main__":
    main()
