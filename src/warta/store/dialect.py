"""What the shared SQL of the store (warta.store.sql) writes differently per engine.

The store's queries are written once, with `?` placeholders and SQL both
SQLite and PostgreSQL accept. The few places where the engines differ are
asked of a Dialect instead of being spelled out: case-insensitive equality,
`LIKE` without regard to case, JSON aggregation, how a write transaction
starts (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: `BEGIN` and a store-wide
advisory lock, so concurrent writers take turns as they do on SQLite), and
where the schema version is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The advisory lock key every PostgreSQL write transaction of warta takes
#: (an arbitrary constant: "warta" in ASCII).
WRITE_LOCK = 0x7761727461


@dataclass(frozen=True)
class Dialect:
    name: str
    #: Statements that open a write transaction.
    begin: tuple[str, ...]
    #: LIKE that ignores (ASCII) case.
    like: str
    #: SQL answering one row when table `?` exists.
    table_exists: str

    def bytewise(self, expression: str) -> str:
        """`expression` compared byte by byte, the same order on both engines (PostgreSQL's default
        collation follows the locale)."""
        return expression if self.name == "sqlite" else f'{expression} COLLATE "C"'

    def ieq(self, column: str) -> str:
        """`column` equals the parameter, without regard to case (uses the engine's index for it)."""
        if self.name == "sqlite":
            return f"{column} = ? COLLATE NOCASE"
        return f"lower({column}) = lower(?)"

    def json_list(self, pairs: dict[str, str]) -> str:
        """An aggregate: the group's rows as a JSON array (text) of objects {key: SQL expression}."""
        if self.name == "sqlite":
            inner = ", ".join(f"'{key}', {value}" for key, value in pairs.items())
            return f"json_group_array(json_object({inner}))"
        inner = ", ".join(f"'{key}', {value}" for key, value in pairs.items())
        return f"json_agg(json_build_object({inner}))::text"

    def json_text(self, column: str) -> str:
        """A text column holding JSON, as a JSON value inside `json_list` (not a quoted string)."""
        return f"json({column})" if self.name == "sqlite" else f"({column})::json"


SQLITE = Dialect("sqlite", begin=("BEGIN IMMEDIATE",), like="LIKE",
                 table_exists="SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
POSTGRES = Dialect("postgresql", begin=("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"), like="ILIKE",
                   table_exists="SELECT 1 WHERE to_regclass(?) IS NOT NULL")
