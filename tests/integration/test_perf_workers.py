"""``statusmap serve --workers N``: N API processes on one Neo4j, found through the environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from graph.database.connection import Neo4jTarget

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_serve_with_two_workers_answers_from_both(
    neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_target.uri,
        "NEO4J_USER": neo4j_target.user,
        "NEO4J_PASSWORD": neo4j_target.password or "",
        "STATUSMAP_DEMO": "false",
        "STATUSMAP_DATA_DIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "api.cli", "serve", "--single-user", "--workers", "2"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while True:
            assert process.poll() is None, f"serve exited with {process.returncode}"
            try:
                if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "no answer on /health within 300 s"
            time.sleep(0.3)
        answers = [
            httpx.post(
                f"{base}/graphql",
                json={"query": "{ workspaces(first: 1) { totalCount } }"},
                timeout=30,
            )
            for _ in range(6)
        ]
        assert all(a.status_code == 200 and "errors" not in a.json() for a in answers)
        # uvicorn's supervisor spawns one process per worker.
        workers = [c for c in _children(process.pid) if "spawn_main" in _cmdline(c)]
        assert len(workers) == 2, [_cmdline(c) for c in _children(process.pid)]
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""
