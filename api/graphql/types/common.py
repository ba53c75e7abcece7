"""Status levels, ladders and the connection helper shared by the node types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import strawberry
from strawberry import relay

from api.graphql.ids import cursor_for
from graph.database.store import Row
from graph.model import org_ladder_id
from graph.repository.writes import Page

__all__ = [
    "Ladder",
    "LadderLevel",
    "LadderRef",
    "StatusLevel",
    "build_connection",
    "page_info",
]


@strawberry.type(description="A status ladder, by its stable key.")
class LadderRef:
    key: str
    name: str


@strawberry.type(description="A person's level on one ladder.")
class StatusLevel:
    rank: int = strawberry.field(description="Higher is more senior.")
    name: str
    inferred: bool = strawberry.field(description="True when inferred from the job title.")
    ladder: LadderRef

    @classmethod
    def from_org_row(cls, workspace: str, level: Row | None) -> StatusLevel | None:
        """The level on the organisational ladder, as read with a person."""
        if level is None:
            return None
        ladder = LadderRef(key=org_ladder_id(workspace), name="Organisation")
        return cls(
            rank=level["rank"], name=level["name"], inferred=bool(level["inferred"]), ladder=ladder
        )


@strawberry.type(description="One rung of a ladder.")
class LadderLevel:
    rank: int
    name: str


@strawberry.type(description="A status ladder: the organisational one or one the workspace added.")
class Ladder:
    key: str
    name: str
    is_default: bool
    levels: list[LadderLevel]

    @classmethod
    def from_row(cls, row: Row) -> Ladder:
        levels = [LadderLevel(rank=lv["rank"], name=lv["name"]) for lv in row["levels"]]
        return cls(key=row["id"], name=row["name"], is_default=bool(row["default"]), levels=levels)


class _Connection(Protocol):
    def __init__(self, **kwargs: Any) -> None: ...


C = TypeVar("C", bound=_Connection)
N = TypeVar("N", bound=relay.Node)


def build_connection(cls: type[C], page: Page, make: Callable[[Row], N]) -> C:
    """A Relay connection of ``page`` (read in the database), nodes made by ``make``."""
    edges = [relay.Edge(cursor=cursor_for(row["id"]), node=make(row)) for row in page.items]
    info = page_info([e.cursor for e in edges], page.has_next, page.has_previous)
    return cls(edges=edges, page_info=info, total_count=page.total)


def page_info(cursors: list[str], has_next: bool, has_previous: bool) -> relay.PageInfo:
    """Relay's page info of a page whose items have ``cursors``, in order."""
    return relay.PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )
