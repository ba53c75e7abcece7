"""statusmap installed non-editably (as the Docker image installs it) serves the map.

The package is built and installed with pip into a temporary directory (``pip install
--target``, build isolation as usual: it needs the package index, about half a minute), then
``statusmap serve`` of that copy runs as its own process on the test Neo4j.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.settings import Settings
from tests.live_server import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "frontend" / "dist" / "index.html").is_file():
        pytest.fail("frontend/dist is not built: run `make frontend` first")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, ROOT],
        check=True,
        timeout=600,
    )
    return target


@pytest.fixture(scope="module")
def served(installed: Path, settings: Settings) -> Iterator[str]:
    port = free_port()
    secret = settings.neo4j_password
    env = {
        **os.environ,
        # The installed copy first; the virtualenv still provides the dependencies.
        "PYTHONPATH": str(installed),
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": secret.get_secret_value() if secret else "",
        "STATUSMAP_DATA_DIR": str(settings.data_dir),
        "STATUSMAP_DEMO": "false",
        "STATUSMAP_HOST": "127.0.0.1",
        "STATUSMAP_PORT": str(port),
    }
    env.pop("STATUSMAP_FRONTEND_DIR", None)
    # Run from the install directory, so that the checkout is not on sys.path.
    server = subprocess.Popen(
        [sys.executable, "-c", "from api.cli import app; app(['serve'])"],
        cwd=installed,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail(f"the installed statusmap exited with {server.returncode}")
            try:
                httpx.get(f"{base}/health", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("the installed statusmap did not start")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(30)


def test_the_install_carries_the_front_end_and_not_the_checkout(installed: Path) -> None:
    code = "import api, api.settings as c; print(api.__file__); print(c.default_frontend_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=installed,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert Path(out[0]).is_relative_to(installed)
    assert Path(out[1]) == installed / "api" / "static" / "frontend"
    assert (Path(out[1]) / "index.html").is_file()


def test_installed_copy_serves_the_map_graphql_and_health(served: str) -> None:
    page = httpx.get(f"{served}/", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" in page.text
    assert httpx.get(f"{served}/health", timeout=10).json()["neo4j"]["state"] == "up"
    graphiql = httpx.get(f"{served}/graphql", headers={"accept": "text/html"}, timeout=10)
    assert graphiql.status_code == 200
    assert "graphiql" in graphiql.text.lower()
