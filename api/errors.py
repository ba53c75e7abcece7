"""HTTP for statusmap's errors: the one place a domain error becomes a status code.

The domain (``graph.errors``) says *what* went wrong — not found, forbidden, invalid input, try
again later — and never how HTTP spells it. REST handlers and GraphQL's error formatting both ask
:func:`http_status`, so a kind of error answers with one status on every path.

Errors that only exist at the HTTP edge (a body that is not JSON, an upload past the limit) are
defined here, as kinds of :class:`BadRequest` or :class:`PayloadTooLarge`.
"""

from __future__ import annotations

from typing import Final

from graph.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    StatusmapError,
    TryAgainLater,
    Unauthenticated,
)

__all__ = ["BadRequest", "PayloadTooLarge", "client_error", "http_status"]


class BadRequest(StatusmapError):
    """The request itself cannot be read as what the route expects; nothing was done."""

    code = "bad_request"


class PayloadTooLarge(StatusmapError):
    """The request's body is larger than a configured limit; nothing was done."""

    code = "payload_too_large"


_STATUS: Final[tuple[tuple[type[StatusmapError], int], ...]] = (
    (BadRequest, 400),
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (PayloadTooLarge, 413),
    (InvalidInput, 422),
    (TryAgainLater, 503),
)
"""Each kind of error and its status; the first kind an error is an instance of wins."""


def http_status(error: StatusmapError) -> int:
    """The HTTP status ``error`` answers with: its kind's, else 500 (a fault of ours).

    Examples
    --------
    >>> from graph.errors import DatabaseBusy, ValidationFailed, no_workspace
    >>> http_status(no_workspace("acme")), http_status(ValidationFailed([("id", "empty")]))
    (404, 422)
    >>> http_status(DatabaseBusy("deadlock")), http_status(StatusmapError("a bug"))
    (503, 500)
    """
    for kind, status in _STATUS:
        if isinstance(error, kind):
            return status
    return 500


def client_error(error: StatusmapError) -> bool:
    """Whether ``error`` is told to the caller as it is (a 4xx, or a 503 to retry).

    Everything else is a fault of ours: logged with an incident id, never shown.
    """
    status = http_status(error)
    return status < 500 or isinstance(error, TryAgainLater)
