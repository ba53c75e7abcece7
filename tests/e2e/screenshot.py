"""Take the README's screenshot of the map on the demo data: ``python -m tests.e2e.screenshot``.

Starts what ``make run`` starts (a throw-away local Neo4j unless NEO4J_URI is set, the app with
the demo workspace), opens the demo's first deal in Debian's Chromium at 1280x800 and writes
``docs/map.png``. With NEO4J_URI, the database must be empty (the demo loads only into an empty
one).
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from api.app import create_app
from graph.config import Settings
from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, DIST, VIEWPORT

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "map.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="statusmap-shot-") as data:
        settings = Settings(data_dir=Path(data), demo=True)
        # No token on loopback (single-user), as `make run` serves it.
        local = {"frontend_dir": DIST, "auth": "single-user"}
        app = create_app(settings.model_copy(update=local))
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            if not thread.is_alive():
                raise SystemExit("the app did not start")
            time.sleep(0.1)
        try:
            shoot(f"http://127.0.0.1:{sock.getsockname()[1]}", args.out)
        finally:
            server.should_exit = True
            thread.join(timeout=60)
    print(f"wrote {args.out}")


def shoot(base_url: str, out: Path) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f"{base_url}/#workspace=demo")
        page.locator("[data-testid=approach-plan] .plan-step").first.wait_for(timeout=120_000)
        # The view a user first sees: the map framed on the buying centre, names readable.
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    main()
