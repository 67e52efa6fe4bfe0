"""Where articles and their analyses are kept.

`open_store` is the one way in: it picks the backend from the location
(a file path or `sqlite:///...` for SQLite, `postgresql://user@host/db`
for PostgreSQL; both behind the same interface, warta.store.base.Store).
"""

from __future__ import annotations

import os

from warta.store.base import IngestReport, SearchHit, SearchResults, Store, StoredArticle, StoredReject, StoreError

DEFAULT_DB = "warta.db"

__all__ = ["open_store", "default_location", "Store", "StoreError", "IngestReport", "SearchHit",
           "SearchResults", "StoredArticle", "StoredReject", "DEFAULT_DB"]


def default_location() -> str:
    return os.environ.get("WARTA_DB") or DEFAULT_DB


def open_store(location: str | os.PathLike | None = None, *, create: bool = True) -> Store:
    location = str(location or default_location())
    if location.startswith(("postgresql://", "postgres://")):
        from warta.store.postgres import PostgresStore

        return PostgresStore(location, create=create)
    from warta.store.sqlite import SQLiteStore

    path = location.removeprefix("sqlite:///")
    return SQLiteStore(path, create=create)
