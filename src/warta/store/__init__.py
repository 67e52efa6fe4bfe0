"""Where articles and their analyses are kept.

`open_store` is the one way in: it picks the backend from the location
(a file path or `sqlite:///...` for SQLite, `postgresql://user@host/db`
for PostgreSQL; both behind the same interface, warta.store.base.Store).
"""

from __future__ import annotations

import os

from warta.store.base import IngestReport, SearchHit, SearchResults, Store, StoredArticle, StoredReject, StoreError

DEFAULT_DB = "warta.db"

__all__ = ["open_store", "default_location", "is_database_url", "shown_location", "Store", "StoreError",
           "IngestReport", "SearchHit", "SearchResults", "StoredArticle", "StoredReject", "DEFAULT_DB"]


def default_location() -> str:
    return os.environ.get("WARTA_DB") or DEFAULT_DB


def is_database_url(location: str | os.PathLike) -> bool:
    """Whether a location names a database server (postgresql://...) rather than a file."""
    return str(location).startswith(("postgresql://", "postgres://"))


def shown_location(location: str | os.PathLike) -> str:
    """A location as messages show it: a file as an absolute path, a URL without its password."""
    if is_database_url(location):
        from warta.store.postgres import redact

        return redact(str(location))
    return os.path.abspath(location)


def open_store(location: str | os.PathLike | None = None, *, create: bool = True) -> Store:
    location = str(location or default_location())
    if is_database_url(location):
        from warta.store.postgres import PostgresStore

        return PostgresStore(location, create=create)
    from warta.store.sqlite import SQLiteStore

    path = location.removeprefix("sqlite:///")
    return SQLiteStore(path, create=create)
