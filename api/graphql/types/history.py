"""Change events and net changes: the map's history as GraphQL sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import ChangeKind
from api.graphql.ids import key_from_cursor
from api.graphql.types.common import build_connection
from graph.database.store import Row
from graph.history.facts import Change, load_value
from graph.repository.history import change_feed
from graph.scopes.diff import map_changes
from graph.scopes.read import ScopeKind

__all__ = [
    "ChangeConnection",
    "ChangeEvent",
    "FactChange",
    "change_connection",
    "changed_since_field",
    "changes_field",
    "net_changes",
]

Ctx = Info[Context, None]


@strawberry.type(
    description="One recorded change of one fact: when, by whom, through what, and its value "
    "before and after."
)
class ChangeEvent(relay.Node):
    local_id: relay.NodeID[str]
    at: dt.datetime
    kind: ChangeKind
    fact: str = strawberry.field(
        description="person, works_at, level, INFLUENCES, KNOWS, REPORTS_TO, member, deal, "
        "organisation or partner."
    )
    key: list[str] = strawberry.field(description="The fact's name and the ids it joins.")
    actor: str = strawberry.field(description="The user whose token made the change.")
    via: str = strawberry.field(description="graphql, page, import or internal.")
    file: str | None = strawberry.field(description="The import file that made the change.")
    row: int | None = strawberry.field(description="Its row (the header is row 1).")
    before: JSON | None = strawberry.field(description="The fact's value before; null: absent.")
    after: JSON | None = strawberry.field(description="The fact's value after; null: absent.")
    people: list[str]
    deals: list[str]
    organisations: list[str]

    @classmethod
    def from_row(cls, row: Row) -> ChangeEvent:
        return cls(
            local_id=row["id"],
            at=row["at"],
            kind=ChangeKind(row["kind"]),
            fact=row["fact"],
            key=row["key"],
            actor=row["actor"],
            via=row["via"],
            file=row.get("file"),
            row=row.get("row"),
            before=load_value(row.get("before")),
            after=load_value(row.get("after")),
            people=row["people"],
            deals=row["deals"],
            organisations=row["organisations"],
        )


@strawberry.type(description="Change events, newest first.")
class ChangeConnection(relay.Connection[ChangeEvent]):
    total_count: int


@strawberry.type(description="How one fact differs between two moments (net of what came between).")
class FactChange:
    kind: ChangeKind
    fact: str = strawberry.field(
        description="A recorded fact (as on ChangeEvent), or what the comparison derives: "
        "map (who is on the map), warning (code, people), plan_step (order, score)."
    )
    key: list[str]
    before: JSON | None
    after: JSON | None

    @classmethod
    def from_change(cls, change: Change) -> FactChange:
        return cls(
            kind=change.kind,
            fact=change.key[0],
            key=list(change.key),
            before=change.before,
            after=change.after,
        )


async def change_connection(
    info: Ctx,
    workspace: str,
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    kinds: list[ChangeKind] | None,
    first: int | None,
    after: str | None,
    **subject: Any,
) -> ChangeConnection:
    """A page of the change feed of ``workspace``, narrowed by ``subject`` (``deal_id``...)."""
    page = await change_feed(
        info.context.reader(workspace),
        first=first,
        after=key_from_cursor(after),
        since=since,
        until=until,
        kinds=[k.value for k in kinds] if kinds else None,
        **subject,
    )
    return build_connection(ChangeConnection, page, ChangeEvent.from_row)


async def net_changes(
    info: Ctx,
    workspace: str,
    since: dt.datetime,
    until: dt.datetime | None,
    kind: ScopeKind,
    key: str,
) -> list[FactChange]:
    """What changed between two moments for a deal or an account (:func:`map_changes`)."""
    ws = info.context.reader(workspace)
    found = await map_changes(info.context.analysis, ws, kind, key, since, until)
    return [FactChange.from_change(c) for c in found]


def changes_field(subject: str | None, description: str) -> Any:
    """A change-feed field of a node: its events, newest first, filtered by window and kind.

    ``subject`` is the feed's filter the node's key fills (``deal_id``...); ``None`` for the
    workspace, whose feed is all of it. One resolver for every node that has a feed.
    """

    async def resolve(
        root: strawberry.Parent[Any],
        info: Ctx,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kinds: list[ChangeKind] | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> ChangeConnection:
        workspace = root.workspace if subject else root.local_id
        scope = {subject: root.local_id} if subject else {}
        return await change_connection(
            info,
            workspace,
            since=since,
            until=until,
            kinds=kinds,
            first=first,
            after=after,
            **scope,
        )

    return strawberry.field(resolver=resolve, description=description)


def changed_since_field(kind: ScopeKind) -> Any:
    """A deal's or an account's net changes between two moments (:func:`net_changes`)."""

    async def resolve(
        root: strawberry.Parent[Any],
        info: Ctx,
        since: dt.datetime,
        until: dt.datetime | None = None,
    ) -> list[FactChange]:
        return await net_changes(info, root.workspace, since, until, kind, root.local_id)

    what = "deal" if kind == "deal" else "account"
    description = (
        f"What changed for this {what} from `since` to `until` (now if not given): per fact, "
        "net; then who joined or left the map, coverage warnings gained or lost and plan "
        "steps that moved, comparing the analyses at both moments (docs/HISTORY.md)."
    )
    return strawberry.field(resolver=resolve, description=description)
