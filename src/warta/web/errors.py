"""JSON errors for the API, HTML error pages for the UI, and no 500 for bad input.

Every error the API returns has the same shape:
`{"error": {"status": 404, "code": "not_found", "message": "...", "details": null}}`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta.search.query import QueryError
from warta.service import InvalidInput

log = logging.getLogger("warta.web")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_parameter",
          500: "internal_error"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: list | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.details, self.headers = status, code, message, details, headers


def error_body(status: int, code: str, message: str, details: list | None = None) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "details": details}}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _clean_details(errors: Sequence) -> list[dict]:
    """Validation details that are JSON-safe and do not echo huge inputs."""
    out = []
    for error in errors[:20]:
        item = {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", "")),
                "type": str(error.get("type", ""))}
        out.append(item)
    return out


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette's own Allow names only the first route's)."""
    methods: set[str] = set()
    for regex, route_methods in getattr(request.app.state, "route_table", ()):
        if regex.match(request.url.path):
            methods |= set(route_methods)
    return sorted(methods)


def install(app: FastAPI, page_error) -> None:
    """Register the handlers; `page_error(request, status, title, message)` renders HTML errors."""

    def respond(request: Request, status: int, code: str, message: str, details=None, headers=None):
        if wants_json(request):
            return JSONResponse(error_body(status, code, message, details), status_code=status, headers=headers)
        return page_error(request, status, message, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError):
        return respond(request, 400, "bad_query", f"bad query: {exc}")

    @app.exception_handler(InvalidInput)
    async def invalid_input(request: Request, exc: InvalidInput):
        details = [{"loc": ["query", exc.field], "msg": str(exc), "type": "value_error"}]
        return respond(request, 422, "invalid_parameter", f"{exc.field}: {exc}", details)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        details = _clean_details(exc.errors())
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(part for part in first["loc"] if part not in ("query", "path", "body")) or "request"
        return respond(request, 422, "invalid_parameter", f"{where}: {first['msg']}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else _CODES.get(status, "error")
        headers = getattr(exc, "headers", None)
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if status == 405:
            allowed = allowed_methods(request)
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
            message = f"{request.method} is not allowed on {request.url.path} (allowed: {', '.join(allowed)})"
        return respond(request, status, _CODES.get(status, "error"), message, headers=headers)

    @app.exception_handler(UnicodeError)
    async def unicode_error(request: Request, exc: UnicodeError):
        return respond(request, 422, "invalid_parameter", "the request contains text that is not valid Unicode")

    @app.exception_handler(OverflowError)
    async def overflow_error(request: Request, exc: OverflowError):
        return respond(request, 422, "invalid_parameter", "a number in the request is out of range")

    @app.exception_handler(sqlite3.OperationalError)
    async def busy_error(request: Request, exc: sqlite3.OperationalError):
        log.exception("database error on %s", request.url.path)
        return respond(request, 503, "unavailable", f"the database is not available right now: {exc}",
                       headers={"Retry-After": "1"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return respond(request, 500, "internal_error", f"internal error ({type(exc).__name__}); see the server log")


def html_error_fallback(request: Request, status: int, message: str, headers=None) -> HTMLResponse:
    from markupsafe import escape

    return HTMLResponse(f"<!doctype html><title>{status}</title><p>{escape(message)}</p>", status_code=status,
                        headers=headers)
