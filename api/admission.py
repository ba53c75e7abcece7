"""Admission control: a bounded number of API requests at work, the rest wait briefly or get 503.

Without a bound, a burst above what the machine can serve makes every request slower: each one
holds a Neo4j connection and a share of the CPU, the driver's pool runs dry, requests time out
after their work was done, and the clients retry into a longer queue. With one, the requests let
in finish at full speed, a bounded queue absorbs bursts and many concurrent clients, and a
request arriving to a full queue (or waiting too long) gets ``503 busy`` with ``Retry-After`` at
once, which clients (and the page) retry.

``/health``, the front end's files and other GET routes are not counted (``/metrics`` counts
the refusals); GraphQL (any method)
and every write or upload are.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from api.metrics import ADMISSION_REFUSED

__all__ = ["Admission"]

_READ_ONLY = frozenset({"GET", "HEAD", "OPTIONS"})


class Admission:
    """ASGI middleware letting at most ``limit`` counted requests run at once.

    Up to ``queue`` more wait for a slot, each at most ``wait_seconds``; one arriving to a full
    queue, or waiting longer, is answered ``503 {"error": "busy"}`` with
    ``Retry-After: retry_after`` seconds.
    """

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        queue: int,
        wait_seconds: float,
        retry_after: int = 1,
    ) -> None:
        self.app = app
        self.queue = queue
        self.wait_seconds = wait_seconds
        self.retry_after = retry_after
        self._waiting = 0
        self._slots = asyncio.Semaphore(limit)

    @staticmethod
    def counted(scope: Scope) -> bool:
        path: str = scope["path"]
        return path.startswith("/graphql") or scope["method"] not in _READ_ONLY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.counted(scope):
            await self.app(scope, receive, send)
            return
        if self._slots.locked() and self._waiting >= self.queue:
            ADMISSION_REFUSED.labels("queue_full").inc()
            await self._busy(send)
            return
        self._waiting += 1
        try:
            async with asyncio.timeout(self.wait_seconds):
                await self._slots.acquire()
        except TimeoutError:
            ADMISSION_REFUSED.labels("waited_too_long").inc()
            await self._busy(send)
            return
        finally:
            self._waiting -= 1
        try:
            await self.app(scope, receive, send)
        finally:
            self._slots.release()

    async def _busy(self, send: Send) -> None:
        body = json.dumps(
            {
                "error": "busy",
                "message": "statusmap is serving as many requests as it can; retry shortly",
            }
        ).encode()
        headers: list[tuple[bytes, bytes]] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(self.retry_after).encode()),
        ]
        start: dict[str, Any] = {"type": "http.response.start", "status": 503, "headers": headers}
        await send(start)
        await send({"type": "http.response.body", "body": body})
