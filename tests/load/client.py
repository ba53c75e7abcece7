"""A lean HTTP/1.1 client for the load test: keep-alive connections, a bounded pool.

The load generator runs on the machine it measures. A general-purpose client (httpx) spends
about a millisecond of CPU per request, which on a 2-core machine is CPU the API and Neo4j do not
get. This one writes a prepared request and reads ``Content-Length`` bytes back, on a fixed
number of keep-alive connections; requests wait for a free connection, so what is in flight is
bounded while latency still counts from when a request was due (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Answer", "ConnectionPool"]


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    async def exchange(self, request: bytes) -> Answer:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length is None:
            raise ValueError("answer without Content-Length")
        return Answer(status, await self.reader.readexactly(length))

    def close(self) -> None:
        self.writer.close()


class ConnectionPool:
    """``size`` keep-alive connections to ``host:port``; :meth:`post` waits for a free one."""

    def __init__(self, host: str, port: int, size: int, headers: dict[str, str]) -> None:
        self.host = host
        self.port = port
        self.size = size
        self._head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self._free: asyncio.Queue[_Connection | None] = asyncio.Queue()
        for _ in range(size):
            self._free.put_nowait(None)  # opened on first use

    def _request(self, path: str, payload: Any) -> bytes:
        body = json.dumps(payload, separators=(",", ":")).encode()
        return (
            f"POST {path} HTTP/1.1\r\nhost: {self.host}\r\ncontent-type: application/json\r\n"
            f"{self._head}content-length: {len(body)}\r\n\r\n"
        ).encode() + body

    async def post(self, path: str, payload: Any, seconds: float) -> Answer:
        """POST ``payload`` as JSON; a broken connection is dropped and replaced next time."""
        request = self._request(path, payload)
        connection = await self._free.get()
        try:
            if connection is None:
                connection = _Connection(*await asyncio.open_connection(self.host, self.port))
            answer = await asyncio.wait_for(connection.exchange(request), seconds)
        except BaseException:
            if connection is not None:
                connection.close()
            self._free.put_nowait(None)
            raise
        self._free.put_nowait(connection)
        return answer

    async def close(self) -> None:
        while not self._free.empty():
            connection = self._free.get_nowait()
            if connection is not None:
                connection.close()
