"""Reading the change history: feeds of events, and the net change between two moments.

Events are written by :mod:`graph.history.recorder` with every write; here they are read, a
page at a time (newest first), for a person, a deal, an account or the whole workspace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from graph.database.store import Row, WorkspaceStore
from graph.errors import ValidationFailed
from graph.history.facts import Change, FactKey, changes, load_value
from graph.history.recorder import moment_key
from graph.repository.writes import Page, read_page

__all__ = ["PRUNE_BATCH", "change_feed", "changes_between", "prune_history"]

PRUNE_BATCH = 10_000
"""Change events deleted per transaction when the history is pruned (bounded memory)."""


def _window(since: dt.datetime | None, until: dt.datetime | None) -> dict[str, Any]:
    if since is not None and until is not None and until < since:
        raise ValidationFailed([("until", "must not be before since")])
    return {
        "since": moment_key(since) if since is not None else "",
        "until": moment_key(until) if until is not None else None,
    }


def _filters(
    since: dt.datetime | None,
    until: dt.datetime | None,
    kinds: Sequence[str] | None,
    person_id: str | None,
    deal_id: str | None,
    organisation_id: str | None,
) -> dict[str, Any]:
    return {
        **_window(since, until),
        "kinds": list(kinds) if kinds else None,
        "person_id": person_id,
        "deal_id": deal_id,
        "organisation_id": organisation_id,
    }


async def change_feed(
    ws: WorkspaceStore,
    *,
    first: int | None = None,
    after: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    kinds: Sequence[str] | None = None,
    person_id: str | None = None,
    deal_id: str | None = None,
    organisation_id: str | None = None,
) -> Page:
    """A page of change events, newest first, in ``[since, until)`` and of ``kinds``.

    ``person_id``, ``deal_id``, ``organisation_id`` narrow it to the events that concern that
    person, deal or account (an account: its organisation, its people, its deals).
    """
    filters = _filters(since, until, kinds, person_id, deal_id, organisation_id)
    return await read_page(ws, "history/feed", first, after, **filters)


async def changes_between(
    ws: WorkspaceStore,
    since: dt.datetime,
    until: dt.datetime | None = None,
    *,
    deal_id: str | None = None,
    organisation_id: str | None = None,
) -> list[Change]:
    """What changed from ``since`` to ``until`` (now when ``None``), net, per fact.

    Of each fact changed in the window, its value before the first change and after the last,
    named by the rule the recorder uses (:func:`graph.history.facts.changes`): a person who
    joined and left again in the window did not change.
    """
    filters = _filters(since, until, None, None, deal_id, organisation_id)
    rows = await ws.read("history/between", filters)
    before: dict[FactKey, Any] = {}
    after: dict[FactKey, Any] = {}
    for row in rows:
        event: Row = row["change"]
        key = tuple(event["key"])
        if key not in before:
            before[key] = load_value(event.get("before"))
        after[key] = load_value(event.get("after"))
    return changes(before, after, before.keys())


async def prune_history(
    ws: WorkspaceStore, before: dt.datetime, *, batch: int = PRUNE_BATCH
) -> int:
    """Delete the workspace's change events recorded before ``before``, ``batch`` at a time.

    The workspace remembers ``before`` as the horizon of its history (it only moves later), so
    a read as of an earlier moment is refused rather than answered from a partial history.
    Returns how many events were deleted.
    """
    if before.tzinfo is None:
        before = before.replace(tzinfo=dt.UTC)
    params = {"before": moment_key(before), "batch": batch, "at": before}
    await ws.write("history/prune_horizon", params)
    deleted = 0
    while True:
        rows = await ws.write("history/prune", params)
        count = int(rows[0]["deleted"]) if rows else 0
        deleted += count
        if count < batch:
            return deleted
