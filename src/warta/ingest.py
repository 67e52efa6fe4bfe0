"""Reading many files fast: parse, stem and analyse in worker processes, store in one.

Analysis (the spaCy pipeline) and stemming are most of what ingest costs, so
for large inputs parsing, stemming and analysis run in a pool of worker
processes while the main process does only what must be serial: the SQLite
transaction and the index writer.

Work is handed out by article, not by file: files go in chunks of paths,
and a JSONL file (one file, maybe thousands of articles) is read and decoded
once in the main process and handed out in chunks of lines, so one large
export keeps every worker busy. Results come back in input order, so a re-run
sees articles in the same order, through a bounded window of chunks in
flight, so memory does not grow with the input.

Articles whose id is already stored are neither stemmed nor analysed: the
store would only count them as duplicates.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import signal
import stat
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from warta.copies import signature_arrays
from warta.formats import DEFAULT_MAX_BYTES, jsonl, load_text, read_file, reader_for, size_limit
from warta.model import Analysis, Article, Reject
from warta.search.index import PreparedArticle, index_terms
from warta.search.stemmer import default_stemmer
from warta.store.copies import signature_text
from warta.store.pgsearch import tsvector

#: Below this much work a pool costs more to start than it saves. Without
#: analysis, stemming dominates and each worker must warm its own stem cache,
#: so a pool only pays on large inputs; with analysis it pays almost at once.
#: Work is counted in articles: a file is one, a JSONL line one.
MIN_ARTICLES_FOR_WORKERS = 400
MIN_ARTICLES_FOR_WORKERS_NLP = 64
#: Files per chunk handed to a worker.
CHUNK = 32
#: JSONL lines per chunk: with analysis small, so the workers share even a
#: modest export evenly; without, large, since parsing a line is cheap.
JSONL_LINES_NLP = 16
JSONL_LINES = 500
#: Chunks queued per worker ahead of the store.
IN_FLIGHT_PER_WORKER = 4
#: Without analysis, also at least this many articles in flight: two of the
#: store's batches (500 articles), so that the workers go on preparing the
#: next batch while the store writes one; with a shorter window they stood
#: idle during every write. (With analysis the workers are the slow side.)
IN_FLIGHT_ARTICLES = 1024

Prepared = PreparedArticle | Article | Reject


#: Most processes started by default: ingest's are busy with spaCy and stemming,
#: the explorer's (`warta serve`) mostly wait on SQLite and the index reader.
MOST_INGEST_WORKERS = 8
MOST_SERVE_WORKERS = 4


def default_workers(most: int = MOST_INGEST_WORKERS) -> int:
    """One process per core, at least one and at most `most`."""
    return max(1, min(os.cpu_count() or 1, most))


def prepare(items: list[Article | Reject], analyze: bool = False,
            stored_ids: Collection[str] = frozenset(), vectors: bool = False) -> list[Prepared]:
    """Index terms, and the analysis if asked for, for the articles among `items`.

    `vectors`: the terms carry their PostgreSQL tsvector too (`IndexTerms.vector`).

    An article whose id is in `stored_ids` is passed on as it is (the store
    counts it a duplicate). An article that cannot be analysed is passed on
    without analysis, followed by a Reject saying why (`too_long`,
    `analysis_failed`): it is stored, searchable, and listed by `warta rejects`.
    """
    stemmer = default_stemmer()
    articles = [item for item in items if isinstance(item, Article) and item.id not in stored_ids]
    analyses: dict[int, Analysis | Reject] = {}
    if analyze and articles:
        from warta.nlp.analysis import analyze_each

        analyses = {id(a): result for a, result in zip(articles, analyze_each(articles))}
    # Signed all at once: much of a signature's cost is numpy's per-call overhead.
    signed = signature_arrays([signature_text(article) for article in articles]).astype("<u4")
    signatures = {id(article): values.tobytes() for article, values in zip(articles, signed)}
    out: list[Prepared] = []
    for item in items:
        if not isinstance(item, Article) or item.id in stored_ids:
            out.append(item)
            continue
        result = analyses.get(id(item))
        analysis = result if isinstance(result, Analysis) else None
        terms = index_terms(item, stemmer, analysis)
        if vectors:
            terms = replace(terms, vector=tsvector(terms))
        out.append(PreparedArticle(item, terms, analysis, signatures[id(item)]))
        if isinstance(result, Reject):
            out.append(result)
    return out


def prepare_files(paths: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES, analyze: bool = False,
                  stored_ids: Collection[str] = frozenset(), mapping: Mapping[str, str] = {}) -> list[Prepared]:
    return prepare(_Files(tuple(paths)).items(max_bytes, mapping), analyze, stored_ids)


@dataclass(frozen=True)
class _Files:
    """A chunk of files, read by the worker."""

    paths: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.paths)

    @property
    def files_done(self) -> int:
        return len(self.paths)

    def items(self, max_bytes: int, mapping: Mapping[str, str]) -> list[Article | Reject]:
        out: list[Article | Reject] = []
        for path in self.paths:
            try:
                out.extend(read_file(path, max_bytes, mapping))
            except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
                out.append(Reject(path, "unreadable", f"reader failed: {type(exc).__name__}: {exc}"))
        return out


@dataclass(frozen=True)
class _Lines:
    """A chunk of lines of a JSONL file already read and decoded by the main process."""

    path: str
    first_number: int
    lines: tuple[str, ...]
    last: bool  # the file's last chunk: progress counts the file then

    @property
    def size(self) -> int:
        return len(self.lines)

    @property
    def files_done(self) -> int:
        return 1 if self.last else 0

    def items(self, max_bytes: int, mapping: Mapping[str, str]) -> list[Article | Reject]:
        return list(jsonl.read_lines(self.lines, self.path, self.first_number, mapping))


@dataclass(frozen=True)
class _Ready:
    """Rejects known in the main process already (a JSONL file that cannot be read)."""

    results: tuple[Reject, ...]
    files_done: int = 1
    size: int = 0

    def get(self) -> list[Prepared]:
        return list(self.results)


def _tasks(names: Sequence[str], max_bytes: int, files_per_chunk: int, lines_per_chunk: int) -> Iterator:
    """The chunks of work for `names`, lazily, in input order."""
    files: list[str] = []
    for name in names:
        if not reader_for(name).per_line:
            files.append(name)
            if len(files) >= files_per_chunk:
                yield _Files(tuple(files))
                files = []
            continue
        if files:
            yield _Files(tuple(files))
            files = []
        text = load_text(name, size_limit(name, max_bytes))
        if isinstance(text, Reject):
            yield _Ready((text,))
            continue
        lines = text.split("\n")
        for first in range(0, len(lines), lines_per_chunk):
            chunk = tuple(lines[first:first + lines_per_chunk])
            yield _Lines(name, first + 1, chunk, last=first + lines_per_chunk >= len(lines))
    if files:
        yield _Files(tuple(files))


# Set in each worker by _start_worker, so chunks need not carry them.
_settings: dict = {}


def _start_worker(max_bytes: int, analyze: bool, stored_ids: frozenset, mapping: dict, vectors: bool) -> None:
    # Ctrl-C is the main process's to handle; workers just stop when it does.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _settings.update(max_bytes=max_bytes, analyze=analyze, stored_ids=stored_ids, mapping=mapping, vectors=vectors)


def _run(task) -> list[Prepared]:
    items = task.items(_settings["max_bytes"], _settings["mapping"])
    return prepare(items, _settings["analyze"], _settings["stored_ids"], _settings["vectors"])


def _serve(tasks, results: Connection, settings: tuple) -> None:
    """A worker process: prepare the chunks numbered in `tasks` until a None, sending each
    (number, prepared, None), or (number, None, the exception it raised), to `results`."""
    _start_worker(*settings)
    while (job := tasks.get()) is not None:
        number, task = job
        try:
            data = pickle.dumps((number, _run(task), None), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - raised again in the main process
            try:
                data = pickle.dumps((number, None, exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled: its text
                data = pickle.dumps((number, None, RuntimeError(f"{type(exc).__name__}: {exc}")))
        results.send_bytes(data)


class _Workers:
    """Worker processes fed chunks through one queue (whichever is free takes the next), each
    sending its results back through a pipe of its own.

    Lighter than `multiprocessing.Pool` for the one process that stores: one thread receives the
    results' bytes (so that a worker never waits for the store to read them) and `get` unpickles
    them, where the Pool ran three threads and an object per chunk in that process: 0.09 ms of its
    CPU an article against 0.03, on a machine where the storing process and the workers share two
    cores.
    """

    def __init__(self, count: int, settings: tuple) -> None:
        context = multiprocessing.get_context("spawn")
        self._tasks = context.SimpleQueue()
        self._processes = []
        pipes = []
        for _ in range(count):
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_serve, args=(self._tasks, sending, settings), daemon=True)
            process.start()
            sending.close()
            self._processes.append(process)
            pipes.append(receiving)
        self._received: deque[bytes] = deque()
        self._lost = False  # a worker's pipe closed: it is gone
        self._changed = threading.Condition()
        self._done: dict[int, tuple] = {}
        threading.Thread(target=self._receive, args=(pipes,), daemon=True, name="warta-results").start()

    def _receive(self, pipes: list[Connection]) -> None:
        while pipes:
            for pipe in wait(pipes):
                try:
                    data: bytes | None = pipe.recv_bytes()  # type: ignore[union-attr]
                except (EOFError, OSError):
                    data = None
                    pipes.remove(pipe)  # type: ignore[arg-type]
                    pipe.close()  # type: ignore[union-attr]
                with self._changed:
                    if data is None:
                        self._lost = True
                    else:
                        self._received.append(data)
                    self._changed.notify()

    def submit(self, number: int, task) -> None:
        self._tasks.put((number, task))

    def get(self, number: int) -> list[Prepared]:
        """The prepared items of chunk `number`, waiting for them; a worker's exception is raised here."""
        while number not in self._done:
            with self._changed:
                while not self._received:
                    if self._lost:
                        raise RuntimeError("a reader worker process stopped unexpectedly")
                    self._changed.wait()
                received = list(self._received)
                self._received.clear()
            for data in received:
                done, prepared, error = pickle.loads(data)
                self._done[done] = (prepared, error)
        prepared, error = self._done.pop(number)
        if error is not None:
            raise error
        return prepared

    def stop(self) -> None:
        for process in self._processes:
            process.terminate()
        for process in self._processes:
            process.join()


