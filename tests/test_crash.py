"""Killing an ingest at any moment loses nothing and duplicates nothing."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

import pytest

from conftest import ARTICLE, warta_command
from warta.formats import read_paths
from warta.store import open_store

N = 3000


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(N):
        text = ARTICLE.replace("1.200 rumah", f"{i + 1:,} rumah".replace(",", ".")).replace("150 personel", f"{i} personel")
        (folder / f"{i:05d}_{i:016x}.txt").write_text(text, encoding="utf-8")
    return folder


def stored_count(db_path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def interruptible() -> None:
    """Give the child the default Ctrl-C, as a terminal does: a test run started in the
    background of a script (CI) ignores SIGINT, and a child would inherit that (or a mask
    blocking it, left by a library thread) and never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def start_ingest(corpus, db_path, *options: str):
    return subprocess.Popen([*warta_command(), "ingest", str(corpus), "--db", str(db_path), "-q", *options],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible)


def wait_for_rows(db_path, process, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = stored_count(db_path)
        if count >= at_least:
            return count
        if process.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {process.stderr.read()}")
        time.sleep(0.01)
    pytest.fail("ingest made no progress")


def assert_exactly_the_corpus(corpus, db_path):
    expected = {a.content_hash for a in read_paths([corpus])}
    with open_store(db_path) as store:
        stored = {s.article.content_hash for s in store.articles()}
        stats = store.stats()
        found = store.search("personel", limit=1).total
    assert stored == expected
    assert stats["articles"] == stats["versions"] == N
    assert stats["indexed_documents"] == N
    assert found == N


@pytest.mark.parametrize("kill_after", [1, N // 2])
def test_sigkill_mid_ingest_then_rerun(corpus, db_path, kill_after, monkeypatch):
    # Batches of exactly 100: no early batch to make the ingest searchable sooner on a slow machine.
    monkeypatch.setenv("WARTA_INDEX_COMMIT_SECONDS", "3600")
    process = start_ingest(corpus, db_path, "--batch-size", "100", "--no-analyze")
    before = wait_for_rows(db_path, process, kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = stored_count(db_path)
    assert before <= partial < N, "the kill must land mid-ingest"
    assert partial % 100 == 0, "a batch is committed whole or not at all"

    rerun = subprocess.run([*warta_command(), "ingest", str(corpus), "--db", str(db_path), "--json", "--no-analyze"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f'"duplicates": {partial}' in rerun.stdout and f'"ingested": {N - partial}' in rerun.stdout
    assert_exactly_the_corpus(corpus, db_path)


def test_ctrl_c_stops_cleanly_and_rerun_finishes(corpus, db_path):
    # With analysis, 3,000 articles take minutes: the interrupt surely lands mid-ingest
    # (without it the whole corpus can be stored before the signal arrives).
    process = start_ingest(corpus, db_path, "--batch-size", "10")
    wait_for_rows(db_path, process, 20)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, (stored_count(db_path), stderr)
    assert "interrupted" in stderr and "Traceback" not in stderr
    subprocess.run([*warta_command(), "ingest", str(corpus), "--db", str(db_path), "-q", "--no-analyze"], check=True, timeout=300,
                   capture_output=True)
    assert_exactly_the_corpus(corpus, db_path)


def test_sigkill_mid_bulk_load_into_postgres_then_rerun(corpus, pg_server, monkeypatch):
    """On PostgreSQL an ingest into an empty store commits without waiting for the disk and puts the
    search index off until it ends (warta.store.postgres): killed mid-load, it still leaves whole
    batches, and the re-run stores the rest and builds the index."""
    import psycopg

    url = pg_server.new_database()

    def count() -> int:
        with psycopg.connect(url) as db:
            table = db.execute("SELECT to_regclass('articles')").fetchone()[0]
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] if table else 0

    monkeypatch.setenv("WARTA_INDEX_COMMIT_SECONDS", "3600")
    process = start_ingest(corpus, url, "--batch-size", "100", "--no-analyze")
    deadline = time.monotonic() + 120
    while count() < N // 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = count()
    assert N // 2 <= partial < N, "the kill must land mid-ingest"
    assert partial % 100 == 0, "a batch is committed whole or not at all"
    with open_store(url) as store:
        assert store.index.current_method() == "none"  # type: ignore[attr-defined]

    rerun = subprocess.run([*warta_command(), "ingest", str(corpus), "--db", url, "--json", "--no-analyze"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f'"duplicates": {partial}' in rerun.stdout and f'"ingested": {N - partial}' in rerun.stdout
    expected = {a.content_hash for a in read_paths([corpus])}
    with open_store(url) as store:
        assert {s.article.content_hash for s in store.articles()} == expected
        assert store.index.current_method() == "rum"  # type: ignore[attr-defined]
        assert store.stats()["indexed_documents"] == N
        assert store.search("personel", limit=1).total == N
