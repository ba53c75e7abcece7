"""The upload route reads its body only after the token and role checks, and within the limit.

Bodies are streamed (chunked, without ``Content-Length``) from a generator that counts the
chunks the server takes, so a test sees how much of a refused upload was read.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from neo4j import AsyncDriver

from api.app import create_app
from api.settings import Settings
from tests.conftest import asgi_client

pytestmark = pytest.mark.integration

BOUNDARY = "statusmap-test-boundary"
CHUNK = b"x" * (1 << 16)


def part(name: bytes, content: bytes) -> bytes:
    """One file part of the ``files`` field (``name`` as raw bytes, as a client may send it)."""
    return (
        f"--{BOUNDARY}\r\n".encode()
        + b'Content-Disposition: form-data; name="files"; filename="'
        + name
        + b'"\r\nContent-Type: text/csv\r\n\r\n'
        + content
        + b"\r\n"
    )


def closing() -> bytes:
    return f"--{BOUNDARY}--\r\n".encode()


HEADERS = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


class Counted:
    """A streamed body: one file part of ``chunks`` chunks; ``taken`` counts those read."""

    def __init__(self, chunks: int) -> None:
        self.chunks = chunks
        self.taken = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.taken += 1
        yield part(b"people.csv", b"id,first_name,last_name\n")[:-2]
        for _ in range(self.chunks):
            self.taken += 1
            yield CHUNK
        yield b"\r\n" + closing()


async def test_an_upload_without_a_token_is_refused_before_its_body_is_read(
    anonymous: httpx.AsyncClient,
) -> None:
    body = Counted(chunks=1024)  # 64 MiB
    response = await anonymous.post(
        "/workspaces/any/imports", content=body.__aiter__(), headers=HEADERS
    )
    assert response.status_code == 401, response.text
    assert body.taken <= 1, f"{body.taken} chunks of a refused upload were read"


async def test_a_chunked_upload_over_the_limit_is_refused_as_it_streams(
    settings: Settings, admin_token: str, workspace: str
) -> None:
    limited = create_app(settings.model_copy(update={"max_upload_bytes": 100_000}))
    body = Counted(chunks=1024)  # 64 MiB against a limit of 100,000 bytes
    async with limited.router.lifespan_context(limited), asgi_client(limited, admin_token) as c:
        response = await c.post(
            f"/workspaces/{workspace}/imports", content=body.__aiter__(), headers=HEADERS
        )
    assert response.status_code == 413, response.text
    message = response.json()["message"]
    assert "100,000 bytes" in message and "STATUSMAP_MAX_UPLOAD_BYTES" in message
    # 100,000 bytes are two 64 KiB chunks: the third one is refused, none after it is read.
    assert body.taken <= 4, f"{body.taken} chunks of an oversized upload were read"


async def test_two_files_of_the_same_name_are_refused_not_lost(
    client: httpx.AsyncClient, workspace: str, driver: AsyncDriver
) -> None:
    first = f"dup-{uuid.uuid4().hex[:8]}"
    second = f"dup-{uuid.uuid4().hex[:8]}"
    body = (
        part(b"people.csv", f"id,first_name,last_name\n{first},Ann,Lee\n".encode())
        + part(b"people.csv", f"id,first_name,last_name\n{second},Bo,Li\n".encode())
        + closing()
    )
    response = await client.post(
        f"/workspaces/{workspace}/imports?good_rows_only=true", content=body, headers=HEADERS
    )
    assert response.status_code == 400, response.text
    answer = response.json()
    assert answer["error"] == "duplicate_file_name"
    assert "people.csv" in answer["message"]
    records, _, _ = await driver.execute_query(
        "MATCH (p:Person) WHERE p.id IN $ids RETURN count(p) AS n", {"ids": [first, second]}
    )
    assert records[0]["n"] == 0  # refused whole, not half-applied

    one = part(b"people.csv", f"id,first_name,last_name\n{first},Ann,Lee\n".encode())
    ok = await client.post(
        f"/workspaces/{workspace}/imports", content=one + closing(), headers=HEADERS
    )
    assert ok.status_code == 200, ok.text  # the same file alone is imported
