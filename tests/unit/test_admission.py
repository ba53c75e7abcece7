"""Admission control on a small ASGI app: bounded work, fast 503 busy, health never counted."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from prometheus_client import REGISTRY
from starlette.types import Receive, Scope, Send

from api.admission import Admission


def _refused(reason: str) -> float:
    """The process's count of refusals for ``reason``, as ``/metrics`` reports it."""
    value = REGISTRY.get_sample_value("statusmap_admission_refused_total", {"reason": reason})
    return value or 0.0


class Gated:
    """Answers 200 once ``gate`` opens (immediately for paths other than /graphql)."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.in_work = asyncio.Event()
        self.entered = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] == "/graphql":
            self.entered += 1
            self.in_work.set()
            await self.gate.wait()
        if scope["path"] == "/boom":
            raise RuntimeError("boom")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _client(app: Admission) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_past_the_limit_a_request_waits_then_gets_503_busy() -> None:
    inner = Gated()
    admission = Admission(inner, limit=1, queue=8, wait_seconds=0.05, retry_after=2)
    before = _refused("waited_too_long")
    async with _client(admission) as client:
        first = asyncio.create_task(client.post("/graphql", json={}))
        await inner.in_work.wait()
        refused = await client.post("/graphql", json={})
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "2"
        assert refused.json()["error"] == "busy"
        # Health and the page's files are never held back.
        assert (await client.get("/health")).status_code == 200
        assert (await client.get("/index.html")).status_code == 200
        inner.gate.set()
        assert (await first).status_code == 200
        assert (await client.post("/graphql", json={})).status_code == 200
    assert _refused("waited_too_long") == before + 1


async def test_a_request_waiting_briefly_gets_the_slot_when_it_frees() -> None:
    inner = Gated()
    admission = Admission(inner, limit=1, queue=8, wait_seconds=5)
    before = _refused("waited_too_long"), _refused("queue_full")
    async with _client(admission) as client:
        first = asyncio.create_task(client.post("/graphql", json={}))
        await inner.in_work.wait()
        second = asyncio.create_task(client.post("/graphql", json={}))
        await asyncio.sleep(0.05)
        assert not second.done()
        inner.gate.set()
        assert [(await t).status_code for t in (first, second)] == [200, 200]
    assert (_refused("waited_too_long"), _refused("queue_full")) == before


async def test_a_failing_request_gives_its_slot_back() -> None:
    inner = Gated()
    inner.gate.set()
    admission = Admission(inner, limit=1, queue=8, wait_seconds=0.05)
    async with _client(admission) as client:
        with pytest.raises(RuntimeError):
            await client.post("/boom", json={})
        assert (await client.post("/graphql", json={})).status_code == 200


async def test_a_request_finding_the_queue_full_is_refused_at_once() -> None:
    inner = Gated()
    admission = Admission(inner, limit=1, queue=1, wait_seconds=30)
    before = _refused("queue_full")
    async with _client(admission) as client:
        first = asyncio.create_task(client.post("/graphql", json={}))
        await inner.in_work.wait()
        queued = asyncio.create_task(client.post("/graphql", json={}))
        await asyncio.sleep(0.05)
        # The queue (one place) is taken: no 30 s wait, a 503 now.
        refused = await asyncio.wait_for(client.post("/graphql", json={}), 5)
        assert refused.status_code == 503
        inner.gate.set()
        assert [(await t).status_code for t in (first, queued)] == [200, 200]
    assert _refused("queue_full") == before + 1
