"""The PostgreSQL store: a shared database several processes and machines write at once.

Selected by a `postgresql://user@host/db` location (`--db` or WARTA_DB). The
logic is warta.store.sql's, as for SQLite; this module connects, migrates
(migrations_postgres/, same runner), and keeps the search index in the
database itself (warta.store.pgsearch), written in the same transaction as
the articles: there is no index to catch up after a crash.

Concurrent writers: every write transaction takes one advisory lock first
(warta.store.dialect.POSTGRES.begin), so batches from several processes
take turns as they do on SQLite, and every insert is keyed (content hash,
entity, place, name and span keys) with ON CONFLICT: two processes
ingesting the same files store each article, entity and happening once.
Readers never wait for writers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from warta.store.base import StoreError
from warta.store.dialect import POSTGRES
from warta.store.migrate import migrate
from warta.store.pgsearch import PostgresSearch
from warta.store.sql import IndexChange, SQLStore

#: Locations this backend opens.
SCHEMES = ("postgresql://", "postgres://")
#: Reindex this many articles per transaction.
REINDEX_BATCH = 500
#: The `meta` key saying which search index a bulk load dropped and is yet to build.
DEFERRED_INDEX = "deferred_search_index"
#: How each search index is built (migration 003).
INDEX_METHODS = {"rum": "rum (terms rum_tsvector_ops)", "gin": "gin (terms)"}
#: Memory for building the search index after a bulk load (PostgreSQL's default, 64 MB, spills to disk).
BUILD_MEMORY = "256MB"


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1:***@", url)


class Row:
    """A result row read by column name or by position, like sqlite3.Row."""

    __slots__ = ("_values", "_names")

    def __init__(self, values: Sequence[Any], names: dict[str, int]):
        self._values = values
        self._names = names

    def __getitem__(self, key: int | str) -> Any:
        return self._values[key] if isinstance(key, int) else self._values[self._names[key]]

    def keys(self) -> list[str]:
        return list(self._names)

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _row_factory(cursor: Any) -> Any:
    names: dict[str, int] = {}
    for i, column in enumerate(cursor.description or ()):
        names.setdefault(column.name, i)  # the first of two same-named columns, as sqlite3.Row
    return lambda values: Row(values, names)


_PLACEHOLDER = re.compile(r"%|\?")


def _translate(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (and a literal `%` as `%%`)."""
    return _PLACEHOLDER.sub(lambda m: "%s" if m.group(0) == "?" else "%%", sql)


