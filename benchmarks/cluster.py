"""Full analysis on a local Dask cluster of 1 and of 2 workers into PostgreSQL: throughput and scaling.

    python benchmarks/cluster.py                      # 400 articles, 3 runs per cluster size
    python benchmarks/cluster.py --n 200 --runs 1

1. Generates N articles in warta text from the real IndoSum dev articles
   (benchmarks/corpus.py; once, reused if present).
2. For each cluster size (1 and 2 single-threaded worker processes,
   `--cluster local:1` / `local:2` as `warta ingest` starts them) and each
   run: a new database on a throwaway PostgreSQL server (warta.store.pgtesting),
   a new LocalCluster whose workers load the spaCy pipeline as they start
   (warta.cluster's worker plugin), then `warta.cluster.ingest` with analysis
   of all N articles, timed from the first task submitted to the last
   committed. Cluster start and pipeline load are timed separately: they
   are paid once per `warta ingest`, not per article. `write_share` is the
   part of the workers' time spent in the store's write (waiting for the
   write lock included); `cpu_share` the part of their wall time the
   workers were on a core (below 1: waiting for the lock, for work, or for a
   core the box's other processes hold); `cpu_seconds_per_article` what an
   article costs the workers whatever the load, beside what it costs
   PostgreSQL's processes and the client (with the scheduler, in this process).
3. Reports articles/s (median of the runs) for each size, the scaling
   efficiency (2-worker throughput / (2 x 1-worker throughput)), and
   articles per hour per worker core for sizing. Printed as Markdown for
   BENCHMARKS.md and saved as JSON, with the machine and its load average
   (other work shares the box).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_generator  # noqa: E402
from ingest import machine  # noqa: E402

from warta import cluster  # noqa: E402
from warta.store import open_store  # noqa: E402
from warta.store.pgtesting import ThrowawayPostgres  # noqa: E402


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def database_cpu(server: ThrowawayPostgres) -> float:
    """CPU seconds used so far by the throwaway server's processes (the backends doing warta's writes)."""
    import psutil

    total = 0.0
    for process in psutil.process_iter(["cmdline"]):
        try:
            if process.info["cmdline"] and process.info["cmdline"][0].endswith("postgres") and \
                    str(server.folder) in " ".join(process.info["cmdline"]):
                for member in [process, *process.children()]:
                    times = member.cpu_times()
                    total += times.user + times.system
        except psutil.Error:
            continue
    return total


def one_run(server: ThrowawayPostgres, files: list[str], workers: int, per_task: int | None) -> dict:
    url = server.new_database()
    open_store(url).close()  # migrated once by the client, as `warta ingest` does
    started = time.perf_counter()
    with cluster.connect(f"local:{workers}") as client:
        client.register_plugin(cluster.load_pipeline_plugin())  # every worker loads spaCy, and waits for it
        ready = time.perf_counter()
        load_before = load_average()
        cpu_before = sum(client.run(time.process_time).values())
        database_before, client_before = database_cpu(server), time.process_time()
        writes: list[float] = []  # each task's time in store.ingest (the write lock included)
        report = cluster.ingest(client, files, cluster.Settings(url, analyze=True), per_task=per_task,
                                on_task=lambda task: writes.append(task.seconds))
        seconds = time.perf_counter() - ready
        cpu = sum(client.run(time.process_time).values()) - cpu_before
        database, scheduler = database_cpu(server) - database_before, time.process_time() - client_before
    with open_store(url) as store:
        stats = store.stats()
    assert stats["articles"] == len(files) and stats["analyzed"] == len(files), stats
    return {"workers": workers, "articles": report.ingested, "seconds": round(seconds, 2),
            "articles_per_second": round(report.ingested / seconds, 2),
            "startup_seconds": round(ready - started, 2), "tasks": len(writes),
            "write_share": round(sum(writes) / (seconds * workers), 3),
            "cpu_seconds_per_article": round(cpu / max(report.ingested, 1), 3),
            "cpu_share": round(cpu / (seconds * workers), 3),
            "database_cpu_seconds_per_article": round(database / max(report.ingested, 1), 3),
            "client_cpu_seconds_per_article": round(scheduler / max(report.ingested, 1), 3),
            "load_average_before": load_before,
            "load_average_after": load_average()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="articles (default 400)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-task", type=int, default=None,
                        help=f"articles per task (default {cluster.ARTICLES_PER_TASK_NLP})")
    parser.add_argument("--corpus", type=Path, default=None, help="where the generated corpus goes")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "cluster.json")
    args = parser.parse_args()

    folder = args.corpus or ROOT / "benchmarks" / "out" / f"corpus-real-{args.n}"
    if not folder.exists():
        corpus_generator.generate(args.n, folder)
    files = [str(p) for p in sorted(folder.rglob("*.txt"))][:args.n]
    runs: dict[int, list[dict]] = {1: [], 2: []}
    with ThrowawayPostgres() as server:
        for _ in range(args.runs):
            for workers in (1, 2):  # interleaved, so a change in the box's load hits both sizes alike
                result = one_run(server, files, workers, args.per_task)
                runs[workers].append(result)
                print(json.dumps(result), flush=True)
    rate = {w: statistics.median(r["articles_per_second"] for r in runs[w]) for w in runs}
    efficiency = rate[2] / (2 * rate[1])
    # Each 2-worker run against the 1-worker run just before it: the box's load changes between
    # pairs more than within one, so the median of the pairs says more than the ratio of medians.
    pairs = [two["articles_per_second"] / (2 * one["articles_per_second"]) for one, two in zip(runs[1], runs[2])]
    summary = {"machine": machine(), "articles": len(files), "runs": args.runs,
               "articles_per_task": args.per_task or cluster.ARTICLES_PER_TASK_NLP,
               "articles_per_second": rate, "scaling_efficiency": round(efficiency, 3),
               "scaling_efficiency_paired": [round(p, 3) for p in pairs],
               "articles_per_hour_per_worker_core": {w: round(rate[w] * 3600 / w) for w in rate},
               "startup_seconds": {w: statistics.median(r["startup_seconds"] for r in runs[w]) for w in runs},
               "cpu_seconds_per_article": {w: statistics.median(r["cpu_seconds_per_article"] for r in runs[w])
                                           for w in runs},
               "cpu_share": {w: statistics.median(r["cpu_share"] for r in runs[w]) for w in runs},
               "database_cpu_seconds_per_article": {
                   w: statistics.median(r["database_cpu_seconds_per_article"] for r in runs[w]) for w in runs},
               "client_cpu_seconds_per_article": {
                   w: statistics.median(r["client_cpu_seconds_per_article"] for r in runs[w]) for w in runs},
               "load_average_at_end": load_average(), "all_runs": runs}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2))
    print()
    print(f"{len(files):,} articles, full analysis, into PostgreSQL; median of {args.runs} runs; {machine()}")
    print()
    print("| local Dask cluster | articles/s | articles/hour per worker core | CPU s per article: workers / "
          "PostgreSQL / client | workers on a core | cluster start + pipeline load |")
    print("|---|---|---|---|---|---|")
    for w in (1, 2):
        print(f"| {w} worker{'s' if w > 1 else ''} | {rate[w]:.2f} | {rate[w] * 3600 / w:,.0f} | "
              f"{summary['cpu_seconds_per_article'][w]:.3f} / {summary['database_cpu_seconds_per_article'][w]:.3f} / "
              f"{summary['client_cpu_seconds_per_article'][w]:.3f} | {summary['cpu_share'][w]:.0%} | "
              f"{summary['startup_seconds'][w]:.1f} s |")
    print()
    print(f"scaling efficiency (2-worker / (2 x 1-worker)): {efficiency:.3f} from the medians; "
          f"{statistics.median(pairs):.3f} the median of the runs paired "
          f"({' / '.join(f'{p:.2f}' for p in pairs)}); load average at the end {summary['load_average_at_end']}")


if __name__ == "__main__":
    main()
