"""The explorer application: REST API under /api, web UI at /, static files at /static.

    from warta.web.app import create_app
    app = create_app("warta.db")            # read-only
    app = create_app("warta.db", token=...) # POST /api/articles allowed with the token

Everything the pages load comes from this process (CSS, JS, the world map
outlines): no CDN, no external font, no request leaves the machine. A
Content-Security-Policy header makes the browser hold the pages to that.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.routing import Route

from warta import __version__
from warta.store import open_store
from warta.web import api, errors, pages
from warta.web.head import HeadAsGet
from warta.web.hosts import AllowedHosts, allowed_hosts
from warta.web.i18n import Labels, pick_language
from warta.web.state import Explorer

WEB_DIR = Path(str(resources.files("warta.web")))

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

DESCRIPTION = """\
Read-only REST API over a warta knowledge base of Indonesian news: articles
with their full analysis (entities and mentions with character offsets,
quotes, time expressions, counts), full-text search with filters, entities
with aliases, timelines and co-mentions, and quotes, events and places.

Lists are paginated with `limit` (at most 100) and `offset`. Errors are JSON:
`{"error": {"status", "code", "message", "details"}}` — 400 for a malformed
search query, 404 for an unknown id, 422 for an invalid parameter.

Events are merged happenings (PLOVER type, CAMEO code, actors, place, date)
with every evidence sentence; their lists are not counted (`total` is null,
`next_offset` still says whether there is a next page). `POST /api/articles`
needs a server started with `WARTA_TOKEN` and the header
`Authorization: Bearer <token>`.
"""


class Web:
    """Template environment and per-request language choice."""

    def __init__(self) -> None:
        self.templates = Environment(loader=FileSystemLoader(str(WEB_DIR / "templates")),
                                     autoescape=select_autoescape(default=True, default_for_string=True),
                                     trim_blocks=True, lstrip_blocks=True)
        self.templates.globals["version"] = __version__

    @staticmethod
    def language(request: Request) -> str:
        return pick_language(request.query_params.get("lang"), request.cookies.get("lang"))

    @staticmethod
    def labels(lang: str) -> Labels:
        return Labels(lang)


def app_from_environment() -> FastAPI:
    """The app of one worker of a multi-process `warta serve` (read-only)."""
    from warta.web.server import SERVE_DB, SERVE_HOSTS

    hosts = os.environ.get(SERVE_HOSTS)
    return create_app(os.environ[SERVE_DB], hosts=hosts.split(",") if hosts else None)


def create_app(db: str | os.PathLike | None = None, token: str | None = None, store=None,
               hosts: Iterable[str] | None = None) -> FastAPI:
    """The explorer over the store at `db` (or an already open `store`).

    `hosts`: the Host header names it answers (default: the loopback names;
    see warta.web.hosts).
    """
    if store is None:
        store = open_store(db, create=False)
    explorer = Explorer(store, token=token)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        explorer.close()

    app = FastAPI(title="warta", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None)
    app.state.explorer = explorer
    app.state.web = Web()

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    errors.install(app, pages.error_page)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.state.route_table = [(route.path_regex, route.methods or set())
                             for route in (*api.router.routes, *pages.router.routes) if isinstance(route, Route)]
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    app.add_middleware(HeadAsGet)
    app.add_middleware(AllowedHosts, hosts=tuple(hosts) if hosts is not None else allowed_hosts())
    return app
