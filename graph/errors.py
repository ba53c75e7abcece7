"""The root of statusmap's errors: what went wrong, in the domain's words.

They carry no HTTP status: ``api/errors.py`` maps each kind to one, in one place.
"""

from __future__ import annotations


class StatusmapError(Exception):
    """Base class of every error statusmap raises on purpose.

    ``code`` is a stable machine name, shown to API clients beside the message.
    """

    code: str = "internal"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(StatusmapError):
    """The environment cannot run statusmap as configured (e.g. Java or Maven missing)."""

    code = "configuration"


class TryAgainLater(StatusmapError):
    """The database cannot serve the request now; the same request may succeed in a moment.

    The API answers 503 with ``Retry-After``.
    """

    code = "try_again_later"


class DatabaseUnavailable(TryAgainLater):
    """Neo4j does not answer (down, restarting, unreachable or stalled)."""

    code = "database_unavailable"


class DatabaseBusy(TryAgainLater):
    """Neo4j answers but could not do the work now, and rolled it back.

    It deadlocked with another write (after the retries), waited too long for a lock, or ran
    past its time limit. Never reported as an outage: the database is there.
    """

    code = "database_busy"


class QueryNotFound(StatusmapError):
    """A statement name has no ``.cypher`` file under ``queries/``."""

    code = "query_not_found"


class NotFound(StatusmapError):
    """A referenced node does not exist in the workspace (never says whether it exists elsewhere).

    ``field`` names the input field that held the reference, ``kind`` the node type.
    """

    code = "not_found"

    def __init__(self, message: str, *, field: str | None = None, kind: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.kind = kind


def id_taken(what: str) -> str:
    """The one wording for an id already in use, on every path (GraphQL, import, CLI).

    It never says where the id is used: ids are unique across workspaces, and naming another
    workspace would tell a caller that it exists.
    """
    return f"{what} is already taken; choose another id"


def no_workspace(workspace: str) -> NotFound:
    """The one answer for a workspace that does not exist, or that the caller may not see."""
    return NotFound(f"no workspace {workspace!r}", field="workspaceId", kind="workspace")


class InvalidInput(StatusmapError):
    """The caller's input breaks a rule; the same input will fail again. Nothing was stored."""

    code = "invalid_input"


class ValidationFailed(InvalidInput):
    """Input broke a rule; ``fields`` lists each (field, message), e.g. ``people[3].email``."""

    code = "validation"

    def __init__(self, fields: list[tuple[str, str]], message: str | None = None) -> None:
        summary = "; ".join(f"{f}: {m}" for f, m in fields[:5])
        super().__init__(message or f"invalid input: {summary}")
        self.fields = fields


class Conflict(StatusmapError):
    """The write would break a uniqueness rule (e.g. an id that is already taken)."""

    code = "conflict"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Unauthenticated(StatusmapError):
    """No valid API token came with the request."""

    code = "unauthenticated"


class Forbidden(StatusmapError):
    """The caller's role in the workspace does not allow this."""

    code = "forbidden"
