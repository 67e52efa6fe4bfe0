"""`run_warta` in this process: the `warta` command through Typer's CliRunner.

The same call as conftest's `run_warta` (arguments, `check`, `env`, `db`;
`.stdout`, `.stderr`, `.returncode`), without starting a Python process per
command, which cost the CLI tests about a minute. Importing this fixture into
a test module replaces the subprocess one there; tests/test_cli_end_to_end.py
keeps the real entry point covered.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner


@dataclass
class Ran:
    stdout: str
    stderr: str
    returncode: int


@pytest.fixture
def run_warta(warta_db: str):
    """Run `warta ARGS...` in-process against `warta_db` (or the WARTA_DB given in `env`)."""
    from warta.cli import app

    runner = CliRunner()

    def _run(*args: str, check: bool = True, env: dict | None = None, db: bool = True, input: str | None = None) -> Ran:
        full_env: dict[str, str | None] = {"COLUMNS": "200", "NO_COLOR": "1", "WARTA_DB": None, **(env or {})}
        if db and "WARTA_DB" not in (env or {}):
            full_env["WARTA_DB"] = warta_db
        result = runner.invoke(app, list(args), env=full_env, input=input)
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += "".join(traceback.format_exception(result.exception))
        ran = Ran(result.stdout, stderr, result.exit_code)
        if check and ran.returncode != 0:
            raise AssertionError(f"warta {' '.join(args)} exited {ran.returncode}\n{ran.stdout}\n{ran.stderr}")
        return ran

    return _run
