"""Reading many files fast: parse and stem in worker processes, store in one.

Analysis (the spaCy pipeline) and stemming are most of what ingest costs, so
for large inputs reading, parsing, stemming and analysis run in a pool of
worker processes while the main process does only what must be serial: the
SQLite transaction and the index writer.
Results come back in input order, so a re-run sees files in the same order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from itertools import islice
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from warta.formats import DEFAULT_MAX_BYTES, read_file
from warta.model import Article, Reject
from warta.search.index import PreparedArticle, index_terms
from warta.search.stemmer import default_stemmer

#: Below this many files a pool costs more to start than it saves. Without
#: analysis, stemming dominates and each worker must warm its own stem cache,
#: so a pool only pays on large inputs; with analysis it pays almost at once.
MIN_FILES_FOR_WORKERS = 400
MIN_FILES_FOR_WORKERS_NLP = 64
CHUNK = 32
#: Chunks queued per worker ahead of the store.
IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def prepare(items: list[Article | Reject], analyze: bool = False) -> list[PreparedArticle | Reject]:
    """Index terms, and the analysis if asked for, for the articles among `items`."""
    stemmer = default_stemmer()
    articles = [item for item in items if isinstance(item, Article)]
    analyses = {}
    if analyze and articles:
        from warta.nlp.analysis import analyze_many

        analyses = {a.article.id: a for a in analyze_many(articles)}
    out: list[PreparedArticle | Reject] = []
    for item in items:
        if isinstance(item, Article):
            analysis = analyses.get(item.id)
            out.append(PreparedArticle(item, index_terms(item, stemmer, analysis), analysis))
        else:
            out.append(item)
    return out


def prepare_files(paths: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES,
                  analyze: bool = False) -> list[PreparedArticle | Reject]:
    return prepare([item for path in paths for item in read_file(path, max_bytes)], analyze)


def _prepare_chunk(task: tuple[Sequence[str], int, bool]) -> list[PreparedArticle | Reject]:
    paths, max_bytes, analyze = task
    return prepare_files(paths, max_bytes, analyze)


def _ignore_interrupts() -> None:
    # Ctrl-C is the main process's to handle; workers just stop when it does.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_prepared(paths: Sequence[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, workers: int | None = None,
                  on_file: Callable[[int], None] | None = None, analyze: bool = False
                  ) -> Iterator[PreparedArticle | Reject]:
    """Articles (with index terms, and analyses if `analyze`) and rejects from `paths`, in order.

    `on_file(n)` is called as each group of n files has been read.
    """
    workers = default_workers() if workers is None else workers
    names = [str(p) for p in paths]
    minimum = MIN_FILES_FOR_WORKERS_NLP if analyze else MIN_FILES_FOR_WORKERS
    if workers <= 1 or len(names) < minimum:
        step = 16 if analyze else 1
        for i in range(0, len(names), step):
            yield from prepare_files(names[i:i + step], max_bytes, analyze)
            if on_file:
                on_file(len(names[i:i + step]))
        return
    tasks = [(names[i:i + CHUNK], max_bytes, analyze) for i in range(0, len(names), CHUNK)]
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=_ignore_interrupts)
    try:
        # A bounded window of chunks in flight: workers that outpace the store
        # must wait, or their results would pile up in memory (imap has no
        # back-pressure), and memory would grow with the size of the input.
        pending: deque = deque()
        queued = iter(tasks)
        for task in islice(queued, IN_FLIGHT_PER_WORKER * workers):
            pending.append((task, pool.apply_async(_prepare_chunk, (task,))))
        while pending:
            (chunk, _, _), result = pending.popleft()
            yield from result.get()
            if on_file:
                on_file(len(chunk))
            for task in islice(queued, 1):
                pending.append((task, pool.apply_async(_prepare_chunk, (task,))))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
