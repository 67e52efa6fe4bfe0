"""Test helpers for the explorer: a real database from examples/corpus and a real server.

Used by tests/test_api.py, tests/test_web_fuzz.py and tests/test_web_browser.py
(and handy for trying the explorer by hand):

    db = corpus_copy(tmp_dir)                    # analysed sample corpus, built once per process
    with LiveServer(db, token="t") as server:    # `python -m warta.web` on a free loopback port
        httpx.get(server.url + "/api/stats")
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from warta.store import is_database_url

#: The repository's sample corpus (present in a source checkout).
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "corpus"

_built: Path | None = None


def build_corpus_db(path: str | os.PathLike, corpus: str | os.PathLike = EXAMPLES) -> str | Path:
    """Ingest and analyse every file of `corpus` into a new database at `path`."""
    from warta.formats import expand_paths
    from warta.ingest import read_prepared
    from warta.store import open_store

    location = str(path) if is_database_url(path) else Path(path)
    files = [str(p) for p in expand_paths([str(corpus)])]
    if not files:
        raise FileNotFoundError(f"no articles under {corpus}")
    with open_store(location) as store:
        store.ingest(read_prepared(files, analyze=True, workers=1))
    return location


def corpus_copy(folder: str | os.PathLike, name: str = "warta.db", corpus: str | os.PathLike = EXAMPLES) -> Path:
    """A private copy of the analysed sample corpus database (built once per process)."""
    global _built
    if _built is None or not _built.exists():
        _built = Path(build_corpus_db(Path(tempfile.mkdtemp(prefix="warta-corpus-")) / "warta.db", corpus))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy2(_built, target)
    shutil.copytree(str(_built) + ".index", str(target) + ".index", dirs_exist_ok=True)
    return target


_templates: dict[str, str] = {}


def corpus_database(server: Any, corpus: str | os.PathLike = EXAMPLES) -> str:
    """A private PostgreSQL copy of the analysed sample corpus on a ThrowawayPostgres `server`.

    The corpus is analysed once per server into a template database; each
    call copies the template (CREATE DATABASE ... TEMPLATE), as corpus_copy
    copies the SQLite file.
    """
    key = f"{server.folder}:{corpus}"
    if key not in _templates:
        url = server.new_database()
        build_corpus_db(url, corpus)
        _templates[key] = url.split("?")[0].rsplit("/", 1)[1]
    return server.new_database(template=_templates[key])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """`python -m warta.web` in a subprocess on 127.0.0.1 and a free port."""

    def __init__(self, db: str | os.PathLike, token: str | None = None, timeout: float = 60.0,
                 args: Sequence[str] = (), command: Sequence[str] | None = None):
        """`args`: more options (`--allow-host news.example`); `command`: what to
        run instead of `python -m warta.web` (e.g. the `warta serve` entry point)."""
        self.db: str | Path = str(db) if is_database_url(db) else Path(db)
        self.args = list(args)
        self.command = list(command) if command else [sys.executable, "-m", "warta.web"]
        self.token = token
        self.timeout = timeout
        self.port = 0
        self.url = ""
        self.process: subprocess.Popen | None = None
        self.log_path = Path(tempfile.mkstemp(prefix="warta-serve-", suffix=".log")[1])

    def start(self) -> LiveServer:
        env = {k: v for k, v in os.environ.items() if k != "WARTA_TOKEN"}
        if self.token:
            env["WARTA_TOKEN"] = self.token
        for _attempt in range(3):
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(
                    [*self.command, "--db", str(self.db), "--port", str(self.port), *self.args],
                    stdout=log, stderr=subprocess.STDOUT, env=env)
            if self._wait_ready():
                return self
            self.stop()
        raise RuntimeError(f"the explorer did not start:\n{self.log()}")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                if httpx.get(self.url + "/api/stats", timeout=2).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        return False

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
