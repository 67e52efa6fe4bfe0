"""Read-only queries the explorer (REST API and web UI) needs, as a mixin of SQLiteStore.

Kept apart from the ingest and core read paths in sqlite.py so the web layer's
needs (facets, timelines, co-mentions) grow here without touching them.
Every method only reads, through `self.db` (a sqlite3 connection with
Row factory).
"""

from __future__ import annotations


class ExplorerQueries:
    db: "object"
