"""Ingest, reanalysis and relinking on a Dask cluster, every worker writing straight to PostgreSQL.

`--cluster local:N` starts a `dask.distributed.LocalCluster` of N
single-threaded worker processes on this machine; `--cluster tcp://HOST:PORT`
connects to a scheduler started with Dask's own `dask scheduler` (workers
joined with `dask worker`, see docs/scale.md). The client only plans: it
lists the input (local paths every worker sees, or fsspec URLs), cuts it
into tasks that name what to read (a chunk of files, or a byte range of a
JSONL file with the number of its first line), and shows a progress bar
over completed tasks. Reading, parsing, stemming, analysis and the write are
one task on a worker, which opens its own store from the database URL (once
per worker process) and commits the task's articles in one transaction.

Why a killed worker loses and duplicates nothing: a task's articles are
committed in one transaction, so a worker that dies mid-task leaves none of
them (PostgreSQL rolls back what the dead connection had begun), and Dask
runs the task again elsewhere. A task that committed but whose worker died
before the client read its result runs again too, and then finds every
article stored already: writes are keyed on the content hash (and entity,
place and name keys) and take the store's advisory write lock, so several
workers writing at once store each article and entity once, whatever order
their tasks finish in. The one trace such a replay leaves is in `warta
rejects`: a bad file read twice counts as seen twice (`times`).

Only what depends on arrival order (a lone name `Putin` is linked to
`Vladimir Putin` at ingest only if the full name was stored first, and
happenings merge in arrival order) can differ from a single-process ingest:
`warta relink` afterwards makes the linking independent of the order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from warta.formats import (
    DEFAULT_MAX_BYTES,
    KNOWN_SUFFIXES,
    decoded_text,
    expand_paths,
    read_file,
    reader_for,
    size_limit,
)
from warta.formats.decoding import DecodeError, decode
from warta.model import Analysis, Article, Reject
from warta.store import IngestReport, Store, is_database_url, open_store

#: `--cluster local:N`.
LOCAL = re.compile(r"^local:(\d+)$")
#: Schemes of a running scheduler's address (`dask scheduler` prints it).
SCHEDULER_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")
#: The message every command gives for --cluster with a SQLite database.
NEEDS_POSTGRES = "--cluster needs a shared PostgreSQL store: --db postgresql://..."

#: Articles per task. With analysis a task takes a few seconds on one core,
#: long enough that scheduling (a few ms a task) and the task's one
#: transaction are small beside it, short enough that two workers finish
#: together and a rescheduled task redoes little. Without analysis a task
#: is mostly the database write, so it is larger.
ARTICLES_PER_TASK_NLP = 32
ARTICLES_PER_TASK = 1000
#: Stored articles reanalysed, or reindexed after relinking, per task.
ARTICLES_PER_REANALYSIS = 32
ARTICLES_PER_REINDEX = 500
#: Times a task that raised is run again before the command fails with its error (a dropped
#: database connection, say). A worker that dies is another matter: Dask reruns its tasks anyway.
RETRIES = 1
#: Bytes read at a time when a JSONL file is scanned for line starts.
SCAN_BLOCK = 1 << 20


class ClusterError(ValueError):
    """A --cluster value or database that cannot be used, said in one line."""


def check(cluster: str, db: str) -> None:
    """Raise ClusterError unless `cluster` is a usable address and `db` a shared store."""
    if not (LOCAL.match(cluster) or cluster.startswith(SCHEDULER_SCHEMES)):
        raise ClusterError(f"--cluster {cluster!r}: give local:N (N worker processes here) or a scheduler "
                           "address such as tcp://HOST:8786")
    if (match := LOCAL.match(cluster)) and int(match.group(1)) < 1:
        raise ClusterError("--cluster local:N needs at least one worker")
    if not is_database_url(db):
        raise ClusterError(NEEDS_POSTGRES)


@contextmanager
def connect(cluster: str) -> Iterator[Any]:
    """A dask.distributed Client on `cluster` (a LocalCluster it starts and stops for `local:N`)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask: pip install 'warta[cluster]'") from None
    match = LOCAL.match(cluster)
    if match:
        import logging

        # Processes, one thread each: spaCy and the stemmer hold the GIL, so
        # threads would share one core. No dashboard: nothing to look at, and
        # two local clusters at once would fight over its port.
        with LocalCluster(n_workers=int(match.group(1)), threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR) as local, Client(local) as client:
            yield client
        return
    try:
        client = Client(cluster, timeout="10s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {cluster}: {exc}") from None
    with client:
        yield client


