"""Logs as operators read them: one line per event on stdout, text or JSON, with the request id.

Twelve-factor: statusmap writes to stdout and leaves routing and storage to the platform.
``STATUSMAP_LOG_FORMAT=json`` gives one JSON object per line (``time``, ``level``, ``logger``,
``message``, ``request_id`` and any extra fields such as ``incident``; ``exception`` holds a
traceback); ``text`` (the default) a line a person reads. ``STATUSMAP_LOG_LEVEL`` sets the level.

Every HTTP request has an id: the caller's ``X-Request-ID`` when it sends a usable one, else a new
one. :class:`RequestContext` keeps it for the request's duration, so every line logged while the
request is served carries it (uvicorn's access line too), and returns it in the response's
``X-Request-ID`` header. It is also where an exception nobody handled becomes the one logged
``500`` with an incident id (:func:`internal_error`): Starlette's own last-resort handler would
log it a second time, through uvicorn.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sys
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import observe_request
from api.settings import Settings

__all__ = [
    "REQUEST_ID",
    "RequestContext",
    "configure_logging",
    "internal_error",
    "request_id",
]

log = logging.getLogger("statusmap")

REQUEST_ID: ContextVar[str | None] = ContextVar("statusmap_request_id", default=None)
"""The id of the request being served in this task, if any."""

_USABLE_ID = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")
"""A caller's id is kept when it is short and printable; anything else could forge log lines."""

# Attributes every LogRecord has; the others were passed as ``extra`` and go into the JSON line.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}


def request_id() -> str | None:
    """The id of the request being served, or ``None`` outside a request."""
    return REQUEST_ID.get()


class _RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request it was logged in (``-`` outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", "-")
        if rid != "-":
            entry["request_id"] = rid
        entry.update((k, v) for k, v in record.__dict__.items() if k not in _STANDARD)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


_TEXT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class _StatusmapHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler :func:`configure_logging` installs (and replaces when called again)."""


def configure_logging(settings: Settings) -> None:
    """Send every logger's records (uvicorn's included) to stdout, in the configured format."""
    handler = _StatusmapHandler(sys.stdout)
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(
        JsonFormatter() if settings.log_format == "json" else logging.Formatter(_TEXT)
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StatusmapHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # uvicorn's loggers pass their records to the root's handler, with the request id.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True


def internal_error(method: str, path: str, exc: BaseException) -> JSONResponse:
    """A bug: the log gets the traceback under an incident id, the client only the ids."""
    incident = secrets.token_hex(6)
    log.error(
        "internal error %s on %s %s",
        incident,
        method,
        path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"incident": incident},
    )
    return JSONResponse(
        {
            "error": "internal",
            "message": f"internal error (incident {incident}); it has been logged",
            "incident": incident,
            "request_id": REQUEST_ID.get(),
        },
        status_code=500,
    )


class RequestContext:
    """ASGI middleware: the request id (kept, returned, logged), the request's metrics
    (:func:`api.metrics.observe_request`), and the last word on a bug."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        rid = given if given and _USABLE_ID.fullmatch(given) else uuid.uuid4().hex
        token = REQUEST_ID.set(rid)
        began = time.perf_counter()
        status: int | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if status is not None:  # too late for an answer of its own: the connection closes
                raise
            response = internal_error(scope["method"], scope["path"], exc)
            await response(scope, receive, send_with_id)
        finally:
            observe_request(scope, status or 500, time.perf_counter() - began)
            REQUEST_ID.reset(token)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value).decode("latin-1")
    return None
