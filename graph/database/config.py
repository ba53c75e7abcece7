"""The database's settings, read from the environment (12-factor).

The server's own settings (host, port, auth, limits, the page) extend these in ``api/settings.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _xdg(var: str, fallback: str) -> Path:
    import os

    base = os.environ.get(var)
    return Path(base) if base else Path.home() / fallback


STATEMENT_TIMEOUT = 10.0
"""Seconds a statement of an API request may run, unless configured."""
BULK_TIMEOUT = 600.0
"""Seconds a statement of long work (imports, exports, whole-workspace reads) may run."""


class DatabaseSettings(BaseSettings):
    """What the graph layer reads from its environment: the Neo4j to use and its limits.

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
    neo4j_gds: bool = Field(
        default=False,
        description="Load the open-source Graph Data Science library into the local Neo4j "
        "(resolved through Maven and cached like the server's jars; procedures gds.* allowed).",
    )
    # How long a request waits on a database that does not answer before it gets a 503:
    # connecting, waiting for a pooled connection, and retrying transient failures.
    neo4j_connect_timeout: float = Field(default=5.0, gt=0)
    neo4j_acquire_timeout: float = Field(default=10.0, gt=0)
    neo4j_retry_seconds: float = Field(
        default=3.0, ge=0, description="Retries of transient failures stop after this long."
    )
    # How long a statement may run: the server stops it after this long, and this process gives
    # up on a database that gives no answer at all (stalled) shortly after
    # (graph/database/store.py).
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

    analytics_engine: Literal["auto", "python", "gds"] = Field(
        default="auto",
        description="Where whole-workspace measures run: 'python' (NumPy and SciPy in the API "
        "process), 'gds' (Graph Data Science in the database; an error if the server lacks "
        "it), 'auto' (GDS when the server has it, else Python).",
    )
