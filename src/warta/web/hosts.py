"""Which Host headers the explorer answers: a guard against DNS rebinding.

A page on an attacker's site can make its own name resolve to 127.0.0.1
and then read `http://evil.example:8000/api/...` from the victim's browser:
same origin as far as the browser knows. The request still says
`Host: evil.example`, so answering only the names the server was meant to
be reached by (the loopback names, plus `warta serve --allow-host NAME`)
closes that door. A wrong Host gets 400 before any route runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from warta.web.errors import error_body

#: Names a local server is reached by. `*` among the allowed names allows any.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")

#: Addresses that mean "every interface": not a name anyone sends as Host.
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")


def host_name(header: str) -> str:
    """`Example.COM.:8000` -> `example.com`; `[::1]:8000` -> `[::1]` (the port never matters)."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[:end + 1] if end > 0 else header
    return header.rsplit(":", 1)[0].rstrip(".") if header.count(":") <= 1 else f"[{header}]"


def allowed_hosts(extra: Iterable[str] = (), listen_on: str | None = None) -> tuple[str, ...]:
    """The loopback names, the names given, and the address the server listens on
    when it is one specific address (`--host 192.168.1.5` is reached as that)."""
    names = [*LOOPBACK_HOSTS, *extra]
    if listen_on is not None and listen_on not in WILDCARD_ADDRESSES:
        names.append(f"[{listen_on}]" if ":" in listen_on else listen_on)
    return tuple(dict.fromkeys(host_name(name) if name != "*" else name for name in names))


class AllowedHosts:
    """ASGI middleware: 400 for a request whose Host is not one of `hosts`."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]):
        self.app = app
        self.hosts = frozenset(host_name(name) if name != "*" else name for name in hosts)
        self.any = "*" in self.hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.any or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
        if host_name(header) in self.hosts:
            await self.app(scope, receive, send)
            return
        message = (f"this server does not answer to the host name {header[:100]!r}; "
                   "start it with `warta serve --allow-host NAME` to allow a name")
        response: Response
        if scope["path"] == "/api" or scope["path"].startswith("/api/"):
            response = JSONResponse(error_body(400, "bad_host", message), status_code=400)
        else:
            response = PlainTextResponse(message, status_code=400)
        await response(scope, receive, send)