# -- the worker's side -----------------------------------------------------------

#: One store per database per worker process, opened by its first task.
_stores: dict[str, Store] = {}


@contextmanager
def worker_store(db: str) -> Iterator[Store]:
    """The worker's store for `db`. A task that fails closes it, so the next one (Dask's retry
    included) connects afresh instead of reusing a connection the failure may have broken."""
    store = _stores.get(db)
    if store is None:
        store = _stores[db] = open_store(db)
    try:
        yield store
    except BaseException:
        _stores.pop(db, None)
        store.close()
        raise


def load_pipeline_plugin() -> Any:
    """A worker plugin that loads the spaCy pipeline once as each worker starts (or joins), so
    no task pays for it: warta.nlp.load_cached keeps it for the life of the worker process."""
    from distributed import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        name = "warta-pipeline"

        def setup(self, worker: Any) -> None:
            from warta.nlp import load_cached

            load_cached()

    return LoadPipeline()


@dataclass(frozen=True)
class Settings:
    """What every ingest task needs besides its input."""

    db: str
    analyze: bool
    max_bytes: int = DEFAULT_MAX_BYTES
    mapping: Mapping[str, str] = field(default_factory=dict)


def is_url(name: str) -> bool:
    """Whether an input is an fsspec URL (`file://`, `s3://`, ...) rather than a plain path."""
    return "://" in name


def _read_url(url: str, max_bytes: int, mapping: Mapping[str, str]) -> list[Article | Reject]:
    """The articles of one whole file named by an fsspec URL (as read_file does for a path)."""
    import fsspec

    limit = size_limit(url, max_bytes)
    try:
        fs, path = fsspec.core.url_to_fs(url)
        size = fs.size(path)
        if size is not None and size > limit:
            return [Reject(url, "too_large", f"{size:,} bytes is over the limit of {limit:,} bytes")]
        with fs.open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except Exception as exc:  # noqa: BLE001 - any filesystem's failure is this file's reject
        return [Reject(url, "unreadable", f"cannot read the file: {type(exc).__name__}: {exc}")]
    if len(data) > limit:
        return [Reject(url, "too_large", f"over the limit of {limit:,} bytes")]
    text = decoded_text(url, data)
    if isinstance(text, Reject):
        return [text]
    return list(reader_for(url).read(text, url, mapping))


@dataclass(frozen=True)
class Files:
    """A task: whole files (one article each, or small JSONL files), paths or URLs."""

    names: tuple[str, ...]

    def items(self, settings: Settings) -> list[Article | Reject]:
        out: list[Article | Reject] = []
        for name in self.names:
            try:
                out.extend(_read_url(name, settings.max_bytes, settings.mapping) if is_url(name)
                           else read_file(name, settings.max_bytes, settings.mapping))
            except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the task
                out.append(Reject(name, "unreadable", f"reader failed: {type(exc).__name__}: {exc}"))
        return out


@dataclass(frozen=True)
class Lines:
    """A task: the lines of a JSONL file from byte `start` to `end`, the first numbered `first_number`.

    The worker reads the range itself, so the client never ships article text."""

    name: str
    start: int
    end: int
    first_number: int

    def items(self, settings: Settings) -> list[Article | Reject]:
        from warta.formats import jsonl

        try:
            data = _read_range(self.name, self.start, self.end)
        except Exception as exc:  # noqa: BLE001
            return [Reject(self.name, "unreadable", f"cannot read the file: {type(exc).__name__}: {exc}")]
        try:
            text = decode(data)
        except DecodeError as exc:
            return [Reject(f"{self.name}#{self.first_number}", exc.reason, exc.detail)]
        return list(jsonl.read_lines(text.split("\n"), self.name, self.first_number, settings.mapping))


def _open_binary(name: str) -> Any:
    if not is_url(name):
        return open(name, "rb")
    import fsspec

    return fsspec.open(name, "rb").open()


def _read_range(name: str, start: int, end: int) -> bytes:
    with _open_binary(name) as handle:
        handle.seek(start)
        return handle.read(end - start)


@dataclass(frozen=True)
class Known:
    """A task: rejects the client found while planning (a JSONL file too large, or unreadable)."""

    rejects: tuple[Reject, ...]

    def items(self, settings: Settings) -> list[Article | Reject]:
        return list(self.rejects)


