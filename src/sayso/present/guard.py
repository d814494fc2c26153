"""What every request to the web app passes first, before any page or body is read.

- The ``Host`` it names must be one the app serves: otherwise a page on another site could
  read the corpus through DNS rebinding (its own name, pointed at 127.0.0.1).
- A request that changes something (any method but GET, HEAD, OPTIONS) must come from the
  app's own pages: its ``Origin``, and ``Sec-Fetch-Site`` where the browser sends it, say so.
- A body must say its length (``Content-Length``), and may be no longer than the app allows;
  and a request to a guarded path (the upload) must carry the token
  before its body is read, so that a wrong guess costs nothing.
- Every answer carries the usual security headers.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
TOKEN_COOKIE = "sayso_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SMALL_BODY = 64_000  # any body but an upload's: a form of a few fields

# Pages hold no inline script or style, the API's docs (Swagger UI, served from the package
# that bundles it) included.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


class Guard:
    """The ASGI middleware in front of the web app. ``hosts``: the host names it answers to;
    ``token``: what requests to ``guarded`` paths must carry, as ``Authorization: Bearer``
    or in the ``sayso_token`` cookie; ``max_body``: the most bytes a guarded path's body may
    hold (other bodies: ``SMALL_BODY``)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        hosts: Collection[str],
        token: str | None,
        guarded: Collection[str],
        max_body: int,
    ) -> None:
        self.app = app
        self.hosts = {host.lower() for host in hosts}
        self.token = token
        self.guarded = set(guarded)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        send = _with_headers(send, scope["path"])
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _refuse(send, *refusal)
            return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            return 400, f"this server does not answer to the host {host!r} (see --allowed-host)"
        if scope["method"] in SAFE_METHODS:
            return None
        origin = headers.get("origin")
        if origin is not None and origin != f"{scope.get('scheme', 'http')}://{host}":
            return 403, "a request from another site's page is refused"
        if headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
            return 403, "a request from another site's page is refused"
        limit = self.max_body if scope["path"] in self.guarded else SMALL_BODY
        length = headers.get("content-length")
        if length is None or not length.isdigit():  # HTTP/1.1 servers hold a body to its length
            return 411, "a request with a body must say its length (Content-Length)"
        if int(length) > limit:
            return 413, f"the request is over the {limit:,}-byte limit"
        if scope["path"] in self.guarded and not self._token_given(headers):
            return 403, "wrong or missing upload token"
        return None

    def _token_given(self, headers: dict[str, str]) -> bool:
        if self.token is None:
            return False
        given = ""
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        elif "cookie" in headers:
            cookie = SimpleCookie()
            cookie.load(headers["cookie"])
            given = cookie[TOKEN_COOKIE].value if TOKEN_COOKIE in cookie else ""
        return same_token(given, self.token)


def same_token(given: str, token: str) -> bool:
    """Compared in constant time, whatever characters ``given`` holds."""
    return secrets.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def host_name(host: str) -> str:
    """The name in a Host header, without its port: "[::1]:8000" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _with_headers(send: Send, path: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {name.lower() for name, _ in headers}
            headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            if b"content-security-policy" not in present:
                headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
            message["headers"] = headers
        await send(message)

    return sending


async def _refuse(send: Send, status: int, problem: str) -> None:
    body = json.dumps({"detail": problem}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
