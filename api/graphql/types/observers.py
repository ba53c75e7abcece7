"""Several observers of one influence tie: the disputed ties and each observer's accuracy.

The rules are :mod:`graph.rules.consensus`; the ties come through the caller's workspace store
(:func:`graph.repository.relations.reported_ties`), as every read of the workspace.
"""

from __future__ import annotations

import networkx as nx
import strawberry

from api.graphql.ids import key_of
from api.graphql.types.person import InfluenceReport
from graph.database.store import Row, WorkspaceStore
from graph.repository.relations import reported_ties
from graph.rules.consensus import accuracy, reports_of
from graph.rules.consensus import disputed as is_disputed
from graph.scopes.past import PastScope, reported_ties_at

__all__ = [
    "ObserverAccuracy",
    "ReportedTie",
    "disputed_ties",
    "observer_accuracy",
    "reported_ties_on",
]


@strawberry.type(description="An influence tie several observers reported.")
class ReportedTie:
    source_key: str
    source_name: str | None
    target_key: str
    target_name: str | None
    weight: float = strawberry.field(description="The consensus: the median of the reports.")
    spread: float = strawberry.field(description="Highest report minus lowest.")
    disputed: bool = strawberry.field(
        description="The reports disagree: they spread by more than the server's dispute "
        "threshold (as Influence.disputed)."
    )
    reports: list[InfluenceReport]

    @classmethod
    def from_row(cls, row: Row, threshold: float) -> ReportedTie:
        reports = reports_of(row["edge"])
        weights = [r.weight for r in reports]
        return cls(
            source_key=row["source"],
            source_name=row["source_name"],
            target_key=row["target"],
            target_name=row["target_name"],
            weight=row["edge"]["weight"],
            spread=round(max(weights) - min(weights), 4),
            disputed=is_disputed(weights, threshold),
            reports=[InfluenceReport.of(r) for r in reports],
        )


@strawberry.type(
    description="How far one observer's reports lie from the consensus of the ties several "
    "people reported: the mean absolute difference on the 0..1 weight (0: always the consensus)."
)
class ObserverAccuracy:
    reported_by: str | None = strawberry.field(
        description="The key of the one of our people; null: a user reporting in their name."
    )
    user: str = strawberry.field(description="The user who recorded the observer's last report.")
    ties: int = strawberry.field(description="Ties with several reports this observer reported.")
    mean_deviation: float


async def _rows(ws: WorkspaceStore, deal_id: strawberry.ID | None) -> list[Row]:
    return await reported_ties(ws, key_of(deal_id, "Deal") if deal_id is not None else None)


async def disputed_ties(
    ws: WorkspaceStore, deal_id: strawberry.ID | None, threshold: float
) -> list[ReportedTie]:
    """The ties whose reports spread by more than ``threshold``, widest spread first."""
    rows = await _rows(ws, deal_id)
    ties = [t for t in (ReportedTie.from_row(r, threshold) for r in rows) if t.disputed]
    return sorted(ties, key=lambda t: -t.spread)


async def observer_accuracy(
    ws: WorkspaceStore, deal_id: strawberry.ID | None
) -> list[ObserverAccuracy]:
    """Each observer's accuracy over the ties several people reported, most accurate first."""
    rows = await _rows(ws, deal_id)
    return [
        ObserverAccuracy(
            reported_by=a.reported_by, user=a.user, ties=a.ties, mean_deviation=a.mean_deviation
        )
        for a in accuracy(r["edge"] for r in rows)
    ]


async def reported_ties_on(
    ws: WorkspaceStore, G: nx.DiGraph, threshold: float, past: PastScope | None = None
) -> list[ReportedTie]:
    """The ties several observers reported among the lines of influence graph ``G`` (a
    scope's map), disputed or not, by source then target. ``past``: the map is a past scope's,
    and so are the reports (each observer's report as it stood then)."""
    rows = await reported_ties(ws)
    if past is not None:
        rows = reported_ties_at(past, rows, G.edges)
    return [
        ReportedTie.from_row(r, threshold) for r in rows if G.has_edge(r["source"], r["target"])
    ]
