"""Reading the part of the map an analysis looks at: a deal, an account or a whole workspace.

Each read costs two round trips: one for the people in scope (and a deal's members), one for the
INFLUENCES, REPORTS_TO and KNOWS edges among them. What a scope holds:

* **deal**: the buying centre, everyone at the deal's organisation, whoever influences a member
  within two hops, our people (home organisation), and partners' people who know any of those;
* **account**: everyone at the organisation, whoever influences them within two hops, our people,
  and partners' people who know any of those;
* **workspace**: everyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.analytics import InfluenceEdge, KnowsEdge, Member, PersonNode
from graph.errors import NotFound
from graph.store import Row, WorkspaceStore

__all__ = ["Scope", "ScopeKind", "read_scope"]

ScopeKind = Literal["deal", "account", "workspace"]


@dataclass(frozen=True)
class Scope:
    """People and edges of one scope, as the analytics take them."""

    kind: ScopeKind
    key: str
    people: list[PersonNode]
    influences: list[InfluenceEdge]
    reports_to: list[tuple[str, str]]
    knows: list[KnowsEdge]
    members: list[Member] = field(default_factory=list)
    account_id: str | None = None


def _person(row: Row) -> PersonNode:
    return PersonNode(
        id=row["id"],
        name=row.get("name") or row["id"],
        level=row.get("level"),
        org_id=row.get("org_id"),
        org_kind=row.get("org_kind"),
    )


def _edges(
    rows: Sequence[Row],
) -> tuple[list[InfluenceEdge], list[tuple[str, str]], list[KnowsEdge]]:
    influences: list[InfluenceEdge] = []
    reports: list[tuple[str, str]] = []
    knows: list[KnowsEdge] = []
    # Self-loops mean nothing to the measures; the write path refuses them, older data may not.
    for row in rows:
        influences += [
            InfluenceEdge(e["source"], e["target"], float(e["weight"]), e.get("kind") or "advice")
            for e in row["influences"]
            if e["source"] != e["target"] and e["weight"] is not None
        ]
        reports += [
            (e["report"], e["manager"]) for e in row["reports_to"] if e["report"] != e["manager"]
        ]
        knows += [
            KnowsEdge(e["source"], e["target"], float(e["strength"]))
            for e in row["knows"]
            if e["source"] != e["target"] and e["strength"] is not None
        ]
    return influences, reports, knows


def _members(rows: Sequence[dict[str, Any]]) -> list[Member]:
    return [
        Member(m["person_id"], frozenset(m.get("roles") or ()), m.get("stance") or "unknown")
        for m in rows
    ]


async def read_scope(ws: WorkspaceStore, kind: ScopeKind, key: str | None = None) -> Scope:
    """Read scope ``kind`` (``key``: the deal or organisation id; unused for a workspace)."""
    if kind == "workspace":
        return await _read_workspace(ws)
    if key is None:
        raise ValueError(f"a {kind} scope needs the id of its {kind}")
    if kind == "deal":
        rows = await ws.read("analytics/deal_people", {"deal_id": key})
    else:
        rows = await ws.read("analytics/account_people", {"organisation_id": key})
    if not rows:
        what = "deal" if kind == "deal" else "organisation"
        raise NotFound(f"no {what} {key!r} in this workspace", kind=what)
    head = rows[0]
    people = [_person(p) for p in head["people"]]
    edge_rows = await ws.read("analytics/scope_edges", {"ids": [p.id for p in people]})
    influences, reports, knows = _edges(edge_rows)
    return Scope(
        kind=kind,
        key=key,
        people=people,
        influences=influences,
        reports_to=reports,
        knows=knows,
        members=_members(head.get("members") or []),
        account_id=head.get("account_id"),
    )


async def _read_workspace(ws: WorkspaceStore) -> Scope:
    people = [_person(r) for r in await ws.read("analytics/workspace_people")]
    influences: list[InfluenceEdge] = []
    reports: list[tuple[str, str]] = []
    knows: list[KnowsEdge] = []
    for e in await ws.read("analytics/workspace_edges"):
        if e["source"] == e["target"]:
            continue
        if e["type"] == "INFLUENCES" and e["weight"] is not None:
            influences.append(
                InfluenceEdge(e["source"], e["target"], float(e["weight"]), e["kind"] or "advice")
            )
        elif e["type"] == "REPORTS_TO":
            reports.append((e["source"], e["target"]))
        elif e["type"] == "KNOWS" and e["weight"] is not None:
            knows.append(KnowsEdge(e["source"], e["target"], float(e["weight"])))
    return Scope("workspace", ws.workspace, people, influences, reports, knows)
