"""The local Neo4j's supervisor, with ``cat`` standing in for the JVM (it too exits when its
input closes): restarts after an unasked exit, backs off while starts fail, stops with stop()."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

import graph.database.local.runner as runner
from graph.database.local import LocalNeo4j
from graph.errors import DatabaseUnavailable


class _CatServer(LocalNeo4j):
    """A supervised LocalNeo4j whose server is ``cat``; the launches numbered in ``failing``
    start a process and then fail, as a server that exits while starting does."""

    def __init__(self, home: Path, failing: set[int]) -> None:
        super().__init__(home, port=1, supervise=True)
        self.launches = 0
        self.failing = failing

    def _launch(self) -> None:
        self.launches += 1
        self.process = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        self._started_at = time.monotonic()
        if self.launches in self.failing:
            raise DatabaseUnavailable("the local Neo4j exited while starting")


def _until(condition: object, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the supervisor did not get there"
        time.sleep(0.01)


def test_a_killed_server_is_started_again_backing_off_while_starts_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(runner, "RESTART_FIRST_DELAY", 0.01)
    monkeypatch.setattr(runner, "RESTART_MAX_DELAY", 0.04)
    caplog.set_level(logging.WARNING, logger="statusmap.neo4j")
    server = _CatServer(tmp_path, failing={2, 3, 4})
    server.start()
    try:
        assert server.process is not None
        first = server.process.pid
        os.kill(first, signal.SIGKILL)
        _until(lambda: server.restarts == 1)
        assert server.launches == 5 and server.running and server.process.pid != first
    finally:
        server.stop()
    messages = [r.getMessage() for r in caplog.records if r.name == "statusmap.neo4j"]
    assert f"(pid {first}) exited with code -9; starting it again in 0.01 s" in messages[0]
    retries = [m.rpartition("next try in ")[2] for m in messages if "did not start" in m]
    assert retries == ["0.02 s", "0.04 s", "0.04 s"]  # doubled, then held at the maximum
    assert "is back on" in messages[-1] and "restart 1" in messages[-1]


def test_stop_ends_the_supervision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "RESTART_FIRST_DELAY", 0.01)
    server = _CatServer(tmp_path, failing=set())
    server.start()
    assert server.process is not None
    process = server.process
    (supervisor,) = [t for t in threading.enumerate() if t.name == "neo4j-supervisor-1"]
    server.stop()
    supervisor.join(30)
    assert not supervisor.is_alive()
    assert process.poll() is not None and server.process is None
    assert server.launches == 1 and server.restarts == 0
