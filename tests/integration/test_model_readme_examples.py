"""The README's GraphQL examples, run unchanged by another client (gql) against a real server."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport

from api.app import create_app
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _examples() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## GraphQL examples", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```graphql\n(.*?)```", section, re.DOTALL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(settings: Settings) -> Iterator[str]:
    """The app on a real uvicorn on a free port, in a thread; its GraphQL URL."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/graphql"
    server.should_exit = True
    thread.join(timeout=30)


def test_readme_examples_run_unchanged_with_gql(served: str, admin_token: str) -> None:
    examples = _examples()
    assert len(examples) >= 4
    schema = (ROOT / "api" / "schema.graphql").read_text()
    headers = {"Authorization": f"Bearer {admin_token}"}  # as the README shows
    transport = RequestsHTTPTransport(url=served, headers=headers, timeout=30)
    client = Client(schema=schema, transport=transport)
    try:
        results = [client.execute(gql(example)) for example in examples]
        created, recorded, read, failed = results[:4]
        assert created["upsertPeople"] == {"count": 2}
        assert recorded["recordJourneyStage"]["member"]["stage"] == "INTRIGUE"
        member = read["workspace"]["deal"]["buyingCentre"][0]
        assert member["person"]["level"] == {"rank": 6, "name": "C-suite", "inferred": True}
        assert member["roles"] == ["APPROVER", "DECIDER"]
        assert read["workspace"]["people"]["edges"][0]["node"]["reportsTo"] == [
            {"name": "Carla Jensen"}
        ]
        assert failed["upsertInfluence"]["__typename"] == "ValidationError"
        assert failed["upsertInfluence"]["fields"][0]["field"] == "weight"
    finally:
        client.execute(
            gql('mutation { deleteWorkspace(input: {workspaceId: "example-team"}) { __typename } }')
        )
