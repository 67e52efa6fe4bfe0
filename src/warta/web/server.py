"""`warta serve`: the explorer (REST API and web UI) over one database.

A read-only server runs one worker process per core (each with its own
SQLite connection and index reader, sharing one listening socket), because
one Python process serialises requests on its store; a server that accepts
writes (WARTA_TOKEN set) runs one process, so only one ever writes.

The command line is parsed once, by `warta serve` in warta/cli.py;
`python -m warta.web --db warta.db --port 8000` runs that same command.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from warta.ingest import MOST_SERVE_WORKERS, default_workers
from warta.store import default_location, is_database_url, shown_location

#: How a worker process learns which database to open.
SERVE_DB = "WARTA_SERVE_DB"
#: ... and which Host names it answers (comma-separated).
SERVE_HOSTS = "WARTA_SERVE_HOSTS"


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning",
          workers: int | None = None, allow_hosts: Iterable[str] = ()) -> None:
    """Serve the explorer until interrupted; print its URL once it listens.

    Writes (POST /api/articles) are enabled only when WARTA_TOKEN is set.
    Requests are answered only when their Host header is a loopback name,
    the address listened on, or one of `allow_hosts` (`*`: any).
    Raises StoreError when `db` is not a warta database, and OSError when the
    address cannot be bound (e.g. the port is in use).
    """
    import socket

    import uvicorn

    from warta.web.app import create_app
    from warta.web.hosts import allowed_hosts

    db = db or default_location()
    if not is_database_url(db):
        db = os.path.abspath(db)
    token = os.environ.get("WARTA_TOKEN") or None
    workers = 1 if token else (workers or default_workers(MOST_SERVE_WORKERS))
    hosts = allowed_hosts(allow_hosts, listen_on=host)
    # Opening the store: a bad database fails here, before anything listens.
    app = create_app(db, token=token, hosts=hosts)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: without it, a response written in two
        # pieces waits for the client's delayed ACK (~40 ms on Linux).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(2048)  # from now on connections wait in the backlog, even before a worker is up
    except OSError:
        sock.close()
        app.state.explorer.close()
        raise
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    print(f"warta explorer on {url}  (API: {url}api/  docs: {url}api/docs)  database: {shown_location(db)}", flush=True)
    print("writes: enabled (POST /api/articles with the WARTA_TOKEN bearer token)" if token
          else "read-only (set WARTA_TOKEN to allow POST /api/articles)", flush=True)
    def config(target, **more) -> uvicorn.Config:
        return uvicorn.Config(target, log_level=log_level, access_log=False, server_header=False,
                              proxy_headers=False, **more)

    try:
        if workers == 1:
            uvicorn.Server(config(app)).run(sockets=[sock])
        else:
            from uvicorn.supervisors import Multiprocess

            app.state.explorer.close()
            os.environ[SERVE_DB] = db
            os.environ[SERVE_HOSTS] = ",".join(hosts)
            Multiprocess(config("warta.web.app:app_from_environment", factory=True, workers=workers),
                         sockets=[sock]).run()
    finally:
        sock.close()
