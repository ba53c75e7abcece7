"""A local Neo4j Community 5.26 server, run from Maven Central jars on Java 17+.

The jars are resolved once by ``mvn`` into the user's Maven repository (``~/.m2``, outside the
project), and the resolved class path is cached under ``cache_dir``, so a second start downloads
nothing and does not even run Maven. A small Java launcher (``StatusmapNeo4j.java``) opens the DBMS
with only the Bolt connector, on 127.0.0.1, with auth on and a password made fresh for each start.

With ``gds=True`` the open-source Graph Data Science library (:data:`GDS_VERSION`) is resolved
beside Neo4j (a class path cached apart), its jars are linked into the server's plugin directory
and put on the class path, as Neo4j's own start script does with ``plugins/*``, and its
procedures (``gds.*``) are allowed and unrestricted.

The server is ready when the database answers a query, not when its port opens. It stops when
:meth:`LocalNeo4j.stop` closes its standard input; because the launcher exits when that pipe
closes, the JVM also goes away if this Python process dies without cleaning up.

A supervised server (``supervise=True``: ``statusmap serve`` and the API's own) is started again
when it exits without :meth:`LocalNeo4j.stop` (killed, out of memory), on the same data, port and
password, so the clients' drivers reconnect by themselves; restarts back off from
:data:`RESTART_FIRST_DELAY` doubling to :data:`RESTART_MAX_DELAY`, and each is logged.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import threading
import time
from importlib import resources
from pathlib import Path
from types import TracebackType

from neo4j import GraphDatabase
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph.errors import ConfigurationError, DatabaseUnavailable, StatusmapError

__all__ = [
    "GDS_VERSION",
    "NEO4J_VERSION",
    "RESTART_FIRST_DELAY",
    "RESTART_MAX_DELAY",
    "LocalNeo4j",
    "check_tools",
    "resolve_classpath",
    "running_server",
]

log = logging.getLogger("statusmap.neo4j")

#: The Neo4j release statusmap runs locally: the latest 5.26 LTS patch, pinned.
NEO4J_VERSION = "5.26.30"

#: The Graph Data Science release loaded with ``gds=True``: the open-source modules of Maven
#: Central, compatible with Neo4j 5.26.
GDS_VERSION = "2.13.9"

#: The procedures the plugin directory may register, unrestricted (GDS reads the kernel's
#: internals).
GDS_PROCEDURES = "gds.*"

_LAUNCHER = "StatusmapNeo4j"
_MARKER = "statusmap-neo4j: bolt on"

# What Neo4j's own start script passes on Java 17 (conf/neo4j.conf, server.jvm.additional).
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
)

RESTART_FIRST_DELAY = 1.0
"""Seconds before a supervised server that exited is started again; doubled after each restart
that did not last :data:`RESTART_STABLE_SECONDS`."""
RESTART_MAX_DELAY = 60.0
"""The longest wait between two restarts (a server that keeps failing is tried once a minute)."""
RESTART_STABLE_SECONDS = 300.0
"""A server that ran this long before exiting counts as healthy: the back-off starts over."""

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)b?\s*$", re.IGNORECASE)


def _bytes(size: str) -> int:
    match = _SIZE.match(size)
    if not match:
        raise ConfigurationError(f"memory size {size!r} is not like '512m' or '2g'")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]


def _java_major(java: str) -> int:
    out = subprocess.run(
        [java, "-version"], capture_output=True, text=True, check=False, timeout=60
    ).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        raise ConfigurationError(f"could not read the Java version from {java} -version: {out!r}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def check_tools() -> tuple[str, str, str]:
    """Find ``java`` (17+), ``javac`` and ``mvn``, or say clearly what is missing.

    ``JAVA_HOME`` wins over ``PATH``. Returns the paths of java, javac and mvn.
    """
    java_home = os.environ.get("JAVA_HOME")
    bin_dir = Path(java_home) / "bin" if java_home else None
    java = (
        str(bin_dir / "java") if bin_dir and (bin_dir / "java").exists() else shutil.which("java")
    )
    javac = (
        str(bin_dir / "javac")
        if bin_dir and (bin_dir / "javac").exists()
        else shutil.which("javac")
    )
    mvn = shutil.which("mvn")
    hint = (
        "statusmap starts its own Neo4j when NEO4J_URI is not set, and that needs a JDK 17 or 21 "
        "and Maven (Debian: apt-get install openjdk-17-jdk-headless maven). "
        "Or point NEO4J_URI at a running Neo4j (docker compose up neo4j)."
    )
    if not java or not javac:
        raise ConfigurationError(f"no Java development kit found (java and javac). {hint}")
    major = _java_major(java)
    if major < 17:
        raise ConfigurationError(f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or 21. {hint}")
    if not mvn:
        raise ConfigurationError(f"Maven (mvn) not found. {hint}")
    return java, javac, mvn


def resolve_classpath(
    cache_dir: Path, *, mvn: str, version: str = NEO4J_VERSION, gds: str | None = None
) -> str:
    """The class path of Neo4j ``version`` (with GDS ``gds`` if given), resolved by Maven once.

    Each combination has its own directory under ``cache_dir``, so turning GDS on or off never
    resolves the other again.
    """
    home = cache_dir / (f"neo4j-{version}-gds-{gds}" if gds else f"neo4j-{version}")
    cp_file = home / "classpath.txt"
    if cp_file.exists():
        classpath = cp_file.read_text().strip()
        if classpath and all(Path(p).exists() for p in classpath.split(os.pathsep)):
            return classpath
    home.mkdir(parents=True, exist_ok=True)
    pom = home / "pom.xml"
    pom.write_bytes(resources.files("graph.database.local").joinpath("pom.xml").read_bytes())
    result = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            f"-Dneo4j.version={version}",
            *([f"-Dgds.version={gds}"] if gds else []),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={cp_file}",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if result.returncode != 0 or not cp_file.exists():
        tail = (result.stdout + result.stderr)[-2000:]
        wanted = f"org.neo4j:neo4j:{version}" + (f" and org.neo4j.gds:proc:{gds}" if gds else "")
        raise ConfigurationError(f"Maven could not resolve {wanted} from Maven Central:\n{tail}")
    return cp_file.read_text().strip()


def _is_gds_jar(path: str) -> bool:
    """Whether ``path`` is a jar of the Graph Data Science library (group ``org.neo4j.gds``)."""
    return "/org/neo4j/gds/" in Path(path).as_posix()


def link_plugins(plugins: Path, classpath: str) -> Path:
    """Make ``plugins`` hold links to the GDS jars of ``classpath`` (and nothing else)."""
    plugins.mkdir(parents=True, exist_ok=True)
    wanted = {Path(p).name: Path(p) for p in classpath.split(os.pathsep) if _is_gds_jar(p)}
    for link in plugins.iterdir():
        if link.name not in wanted or not link.is_symlink() or link.resolve() != wanted[link.name]:
            link.unlink()
    for name, jar in wanted.items():
        if not (plugins / name).exists():
            (plugins / name).symlink_to(jar)
    return plugins


def _compile_launcher(cache_dir: Path, classpath: str, javac: str) -> Path:
    source = resources.files("graph.database.local").joinpath(f"{_LAUNCHER}.java").read_bytes()
    digest = hashlib.sha256(source + classpath.encode()).hexdigest()[:16]
    classes = cache_dir / f"launcher-{digest}"
    if (classes / f"{_LAUNCHER}.class").exists():
        return classes
    build = cache_dir / f"launcher-{digest}.tmp-{os.getpid()}"
    build.mkdir(parents=True, exist_ok=True)
    (build / f"{_LAUNCHER}.java").write_bytes(source)
    result = subprocess.run(
        [javac, "-d", str(build), "-cp", classpath, str(build / f"{_LAUNCHER}.java")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if result.returncode != 0:
        raise ConfigurationError(f"javac failed on the Neo4j launcher:\n{result.stderr[-2000:]}")
    with contextlib.suppress(OSError):  # another process won the race: use its copy
        build.rename(classes)
    shutil.rmtree(build, ignore_errors=True)
    return classes


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def running_server(home: Path) -> tuple[str, str, str] | None:
    """(uri, user, password) of a local server another statusmap process runs on ``home``."""
    try:
        info = json.loads((home / "run" / "bolt.json").read_text())
        os.kill(int(info["pid"]), 0)  # is the owning process alive?
        return str(info["uri"]), str(info["user"]), str(info["password"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class LocalNeo4j:
    """A Neo4j server owned by this process.

    Examples
    --------
    >>> with LocalNeo4j(Path("/tmp/statusmap-db")) as neo4j:  # doctest: +SKIP
    ...     print(neo4j.uri)
    bolt://127.0.0.1:40123
    """

    user = "neo4j"

    def __init__(
        self,
        home: Path,
        *,
        cache_dir: Path | None = None,
        port: int = 0,
        heap: str = "512m",
        pagecache: str = "256m",
        start_timeout: float = 120.0,
        transaction_timeout: float = 0.0,
        supervise: bool = False,
        gds: bool = False,
    ) -> None:
        self.home = home
        self.cache_dir = cache_dir or Path.home() / ".cache" / "statusmap"
        self.port = port or _free_port()
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout = start_timeout
        # Seconds after which the server stops a transaction that sets no limit itself (0: never).
        self.transaction_timeout = transaction_timeout
        self.supervise = supervise
        # Load the Graph Data Science library (GDS_VERSION) as a plugin.
        self.gds = gds
        self.restarts = 0
        self.password = secrets.token_urlsafe(24)
        self.process: subprocess.Popen[bytes] | None = None
        self._log_offset = 0
        # Held while the server is started or stopped, so a restart and stop() never interleave.
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._started_at = 0.0

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "statusmap-neo4j.out"

    @property
    def runtime_file(self) -> Path:
        """Where a running server leaves its URI and password for other statusmap commands."""
        return self.home / "run" / "bolt.json"

    def _publish(self) -> None:
        # Owner-only file: the password in it opens the database.
        self.runtime_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.runtime_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(
                {"uri": self.uri, "user": self.user, "password": self.password, "pid": os.getpid()},
                out,
            )

    def command(self) -> list[str]:
        """The Java command line (resolving jars and compiling the launcher if needed)."""
        java, javac, mvn = check_tools()
        classpath = resolve_classpath(
            self.cache_dir, mvn=mvn, gds=GDS_VERSION if self.gds else None
        )
        classes = _compile_launcher(self.cache_dir / f"neo4j-{NEO4J_VERSION}", classpath, javac)
        plugins = (
            [str(link_plugins(self.home / "plugins", classpath)), GDS_PROCEDURES]
            if self.gds
            else []
        )
        return [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *_JVM_FLAGS,
            "-cp",
            f"{classes}{os.pathsep}{classpath}",
            _LAUNCHER,
            str(self.home),
            str(self.port),
            str(_bytes(self.pagecache)),
            str(round(self.transaction_timeout * 1000)),
            *plugins,
        ]

    def start(self) -> None:
        """Start the server and return once the database answers a query.

        When supervised, a thread then waits for the server to exit and starts it again.
        """
        with self._lock:
            if self.process is not None:
                return
            self._stopping.clear()
            atexit.register(self.stop)
            try:
                self._launch()
            except BaseException:
                self.stop()
                raise
            self._publish()
        if self.supervise:
            threading.Thread(
                target=self._supervise, name=f"neo4j-supervisor-{self.port}", daemon=True
            ).start()

    def _launch(self) -> None:
        """Start the JVM and wait until the database answers (``self.process`` is set first)."""
        command = self.command()
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "STATUSMAP_NEO4J_LOCAL_PASSWORD": self.password}
        self._log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        with self.log_file.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                # Own process group: a Ctrl-C in the terminal reaches Python, which then stops
                # the API before the database, rather than both at once.
                start_new_session=True,
            )
        self._started_at = time.monotonic()
        self._wait_ready()

    def _supervise(self) -> None:
        """Start the server again each time it exits unasked, backing off; logs each restart."""
        delay = RESTART_FIRST_DELAY
        while (process := self.process) is not None:
            code = process.wait()
            if process.stdin is not None:
                process.stdin.close()
            if self._stopping.is_set() or process is not self.process:
                return
            if time.monotonic() - self._started_at >= RESTART_STABLE_SECONDS:
                delay = RESTART_FIRST_DELAY
            log.warning(
                "the local Neo4j on %s (pid %d) exited with code %s; starting it again in "
                "%g s on the same data and port",
                self.uri,
                process.pid,
                code,
                delay,
            )
            while True:
                if self._stopping.wait(delay):
                    return
                with self._lock:
                    if self._stopping.is_set():
                        return
                    try:
                        self._launch()
                        break
                    except (StatusmapError, OSError) as e:
                        self._end(self.process)
                        failure = e.message if isinstance(e, StatusmapError) else str(e)
                delay = min(delay * 2, RESTART_MAX_DELAY)
                log.error(
                    "the local Neo4j on %s did not start again (%s); next try in %g s",
                    self.uri,
                    failure,
                    delay,
                )
            self.restarts += 1
            delay = min(delay * 2, RESTART_MAX_DELAY)
            assert self.process is not None
            log.warning(
                "the local Neo4j is back on %s (pid %d, restart %d)",
                self.uri,
                self.process.pid,
                self.restarts,
            )

    def _wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.start_timeout
        # The launcher prints its marker once the password is set; connecting before that would
        # fail authentication (and trip Neo4j's rate limit). Ready = the database answers.
        while _MARKER not in self._new_log():
            self._check_alive(deadline)
            time.sleep(0.1)
        driver = GraphDatabase.driver(self.uri, auth=(self.user, self.password))
        try:
            while True:
                self._check_alive(deadline)
                try:
                    with driver.session(database="neo4j") as session:
                        session.run("RETURN 1 AS ready").consume()
                    return
                except (ServiceUnavailable, SessionExpired, OSError):
                    time.sleep(0.1)
        finally:
            driver.close()

    def _new_log(self) -> str:
        try:
            with self.log_file.open("rb") as log:
                log.seek(self._log_offset)
                return log.read().decode(errors="replace")
        except OSError:
            return ""

    def _check_alive(self, deadline: float) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise DatabaseUnavailable(
                f"the local Neo4j exited with code {self.process.returncode} while "
                f"starting; its log ({self.log_file}) ends with:\n{self._log_tail()}"
            )
        if time.monotonic() > deadline:
            raise DatabaseUnavailable(
                f"the local Neo4j did not answer within {self.start_timeout:.0f} s; "
                f"its log ({self.log_file}) ends with:\n{self._log_tail()}"
            )

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 60.0) -> None:
        """Shut the server down cleanly; kill it only if it does not stop within ``timeout``."""
        self._stopping.set()  # before the lock: a restart under way gives up at its next step
        with self._lock:
            process, self.process = self.process, None
            if process is None:
                return
            atexit.unregister(self.stop)
            self.runtime_file.unlink(missing_ok=True)
            self._end(process, timeout)

    @staticmethod
    def _end(process: subprocess.Popen[bytes] | None, timeout: float = 60.0) -> None:
        """Stop ``process`` by closing its input; terminate, then kill it if it lingers."""
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(OSError):
                assert process.stdin is not None
                process.stdin.close()  # the launcher exits when its input closes
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        elif process.stdin is not None:
            process.stdin.close()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> LocalNeo4j:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
