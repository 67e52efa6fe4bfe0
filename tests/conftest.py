"""Shared fixtures: paths, a fresh database per test, our own test article.

Tests that need `../shared` (the reference sample article, the third-party
data sets) skip with a message saying so when it is absent; everything else
runs on what ships in the repository.

`db_url` is a fresh database on each backend: the test runs once on SQLite
(a file in the test's folder) and once on PostgreSQL (a new database on a
throwaway server this session starts itself; skipped, saying what is
missing, when PostgreSQL is not installed). `run_warta` points the CLI at
`warta_db`: the SQLite file by default, `db_url` in the modules that
override `warta_db` to run their CLI tests on both backends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("WARTA_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "000_484335ed030999fc.txt"

#: A short article of our own in the warta text format, used as the base of
#: every format-variation test.
ARTICLE = """\
 date 2025-03-13 NASIONAL
Banjir rendam 1.200 rumah di Kabupaten Cianjur: BPBD
Ribuan warga mengungsi setelah hujan deras selama 2,5 jam.
Petugas mengevakuasi warga di Desa Sukamaju, Cianjur, Jawa Barat. / ANTARA
13 Maret 2025

Banjir merendam sekitar 1.200 rumah di Kabupaten Cianjur, Jawa Barat, pada hari Rabu setelah hujan deras mengguyur wilayah itu selama 2,5 jam.

"Kami sudah mengerahkan 150 personel dan empat perahu karet," kata Kepala BPBD Cianjur Asep Suryana kepada wartawan di Cianjur.

Ia menambahkan bahwa para pengungsi ditampung di gedung sekolah dan masjid terdekat.

SUMBER:ANTARA
"""


def requires_shared(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"needs {path} (../shared is not present in this checkout)")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "warta.db"


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session (skips when PostgreSQL is not installed)."""
    from warta.store.pgtesting import PostgresMissing, ThrowawayPostgres

    try:
        server = ThrowawayPostgres().start()
    except PostgresMissing as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, db_path: Path) -> str:
    """A fresh, empty warta database location on each backend."""
    if request.param == "sqlite":
        return str(db_path)
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture(params=["sqlite", "postgres"])
def new_db(request, tmp_path: Path):
    """new_db(name) -> the location of a fresh, empty warta database on each backend (several per test)."""
    if request.param == "sqlite":
        return lambda name: str(tmp_path / f"{name}.db")
    server = request.getfixturevalue("pg_server")
    made: dict[str, str] = {}
    return lambda name: made.setdefault(name, server.new_database())


def analysed_corpus(request, tmp_path_factory, name: str):
    """A private copy of the analysed sample corpus on the backend a fixture's `request.param` names:
    a SQLite file (`sqlite`), or a database on the session's PostgreSQL server (`postgres`)."""
    from warta.web.testing import corpus_copy, corpus_database

    corpus = EXAMPLES / "corpus"
    if request.param == "postgres":
        return corpus_database(request.getfixturevalue("pg_server"), corpus=corpus)
    return corpus_copy(tmp_path_factory.mktemp(name), corpus=corpus)


@pytest.fixture
def warta_db(db_path: Path) -> str:
    """The database `run_warta` uses (modules override it with `db_url` to cover both backends)."""
    return str(db_path)


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text_or_bytes) -> path of a new input file."""
    folder = tmp_path / "input"
    folder.mkdir(exist_ok=True)

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


def warta_command() -> list[str]:
    """The installed console script if there is one, else `python -m warta`."""
    script = shutil.which("warta")
    return [script] if script else [sys.executable, "-m", "warta"]


@pytest.fixture
def run_warta(warta_db: str):
    """Run the real `warta` entry point in a subprocess against `warta_db`."""

    def _run(*args: str, check: bool = True, env: dict | None = None, db: bool = True) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
        if db and "WARTA_DB" not in (env or {}):
            full_env["WARTA_DB"] = warta_db
        result = subprocess.run([*warta_command(), *args], capture_output=True, text=True, env=full_env, timeout=300)
        if check and result.returncode != 0:
            raise AssertionError(f"warta {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result

    return _run
