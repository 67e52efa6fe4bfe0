"""The default store: one SQLite file (WAL) plus its search index folder.

Crash safety, in the order things are written:
1. each batch of articles and rejects is one SQLite transaction, so a kill
   leaves either all of a batch or none of it;
2. the search index (`<db>.index/`) is written after the batch commits and
   committed every few batches; `meta.index_seq` records the last article
   `seq` the index has durably seen;
3. on open, rows past `index_seq` are (re)indexed, deleting any copy the
   index may already hold, so a kill between 1 and 2 loses nothing and a
   kill between the index commit and the `index_seq` update duplicates
   nothing.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from warta.search.index import SearchIndex
from warta.store.base import StoreError
from warta.store.dialect import SQLITE
from warta.store.matching import contains_words
from warta.store.migrate import migrate, migrations
from warta.store.sql import IndexChange, SQLStore

__all__ = ["SQLiteStore", "migrations"]


class SQLiteStore(SQLStore):
    dialect = SQLITE
    db: sqlite3.Connection
    index: SearchIndex

    def __init__(self, path: str, create: bool = True):
        self.path = Path(path)
        self.location = str(self.path)
        if not create and not self.path.exists():
            raise StoreError(f"no warta database at {self.path} (run `warta ingest` first, or pass --db)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.create_function("contains_words", 2, contains_words, deterministic=True)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            # 32 MB of page cache (SQLite's default is 2 MB): ingest inserts keys
            # that are content hashes, so every batch touches leaf pages all over
            # the primary keys; with the default cache most were read again each time.
            self.db.execute("PRAGMA cache_size=-32768")
            migrate(str(self.path), "migrations", lambda: self.schema_version, self._apply_migration)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path} as a warta database: {exc}") from exc
        self.index = SearchIndex(str(self.path) + ".index", owner=self._identity())
        #: `seq` of the last article handed to the index writer.
        self._indexed_seq = 0
        self._catch_up_index()

    # -- schema ----------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _apply_migration(self, number: int, sql: str) -> None:
        try:
            # One script, one transaction: a migration applies whole or not at all.
            self.db.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _identity(self) -> str:
        """A random id made when the database is created, kept in `meta`."""
        identity = self._meta("store_id")
        if identity is None:
            identity = uuid.uuid4().hex
            with self.transaction():
                self._set_meta("store_id", identity)
        return identity

    # -- the search index beside the database ---------------------------------------

    def _start_writing(self) -> None:
        try:
            self.index.writer()
        except ValueError:
            raise StoreError(f"another warta process is writing to {self.path}; wait for it to finish") from None

    def _index_after_commit(self, changes: list[IndexChange]) -> None:
        for change in changes:
            if change.previous_id:
                self.index.delete(change.previous_id)
            self.index.add(change.article, change.terms, replace=change.replace)
            self._indexed_seq = max(self._indexed_seq, change.seq)

    def _commit_index(self, keep_writer: bool = False) -> None:
        """Commit the index, then record how far it got: never further."""
        if keep_writer:
            self.index.flush()
        else:
            self.index.commit()
        if self._indexed_seq > int(self._meta("index_seq") or 0):
            with self.transaction():
                self._set_meta("index_seq", str(self._indexed_seq))

    def _catch_up_index(self) -> None:
        """Index whatever a crash left unindexed (see the module docstring)."""
        indexed = int(self._meta("index_seq") or 0)
        newest = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        if newest and self.index.is_new and indexed:
            indexed = 0  # the index folder was lost or rebuilt: start over
            self._reset_index_seq()
        if newest <= indexed:
            return
        try:
            self.index.writer()
        except ValueError:
            return  # another process holds the index writer and will catch up itself
        for stored in self._rows("SELECT * FROM articles WHERE seq > ? ORDER BY seq", (indexed,)):
            if stored.supersedes:
                self.index.delete(stored.supersedes)
            if stored.superseded_by:
                self.index.delete(stored.id)
            else:
                terms = self._terms_of(stored)
                self.index.add(stored.article, terms, replace=True)
            self._indexed_seq = stored.seq
        self._commit_index()

    def _reset_index_seq(self) -> None:
        with self.transaction():
            self._set_meta("index_seq", "0")

    def reindex(self) -> int:
        self._reset_index_seq()
        self.index.clear()
        count = 0
        for stored in self.articles():
            terms = self._terms_of(stored)
            self.index.add(stored.article, terms)
            count += 1
        self._indexed_seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
        self._commit_index()
        return count

    def _storage(self) -> dict:
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        index_size = sum(p.stat().st_size for p in Path(self.index.path).rglob("*") if p.is_file())
        return {"database_bytes": size, "index_bytes": index_size,
                "indexed_documents": self.index.index.searcher().num_docs}

    def close(self) -> None:
        try:
            self.index.close()
        finally:
            self.db.close()
