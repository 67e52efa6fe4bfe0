"""A throwaway PostgreSQL server for tests and benchmarks: `initdb` + `pg_ctl` on a temporary folder.

    with ThrowawayPostgres() as server:          # raises PostgresMissing when not installed
        url = server.new_database()              # an empty database, its postgresql:// URL

The server listens on a unix socket in its own folder only (no TCP), on a
random port number, with durability off (it is thrown away). `initdb`
refuses to run as root; as root the server runs as the `postgres` system
user (created by Debian's postgresql packages) in a folder that user owns.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

#: Where Debian's postgresql-15 puts initdb and pg_ctl (WARTA_PG_BIN overrides).
DEFAULT_BIN = "/usr/lib/postgresql/15/bin"


class PostgresMissing(RuntimeError):
    """PostgreSQL's server programs (or the user to run them as) are not installed."""


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    def __init__(self, bin_dir: str | None = None):
        self.bin = Path(bin_dir or os.environ.get("WARTA_PG_BIN") or DEFAULT_BIN)
        for program in ("initdb", "pg_ctl"):
            if not (self.bin / program).exists():
                raise PostgresMissing(f"PostgreSQL 15 is not installed: no {self.bin / program} "
                                      "(apt-get install postgresql-15 postgresql-15-rum)")
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresMissing("running as root and there is no `postgres` user to run the server as "
                                      "(initdb refuses root)") from None
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.folder = Path(tempfile.mkdtemp(prefix="warta-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.started = False

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}): {result.stderr or result.stdout}")

    def start(self) -> ThrowawayPostgres:
        if self.as_user:
            shutil.chown(self.folder, user="postgres", group="postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        options = (f"-k {self.folder} -p {self.port} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "-t", "60", "start")
        self.started = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.folder}&port={self.port}"

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`), as a postgresql:// URL."""
        import psycopg

        name = "warta_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
            connection.execute(f"CREATE DATABASE {name}{copy}")
        return self.url(name)

    def stop(self) -> None:
        try:
            if self.started:
                subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                "-w", "stop"], capture_output=True, timeout=60)
                self.started = False
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ThrowawayPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