def ingest_task(task: Files | Lines | Known, settings: Settings) -> IngestReport:
    """Read, parse, stem and (if asked) analyse one task's articles and store them in one transaction.

    Articles already stored (by an earlier run, or by this task before its
    worker died) are not analysed again: the store counts them duplicates."""
    from warta.ingest import prepare

    items = task.items(settings)
    with worker_store(settings.db) as store:
        stored = _stored_among(store, [item.id for item in items if isinstance(item, Article)])
        prepared = prepare(items, settings.analyze, stored)
        return store.ingest(prepared, batch_size=len(prepared) + 1)


def _stored_among(store: Store, ids: Sequence[str]) -> frozenset[str]:
    if not ids:
        return frozenset()
    db = store.db  # type: ignore[attr-defined]
    rows = db.execute(f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(ids))})", list(ids)).fetchall()
    return frozenset(row[0] for row in rows)


def reanalyze_task(article_ids: Sequence[str], db: str) -> tuple[int, int]:
    """Analyse these stored articles and save the analyses; (analysed, failed)."""
    from warta.nlp.analysis import analyze_each

    with worker_store(db) as store:
        articles = [stored.article for i in article_ids if (stored := store.get(i)) is not None]
        analyses: list[Analysis] = []
        failed: list[Reject] = []
        for result in analyze_each(articles):
            (analyses if isinstance(result, Analysis) else failed).append(result)  # type: ignore[arg-type]
        count = store.save_analyses(analyses)
        if failed:
            store.ingest(failed)
        return count, len(failed)


def relink_task(db: str) -> int:
    """Link lone names across the whole store (one transaction); the search rows are rebuilt by reindex tasks."""
    with worker_store(db) as store:
        return store.relink(reindex=False)


def reindex_task(first_seq: int, last_seq: int, db: str) -> int:
    """Rebuild the search rows of the current articles with seq in [first_seq, last_seq]."""
    with worker_store(db) as store:
        return _reindex(store, first_seq, last_seq)


def _reindex(store: Store, first_seq: int, last_seq: int) -> int:
    rows = list(store._rows("SELECT * FROM articles WHERE superseded_by IS NULL AND seq BETWEEN ? AND ? "  # type: ignore[attr-defined]
                            "ORDER BY seq", (first_seq, last_seq)))
    documents = [(stored.article, store._terms_of(stored)) for stored in rows]  # type: ignore[attr-defined]
    with store.transaction():  # type: ignore[attr-defined]
        store.index.write(documents)  # type: ignore[attr-defined]
    return len(documents)


# -- the client's side -----------------------------------------------------------

def input_names(inputs: Sequence[str]) -> list[str]:
    """Files to read: local paths as `warta ingest` expands them, fsspec URLs expanded by their filesystem
    (a folder to the files under it with a known suffix, a glob to its matches), in a stable order."""
    names: list[str] = []
    local: list[str] = []

    def flush() -> None:
        names.extend(str(p) for p in expand_paths(local))
        local.clear()

    for item in inputs:
        if not is_url(item):
            local.append(item)
            continue
        flush()
        names.extend(_expand_url(item))
    flush()
    return names


def _expand_url(url: str) -> list[str]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    protocol = url.split("://", 1)[0]

    def unstrip(found: str) -> str:
        return fs.unstrip_protocol(found) if hasattr(fs, "unstrip_protocol") else f"{protocol}://{found}"

    if any(ch in path for ch in "*?["):
        matches = sorted(fs.glob(path))
        out: list[str] = []
        for match in matches:
            out.extend(_expand_url(unstrip(match)) if fs.isdir(match) else [unstrip(match)])
        return out
    if fs.isdir(path):
        return [unstrip(f) for f in sorted(fs.find(path))
                if not any(part.startswith(".") for part in f[len(path.rstrip("/")):].split("/"))
                and os.path.splitext(f)[1].lower() in KNOWN_SUFFIXES]
    return [url]


def _size(name: str) -> int | None:
    try:
        if not is_url(name):
            return os.stat(name).st_size if os.path.isfile(name) else None
        import fsspec

        fs, path = fsspec.core.url_to_fs(name)
        return fs.size(path)
    except Exception:  # noqa: BLE001 - the worker's read says why
        return None


