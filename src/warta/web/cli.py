"""`warta serve`: the explorer (REST API and web UI) over one database, in one process.

Registered in warta/cli.py as a Typer command; also runnable on its own as
`python -m warta.web --db warta.db --port 8000`.
"""

from __future__ import annotations

import os
import sys

from warta.store import StoreError, default_location


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning") -> None:
    """Serve the explorer until interrupted; print its URL once it listens.

    Writes (POST /api/articles) are enabled only when WARTA_TOKEN is set.
    Raises StoreError when `db` is not a warta database, and OSError when the
    address cannot be bound (e.g. the port is in use).
    """
    import socket

    import uvicorn

    from warta.web.app import create_app

    db = db or default_location()
    token = os.environ.get("WARTA_TOKEN") or None
    app = create_app(db, token=token)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        app.state.explorer.close()
        raise
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    print(f"warta explorer on {url}  (API: {url}api/  docs: {url}api/docs)  database: {db}", flush=True)
    print("writes: enabled (POST /api/articles with the WARTA_TOKEN bearer token)" if token
          else "read-only (set WARTA_TOKEN to allow POST /api/articles)", flush=True)
    config = uvicorn.Config(app, log_level=log_level, access_log=False, server_header=False, proxy_headers=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m warta.web", description=serve.__doc__)
    parser.add_argument("--db", default=None, help="database file (default: $WARTA_DB or ./warta.db)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    try:
        serve(args.db, args.host, args.port, args.log_level)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