def _enough_work(names: Sequence[str], minimum: int) -> bool:
    """Whether `names` hold at least `minimum` articles: a file is one, a JSONL
    file one per line (counted only as far as needed)."""
    total = 0
    for name in names:
        if reader_for(name).per_line:
            try:
                if stat.S_ISREG(os.stat(name).st_mode):  # a named pipe would block the open
                    with open(name, "rb") as handle:
                        while total < minimum and (block := handle.read(1 << 20)):
                            total += block.count(b"\n")
            except OSError:
                pass  # read_file will say why
        total += 1
        if total >= minimum:
            return True
    return False


def read_prepared(paths: Sequence[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, workers: int | None = None,
                  on_file: Callable[[int], None] | None = None, analyze: bool = False,
                  stored_ids: Collection[str] = frozenset(), mapping: Mapping[str, str] = {},
                  vectors: bool = False) -> Iterator[Prepared]:
    """Articles (with index terms, and analyses if `analyze`) and rejects from `paths`, in order.

    `on_file(n)` is called as n more files have been read. Articles whose id
    is in `stored_ids` come back as plain Articles, unanalysed. `mapping`
    names JSONL fields (see `warta.formats.jsonl.field_map`). `vectors`: for a
    PostgreSQL store (`store.search_vectors`), the terms carry their tsvector (see `prepare`).
    """
    workers = default_workers() if workers is None else workers
    names = [str(p) for p in paths]
    minimum = MIN_ARTICLES_FOR_WORKERS_NLP if analyze else MIN_ARTICLES_FOR_WORKERS
    lines_per_chunk = JSONL_LINES_NLP if analyze else JSONL_LINES
    if workers <= 1 or not _enough_work(names, minimum):
        for task in _tasks(names, max_bytes, 16 if analyze else 1, lines_per_chunk):
            yield from (task.get() if isinstance(task, _Ready)
                        else prepare(task.items(max_bytes, mapping), analyze, stored_ids, vectors))
            if on_file and task.files_done:
                on_file(task.files_done)
        return
    pool = _Workers(workers, (max_bytes, analyze, frozenset(stored_ids), dict(mapping), vectors))
    try:
        # A bounded window of chunks in flight: workers that outpace the store
        # must wait, or their results would pile up in memory, and memory
        # would grow with the size of the input.
        pending: deque = deque()
        queued = _tasks(names, max_bytes, CHUNK, lines_per_chunk)
        least_chunks = IN_FLIGHT_PER_WORKER * workers
        least_articles = 0 if analyze else IN_FLIGHT_ARTICLES
        in_flight = 0  # articles
        numbers = itertools.count()

        def submit() -> None:
            nonlocal in_flight
            while len(pending) < least_chunks or in_flight < least_articles:
                task = next(queued, None)
                if task is None:
                    return
                number = next(numbers)
                if not isinstance(task, _Ready):
                    pool.submit(number, task)
                pending.append((number, task))
                in_flight += task.size

        submit()
        while pending:
            number, task = pending.popleft()
            in_flight -= task.size
            yield from (task.get() if isinstance(task, _Ready) else pool.get(number))
            if on_file and task.files_done:
                on_file(task.files_done)
            submit()
    finally:
        pool.stop()