def _storable(value: Any) -> Any:
    """A parameter PostgreSQL text can hold: NUL and lone surrogates (which it refuses, where
    SQLite takes them) become U+FFFD, so an odd query finds nothing instead of failing."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "\ufffd")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        return value
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


def _parameters(parameters: Sequence[Any]) -> list[Any]:
    return [_storable(value) for value in parameters]


class Connection:
    """A psycopg connection (autocommit; transactions are explicit) taking `?` placeholders."""

    def __init__(self, connection: Any):
        self.connection = connection

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> Any:
        if parameters is None:
            return self.connection.execute(sql)
        return self.connection.execute(_translate(sql), _parameters(parameters))

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Any:
        cursor = self.connection.cursor()
        cursor.executemany(_translate(sql), [_parameters(row) for row in parameters])
        return cursor

    def copy_rows(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """`COPY ... FROM STDIN` of these rows: for a batch of wide rows, far less work on both sides
        than one INSERT each (no statement to bind and run per row, no result per row)."""
        with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(_parameters(row))

    def pipeline(self) -> Any:
        """Statements sent without waiting for each result, in order (psycopg's pipeline mode):
        a run of small writes costs one round trip, not one each."""
        return self.connection.pipeline()

    def close(self) -> None:
        self.connection.close()


class PostgresStore(SQLStore):
    dialect = POSTGRES
    db: Connection
    index: PostgresSearch
    search_vectors = True

    def __init__(self, url: str, create: bool = True):
        try:
            import psycopg
        except ImportError:
            raise StoreError("a postgresql:// database needs psycopg: pip install 'warta[postgres]'") from None
        self.location = redact(url)
        try:
            connection = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        except psycopg.Error as exc:
            # libpq's message spans lines: the failure, then a hint ("Is the server running...").
            reason = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            raise StoreError(f"cannot connect to the warta database at {self.location}: {redact(reason)}") from None
        self.db = Connection(connection)
        try:
            if not create and self.schema_version == 0:
                raise StoreError(f"no warta database at {self.location} (run `warta ingest` first, or pass --db)")
            migrate(self.location, "migrations_postgres", lambda: self.schema_version, self._apply_migration)
            self.index = PostgresSearch(self.db)
        except BaseException:
            connection.close()
            raise

    # -- schema ----------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT to_regclass('warta_schema') IS NOT NULL").fetchone()
        if not row[0]:
            return 0
        return self.db.execute("SELECT COALESCE(MAX(version), 0) FROM warta_schema").fetchone()[0]

    def _apply_migration(self, number: int, sql: str) -> None:
        # The write lock makes two processes opening a new database take turns:
        # the second finds the migration applied and does nothing.
        with self.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS warta_schema (version INTEGER NOT NULL)")
            if self.schema_version >= number:
                return
            db.execute(sql)
            db.execute("DELETE FROM warta_schema")
            db.execute("INSERT INTO warta_schema (version) VALUES (?)", (number,))

    # -- bulk loads ----------------------------------------------------------------------

    #: Whether this process dropped the search index for a bulk load and must build it again.
    _deferred_index = False

    def _start_writing(self) -> None:
        """Before an ingest: commits that do not wait for the disk, and a bulk load's index put off.

        `synchronous_commit = off` for this connection only: a commit returns
        before its WAL is flushed, so a crash of the *server* may lose the
        last fraction of a second of committed batches, but never leaves the
        database inconsistent (PostgreSQL replays the WAL it has); a killed
        ingest process loses nothing it was told was committed. A re-run
        stores what was lost, as ingest is idempotent.

        Into an empty store, maintaining the RUM index row by row costs
        several times more than building it once after the load (docs/scale.md),
        so the first writer drops it, records that in `meta`, and builds it
        again when its ingest ends (`_commit_index`). A load killed before
        then leaves the record, and the next write builds the index first;
        meanwhile search works, ranking every match instead of reading the
        top k from the index.
        """
        self.db.execute("SET synchronous_commit = off")
        self.db.execute("SET default_toast_compression = lz4")
        self._build_deferred_index()
        with self.transaction() as db:
            if self._meta(DEFERRED_INDEX) is not None or self.index.current_method() == "none":
                return
            if db.execute("SELECT EXISTS (SELECT 1 FROM search_docs)").fetchone()[0]:
                return
            method = self.index.current_method()
            db.execute("DROP INDEX search_docs_terms")
            self._set_meta(DEFERRED_INDEX, method)
            self._deferred_index = True

    def _commit_index(self, keep_writer: bool = False) -> None:
        if not keep_writer:
            if self._deferred_index:
                self._build_deferred_index()
            self.db.execute("RESET synchronous_commit")

    def _build_deferred_index(self) -> None:
        """Build the search index a bulk load put off (this process's, or one that was killed)."""
        if self._meta(DEFERRED_INDEX) is None:
            return
        with self.transaction() as db:  # under the write lock: one process builds it, once
            method = self._meta(DEFERRED_INDEX)
            if method is None:
                return
            db.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
            db.execute(f"CREATE INDEX IF NOT EXISTS search_docs_terms ON search_docs USING {INDEX_METHODS[method]}")
            db.execute("DELETE FROM meta WHERE key = ?", (DEFERRED_INDEX,))
        self._deferred_index = False
        self.index.method = self.index.current_method()

    # -- the search index inside the database -----------------------------------------

    def _index_in_transaction(self, changes: list[IndexChange]) -> None:
        self.index.delete([change.previous_id for change in changes if change.previous_id])
        self.index.write([(change.article, change.terms) for change in changes])

    def reindex(self) -> int:
        with self.transaction() as db:
            db.execute("DELETE FROM search_docs")
        count = 0
        batch: list[tuple[Any, Any]] = []
        for stored in list(self.articles()):
            batch.append((stored.article, self._terms_of(stored)))
            count += 1
            if len(batch) >= REINDEX_BATCH:
                with self.transaction():
                    self.index.write(batch)
                batch = []
        if batch:
            with self.transaction():
                self.index.write(batch)
        return count

    def _storage(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {"database_bytes": one("SELECT pg_database_size(current_database())"),
                "index_bytes": one("SELECT pg_total_relation_size('search_docs')"),
                "indexed_documents": self.index.count(), "search_index": self.index.method}

    def close(self) -> None:
        self.db.close()
