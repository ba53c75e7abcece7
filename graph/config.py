"""Settings, read from the environment (12-factor), with a cached getter."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _xdg(var: str, fallback: str) -> Path:
    import os

    base = os.environ.get(var)
    return Path(base) if base else Path.home() / fallback


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


STATEMENT_TIMEOUT = 10.0
"""Seconds a statement of an API request may run, unless configured."""
BULK_TIMEOUT = 600.0
"""Seconds a statement of long work (imports, exports, whole-workspace reads) may run."""


class Settings(BaseSettings):
    """Everything statusmap reads from its environment.

    Variables carry the ``STATUSMAP_`` prefix, except the Neo4j connection, which also answers to
    the names Neo4j's own tools use (``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``).
    """

    model_config = SettingsConfigDict(env_prefix="STATUSMAP_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"

    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "STATUSMAP_NEO4J_URI"),
        description="Bolt/neo4j URI of the server to use; unset = start a local Neo4j.",
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "STATUSMAP_NEO4J_USER")
    )
    neo4j_password: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "STATUSMAP_NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_DATABASE", "STATUSMAP_NEO4J_DATABASE"),
    )

    # The local Neo4j, started when no URI is given.
    data_dir: Path = Field(
        default_factory=lambda: _xdg("XDG_DATA_HOME", ".local/share") / "statusmap"
    )
    cache_dir: Path = Field(default_factory=lambda: _xdg("XDG_CACHE_HOME", ".cache") / "statusmap")
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_bolt_port: int = Field(default=0, ge=0, le=65535, description="0 = any free port")
    neo4j_start_timeout: float = Field(default=120.0, gt=0)
    # How long a request waits on a database that does not answer before it gets a 503:
    # connecting, waiting for a pooled connection, and retrying transient failures.
    neo4j_connect_timeout: float = Field(default=5.0, gt=0)
    neo4j_acquire_timeout: float = Field(default=10.0, gt=0)
    neo4j_retry_seconds: float = Field(
        default=3.0, ge=0, description="Retries of transient failures stop after this long."
    )
    # How long a statement may run: the server stops it after this long, and this process gives
    # up on a database that gives no answer at all (stalled) shortly after (graph/store.py).
    neo4j_statement_timeout: float = Field(
        default=STATEMENT_TIMEOUT,
        gt=0,
        description="Seconds each statement of an API request may run (a token look-up, a "
        "read, a write of up to a page of rows).",
    )
    neo4j_bulk_timeout: float = Field(
        default=BULK_TIMEOUT,
        gt=0,
        description="Seconds each statement of long work may run: an import's batches, an "
        "export, a whole-workspace read, the schema. The local Neo4j also stops any "
        "transaction that sets no time limit of its own after this long.",
    )

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

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

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
