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

With `--tool wrk` (Debian package `wrk`) the same requests are sent by wrk
(16 connections, one thread, a fixed duration): a load generator in C takes far
less of the machine's two cores than Python client threads do, so the server's
latency is measured rather than the client's.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
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
    """Peak RSS of the server: its own plus its worker processes' (VmHWM)."""
    def hwm(p: int) -> float:
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    children = []
    try:
        children = [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        pass
    return hwm(pid) + sum(hwm(c) for c in children)


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


WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f %%d\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.duration))
end
"""


def load_wrk(url: str, paths: list[str], clients: int, seconds: int, workdir: Path) -> dict:
    listing = workdir / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = workdir / "paths.lua"
    script.write_text(WRK_SCRIPT % listing)
    result = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "-s", str(script), url],
                            capture_output=True, text=True, timeout=seconds + 60, check=True)
    line = next(row for row in result.stdout.splitlines() if row.startswith("RESULT"))
    requests, errors, p50, p95, p99, duration = line.split()[1:]
    return {"requests": int(requests), "errors": int(errors), "p50": float(p50), "p95": float(p95),
            "p99": float(p99), "rate": int(requests) / (int(duration) / 1e6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=1600, help="per endpoint, spread over the clients")
    parser.add_argument("--tool", choices=["python", "wrk"], default="python")
    parser.add_argument("--seconds", type=int, default=20, help="wrk: duration per endpoint")
    parser.add_argument("--runs", type=int, default=3, help="wrk: runs per endpoint (the median is reported)")
    args = parser.parse_args()
    db = args.db or ROOT / "benchmarks" / "out" / f"serve-{args.n}.db"
    folder = build(args.n, db) if args.db is None else None
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles WHERE superseded_by IS NULL")]
    rng = random.Random(11)
    queries = query_set(folder, args.requests) if folder else ["presiden", "banjir jakarta", "menteri keuangan"] * (
        args.requests // 3)
    server, url = start_server(db)
    search_paths = [f"/api/search?q={q.replace(' ', '+')}" for q in queries]
    page_paths = [f"/articles/{rng.choice(ids)}" for _ in range(args.requests)]
    try:
        load(url, search_paths[:50], args.clients)  # warm up
        if args.tool == "wrk":
            import tempfile

            workdir = Path(tempfile.mkdtemp(prefix="warta-wrk-"))
            def median_of_runs(paths: list[str]) -> dict:
                runs = [load_wrk(url, paths, args.clients, args.seconds, workdir) for _ in range(args.runs)]
                return {key: statistics.median(r[key] for r in runs) for key in runs[0]}

            results = [("GET /api/search?q=…", median_of_runs(search_paths)),
                       ("GET /articles/{id}", median_of_runs(page_paths))]
        else:
            search = load(url, search_paths, args.clients)
            pages = load(url, page_paths, args.clients)
        rss = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.tool == "wrk":
        print(f"\n{len(ids):,} articles, wrk, {args.clients} connections, {args.seconds} s per endpoint, "
              f"median of {args.runs} runs\n")
        print("| endpoint | requests | errors | req/s | p50 | p95 | p99 |\n|---|---|---|---|---|---|---|")
        for name, r in results:
            print(f"| {name} | {r['requests']:,.0f} | {r['errors']:.0f} | {r['rate']:.0f} | {r['p50']:.1f} ms | "
                  f"{r['p95']:.1f} ms | {r['p99']:.1f} ms |")
        print(f"\nserver peak RSS (all its processes): {rss:.0f} MB. Machine: {machine()}")
        return
    print(f"\n{len(ids):,} articles, {args.clients} concurrent clients, {args.requests} requests per endpoint\n")
    print("| endpoint | p50 | p95 | p99 |\n|---|---|---|---|")
    for name, values in (("GET /api/search?q=…", search), ("GET /articles/{id}", pages)):
        print(f"| {name} | {percentile(values, 50):.1f} ms | {percentile(values, 95):.1f} ms | "
              f"{percentile(values, 99):.1f} ms |")
    print(f"\nserver peak RSS: {rss:.0f} MB. Machine: {machine()}")


if __name__ == "__main__":
    main()
