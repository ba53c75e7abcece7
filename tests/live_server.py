"""The app served by uvicorn on a loopback port in a thread, for clients that need real HTTP.

Schemathesis and Hypothesis drive synchronous clients; the app then runs on its own event loop
(with its own driver, made by its lifespan), like ``statusmap serve``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def live_server(settings: Settings, timeout: float = 60.0) -> Iterator[str]:
    """Serve ``create_app(settings)`` on 127.0.0.1; yields its base URL."""
    with serving(create_app(settings), timeout) as url:
        yield url


@contextmanager
def serving(app: FastAPI, timeout: float = 60.0) -> Iterator[str]:
    """Serve ``app`` (made by :func:`api.app.create_app`) on 127.0.0.1; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="statusmap-live", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
