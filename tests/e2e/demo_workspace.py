"""The demo workspace that ``statusmap serve`` loads into an empty database, written into the
test database through the same CSV upload the page uses (keys are unique across workspaces, so
it is loaded once per test session)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from seed.demo import DEMO, DEMO_WORKSPACE
from seed.files import write_csv_files
from seed.generator import generate
from tests.e2e.scenario import api_client, create_workspace

DEMO_DEAL = "Azure rollout"


def load_demo(base_url: str) -> str:
    """Import the demo into the workspace ``demo`` and return its key."""
    with tempfile.TemporaryDirectory(prefix="statusmap-e2e-demo-") as directory:
        write_csv_files(generate(DEMO), Path(directory))
        files = sorted(Path(directory).glob("*.csv"))
        upload = [("files", (f.name, f.read_bytes(), "text/csv")) for f in files]
        with api_client(base_url) as client:
            create_workspace(client, DEMO_WORKSPACE, "Demo")
            url = f"/workspaces/{DEMO_WORKSPACE}/imports"
            response = client.post(url, files=upload, timeout=300)
            assert response.status_code == 200, response.text[:2000]
            assert response.json()["applied"], response.text[:2000]
    return DEMO_WORKSPACE
