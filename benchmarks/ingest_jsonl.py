"""One large JSONL file, ingested with analysis, against the bare pipeline.

    python benchmarks/ingest_jsonl.py               # 1,000 IndoSum articles, 3 runs each
    python benchmarks/ingest_jsonl.py --n 300 --runs 1

Builds, in a temporary folder (never in the repository), one JSONL file of
`--n` articles from ../shared/data/corpus/indosum-dev (headline: the first
sentence; date: the approximate date IndoSum gives). Then, each run in its
own process:

- `pipe`: `nlp.pipe(docs, n_process=2)` over the canonical texts of the same
  articles (the pipeline loaded first, outside the timing, as in
  benchmarks/nlp.py; the two worker processes start inside it);
- `ingest`: `warta ingest FILE.jsonl` with analysis into a fresh database,
  timed as the whole command (start-up, reading, analysis, stemming,
  storing, indexing).

Reports the median wall time of each and their ratio; the target is
ingest within 15 % of the pipe. Prints Markdown for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INDOSUM = ROOT.parent / "shared" / "data" / "corpus" / "indosum-dev" / "articles.jsonl"
WARTA = [sys.executable, "-m", "warta"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "OMP_NUM_THREADS": "1"}


def build(n: int, path: Path) -> int:
    """Write `n` IndoSum articles as warta JSONL; return their word count."""
    words = 0
    with open(INDOSUM, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as out:
        for count, line in enumerate(source):
            if count >= n:
                break
            record = json.loads(line)
            text = record["text"]
            title = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0][:140]
            out.write(json.dumps({"id": record["id"], "published": record["approx_date_from_id_epoch"][:10],
                                  "title": title, "text": text, "source": record.get("source"),
                                  "url": record.get("url")}, ensure_ascii=False) + "\n")
            words += len(text.split())
    return words


def pipe_child(path: str) -> None:
    """In a fresh process: nlp.pipe(n_process=2) over the file's articles."""
    sys.path.insert(0, str(ROOT / "src"))
    import warta.nlp
    from warta.formats import read_file
    from warta.model import Article

    articles = [a for a in read_file(path) if isinstance(a, Article)]
    nlp = warta.nlp.load()
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.published = article.published
        docs.append(doc)
    started = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(docs, batch_size=64, n_process=2))
    print(json.dumps({"seconds": time.perf_counter() - started, "articles": len(docs), "entities": entities}))


def run_pipe(path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--pipe-child", str(path)], capture_output=True, text=True,
                         env=ENV, check=True)
    return json.loads(out.stdout)


def run_ingest(path: Path, db: Path, workers: int | None) -> dict:
    for leftover in db.parent.glob(db.name + "*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    extra = ["--workers", str(workers)] if workers else []
    started = time.perf_counter()
    out = subprocess.run([*WARTA, "ingest", str(path), "--db", str(db), "-q", "--json", *extra],
                         capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"ingest failed: {out.stderr}")
    summary = json.loads(out.stdout)
    return {"seconds": seconds, "articles": summary["ingested"], "analysis_failed": summary["analysis_failed"]}


def load_average() -> str:
    try:
        return " / ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="ingest --workers (default: one per core)")
    parser.add_argument("--pipe-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pipe_child:
        pipe_child(args.pipe_child)
        return
    if not INDOSUM.exists():
        raise SystemExit(f"needs {INDOSUM}")
    folder = Path(tempfile.mkdtemp(prefix="warta-jsonl-bench-"))
    try:
        path = folder / "articles.jsonl"
        words = build(args.n, path)
        print(f"{args.n:,} articles, {words:,} words, {path.stat().st_size / 1e6:.1f} MB; "
              f"load before: {load_average()}", file=sys.stderr)
        pipes, ingests = [], []
        for run in range(args.runs):  # interleaved, so a burst of other load hits both alike
            pipes.append(run_pipe(path)["seconds"])
            ingests.append(run_ingest(path, folder / "warta.db", args.workers)["seconds"])
            print(f"run {run + 1}: pipe {pipes[-1]:.1f} s, ingest {ingests[-1]:.1f} s; load {load_average()}",
                  file=sys.stderr)
        pipe, ingest = statistics.median(pipes), statistics.median(ingests)
        print(f"| `nlp.pipe(n_process=2)` | {pipe:.1f} s | {args.n / pipe:.1f} | "
              f"{' / '.join(f'{s:.1f}' for s in pipes)} |")
        print(f"| `warta ingest` (analysis, {args.workers or os.cpu_count()} workers) | {ingest:.1f} s | "
              f"{args.n / ingest:.1f} | {' / '.join(f'{s:.1f}' for s in ingests)} |")
        print(f"ingest / pipe = {ingest / pipe:.2f} (target ≤ 1.15); load after: {load_average()}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
