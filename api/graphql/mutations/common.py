"""What mutations share: turning inputs into plain dicts, and generic result types."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Annotated, Any

import strawberry

from api.graphql.errors import ConflictError, NotFoundError, ValidationError
from api.graphql.ids import key_of

__all__ = ["DeletePayload", "DeleteSuccess", "EdgePayload", "EdgeSuccess", "given"]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return given(value)
    return value


def given(data: Any, refs: dict[str, str] | None = None) -> dict[str, Any]:
    """The fields a client actually sent (UNSET left out), as plain values.

    ``refs`` maps fields holding node references to their GraphQL type, so a global id or a
    key both become the key. ``workspace_id`` is left out: it chose the scope already.
    """
    refs = refs or {}
    out: dict[str, Any] = {}
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        if value is strawberry.UNSET or f.name == "workspace_id":
            continue
        if f.name in refs and isinstance(value, str):
            value = key_of(value, refs[f.name])
        out[f.name] = _plain(value)
    return out


@strawberry.type(description="The node is gone.")
class DeleteSuccess:
    deleted_id: strawberry.ID = strawberry.field(description="Global id of the deleted node.")


@strawberry.type(description="The edge is written or removed.")
class EdgeSuccess:
    ok: bool = True


@strawberry.type(description="A bulk upsert wrote every item.")
class UpsertSuccess:
    keys: list[str] = strawberry.field(description="Keys of the items, in input order.")
    count: int


Fail = NotFoundError | ValidationError | ConflictError
DeletePayload = Annotated[DeleteSuccess | Fail, strawberry.union("DeletePayload")]
EdgePayload = Annotated[EdgeSuccess | Fail, strawberry.union("EdgePayload")]
UpsertPayload = Annotated[UpsertSuccess | Fail, strawberry.union("UpsertPayload")]
