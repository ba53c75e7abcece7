"""Browser tests: the real app (uvicorn in a thread, on the test Neo4j) driven by Debian's
Chromium through Playwright. No browser is downloaded; a missing Chromium fails the run."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from api.app import create_app
from api.settings import Settings
from tests.e2e.demo_workspace import load_demo
from tests.e2e.scenario import Scenario, build_scenario

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist"
CHROMIUM = os.environ.get("STATUSMAP_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling out, which a closed network
# refuses; the sandbox needs user namespaces that CI containers (running as root) lack.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
# The screen the map's first view is designed and checked for (a common laptop screen).
SCREEN: ViewportSize = {"width": 1440, "height": 900}
# Two cores shared with Neo4j and the app: give the page time to answer before failing.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser tests run last, however pytest was called (`pytest tests` collects tests/e2e
    # first): Playwright's sync API leaves its event loop set in the main thread, and an
    # asyncio test after it errors ("Runner.run() cannot be called from a running event
    # loop") instead of running.
    here = Path(__file__).parent
    browser = [item for item in items if here in Path(str(item.fspath)).parents]
    for item in browser:
        item.add_marker(pytest.mark.e2e)
    chosen = set(browser)
    items[:] = [item for item in items if item not in chosen] + browser


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: the browser tests need Debian's chromium "
            "(`make browser`, or `apt-get install chromium`; STATUSMAP_CHROMIUM for another path)",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def frontend_dist() -> Path:
    if not (DIST / "index.html").is_file():
        pytest.fail(
            f"the front end is not built ({DIST}/index.html missing): run `make frontend`",
            pytrace=False,
        )
    return DIST


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The whole app (API + built front end) on a free port of 127.0.0.1, in a thread."""
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the app did not start (see the log above)", pytrace=False)
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="session")
def live_server(settings: Settings, frontend_dist: Path) -> Iterator[str]:
    """The app in single-user mode: no token, as `make run` serves it on this machine."""
    # The page signs in with a token in production; most browser tests use the local
    # single-user mode (loopback only), and test_sign_in.py runs against token_server.
    local = {"frontend_dir": frontend_dist, "auth": "single-user"}
    with serving(settings.model_copy(update=local)) as url:
        yield url


@pytest.fixture(scope="session")
def token_server(settings: Settings, frontend_dist: Path) -> Iterator[str]:
    """The app in token mode (the default of `statusmap serve`): every call needs a token."""
    with serving(
        settings.model_copy(update={"frontend_dir": frontend_dist, "auth": "token"})
    ) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[Browser]:
    with sync_playwright() as pw:
        # Playwright gives each launch a fresh, throw-away profile directory.
        b = pw.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield b
        b.close()


def _rejected_upload(message: ConsoleMessage) -> bool:
    """Chromium logs every HTTP error status, and a CSV upload with bad rows is answered 422
    with its validation report: that one is expected, not a fault of the page."""
    url = str(message.location.get("url", ""))
    return "/imports" in url and "status of 422" in message.text


@contextmanager
def watched_page(
    browser: Browser,
    base_url: str,
    expected: Callable[[ConsoleMessage], bool] = _rejected_upload,
    viewport: ViewportSize = VIEWPORT,
) -> Iterator[Page]:
    """A fresh page (1280x800 unless `viewport` says) that fails the test on any console error
    (but those `expected` answers) or uncaught exception."""
    context = browser.new_context(viewport=viewport, base_url=base_url, accept_downloads=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not expected(message):
            errors.append(f"console: {message.text}")

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: errors.append(f"uncaught: {exc.stack or exc}"))
    try:
        yield pg
    finally:
        context.close()
    assert not errors, "the page logged errors:\n" + "\n".join(errors)


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A fresh page on the single-user app."""
    with watched_page(browser, live_server) as pg:
        yield pg


@pytest.fixture
def screen_page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A fresh page at 1440x900, the screen the first view is checked for."""
    with watched_page(browser, live_server, viewport=SCREEN) as pg:
        yield pg


@pytest.fixture(scope="session")
def demo(live_server: str) -> str:
    """The demo workspace, loaded once per session (its keys are unique across workspaces)."""
    return load_demo(live_server)


@pytest.fixture
def scenario(live_server: str) -> Scenario:
    """A fresh workspace with the Northwind account (tests may edit it freely)."""
    return build_scenario(live_server)


def person_row(page: Page, name: str) -> Locator:
    """The People list's row of `name`, the list opened first if it is folded (it starts folded
    on screens narrower than 1600 px, to give the map room)."""
    toggle = page.locator("#people-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    return page.locator("#people-list button", has_text=name)


IMPORT_SECONDS = 180
"""Longest an import from the page may take here: the wait ends as soon as its report is shown."""


def upload_and_import(page: Page) -> Locator:
    """Start the import the page's form is set up for, wait until its report is no longer busy
    (``aria-busy``, set while the upload and the redraw run), and give the report's summary.

    A loaded machine makes an import take longer than the page's usual time to answer; waiting
    on the report's own state, not on a time for its text, keeps the test about what it shows.
    """
    page.get_by_role("button", name="Upload and import").click()
    report = page.get_by_test_id("import-report")
    expect(report).to_have_attribute("aria-busy", "false", timeout=IMPORT_SECONDS * 1000)
    return report.get_by_test_id("import-summary")
