"""The one migration runner: numbered SQL files applied in order, each whole or not at all.

Each backend keeps its migrations in its own folder (`migrations/` for
SQLite, `migrations_postgres/` for PostgreSQL: the engines' DDL differs) and
its schema version where its engine keeps such a thing (SQLite's
`user_version`, a one-row table in PostgreSQL); the runner is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from warta.store.base import StoreError


def migrations(folder: str = "migrations") -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in warta/store/<folder>, in order."""
    found = []
    for entry in resources.files("warta.store").joinpath(folder).iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(where: str, folder: str, current: Callable[[], int],
            apply: Callable[[int, str], None]) -> None:
    """Apply every migration in `folder` newer than `current()` with `apply(number, sql)`.

    `apply` runs one migration and records its number in one transaction and
    re-checks the version inside it (another process may have migrated
    meanwhile: it then does nothing). A database newer than this warta is
    refused, naming `where` it is.
    """
    available = migrations(folder)
    newest = available[-1][0] if available else 0
    version = current()
    if version > newest:
        raise StoreError(f"{where} has schema version {version}, newer than this warta knows ({newest}): "
                         "upgrade warta")
    for number, name, sql in available:
        if number <= version:
            continue
        try:
            apply(number, sql)
        except StoreError:
            raise
        except Exception as exc:  # the engine's own error, named with the migration
            raise StoreError(f"migration {name} failed on {where}: {exc}") from exc
