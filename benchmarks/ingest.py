"""Ingest and search benchmark: articles/s, database size, peak RSS, search latency.

    python benchmarks/ingest.py                 # 100,000 articles, 3 ingest runs, 1,000 searches
    python benchmarks/ingest.py --n 10000 --runs 1
    python benchmarks/ingest.py --backend postgres   # the same into PostgreSQL (a throwaway server)
    python benchmarks/ingest.py --backend both       # PostgreSQL, then SQLite beside it, one table

1. Generates the corpus with benchmarks/corpus.py (once; reused if present).
2. Runs `warta ingest` on it (which stores each article's MinHash signature
   and groups copies: docs/stories.md) in a fresh database, `--runs` times, each in its
   own process, measuring wall time and the process's peak RSS (wait4), and
   once on a tenth of the corpus to show that memory does not grow with it.
3. Runs `--queries` searches of 1-3 words (a third of the words drawn from
   the 200 most frequent in the corpus, the rest from the next 20,000) for
   the top 10 with snippets, through the store API as the CLI and the web
   server use it, and reports p50/p95/p99 latency.
Results are printed as Markdown for BENCHMARKS.md and saved as JSON.

With `--backend postgres` every run goes into a new database on a throwaway
PostgreSQL server this script starts (warta.store.pgtesting: initdb +
pg_ctl, unix socket, durability off as for the SQLite runs' synchronous=NORMAL
it is not comparable with; the RUM extension when installed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_generator  # noqa: E402

from warta.store import open_store  # noqa: E402
from warta.store.pgtesting import ThrowawayPostgres  # noqa: E402

#: docs/scale.md: trading RUM's index-ordered top-k for GIN's cheaper writes.
GIN_SWAP = ("DROP INDEX search_docs_terms; "
            "CREATE INDEX search_docs_terms ON search_docs USING gin (terms)")

WARTA = [shutil.which("warta")] if shutil.which("warta") else [sys.executable, "-m", "warta"]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def ensure_corpus(n: int, folder: Path) -> Path:
    marker = folder / f".complete-{n}"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        corpus_generator.generate(n, folder)
        marker.touch()
        print(f"generated {n:,} articles in {time.perf_counter() - started:.0f}s → {folder}", file=sys.stderr)
    return folder


def timed_ingest(inputs: list[str], db: Path | str) -> dict:
    if isinstance(db, Path):
        for leftover in db.parent.glob(db.name + "*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen([*WARTA, "ingest", *inputs, "--db", str(db), "-q", "--json", "--no-analyze"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out = process.stdout.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest failed: {process.stderr.read()}")
    summary = json.loads(out)
    return {"seconds": seconds, "articles": summary["ingested"], "rejected": summary["rejected"],
            "articles_per_s": summary["ingested"] / seconds, "peak_rss_mb": usage.ru_maxrss / 1024,
            "load_before": load, "load_after": os.getloadavg()[0],
            # CPU of the ingest process and its reader workers (not of a PostgreSQL server): on a
            # shared machine, what the run would cost on idle cores.
            "cpu_ms_per_article": (usage.ru_utime + usage.ru_stime) * 1000 / max(1, summary["ingested"])}


def query_set(folder: Path, count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words: Counter[str] = Counter()
    files = sorted(folder.rglob("*.txt"))
    for path in rng.sample(files, min(2000, len(files))):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8")))
    ranked = [w for w, _ in words.most_common(20_200) if w not in {"date", "sumber"}]
    common, rest = ranked[:200], ranked[200:]
    queries = []
    for _ in range(count):
        size = rng.choice([1, 2, 3])
        queries.append(" ".join(rng.choice(common) if rng.random() < 1 / 3 else rng.choice(rest) for _ in range(size)))
    return queries


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def search_latency(db: Path | str, queries: list[str]) -> dict:
    with open_store(db, create=False) as store:
        for q in queries[:20]:  # warm the OS cache and the stemmer cache
            store.search(q)
        latencies, empty = [], 0
        for q in queries:
            started = time.perf_counter()
            results = store.search(q, limit=10)
            latencies.append((time.perf_counter() - started) * 1000)
            empty += not results.hits
        single = [lat for q, lat in zip(queries, latencies) if " " not in q]
    return {"queries": len(queries), "no_hits": empty,
            "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99), "max_ms": max(latencies),
            "single_word_p95_ms": percentile(single, 95) if single else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default benchmarks/out/corpus-N)")
    parser.add_argument("--workdir", type=Path, default=None, help="where the databases go (default: a temp dir)")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="sqlite",
                        help="both: PostgreSQL, then SQLite on the same corpus and queries")
    parser.add_argument("--pg-index", choices=("rum", "gin"), default="rum",
                        help="PostgreSQL search index (gin: swapped in as docs/scale.md shows)")
    args = parser.parse_args()
    if args.backend == "both":
        # Each backend in its own process: a child's peak RSS (wait4) starts from its parent's
        # RSS at fork, and this process grows while it searches the first backend's store.
        results = []
        for backend in ("postgres", "sqlite"):
            command = ["--n", str(args.n), "--runs", str(args.runs), "--queries", str(args.queries),
                       "--backend", backend, "--pg-index", args.pg_index]
            for option in ("corpus", "workdir"):
                if getattr(args, option):
                    command += [f"--{option}", str(getattr(args, option))]
            subprocess.run([sys.executable, __file__, *command], check=True)
            name = backend + (f"-{args.pg_index}" if backend == "postgres" else "")
            results.append(json.loads((ROOT / "benchmarks" / "out" / f"ingest-{name}-{args.n}.json").read_text()))
        print(side_by_side(results))
        return
    server = ThrowawayPostgres().start() if args.backend == "postgres" else None
    try:
        run(args, server)
    finally:
        if server is not None:
            server.stop()


def side_by_side(results: list[dict]) -> str:
    """The backends' figures as one Markdown table (for BENCHMARKS.md)."""
    def cell(result: dict, key: str) -> str:
        runs, search = result["ingest_runs"], result["search"]
        return {
            "ingest": f"**{result['ingest_articles_per_s_median']:,.0f} articles/s** "
                      f"({result['ingest_seconds_median']:.1f} s)",
            "runs": " / ".join(f"{r['articles_per_s']:,.0f}" for r in runs),
            "cpu": " / ".join(f"{r['cpu_ms_per_article']:.2f}" for r in runs),
            "load": " / ".join(f"{r['load_before']:.1f}-{r['load_after']:.1f}" for r in runs),
            "rss": f"{result['peak_rss_mb_median']:.0f} MB",
            "size": f"{result['database_mb']:,.0f} MB + {result['index_mb']:,.0f} MB",
            "search": f"{search['p50_ms']:.1f} / **{search['p95_ms']:.1f}** / {search['p99_ms']:.1f} ms",
            "single": f"{search['single_word_p95_ms']:.1f} ms",
            "copies": f"{result['copy_groups']:,} ({result['articles_in_copy_groups']:,} articles)",
        }[key]
    rows = [("ingest without analysis, median of runs", "ingest"), ("runs (articles/s)", "runs"),
            ("CPU of warta's processes per article (ms, runs)", "cpu"),
            ("load average before-after each run", "load"), ("peak RSS of the warta processes", "rss"),
            ("database + search index", "size"), ("search p50 / p95 / p99 (top 10 with snippets)", "search"),
            ("single-word search p95", "single"), ("copy groups", "copies")]
    names = [f"{r['backend']} ({r['search_index']})" for r in results]
    same = len({json.dumps(r["copy_group_ids"]) for r in results}) == 1
    lines = [f"| measure ({results[0]['articles']:,} articles) | " + " | ".join(names) + " |",
             "|---|" + "---|" * len(results)]
    lines += [f"| {label} | " + " | ".join(cell(r, key) for r in results) + " |" for label, key in rows]
    return "\n".join(lines) + f"\n\nCopy groups identical on every backend: {'yes' if same else 'NO'}.\n"


