"""The root of statusmap's errors; the API maps each subclass to a response in one place."""

from __future__ import annotations


class StatusmapError(Exception):
    """Base class of every error statusmap raises on purpose.

    ``status`` is the HTTP status the API answers with; ``code`` is a stable machine name.
    """

    status: int = 500
    code: str = "internal"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(StatusmapError):
    """The environment cannot run statusmap as configured (e.g. Java or Maven missing)."""

    code = "configuration"


class DatabaseUnavailable(StatusmapError):
    """Neo4j does not answer; the request may be retried once it is back."""

    status = 503
    code = "database_unavailable"


class QueryNotFound(StatusmapError):
    """A statement name has no ``.cypher`` file under ``queries/``."""

    code = "query_not_found"
