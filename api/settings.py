"""The server's settings, read from the environment (12-factor), with a cached getter.

They extend the database's (``graph/database/config.py``) with what only the server needs: where it
listens, how callers authenticate, the limits of a request, and the page it serves.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from graph.database.config import DatabaseSettings
from graph.rules.consensus import DEFAULT_DISPUTE_THRESHOLD

__all__ = ["LOOPBACK", "Settings", "default_frontend_dir", "get_settings"]


def default_frontend_dir() -> Path:
    """Where the built front end is: the checkout's ``frontend/dist``, else the package's copy.

    A checkout (and an editable install) serves ``frontend/dist`` as ``make frontend`` builds
    it. A non-editable install (a wheel, the Docker image) has no checkout beside it: its build
    copies the page into the package as ``api/static/frontend`` (setup.py).

    Examples
    --------
    >>> default_frontend_dir().name in {"dist", "frontend"}
    True
    """
    root = Path(__file__).resolve().parent.parent
    checkout = root / "frontend" / "dist"
    packaged = root / "api" / "static" / "frontend"
    if (checkout / "index.html").is_file() or not (packaged / "index.html").is_file():
        return checkout
    return packaged


class Settings(DatabaseSettings):
    """Everything statusmap's server reads from its environment.

    Variables carry the ``STATUSMAP_`` prefix, except the Neo4j connection, which also answers to
    the names Neo4j's own tools use (``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``).
    """

    frontend_dir: Path = Field(
        default_factory=default_frontend_dir,
        description="The built front end, served at /. Default: frontend/dist of the checkout, "
        "else the copy built into the installed package (api/static/frontend).",
    )

    demo: bool | None = Field(
        default=None,
        description="Load a small demo into an empty database at start (unset: only `serve`).",
    )

    auth: Literal["token", "single-user"] = Field(
        default="token",
        description="'token': every call but /health needs an API token. 'single-user': no "
        "token, one local user who is admin everywhere; allowed only on a loopback host.",
    )
    auth_cache_seconds: float = Field(default=5.0, ge=0)

    max_upload_bytes: int = Field(
        default=50 * 1024 * 1024,
        gt=0,
        description="Largest upload (all files of one import request together), in bytes.",
    )

    max_query_cost: int = Field(
        default=20_000,
        ge=1,
        description="List items one GraphQL operation may resolve: estimated before it runs "
        "(from `first` and page sizes) and counted while it runs.",
    )
    compiled_reads: bool = Field(
        default=True,
        description="Answer the hot GraphQL reads (a deal's buying centre, a person with their "
        "neighbours) by one statement compiled from the operation, serialised directly; off, "
        "every operation goes through the general executor.",
    )
    dispute_threshold: float = Field(
        default=DEFAULT_DISPUTE_THRESHOLD,
        ge=0,
        le=1,
        description="An influence tie whose reports (by several observers) spread by more than "
        "this on the 0..1 weight is disputed (graph/rules/consensus.py).",
    )
    request_seconds: float = Field(
        default=30.0,
        gt=0,
        description="Longest a GraphQL query may run before it is stopped with an error "
        "(mutations run to their end).",
    )

    max_in_flight: int = Field(
        default=16,
        ge=1,
        description="GraphQL requests and writes at work at once per process; more wait.",
    )
    max_queued: int = Field(
        default=64,
        ge=0,
        description="Requests waiting for their turn per process; one more gets 503 busy.",
    )
    queue_seconds: float = Field(
        default=10.0,
        ge=0,
        description="How long a request waits for its turn before a 503 busy answer.",
    )

    log_format: Literal["text", "json"] = Field(
        default="text",
        description="Log lines on stdout: 'text' for a person, 'json' for one JSON object per "
        "line (api/logs.py).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="The least severe log level written."
    )

    otel: bool = Field(
        default=False,
        description="Export traces over OTLP (needs the 'otel' extra); also on when "
        "OTEL_EXPORTER_OTLP_ENDPOINT is set (api/tracing.py).",
    )

    history_retention_days: int | None = Field(
        default=None,
        ge=1,
        description="Change events older than this many days are pruned by `statusmap "
        "prune-history` (docs/HISTORY.md); a read as of a moment before the retained horizon "
        "is refused. Unset: the history is kept.",
    )

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_any_case(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _single_user_only_on_loopback(self) -> Settings:
        if self.auth == "single-user" and self.host not in LOOPBACK:
            raise ValueError(
                f"STATUSMAP_AUTH=single-user needs STATUSMAP_HOST on loopback "
                f"({', '.join(sorted(LOOPBACK))}), not {self.host!r}: anyone who can reach "
                "the port would be admin. Use API tokens (statusmap token create) instead."
            )
        return self


LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