def run(args: argparse.Namespace, server: ThrowawayPostgres | None) -> dict:

    folder = ensure_corpus(args.n, args.corpus or ROOT / "benchmarks" / "out" / f"corpus-{args.n}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="warta-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    def fresh(name: str) -> Path | str:
        if server is None:
            return workdir / name
        url = server.new_database()
        with open_store(url) as store:  # migrated here, not in the timed run
            if args.pg_index == "gin":
                store.db.execute(GIN_SWAP)  # type: ignore[attr-defined]
        return url

    tenth = sorted(p for p in folder.iterdir() if p.is_dir())[: max(1, len([*folder.iterdir()]) // 10)]
    small = timed_ingest([str(p) for p in tenth], fresh("tenth.db"))
    runs = []
    for _ in range(args.runs):
        db = fresh("bench.db")
        runs.append(timed_ingest([str(folder)], db))
    median_run = sorted(runs, key=lambda r: r["articles_per_s"])[len(runs) // 2]
    with open_store(db, create=False) as store:
        stats = store.stats()
        groups = store.copy_group_members()
        started = time.perf_counter()
        store.refresh_stories(force=True)
        stories_seconds = time.perf_counter() - started
        stories_total = store.stories(limit=1)[0]
    search = search_latency(db, query_set(folder, args.queries))

    result = {
        "machine": machine(), "date": time.strftime("%Y-%m-%d"), "backend": args.backend,
        "pg_index": args.pg_index if args.backend == "postgres" else None,
        "search_index": stats.get("search_index", "tantivy"), "load_average": os.getloadavg(),
        "articles": stats["articles"],
        "ingest_runs": runs, "ingest_articles_per_s_median": statistics.median(r["articles_per_s"] for r in runs),
        "ingest_seconds_median": statistics.median(r["seconds"] for r in runs),
        "peak_rss_mb_median": statistics.median(r["peak_rss_mb"] for r in runs),
        "peak_rss_mb_tenth": small["peak_rss_mb"], "tenth_articles": small["articles"],
        "database_mb": stats["database_bytes"] / 1e6, "index_mb": stats["index_bytes"] / 1e6,
        "search": search,
        "copy_groups": len(groups), "articles_in_copy_groups": sum(len(g) for g in groups),
        "largest_copy_group": max((len(g) for g in groups), default=0),
        "stories": stories_total, "stories_seconds": stories_seconds,
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    name = args.backend + (f"-{args.pg_index}" if args.backend == "postgres" else "")
    (out / f"ingest-{name}-{args.n}.json").write_text(json.dumps({**result, "copy_group_ids": groups}, indent=2))
    print(f"""
| measure | value |
|---|---|
| backend | {args.backend} (search index: {result['search_index']}) |
| articles | {stats['articles']:,} |
| ingest (read + parse + store + index), median of {len(runs)} | {result['ingest_articles_per_s_median']:,.0f} articles/s ({result['ingest_seconds_median']:.1f} s) |
| ingest runs | {', '.join(f"{r['articles_per_s']:,.0f}" for r in runs)} articles/s |
| CPU of warta's processes per article (runs) | {', '.join(f"{r['cpu_ms_per_article']:.2f}" for r in runs)} ms |
| load average before-after each run | {', '.join(f"{r['load_before']:.1f}-{r['load_after']:.1f}" for r in runs)} |
| peak RSS, full corpus (median) | {result['peak_rss_mb_median']:.0f} MB |
| peak RSS, a tenth of the corpus ({small['articles']:,} articles) | {small['peak_rss_mb']:.0f} MB |
| database + index size | {result['database_mb']:.0f} MB + {result['index_mb']:.0f} MB |
| search top-10 with snippets, {search['queries']:,} queries of 1-3 words | p50 {search['p50_ms']:.1f} ms, p95 {search['p95_ms']:.1f} ms, p99 {search['p99_ms']:.1f} ms, max {search['max_ms']:.1f} ms |
| single-word queries p95 | {search['single_word_p95_ms']:.1f} ms |
| queries with no hits | {search['no_hits']} |
| copy groups found at ingest | {len(groups):,} ({result['articles_in_copy_groups']:,} articles, largest {result['largest_copy_group']}) |
| stories recomputed from the store | {stories_total:,} stories in {stories_seconds:.1f} s |

Machine: {result['machine']}. Load average at the end: {' / '.join(f'{x:.1f}' for x in result['load_average'])}. median_run={median_run['articles_per_s']:,.0f}/s
""")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


if __name__ == "__main__":
    main()
