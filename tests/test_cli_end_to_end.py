"""The real `warta` entry point in a subprocess: the README's quick start and the exit codes a script sees.

Every other CLI test runs the command in-process (tests/warta_in_process.py);
these keep the installed console script, `python -m warta` and
`python -m warta.web` covered as a user runs them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"


@pytest.fixture
def warta_db(db_url: str) -> str:
    """Every CLI test here runs on SQLite and on PostgreSQL."""
    return db_url


def test_the_readme_quick_start(run_warta, db_url):
    """`warta ingest examples/corpus && warta search "bertemu"`."""
    ingested = run_warta("ingest", str(CORPUS))
    files = len(list(CORPUS.glob("*.txt")))
    assert f"{files} ingested" in ingested.stdout
    assert json.loads(run_warta("stats", "--json").stdout)["database"] == db_url
    found = run_warta("search", "bertemu")
    assert "match" in found.stdout and "bertemu" in found.stdout.lower()
    assert json.loads(run_warta("stats", "--json").stdout)["articles"] == files


def test_exit_codes(run_warta, tmp_path):
    assert run_warta("--version").returncode == 0
    only_bad = run_warta("ingest", str(EXAMPLES / "bad"), check=False)
    assert only_bad.returncode == 1 and "0 ingested" in only_bad.stdout
    bad_query = run_warta("search", '"pasukan', check=False)
    assert bad_query.returncode == 2 and "unbalanced quote" in bad_query.stderr
    bad_label = run_warta("entities", "--label", "ORANG", check=False)
    assert bad_label.returncode == 2 and "Traceback" not in bad_label.stderr
    missing = run_warta("stats", "--db", str(tmp_path / "tidak-ada.db"), check=False)
    assert missing.returncode == 1 and "no warta database" in missing.stderr


def test_python_m_warta_web_is_the_warta_serve_command(tmp_path):
    """One parser: `python -m warta.web` takes `warta serve`'s options and says the same errors."""
    run = [sys.executable, "-m", "warta.web"]
    help_text = subprocess.run([*run, "--help"], capture_output=True, text=True, timeout=60).stdout
    for option in ("--db", "--host", "--port", "--workers", "--allow-host", "--log-level"):
        assert option in help_text
    missing = subprocess.run([*run, "--db", str(tmp_path / "tidak-ada.db")], capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode == 1 and "no warta database" in missing.stderr
    bad_port = subprocess.run([*run, "--port", "99999"], capture_output=True, text=True, timeout=60)
    assert bad_port.returncode == 2
