"""statusmap's app served as ``statusmap serve`` serves it, plus a route with a bug in it.

Run as ``python -m tests.logged_server`` by the log tests (tests/integration/test_logs.py), with
the settings in its environment: logging configured by :func:`api.logs.configure_logging`,
uvicorn's own logging config off, and ``GET /bug`` raising an exception nothing handles.
"""

from __future__ import annotations

import uvicorn
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.app import create_app
from api.logs import configure_logging
from api.settings import get_settings


async def bug(request: Request) -> Response:
    raise RuntimeError("a bug in a route")


def main() -> None:
    settings = get_settings()
    configure_logging(settings)
    app = create_app(settings)
    app.router.routes.insert(0, Route("/bug", bug))  # before the front end's mount at /
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()
