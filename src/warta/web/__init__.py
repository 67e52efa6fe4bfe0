"""The explorer: REST API (/api) and web UI (/) over a warta store, served by one process.

`create_app(db)` builds the FastAPI application; `warta serve` (see
`warta.web.server.serve`) runs it with uvicorn.
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):
    from warta.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)
