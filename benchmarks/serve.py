"""Explorer load benchmark: API search and article page latency under 16 clients.

    python benchmarks/serve.py --db /path/to/100k.db           # an existing database
    python benchmarks/serve.py --n 100000                        # builds one with benchmarks/ingest.py's corpus

Starts `warta serve` on a free loopback port, then 16 concurrent clients
(threads with keep-alive httpx clients, on this machine only) send a fixed
number of requests each: `/api/search?q=...` with 1-3 word queries drawn like
benchmarks/ingest.py's, and `/articles/{id}` pages for random stored articles.
Reports p50/p95/p99 per endpoint and the server process's peak RSS
(/proc/PID/status VmHWM). Every loop is bounded in count; the server is
stopped at the end.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import ensure_corpus, machine, percentile, query_set  # noqa: E402

WARTA = [shutil.which("warta")] if shutil.which("warta") else [sys.executable, "-m", "warta"]


def build(n: int, db: Path) -> Path:
    folder = ensure_corpus(n, ROOT / "benchmarks" / "out" / f"corpus-{n}")
    if not db.exists():
        subprocess.run([*WARTA, "ingest", str(folder), "--db", str(db), "-q", "--no-analyze"], check=True)
    return folder


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([*WARTA, "serve", "--db", str(db), "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    url = line.split(" on ", 1)[1].split()[0]
    for _ in range(100):
        try:
            if httpx.get(url + "api/stats", timeout=5).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def peak_rss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load(url: str, paths: list[str], clients: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    chunks = [paths[i::clients] for i in range(clients)]

    def worker(chunk: list[str]) -> None:
        mine = []
        with httpx.Client(base_url=url, timeout=30) as client:
            for path in chunk:
                started = time.perf_counter()
                response = client.get(path)
                mine.append((time.perf_counter() - started) * 1000)
                if response.status_code >= 500:
                    raise SystemExit(f"{path}: {response.status_code}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=1600, help="per endpoint, spread over the clients")
    args = parser.parse_args()
    db = args.db or ROOT / "benchmarks" / "out" / f"serve-{args.n}.db"
    folder = build(args.n, db) if args.db is None else None
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles WHERE superseded_by IS NULL")]
    rng = random.Random(11)
    queries = query_set(folder, args.requests) if folder else ["presiden", "banjir jakarta", "menteri keuangan"] * (
        args.requests // 3)
    server, url = start_server(db)
    try:
        load(url, [f"/api/search?q={q}" for q in queries[:50]], args.clients)  # warm up
        search = load(url, [f"/api/search?q={q}" for q in queries], args.clients)
        pages = load(url, [f"/articles/{rng.choice(ids)}" for _ in range(args.requests)], args.clients)
        rss = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\n{len(ids):,} articles, {args.clients} concurrent clients, {args.requests} requests per endpoint\n")
    print("| endpoint | p50 | p95 | p99 |\n|---|---|---|---|")
    for name, values in (("GET /api/search?q=…", search), ("GET /articles/{id}", pages)):
        print(f"| {name} | {percentile(values, 50):.1f} ms | {percentile(values, 95):.1f} ms | "
              f"{percentile(values, 99):.1f} ms |")
    print(f"\nserver peak RSS: {rss:.0f} MB. Machine: {machine()}")


if __name__ == "__main__":
    main()
