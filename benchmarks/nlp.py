"""NLP pipeline benchmark: words/s and articles/s on real Indonesian news.

    python benchmarks/nlp.py                 # 2,000 IndoSum articles, 3 runs each mode
    python benchmarks/nlp.py --n 500 --runs 1

Runs warta's full pipeline (`warta.nlp.load()`: tokenizer, sentences, NER,
gazetteers, entity resolution) through `nlp.pipe` on one core and with
`n_process=2`, each mode in a fresh process so that peak RSS (wait4) belongs
to that mode alone. Words are whitespace-separated tokens of the input text.
Needs ../shared/data/corpus/indosum-dev (falls back to examples/corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INDOSUM = ROOT.parent / "shared" / "data" / "corpus" / "indosum-dev" / "articles.jsonl"


def texts(n: int) -> list[str]:
    found = []
    if INDOSUM.exists():
        with open(INDOSUM, encoding="utf-8") as handle:
            for line in handle:
                found.append(json.loads(line)["text"])
                if len(found) >= n:
                    break
    else:
        sys.path.insert(0, str(ROOT / "src"))
        from warta.formats import read_paths
        from warta.model import Article

        corpus = [a.text for a in read_paths([ROOT / "examples" / "corpus"]) if isinstance(a, Article)]
        while len(found) < n:
            found.extend(corpus)
        found = found[:n]
    return found


def run_mode(n: int, n_process: int) -> dict:
    """Runs in a child process: one timed pass of the pipeline."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import warta.nlp

    docs = texts(n)
    nlp = warta.nlp.load()
    list(nlp.pipe(docs[:20]))  # warm up: lazy tables, caches
    words = sum(len(t.split()) for t in docs)
    started = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(docs, batch_size=64, n_process=n_process):
        entities += len(doc.ents)
    seconds = time.perf_counter() - started
    return {"articles": len(docs), "words": words, "seconds": seconds, "entities": entities,
            "words_per_s": words / seconds, "articles_per_s": len(docs) / seconds}


def measure(n: int, n_process: int) -> dict:
    process = subprocess.Popen([sys.executable, __file__, "--child", str(n_process), "--n", str(n)],
                               stdout=subprocess.PIPE, text=True, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("benchmark child failed")
    result = json.loads(process.stdout.read())
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_mode(args.n, args.child)))
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ingest import machine

    rows = []
    for n_process in (1, 2):
        runs = [measure(args.n, n_process) for _ in range(args.runs)]
        rows.append((n_process, runs))
    source = "IndoSum dev" if INDOSUM.exists() else "examples/corpus (repeated)"
    print(f"\n{args.n:,} articles from {source}, {rows[0][1][0]['words']:,} words; median of {args.runs} runs\n")
    print("| mode | words/s | articles/s | peak RSS | entities found |\n|---|---|---|---|---|")
    for n_process, runs in rows:
        print(f"| nlp.pipe, n_process={n_process} | {statistics.median(r['words_per_s'] for r in runs):,.0f} | "
              f"{statistics.median(r['articles_per_s'] for r in runs):,.1f} | "
              f"{statistics.median(r['peak_rss_mb'] for r in runs):,.0f} MB | {runs[0]['entities']:,} |")
    print(f"\nMachine: {machine()}")


if __name__ == "__main__":
    main()
