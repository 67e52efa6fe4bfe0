"""`warta.Corpus`: a warta database from Python, without the CLI.

    import warta
    corpus = warta.Corpus("warta.db")
    corpus.ingest("examples/corpus")
    for hit in corpus.search("bertemu Putin").hits:
        print(hit.title)
    analysis = corpus.analysis(hit.id)   # entities, quotes, times, places, events

Queries, their validation and exports go through `warta.service`, as the
command line's and the explorer's do: `corpus.entities(label="PERSON")`
raises the same InvalidInput as `warta entities --label PERSON`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from warta import service
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
        return self.store.ingest(read_prepared(files, workers=workers, analyze=analyze,
                                               vectors=getattr(self.store, "search_vectors", False)))

    def search(self, query: str, filters: Filters = Filters(), limit: int = 10, offset: int = 0) -> SearchResults:
        """Full-text search; `filters` as the search index takes them (see `find` for names and dates)."""
        return self.store.search(query, filters, limit, offset)

    def find(self, query: str, **filters) -> SearchResults:
        """Full-text search with the command line's filters, checked the same way:
        `corpus.find("bertemu", since="2025-01-01", entity="Putin", limit=5)`."""
        return service.find_articles(self.store, query, **filters)

    def article(self, article_id: str) -> StoredArticle | None:
        return self.store.get(article_id)

    def analysis(self, article_id: str) -> Analysis | None:
        return self.store.analysis(article_id)

    def articles(self) -> Iterator[StoredArticle]:
        return self.store.articles()

    def entities(self, **filters) -> list[dict]:
        """`label`, `name`, `since`, `until`, `limit`, `offset`; a bad label or date raises InvalidInput."""
        return service.entity_rows(self.store, **filters)

    def quotes(self, **filters) -> list[dict]:
        """`speaker`, `kind`, `since`, `until`, `limit`, `offset`."""
        return service.quote_rows(self.store, **filters)

    def events(self, **filters) -> list[dict]:
        """`actor`, `event_type` (or `type`), `since`, `until`, `place`, `limit`, `offset`."""
        if "type" in filters:
            filters["event_type"] = filters.pop("type")
        return service.event_rows(self.store, **filters)

    def export(self, what: str, format: str, target: str | os.PathLike | TextIO | None,
               all_versions: bool = False) -> int:
        """Write articles or events as `warta export` does; how many were written."""
        if isinstance(target, (str, os.PathLike)):
            return service.export(self.store, what, format, Path(target), all_versions)
        return service.export(self.store, what, format, target, all_versions)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
