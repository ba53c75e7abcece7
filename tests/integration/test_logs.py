"""The logs of a served statusmap: JSON lines on stdout, a request id on each, each error once.

statusmap runs as its own process (``tests/logged_server.py``: the app as ``statusmap serve``
runs it, plus a route with a bug) with ``STATUSMAP_LOG_FORMAT=json``; the test sends a few
requests, stops it, and reads everything it wrote to stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import Settings
from tests.live_server import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Served:
    responses: dict[str, httpx.Response]
    lines: list[str]

    @property
    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]

    def of(self, request_id: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("request_id") == request_id]


def _wait_until_live(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"statusmap exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/health/ready", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail("statusmap did not get ready")


@pytest.fixture(scope="module")
def served(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Served:
    port = free_port()
    secret = settings.neo4j_password
    out = tmp_path_factory.mktemp("logs") / "stdout"
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": secret.get_secret_value() if secret else "",
        "STATUSMAP_DATA_DIR": str(settings.data_dir),
        "STATUSMAP_DEMO": "false",
        "STATUSMAP_AUTH": "single-user",
        "STATUSMAP_HOST": "127.0.0.1",
        "STATUSMAP_PORT": str(port),
        "STATUSMAP_LOG_FORMAT": "json",
        "STATUSMAP_LOG_LEVEL": "info",
    }
    base = f"http://127.0.0.1:{port}"
    with out.open("wb") as stdout:
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.logged_server"], cwd=ROOT, env=env, stdout=stdout
        )
        try:
            _wait_until_live(base, server)
            with httpx.Client(base_url=base, timeout=120) as http:
                responses = {
                    "given": http.get("/health/live", headers={"x-request-id": "probe-1"}),
                    "made": http.get("/health/live"),
                    "unusable": http.get("/health/live", headers={"x-request-id": "a b"}),
                    "bad-query": http.post(
                        "/graphql",
                        json={"query": "{ noSuchField }"},
                        headers={"x-request-id": "bad-query-1"},
                    ),
                    "missing": http.post(
                        "/graphql",
                        json={"query": '{ workspace(id: "nowhere") { id } }'},
                        headers={"x-request-id": "missing-1"},
                    ),
                    "bug": http.get("/bug", headers={"x-request-id": "bug-1"}),
                }
        finally:
            server.terminate()
            server.wait(60)
    return Served(responses, [line for line in out.read_text().splitlines() if line.strip()])


def test_every_line_is_one_json_object(served: Served) -> None:
    assert len(served.lines) > 5
    for line in served.lines:
        record = json.loads(line)
        assert {"time", "level", "logger", "message"} <= record.keys(), line


def test_the_request_id_is_taken_or_made_and_returned(served: Served) -> None:
    assert served.responses["given"].headers["x-request-id"] == "probe-1"
    made = served.responses["made"].headers["x-request-id"]
    assert len(made) == 32 and int(made, 16) >= 0
    unusable = served.responses["unusable"].headers["x-request-id"]
    assert unusable != "a b" and len(unusable) == 32


def test_each_request_s_access_line_carries_its_id(served: Served) -> None:
    for name, response in served.responses.items():
        rid = response.headers["x-request-id"]
        access = [r for r in served.of(rid) if r["logger"] == "uvicorn.access"]
        assert len(access) == 1, (name, served.of(rid))


def test_a_bug_is_logged_once_with_its_incident_and_request_id(served: Served) -> None:
    response = served.responses["bug"]
    assert response.status_code == 500
    body = response.json()
    assert body["request_id"] == "bug-1"
    errors = [r for r in served.records if r["level"] in {"ERROR", "CRITICAL"}]
    assert len(errors) == 1, errors
    (error,) = errors
    assert error["request_id"] == "bug-1"
    assert error["incident"] == body["incident"]
    assert "RuntimeError: a bug in a route" in error["exception"]
    assert "a bug in a route" not in response.text


def test_a_client_s_bad_query_is_one_info_line_without_a_traceback(served: Served) -> None:
    assert served.responses["bad-query"].json()["errors"]
    (line,) = [r for r in served.of("bad-query-1") if r["logger"] != "uvicorn.access"]
    assert line["level"] == "INFO"
    assert "noSuchField" in line["message"]
    assert "exception" not in line
    assert not [r for r in served.records if r["logger"].startswith("strawberry")]


def test_a_workspace_not_found_is_not_logged_as_an_error(served: Served) -> None:
    assert served.responses["missing"].json()["data"] == {"workspace": None}
    assert all(r["level"] == "INFO" for r in served.of("missing-1"))
