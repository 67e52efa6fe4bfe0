"""`warta.Corpus`: a warta database from Python, without the CLI.

    import warta
    corpus = warta.Corpus("warta.db")
    corpus.ingest("examples/corpus")
    for hit in corpus.search("bertemu Putin").hits:
        print(hit.title)
    analysis = corpus.analysis(hit.id)   # entities, quotes, times, places, events
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from warta.model import Analysis
from warta.search.index import Filters
from warta.store import IngestReport, SearchResults, StoredArticle, open_store


class Corpus:
    def __init__(self, path: str | os.PathLike = "warta.db"):
        self.store = open_store(path)

    def ingest(self, *paths: str | os.PathLike, analyze: bool = True, workers: int | None = None) -> IngestReport:
        from warta.formats import expand_paths
        from warta.ingest import read_prepared

        files = [str(p) for p in expand_paths(paths)]
        return self.store.ingest(read_prepared(files, workers=workers, analyze=analyze))

    def search(self, query: str, filters: Filters = Filters(), limit: int = 10, offset: int = 0) -> SearchResults:
        return self.store.search(query, filters, limit, offset)

    def article(self, article_id: str) -> StoredArticle | None:
        return self.store.get(article_id)

    def analysis(self, article_id: str) -> Analysis | None:
        return self.store.analysis(article_id)

    def articles(self) -> Iterator[StoredArticle]:
        return self.store.articles()

    def entities(self, **filters) -> list[dict]:
        return self.store.entities(**filters)

    def quotes(self, **filters) -> list[dict]:
        return self.store.quotes(**filters)

    def events(self, **filters) -> list[dict]:
        return self.store.events(**filters)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
