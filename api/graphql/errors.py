"""Expected failures as GraphQL types, and the one place that maps domain errors to them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry

from graph.errors import Conflict, NotFound, ValidationFailed

__all__ = [
    "ConflictError",
    "FieldError",
    "NotFoundError",
    "UserError",
    "ValidationError",
    "attempt",
]

T = TypeVar("T")
S = TypeVar("S")


@strawberry.interface(description="A failure the caller can act on.")
class UserError:
    message: str


@strawberry.type(description="One invalid input field and what is wrong with it.")
class FieldError:
    field: str = strawberry.field(description="Path of the input field, e.g. people[3].email.")
    message: str


@strawberry.type(description="A referenced node does not exist in the workspace.")
class NotFoundError(UserError):
    field: str | None = strawberry.field(description="The input field holding the reference.")
    kind: str | None = strawberry.field(description="What was looked for: person, deal, etc.")


@strawberry.type(description="The input broke a rule; nothing was written.")
class ValidationError(UserError):
    fields: list[FieldError]


@strawberry.type(description="The write would break a uniqueness rule; nothing was written.")
class ConflictError(UserError):
    field: str | None


Failure = NotFoundError | ValidationError | ConflictError


async def attempt(action: Awaitable[T], success: Callable[[T], S]) -> S | Failure:
    """Await ``action``; its domain failures become typed results, its value ``success(value)``."""
    try:
        value = await action
    except NotFound as e:
        return NotFoundError(message=e.message, field=e.field, kind=e.kind)
    except ValidationFailed as e:
        fields = [FieldError(field=f, message=m) for f, m in e.fields]
        return ValidationError(message=e.message, fields=fields)
    except Conflict as e:
        return ConflictError(message=e.message, field=e.field)
    return success(value)