def plan(names: Sequence[str], analyze: bool, max_bytes: int = DEFAULT_MAX_BYTES,
         per_task: int | None = None) -> Iterator[Files | Lines | Known]:
    """The tasks that ingest `names`: files in chunks, JSONL files in byte ranges of whole lines,
    `per_task` articles each (by default ARTICLES_PER_TASK_NLP or ARTICLES_PER_TASK).

    A JSONL file is scanned once here for where its lines start (read in
    blocks, never held whole); its text is read again by the workers."""
    per_task = per_task or (ARTICLES_PER_TASK_NLP if analyze else ARTICLES_PER_TASK)
    files: list[str] = []
    for name in names:
        size = _size(name) if reader_for(name).per_line else None
        if size is None or size == 0:  # one article per file, or a file the worker will reject
            files.append(name)
            if len(files) >= per_task:
                yield Files(tuple(files))
                files = []
            continue
        limit = size_limit(name, max_bytes)
        if size > limit:
            yield Known((Reject(name, "too_large", f"{size:,} bytes is over the limit of {limit:,} bytes"),))
            continue
        try:
            yield from _line_ranges(name, per_task)
        except Exception as exc:  # noqa: BLE001
            yield Known((Reject(name, "unreadable", f"cannot read the file: {type(exc).__name__}: {exc}"),))
    if files:
        yield Files(tuple(files))


def _line_ranges(name: str, lines_per_task: int) -> Iterator[Lines]:
    start = offset = 0
    first = lines = 1
    count = 0
    with _open_binary(name) as handle:
        while block := handle.read(SCAN_BLOCK):
            position = 0
            while (newline := block.find(b"\n", position)) >= 0:
                position = newline + 1
                count += 1
                lines += 1
                if count >= lines_per_task:
                    yield Lines(name, start, offset + position, first)
                    start, first, count = offset + position, lines, 0
            offset += len(block)
    if offset > start:
        yield Lines(name, start, offset, first)


def run(client: Any, function: Callable, tasks: Sequence[tuple], on_done: Callable[[Any], None]) -> list:
    """Run `function(*args)` for every args in `tasks` on the cluster; `on_done(result)` as each
    finishes (in any order). A task whose worker dies is run again by Dask; a task that raises
    is run again RETRIES times, then stops the run with its error.

    Each result is released as soon as it is read: Dask recomputes a lost result that a client
    still holds, so a worker dying after its tasks were read would otherwise have them all run
    again (harmless to the knowledge, which is keyed, but work done twice)."""
    from dask.distributed import as_completed

    pending = as_completed([client.submit(function, *args, pure=False, retries=RETRIES) for args in tasks])
    results = []
    try:
        for future in pending:
            result = future.result()
            future.release()
            results.append(result)
            on_done(result)
    finally:
        for future in list(pending.futures):
            future.cancel()
    return results


def ingest(client: Any, names: Sequence[str], settings: Settings,
           on_task: Callable[[IngestReport], None] = lambda report: None,
           on_total: Callable[[int], None] = lambda total: None, per_task: int | None = None) -> IngestReport:
    """Ingest `names` on the cluster, `per_task` articles a task; the sum of the tasks' reports."""
    if settings.analyze:
        client.register_plugin(load_pipeline_plugin())
    tasks = [(task, settings) for task in plan(names, settings.analyze, settings.max_bytes, per_task)]
    on_total(len(tasks))
    report = IngestReport()
    for result in run(client, ingest_task, tasks, on_task):
        report.add(result)
    return report


def reanalyze(client: Any, store: Store, db: str, on_task: Callable[[int], None] = lambda n: None,
              on_total: Callable[[int], None] = lambda total: None) -> tuple[int, int]:
    """Reanalyse every stored article without a current analysis; (analysed, failed)."""
    ids = [stored.id for stored in store.unanalyzed()]
    on_total(len(ids))
    if not ids:
        return 0, 0
    client.register_plugin(load_pipeline_plugin())
    tasks = [(ids[i:i + ARTICLES_PER_REANALYSIS], db) for i in range(0, len(ids), ARTICLES_PER_REANALYSIS)]
    results = run(client, reanalyze_task, tasks, lambda result: on_task(sum(result)))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def relink(client: Any, store: Store, db: str, on_task: Callable[[int], None] = lambda n: None,
           on_total: Callable[[int], None] = lambda total: None) -> int:
    """Link (and unlink) lone names across the store (one task), then rebuild the search rows in
    parallel tasks: every current article's, since the count of names linked does not say
    whether any were unlinked."""
    linked = client.submit(relink_task, db, pure=False).result()
    seqs = [row[0] for row in store.db.execute(  # type: ignore[attr-defined]
        "SELECT seq FROM articles WHERE superseded_by IS NULL ORDER BY seq", ()).fetchall()]
    tasks = [(seqs[i], seqs[min(i + ARTICLES_PER_REINDEX, len(seqs)) - 1], db)
             for i in range(0, len(seqs), ARTICLES_PER_REINDEX)]
    on_total(len(seqs))
    run(client, reindex_task, tasks, on_task)
    return linked
