"""Reading many files fast: parse and stem in worker processes, store in one.

Stemming every word of every article is most of what ingest costs (PySastrawi
takes ~100 µs for a word it has not seen), so for large inputs the reading,
parsing and stemming run in a pool of worker processes while the main process
does only what must be serial: the SQLite transaction and the index writer.
Results come back in input order, so a re-run sees files in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from warta.formats import DEFAULT_MAX_BYTES, read_file
from warta.model import Article, Reject
from warta.search.index import PreparedArticle, index_terms
from warta.search.stemmer import default_stemmer

#: Below this many files a pool costs more to start than it saves.
MIN_FILES_FOR_WORKERS = 400
CHUNK = 32


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def prepare_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> list[PreparedArticle | Reject]:
    stemmer = default_stemmer()
    return [PreparedArticle(item, index_terms(item, stemmer)) if isinstance(item, Article) else item
            for item in read_file(path, max_bytes)]


def _prepare_chunk(task: tuple[Sequence[str], int]) -> list[list[PreparedArticle | Reject]]:
    paths, max_bytes = task
    return [prepare_file(path, max_bytes) for path in paths]


def _ignore_interrupts() -> None:
    # Ctrl-C is the main process's to handle; workers just stop when it does.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_prepared(paths: Sequence[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, workers: int | None = None,
                  on_file: Callable[[int], None] | None = None) -> Iterator[PreparedArticle | Reject]:
    """Articles (with index terms) and rejects from `paths`, in order.

    `on_file(n)` is called as each group of n files has been read.
    """
    workers = default_workers() if workers is None else workers
    names = [str(p) for p in paths]
    if workers <= 1 or len(names) < MIN_FILES_FOR_WORKERS:
        for name in names:
            yield from prepare_file(name, max_bytes)
            if on_file:
                on_file(1)
        return
    tasks = [(names[i:i + CHUNK], max_bytes) for i in range(0, len(names), CHUNK)]
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=_ignore_interrupts)
    try:
        for (chunk, _), results in zip(tasks, pool.imap(_prepare_chunk, tasks)):
            for items in results:
                yield from items
            if on_file:
                on_file(len(chunk))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
