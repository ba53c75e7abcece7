"""Reading the part of the map an analysis looks at: a deal, an account or a whole workspace.

A deal or an account is read in one round trip: one statement finds the people in scope (and a
deal's members) and the INFLUENCES, REPORTS_TO and KNOWS edges among them; a whole workspace
takes two (people, then edges). The edges come as one record of lists (a column per field)
rather than a record or a map per edge: streaming tens of thousands of records costs the driver
far more than the database's work. They are read with
:meth:`~graph.database.store.WorkspaceStore.read_plain`, which keeps the values as decoded rather
than converting each of them again. What a scope holds:

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
from graph.database.store import Row, WorkspaceStore
from graph.errors import NotFound
from graph.scopes.gc_pause import gc_paused

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
    # ``org`` is [id, kind] of the organisation the person works at, null when none.
    org_id, org_kind = row.get("org") or (None, None)
    return PersonNode(
        id=row["id"],
        name=row.get("name") or row["id"],
        level=row.get("level"),
        org_id=org_id,
        org_kind=org_kind,
    )


def _edges(
    columns: Row,
) -> tuple[list[InfluenceEdge], list[tuple[str, str]], list[KnowsEdge]]:
    """Edges from the column lists of the scope statements (one entry per relationship).

    The statement leaves out self-loops (the write path refuses them, older data may hold them)
    and INFLUENCES or KNOWS without a weight.
    """
    influences: list[InfluenceEdge] = []
    reports: list[tuple[str, str]] = []
    knows: list[KnowsEdge] = []
    # A recorded basis per edge ('' when none: collect drops nulls) in deal and account
    # scopes; the whole workspace takes each kind's default.
    bases = columns.get("bases") or [None] * len(columns["types"])
    edges = zip(
        columns["types"],
        columns["sources"],
        columns["targets"],
        columns["weights"],
        columns["kinds"],
        bases,
        strict=True,
    )
    for type_, source, target, weight, kind, basis in edges:
        if type_ == "INFLUENCES":
            influences.append(InfluenceEdge(source, target, float(weight), kind, basis or None))
        elif type_ == "REPORTS_TO":
            reports.append((source, target))
        else:
            knows.append(KnowsEdge(source, target, float(weight)))
    return influences, reports, knows


def _members(rows: Sequence[dict[str, Any]]) -> list[Member]:
    return [
        Member(
            m["person_id"],
            frozenset(m.get("roles") or ()),
            m.get("stance") or "unknown",
            motive=m.get("motive") or "unknown",
            outcome=m.get("outcome") or "unknown",
            evidence=m.get("evidence"),
            aspiration=m.get("aspiration"),
        )
        for m in rows
    ]


async def read_scope(ws: WorkspaceStore, kind: ScopeKind, key: str | None = None) -> Scope:
    """Read scope ``kind`` (``key``: the deal or organisation id; unused for a workspace)."""
    if kind == "workspace":
        return await _read_workspace(ws)
    if key is None:
        raise ValueError(f"a {kind} scope needs the id of its {kind}")
    if kind == "deal":
        rows = await ws.read_plain("analytics/deal_scope", {"deal_id": key})
    else:
        rows = await ws.read_plain("analytics/account_scope", {"organisation_id": key})
    if not rows:
        what = "deal" if kind == "deal" else "organisation"
        raise NotFound(f"no {what} {key!r} in this workspace", kind=what)
    head = rows[0]
    with gc_paused():
        people = [_person(p) for p in head["people"]]
        influences, reports, knows = _edges(head)
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
    people = [_person(r) for r in (await ws.read_plain("analytics/workspace_people"))[0]["people"]]
    columns = await ws.read_plain("analytics/workspace_edges")
    influences, reports, knows = _edges(columns[0])
    return Scope("workspace", ws.workspace, people, influences, reports, knows)
