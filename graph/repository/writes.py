"""What every write shares: validating batches, assigning ids, reading existence checks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from graph.database.store import Row, WorkspaceStore
from graph.errors import Conflict, NotFound, ValidationFailed, id_taken
from graph.model.common import new_id, validation_failed
from graph.repository.bulk import Run

__all__ = [
    "BATCH_SIZE",
    "MAX_BATCH",
    "MAX_PAGE_SIZE",
    "Mode",
    "Page",
    "batched",
    "check_ids",
    "claim_ids",
    "ensure_ids",
    "missing_references",
    "read_page",
    "validate_items",
]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
Mode = Literal["create", "update", "upsert"]

BATCH_SIZE = 5_000
"""Rows per UNWIND statement of a bulk upsert."""
MAX_BATCH = 100_000
"""Items in one bulk upsert call."""
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


def validate_items(model: type[M], items: Sequence[Mapping[str, Any]], prefix: str) -> list[M]:
    """Validate every item; one :class:`ValidationFailed` lists each bad item's index and field."""
    if len(items) > MAX_BATCH:
        raise ValidationFailed([(prefix, f"at most {MAX_BATCH} items per call; split the batch")])
    valid: list[M] = []
    errors: list[tuple[str, str]] = []
    for i, item in enumerate(items):
        try:
            valid.append(model.model_validate(dict(item)))
        except ValidationError as e:
            errors.extend(validation_failed(e, f"{prefix}[{i}]").fields)
    if errors:
        raise ValidationFailed(errors)
    return valid


def ensure_ids(
    given: Sequence[str | None], prefix: str, named: Sequence[str | None] | None = None
) -> list[str]:
    """The given ids, new ones where missing; an id twice in one batch is a validation error.

    ``named`` are the keys as the caller wrote them, where ``given`` holds what they resolved
    to (a person's alias read as their id): one item naming the same node as an earlier one,
    by another key, is a duplicate too, and the message says which key named it.
    """
    ids = [g or new_id() for g in given]
    keys = named if named is not None else given
    first_at: dict[str, int] = {}
    errors: list[tuple[str, str]] = []
    for i, id_ in enumerate(ids):
        if id_ in first_at:
            at, key, before = first_at[id_], keys[i], keys[first_at[id_]]
            if key == before:
                reason = f"duplicate id {id_!r} (also at {at})"
            else:
                reason = f"{key!r} names {id_!r}, as {before!r} at {prefix}[{at}] does"
            errors.append((f"{prefix}[{i}].id", reason))
        first_at.setdefault(id_, i)
    if errors:
        raise ValidationFailed(errors)
    return ids


def _field(prefix: str, index: int, name: str, single: bool) -> str:
    return name if single else f"{prefix}[{index}].{name}"


def check_ids(
    check: Row, ids: Sequence[str], mode: Mode, kind: str, *, prefix: str, single: bool
) -> None:
    """Raise when ``ids`` cannot be written in ``mode``, given a ``*/check`` row.

    ``foreign`` ids live in another workspace: the message does not say so, only that the id
    is taken. ``aliases`` (people only) are ids an import merged into a person of the workspace:
    ids and aliases are one set, so no new node takes one.
    """
    foreign, existing = set(check["foreign"]), set(check["existing"])
    if mode == "update":
        missing = [i for i, id_ in enumerate(ids) if id_ not in existing]
        if missing:
            id_ = ids[missing[0]]
            raise NotFound(f"no {kind} {id_!r} in this workspace", field="id", kind=kind)
        return
    aliases = set(check.get("aliases", ()))
    aliased = [(i, id_) for i, id_ in enumerate(ids) if id_ in aliases]
    if aliased:
        i, id_ = aliased[0]
        field = _field(prefix, i, "id", single)
        raise Conflict(
            f"{kind} id {id_!r} is an alias of another {kind} of this workspace (an import "
            f"merged it into them); choose another id ({field})",
            field=field,
        )
    taken = foreign | existing if mode == "create" else foreign
    bad = [(i, id_) for i, id_ in enumerate(ids) if id_ in taken]
    if bad:
        fields = ", ".join(_field(prefix, i, "id", single) for i, _ in bad[:20])
        names = ", ".join(repr(id_) for _, id_ in bad[:20])
        raise Conflict(
            f"{id_taken(f'{kind} id {names}')} ({fields})",
            field=_field(prefix, bad[0][0], "id", single),
        )


async def claim_ids(run: Run, statement: str, ids: Sequence[str]) -> None:
    """Create the nodes of ``ids`` bare (``statement``: ``*/claim``), so a create succeeds once.

    :func:`check_ids` reads without locking: concurrent creates of one id all pass it, and the
    write's ``MERGE`` would then let each overwrite the first. ``CREATE`` waits on the id's
    unique constraint instead, and every create but the first ends in a
    :class:`~graph.errors.Conflict` (see ``graph.database.store``); the write that follows fills the
    node.
    """
    await run(statement, {"ids": list(ids)})


def missing_references(
    refs: Sequence[str | None], missing: Sequence[str], kind: str, field: str, prefix: str
) -> None:
    """Raise when a referenced node is missing: NotFound for one item, a list for a batch."""
    gone = set(missing)
    bad = [(i, ref) for i, ref in enumerate(refs) if ref is not None and ref in gone]
    if not bad:
        return
    if len(refs) == 1:
        raise NotFound(f"no {kind} {bad[0][1]!r} in this workspace", field=field, kind=kind)
    raise ValidationFailed(
        [(f"{prefix}[{i}].{field}", f"no {kind} {ref!r} in this workspace") for i, ref in bad]
    )


def batched(rows: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    """``rows`` in slices of ``size``."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@dataclass(frozen=True)
class Page:
    """One page of a connection, read in the database (keyset on ``id``)."""

    items: list[Row]
    total: int
    has_next: bool
    has_previous: bool


async def read_page(
    ws: WorkspaceStore, name: str, first: int | None, after: str | None, **filters: Any
) -> Page:
    """Run page statement ``name`` (``$first``, ``$after`` and ``filters``) and shape its row."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 <= size <= MAX_PAGE_SIZE:
        raise ValidationFailed([("first", f"must be between 0 and {MAX_PAGE_SIZE}, got {size}")])
    rows = await ws.read(name, {"first": size, "after": after, **filters})
    row = rows[0]
    return Page(row["items"], row["total"], row["has_next"], after is not None)
