"""Malformed requests get a 400 that says what is wrong, on /graphql and on the upload route.

Bodies nested far deeper than any input, bytes that are not UTF-8, strings that are not valid
Unicode, file names with NUL bytes or longer than a file system allows: each used to reach a
parser or the database driver and come back as a 500.
"""

from __future__ import annotations

import httpx
import pytest

from tests.integration.test_upload_streaming import HEADERS, closing, part

pytestmark = pytest.mark.integration

QUERY = "query($v: [ID!]) { workspaces(first: 1) { totalCount } }"


def _nested(depth: int) -> bytes:
    return (
        b'{"query": "' + QUERY.encode() + b'", "variables": {"v": '
        + b"[" * depth + b"]" * depth + b"}}"
    )  # fmt: skip


def _malformed(response: httpx.Response, *words: str) -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "malformed_request", body
    for word in words:
        assert word in body["message"], body
    return str(body["message"])


@pytest.mark.parametrize("depth", [1_000, 100_000])
async def test_json_nested_too_deeply_is_a_400(client: httpx.AsyncClient, depth: int) -> None:
    response = await client.post(
        "/graphql", content=_nested(depth), headers={"content-type": "application/json"}
    )
    _malformed(response, "nests", "levels deep")


async def test_deep_variables_of_a_get_are_a_400(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql", params={"query": QUERY, "variables": "[" * 5000 + "]" * 5000}
    )
    _malformed(response, "nests")


async def test_a_body_that_is_not_utf8_is_a_400(client: httpx.AsyncClient) -> None:
    for body in (
        b'{"query": "{ __typename }"}\xff',
        b'{"query": "query($n: String) { __typename }", "variables": {"n": "caf\xe9"}}',
    ):
        response = await client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        _malformed(response, "not valid UTF-8", "0x")


async def test_a_string_with_an_unpaired_surrogate_is_a_400(
    client: httpx.AsyncClient, workspace: str
) -> None:
    # It used to reach the database driver, which cannot encode it: an internal error.
    body = (
        '{"query": "query($s: String) { workspace(id: \\"'
        + workspace
        + '\\") { people(search: $s) { totalCount } } }", "variables": {"s": "Ann \\ud800"}}'
    )
    response = await client.post(
        "/graphql", content=body.encode(), headers={"content-type": "application/json"}
    )
    _malformed(response, "unpaired surrogate", "\\ud800")
    paired = body.replace("\\ud800", "\\ud83d\\ude00")  # a valid pair (an emoji) is fine
    response = await client.post(
        "/graphql", content=paired.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["workspace"]["people"]["totalCount"] == 0


async def test_an_upload_whose_file_name_holds_a_nul_is_a_400(
    client: httpx.AsyncClient, workspace: str
) -> None:
    body = part(b"peo\x00ple.csv", b"id,first_name,last_name\nnul-1,Ann,Lee\n") + closing()
    response = await client.post(f"/workspaces/{workspace}/imports", content=body, headers=HEADERS)
    _malformed(response, "control character", "NUL")


async def test_an_upload_whose_file_name_is_too_long_is_a_400(
    client: httpx.AsyncClient, workspace: str
) -> None:
    name = b"p" * 296 + b".csv"
    body = part(name, b"id,first_name,last_name\nlong-1,Ann,Lee\n") + closing()
    response = await client.post(f"/workspaces/{workspace}/imports", content=body, headers=HEADERS)
    _malformed(response, "300 bytes long", "255")


async def test_an_upload_whose_file_name_is_not_utf8_is_a_400(
    client: httpx.AsyncClient, workspace: str
) -> None:
    body = part(b"caf\xe9.csv", b"id,first_name,last_name\nlat-1,Ann,Lee\n") + closing()
    response = await client.post(f"/workspaces/{workspace}/imports", content=body, headers=HEADERS)
    _malformed(response, "not valid UTF-8")
