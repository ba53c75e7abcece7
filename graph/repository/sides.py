"""Which side people are on: where they work, whom a deal is for, what kind each organisation is.

The facts that :mod:`graph.rules.integrity` needs to decide who may know whom and who may hold a
buying-centre role, read in one statement (``people/sides``) for the GraphQL mutations (inside
their write transaction) and the CSV import (before it writes) alike.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from graph.repository.bulk import Run

__all__ = ["Sides", "read_sides"]


@dataclass(frozen=True)
class Sides:
    """Stored facts by id; ids not in the workspace are absent."""

    people: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """Person id → (the organisation they work at, its kind); (None, None) when none."""
    deals: dict[str, str | None] = field(default_factory=dict)
    """Deal id → the organisation it is for."""
    organisations: dict[str, str] = field(default_factory=dict)
    """Organisation id → its kind."""


async def read_sides(
    run: Run,
    people: Collection[str] = (),
    deals: Collection[str] = (),
    organisations: Collection[str] = (),
) -> Sides:
    """The stored sides of ``people``, ``deals`` and ``organisations`` (one statement)."""
    params = {
        "people": sorted(people),
        "deals": sorted(deals),
        "organisations": sorted(organisations),
    }
    row = (await run("people/sides", params))[0]
    return Sides(
        people={p: (o, k) for p, o, k in row["people"]},
        deals={d: o for d, o in row["deals"]},
        organisations={o: k for o, k in row["organisations"]},
    )
