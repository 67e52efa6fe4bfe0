"""Entity identity over the real corpus, ingested in two orders.

    python training/entities/two_orders.py [--out DIR] [--top 50] [--workers 2]

Writes the IndoSum articles of `../shared/data/corpus` as warta JSONL twice,
in file order and shuffled (fixed seed), ingests each into a fresh SQLite
store with the full analysis and runs `warta relink`, and compares what an analyst sees first: the
most-mentioned entities (id, label, name, mentions, articles). Prints a
Markdown table of the first order's top entities with a column saying
whether the second order has the same entity at all and with the same
counts, and the number of entity ids and names that differ between the two
stores. The review of the list (is each a real entity of the right type, is
any another's duplicate) is done by hand in docs/entities-top50.md.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.gold.corpus import article_of, default_corpus_path, read_records  # noqa: E402
from warta.store import open_store  # noqa: E402


def write_jsonl(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            article = article_of(record)
            out.write(json.dumps({"id": article.external_id, "title": article.title,
                                  "published": article.published.isoformat(), "body": "\n\n".join(article.body),
                                  "source": article.source, "url": article.url}, ensure_ascii=False) + "\n")


def ingest(source: Path, db: Path, workers: int) -> float:
    for stale in db.parent.glob(db.name + "*"):
        subprocess.run(["rm", "-rf", str(stale)], check=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "warta", "ingest", str(source), "--db", str(db), "--workers", str(workers),
                    "-q", "--json"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "warta", "relink", "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def top(db: Path, n: int) -> list[dict]:
    with open_store(str(db), create=False) as store:
        return store.entities(limit=n)


def all_entities(db: Path) -> dict[str, str]:
    with open_store(str(db), create=False) as store:
        return {e["id"]: e["name"] for e in store.entities(limit=10_000_000)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/warta-two-orders"))
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    records = list(read_records(default_corpus_path()))
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    runs = {}
    for name, order in (("file-order", records), ("shuffled", shuffled)):
        source = args.out / f"{name}.jsonl"
        write_jsonl(order, source)
        seconds = ingest(source, args.out / f"{name}.db", args.workers)
        print(f"{name}: {len(order)} articles in {seconds:.0f} s", file=sys.stderr)
        runs[name] = args.out / f"{name}.db"
    first, second = top(runs["file-order"], args.top), top(runs["shuffled"], args.top)
    second_by_id = {e["id"]: e for e in second}
    print("| # | id | label | name | mentions | articles | same in the other order |")
    print("|---|---|---|---|---|---|---|")
    for rank, entity in enumerate(first, 1):
        other = second_by_id.get(entity["id"])
        same = "yes" if other and (other["name"], other["mentions"]) == (entity["name"], entity["mentions"]) \
            else ("counts differ" if other else "no")
        print(f"| {rank} | `{entity['id']}` | {entity['label']} | {entity['name']} | {entity['mentions']} | "
              f"{entity.get('articles', '')} | {same} |")
    a, b = all_entities(runs["file-order"]), all_entities(runs["shuffled"])
    print(f"\ntop-{args.top} sets equal: {[e['id'] for e in first] == [e['id'] for e in second]} "
          f"(as sets: {set(e['id'] for e in first) == set(second_by_id)}); entities {len(a)} vs {len(b)}; "
          f"ids in one store only: {len(a.keys() ^ b.keys())}; same id, other name: "
          f"{sum(1 for k in a.keys() & b.keys() if a[k] != b[k])}")


if __name__ == "__main__":
    main()
