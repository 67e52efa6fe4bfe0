"""The one store a server process reads, and the lock around it.

The SQLite store holds one connection; FastAPI runs handlers in a thread
pool, so every use of the store goes through `Explorer.reading()`, which
serialises access. Writes (POST /api/articles) run the NLP pipeline outside
the lock and take it only to store the result.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath

from fastapi import Request

from warta.formats import DEFAULT_MAX_BYTES, FormatError, jsonl, reader_for
from warta.formats.decoding import DecodeError, decode
from warta.search.index import PreparedArticle
from warta.store import StoreError
from warta.web.errors import ApiError

#: Seconds a write waits for another process's write transaction before 503.
WRITE_WAIT = 2.0
#: Seconds a client is told to wait before retrying after a 503.
RETRY_AFTER = 2


class Explorer:
    def __init__(self, store, token: str | None = None, max_upload: int = DEFAULT_MAX_BYTES):
        self.store = store
        self.token = token or None
        self.max_upload = max_upload
        self.lock = threading.RLock()
        self.analysis_lock = threading.Lock()
        if isinstance(getattr(store, "db", None), sqlite3.Connection):
            # A write waits this long for another process's transaction, not
            # the store's 30 s: it holds the lock every reader of this process
            # waits for. (WAL readers never wait for a writer.)
            store.db.execute(f"PRAGMA busy_timeout = {int(WRITE_WAIT * 1000)}")

    @contextmanager
    def reading(self) -> Iterator:
        with self.lock:
            yield self.store

    @staticmethod
    @contextmanager
    def store_busy_is_503() -> Iterator[None]:
        """Another process writing the store (a `warta ingest`, a second server)
        is a reason to come back shortly, not a server error: 503 + Retry-After."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if not any(word in str(exc) for word in ("locked", "busy")):
                raise
            raise ApiError(503, "busy", "another process is writing to the database; try again shortly",
                           headers={"Retry-After": str(RETRY_AFTER)}) from None
        except StoreError as exc:
            raise ApiError(503, "busy", str(exc), headers={"Retry-After": str(RETRY_AFTER)}) from None

    def close(self) -> None:
        with self.lock:
            self.store.close()

    # -- writes ---------------------------------------------------------------

    def parse(self, name: str | None, data: bytes):
        """One Article from uploaded bytes, or an ApiError (422) saying why not."""
        import json

        try:
            text = decode(data)
        except DecodeError as exc:
            raise ApiError(422, exc.reason, exc.detail) from None
        if not text.strip():
            raise ApiError(422, "empty", "the body is empty")
        suffix = PurePath(name or "").suffix.lower()
        reader = reader_for(name or "")
        try:
            if reader.per_line or suffix == ".json":  # one JSON record, alone or on its one line
                records = [line for line in text.split("\n") if line.strip()]
                if suffix == ".json" or len(records) != 1:
                    try:
                        record = json.loads(text)
                    except json.JSONDecodeError as exc:
                        raise ApiError(422, "bad_json",
                                       f"not one JSON object: {exc.msg} at line {exc.lineno}") from None
                else:
                    try:
                        record = json.loads(records[0])
                    except json.JSONDecodeError as exc:
                        raise ApiError(422, "bad_json", f"not valid JSON: {exc.msg}") from None
                return jsonl.parse_record(record, name)
            assert reader.parse is not None  # every reader that is not per_line parses one article
            return reader.parse(text, name)
        except FormatError as exc:
            raise ApiError(422, exc.reason, exc.detail) from None
        except ApiError:
            raise
        except (ValueError, TypeError) as exc:
            raise ApiError(422, "not_article", f"not an article: {exc}") from None

    def ingest_bytes(self, name: str | None, data: bytes) -> dict:
        from warta.ingest import prepare

        article = self.parse(name, data)
        with self.analysis_lock:  # one spaCy pipeline, one caller at a time
            prepared = prepare([article], analyze=True)
        first = prepared[0]
        analysis = first.analysis if isinstance(first, PreparedArticle) else None
        with self.lock, self.store_busy_is_503():
            report = self.store.ingest(prepared)
        status = "ingested" if report.ingested else "updated" if report.updated else "duplicate"
        return {"status": status, "id": article.id, "title": article.title, "analyzed": analysis is not None,
                "entities": len(analysis.entities) if analysis else 0}


def get_explorer(request: Request) -> Explorer:
    return request.app.state.explorer
