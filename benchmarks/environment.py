"""Where the benchmarks run: the Neo4j they use, the machine they describe, memory peaks.

The suite starts its own local Neo4j on a throw-away data directory (bigger heap and page cache
than the defaults) unless ``NEO4J_URI`` is set. Memory peaks are read from ``/proc``: the kernel
keeps each process's high-water mark of resident memory (``VmHWM``), and writing ``5`` to
``/proc/<pid>/clear_refs`` resets it, so each size gets its own peak.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import platform
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from api.settings import Settings
from graph.database.local import LocalNeo4j

__all__ = [
    "BenchNeo4j",
    "command_setup",
    "machine",
    "peak_rss",
    "reset_peak",
    "started_neo4j",
]


@dataclass(frozen=True)
class BenchNeo4j:
    """The server under test: its URI, credentials and (when local) the JVM's process id."""

    uri: str
    user: str
    password: str | None
    pid: int | None


@contextmanager
def started_neo4j(heap: str, pagecache: str) -> Iterator[BenchNeo4j]:
    """``NEO4J_URI`` if set, else a local Neo4j on a temporary directory, stopped at exit."""
    if os.environ.get("NEO4J_URI"):
        yield BenchNeo4j(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD"),
            None,
        )
        return
    settings = Settings()
    with (
        tempfile.TemporaryDirectory(prefix="statusmap-bench-") as tmp,
        LocalNeo4j(
            Path(tmp) / "db",
            cache_dir=settings.cache_dir,
            heap=heap,
            pagecache=pagecache,
            start_timeout=settings.neo4j_start_timeout,
        ) as server,
    ):
        assert server.process is not None
        yield BenchNeo4j(server.uri, server.user, server.password, server.process.pid)


def peak_rss(pid: int | None) -> int | None:
    """The peak resident memory of process ``pid`` in bytes (``None`` when unknown)."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (an API's worker processes); gone processes are skipped."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        with suppress(OSError):
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                todo.extend(int(c) for c in task.read_text().split())
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU so far of ``pid`` and its descendants."""
    ticks = 0
    for each in process_tree(pid):
        with suppress(OSError):
            fields = Path(f"/proc/{each}/stat").read_text().rpartition(")")[2].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def reset_peak(pid: int | None) -> None:
    """Start a new peak for ``pid`` (a no-op where the kernel does not allow it)."""
    if pid is None:
        return
    with suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def _memory_total() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "no"


def machine(neo4j_version: str) -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = os.getloadavg()
    return {
        "CPU": f"{os.cpu_count()} x {cpu}",
        "RAM": f"{_memory_total() / 2**30:.1f} GiB",
        "load average at start (1/5/15 min)": f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Neo4j": neo4j_version,
        "neo4j driver": _version("neo4j"),
        "neo4j-rust-ext": _version("neo4j-rust-ext"),
        "Strawberry": _version("strawberry-graphql"),
        "NetworkX": _version("networkx"),
        "igraph": _version("igraph"),
        "uvloop": "yes" if importlib.util.find_spec("uvloop") else "no",
    }


def command_setup() -> None:
    """What a benchmark command does first: logs with times, and a SIGTERM that unwinds.

    A SIGTERM then unwinds like Ctrl-C, so the API process and the local Neo4j are stopped too.
    """
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    logging.getLogger("httpx").setLevel(logging.WARNING)
