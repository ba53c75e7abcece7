"""The bulk write statements that the API's mutations and the CSV import share.

Both hand validated rows to the same ``UNWIND`` statements, so a person written through GraphQL
and one written by an import end up the same. A person takes three statements, one per concern,
because one statement that both deletes and merges relationships makes the planner buffer every
row (an ``Eager`` operator) before writing:

1. ``people/upsert``: the node and its properties; it names the people that were there before;
2. ``people/unlink``, for those only: a changed organisation's or level's old ``WORKS_AT`` /
   ``AT_LEVEL`` go, and it names those whose explicit level an inferred one must not replace
   (new people have nothing to unlink, so a first import skips this statement);
3. ``people/link``: ``WORKS_AT`` and ``AT_LEVEL`` merged.

Edges are sent as lists in :data:`EDGE_COLUMNS` order rather than as maps: a million edges then
cost no key strings to encode, send and decode. Every statement finds its nodes through the
unique ``id`` constraints (``USING INDEX SEEK``), never through the ``workspace`` index,
whatever the planner's statistics say (they are wrong while the database is still filling).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any

from graph.database.store import Row
from graph.rules.consensus import consensus

__all__ = [
    "EDGE_COLUMNS",
    "Run",
    "cap_inferred_levels",
    "edge_rows",
    "write_influences",
    "write_people",
]

Run = Callable[[str, Mapping[str, Any]], Awaitable[list[Row]]]
"""Runs a named statement in the workspace (a transaction's or a store's ``run``/``write``)."""

EDGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "relations/upsert_influences": (
        "source_id",
        "target_id",
        "weight",
        "kind",
        "evidence",
        "since",
        "until",
        "basis",
        "reported_by",
    ),
    "relations/upsert_knows": ("source_id", "target_id", "strength", "last_contact"),
}
"""The values of one row of each edge statement shared with the API, in order."""


def edge_rows(name: str, rows: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
    """``rows`` as the lists edge statement ``name`` reads (:data:`EDGE_COLUMNS` order)."""
    columns = EDGE_COLUMNS[name]
    return [[row[c] for c in columns] for row in rows]


async def write_people(run: Run, rows: Sequence[Row]) -> int:
    """Write one batch of ``people/upsert`` rows; returns how many people were written.

    Each row: ``id``, ``props`` (the properties to set), ``set_organisation`` (whether
    ``organisation_id`` replaces the current one), ``organisation_id``, ``rank`` (a level on the
    organisational ladder, or ``None``) and ``inferred`` (whether ``rank`` came from the title:
    an inferred level never replaces an explicit one).
    """
    batch = list(rows)
    upserted = (await run("people/upsert", {"rows": batch}))[0]
    existed = set(upserted["existed"])
    kept: set[str] = set()
    if existed:
        stored = [r for r in batch if r["id"] in existed]
        kept = set((await run("people/unlink", {"rows": stored}))[0]["kept"])
    if kept:
        batch = [{**r, "rank": None} if r["id"] in kept else r for r in batch]
    await run("people/link", {"rows": batch})
    return int(upserted["written"])


async def cap_inferred_levels(run: Run, ids: Sequence[str]) -> None:
    """Cap the inferred levels of people ``ids`` and of those below them at their managers'.

    The org-chart rule of :mod:`graph.rules.titles`: an inferred level is never above the
    level of any of the person's managers; explicit levels are kept. Each round caps the given
    people and their direct reports; the people it lowered go round again, so a cap runs down
    the reporting tree (a rank only falls, so the rounds end).
    """
    pending = list(ids)
    while pending:
        pending = (await run("ladders/cap_inferred", {"ids": pending}))[0]["capped"]


async def write_influences(run: Run, rows: Sequence[Sequence[Any]], user: str) -> int:
    """Write ``relations/upsert_influences`` rows as reports; returns how many were written.

    Each row is one observer's report (the person in ``reported_by``, else ``user``): it
    replaces that observer's earlier report of the tie and keeps the others'. A tie with one
    report takes its weight; a tie with several takes their consensus
    (:func:`graph.rules.consensus.consensus`), worked out once every row is in. Rows of one tie
    go in separate statements (one ``UNWIND`` does not see its own earlier rows' reports).
    """
    at = dt.datetime.now(dt.UTC)
    rounds: list[list[Sequence[Any]]] = []
    seen: dict[tuple[Any, Any], int] = {}
    for row in rows:
        n = seen[(row[0], row[1])] = seen.get((row[0], row[1]), -1) + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(row)
    written = 0
    shared: set[tuple[str, str]] = set()
    for batch in rounds:
        done = await run("relations/upsert_influences", {"rows": batch, "user": user, "at": at})
        written += int(done[0]["written"])
        shared.update((a, b) for a, b in (p for p in done[0]["shared"] if p is not None))
    if shared:
        pairs = [list(p) for p in sorted(shared)]
        reports = await run("relations/influence_reports", {"pairs": pairs})
        settled = [[r["source"], r["target"], consensus(r["weights"])] for r in reports]
        await run("relations/set_influence_weights", {"rows": settled})
    return written
