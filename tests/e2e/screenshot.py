"""Take the README's screenshots of the map on the demo data: ``python -m tests.e2e.screenshot``.

Starts what ``make run`` starts (a throw-away local Neo4j unless NEO4J_URI is set, the app with
the demo workspace), opens the demo's first deal in Debian's Chromium at 1440x900 and writes
``docs/map.png`` (the first view) and ``docs/map-plan-step.png`` (the first plan step's route).
With NEO4J_URI, the database must be empty (the demo loads only into an empty one).
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from api.app import create_app
from api.settings import Settings
from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, DIST

ROOT = Path(__file__).resolve().parents[2]
SCREEN = {"width": 1440, "height": 900}


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """The app on a free loopback port, in a thread; stopped (with its Neo4j) on exit."""
    app = create_app(settings)
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
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="statusmap-shot-") as data:
        settings = Settings(data_dir=Path(data), demo=True)
        # No token on loopback (single-user), as `make run` serves it.
        local = {"frontend_dir": DIST, "auth": "single-user"}
        with serve(settings.model_copy(update=local)) as url:
            shoot(url, args.out)
    print(f"wrote {args.out}/map.png and {args.out}/map-plan-step.png")


def shoot(base_url: str, out: Path) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport=SCREEN)  # type: ignore[arg-type]
        page.goto(f"{base_url}/#workspace=demo")
        page.locator("[data-testid=approach-plan] .plan-step").first.wait_for(timeout=120_000)
        # The deal panel settled too: its saved views read (no "Reading the saved views…").
        page.locator("[data-testid=saved-views] select").wait_for(timeout=60_000)
        # The view a user first sees: the deal's people as cards, names readable.
        page.wait_for_timeout(500)
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / "map.png"))
        page.locator(".plan-step").first.click()
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "map-plan-step.png"))
        browser.close()


if __name__ == "__main__":
    main()
