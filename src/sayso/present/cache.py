"""Pages kept in memory: a GET asked before, for the same state of the database, is answered
from memory instead of being computed again.

The corpus changes only when documents are added, and many readers ask for the same pages
(the corpus list, the actors, the positions), so under load most of the work would be done
twice. An answer is kept for the database's generation (it changes whenever documents are
added), up to ``MAX_PAGE`` bytes each and ``MAX_BYTES`` in all, the least recently asked
going first. Answers to a request that carries a cookie or a token (a signed-in upload form),
that set a cookie, or that are not a 200 are never kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anyio import to_thread

from sayso.present.guard import ASGIApp, Message, Receive, Scope, Send

MAX_PAGE = 4_000_000
MAX_BYTES = 64_000_000
_PERSONAL = (b"cookie", b"authorization")


@dataclass(frozen=True)
class _Answer:
    generation: Any
    start: Message
    body: bytes


class PageCache:
    """ASGI middleware: answers GETs from memory while the database is unchanged.
    ``generation`` (run in a worker thread) says which state the database is in, or None
    while what pages read from it is being computed (a page made then may show an older
    state: it is not kept); ``skip`` are path prefixes never kept (static files, the status)."""

    def __init__(
        self,
        app: ASGIApp,
        generation: Callable[[], Any],
        skip: tuple[str, ...] = (),
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.app = app
        self.generation = generation
        self.skip = skip
        self.max_bytes = max_bytes
        self.answers: OrderedDict[tuple[str, bytes], _Answer] = OrderedDict()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        generation = await to_thread.run_sync(self.generation)
        if generation is None:
            await self.app(scope, receive, send)
            return
        kept = self.answers.get(key)
        if kept is not None and kept.generation == generation:
            self.answers.move_to_end(key)
            await send(kept.start)
            await send({"type": "http.response.body", "body": kept.body})
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        body = b"".join(chunks)
        headers = dict(start.get("headers", []))
        keepable = start.get("status") == 200 and len(body) <= MAX_PAGE
        if (
            keepable
            and b"set-cookie" not in headers
            and await to_thread.run_sync(self.generation) == generation  # still that state
        ):
            self._keep(key, _Answer(generation, dict(start), body))

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        if any(scope["path"].startswith(prefix) for prefix in self.skip):
            return False
        return not any(name in _PERSONAL for name, _ in scope.get("headers", []))

    def _keep(self, key: tuple[str, bytes], answer: _Answer) -> None:
        old = self.answers.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.answers[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes and self.answers:
            _, dropped = self.answers.popitem(last=False)
            self.size -= len(dropped.body)
