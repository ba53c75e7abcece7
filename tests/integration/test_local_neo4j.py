"""The local Neo4j that `statusmap serve` starts: ready, cached, gone after any kind of exit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase

from api.settings import Settings
from graph.database.local import NEO4J_VERSION, check_tools, resolve_classpath, running_server

pytestmark = pytest.mark.integration

STATUSMAP = str(Path(sys.executable).with_name("statusmap"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _jvms_for(data_dir: Path) -> list[int]:
    """Pids of JVMs whose command line names ``data_dir`` (our launcher's home argument)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(part == b"StatusmapNeo4j" for part in cmdline) and any(
            str(data_dir).encode() in part for part in cmdline
        ):
            pids.append(int(entry.name))
    return pids


def _start_serve(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int, Path]:
    port = _free_port()
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in {"NEO4J_URI", "STATUSMAP_NEO4J_URI"}} | {
        "STATUSMAP_DATA_DIR": str(data_dir),
        "STATUSMAP_PORT": str(port),
        "STATUSMAP_NEO4J_HEAP": "512m",
        "STATUSMAP_NEO4J_PAGECACHE": "64m",
    }
    process = subprocess.Popen(
        [STATUSMAP, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait = Settings().neo4j_start_timeout  # the server's own limit (STATUSMAP_NEO4J_START_TIMEOUT)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        assert process.poll() is None, "statusmap serve exited while starting"
        try:
            body = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
            if body["neo4j"]["state"] == "up":
                return process, port, data_dir
        except (httpx.HTTPError, ValueError, KeyError):
            pass
        time.sleep(0.5)
    process.kill()
    raise AssertionError(f"statusmap serve did not report Neo4j up within {wait:.0f} s")


def _wait_gone(data_dir: Path, timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _jvms_for(data_dir):
        time.sleep(0.25)
    return _jvms_for(data_dir)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_stops_its_neo4j_on_signal(tmp_path: Path, sig: signal.Signals) -> None:
    process, _, data_dir = _start_serve(tmp_path)
    assert len(_jvms_for(data_dir)) == 1
    # Other commands find the running server (owner-only file) instead of starting a second one.
    runtime = data_dir / "neo4j" / "run" / "bolt.json"
    assert runtime.stat().st_mode & 0o777 == 0o600
    shared = running_server(data_dir / "neo4j")
    assert shared is not None
    uri, user, password = shared
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        assert driver.execute_query("RETURN 42 AS x").records[0]["x"] == 42
    process.send_signal(sig)
    # uvicorn re-raises the signal after a graceful shutdown, so -sig is a clean exit too.
    assert process.wait(60) in {0, -sig, 128 + sig}
    assert _wait_gone(data_dir) == []
    assert not runtime.exists()
    assert running_server(data_dir / "neo4j") is None
    # Persistent data directory for serve: the store files stay.
    assert (data_dir / "neo4j" / "data" / "databases" / "neo4j").is_dir()


def test_neo4j_goes_away_when_serve_is_killed_outright(tmp_path: Path) -> None:
    process, _, data_dir = _start_serve(tmp_path)
    process.kill()  # no cleanup code runs: the launcher sees its input close and shuts down
    process.wait(10)
    assert _wait_gone(data_dir) == []


def test_second_start_runs_no_maven(tmp_path: Path) -> None:
    settings = Settings()
    _, _, mvn = check_tools()
    first = resolve_classpath(settings.cache_dir, mvn=mvn)
    # A Maven that cannot run proves the cached class path is used as is.
    assert resolve_classpath(settings.cache_dir, mvn=str(tmp_path / "no-mvn")) == first
    assert f"neo4j-{NEO4J_VERSION}.jar" in first


def test_missing_java_is_a_clear_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"JAVA_HOME", "NEO4J_URI", "PATH"}} | {
        "PATH": str(tmp_path),
        "STATUSMAP_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [STATUSMAP, "neo4j"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "Java" in result.stderr
    assert "NEO4J_URI" in result.stderr
