"""Rows of a person or a deal as they stood at a past moment, in the shape of today's rows.

The past comes from :mod:`graph.scopes.past` (the present map with the later change events
undone); here it is put into the rows :meth:`Person.from_row` and
:meth:`BuyingCentreMember.from_row` take, so the types answer a past read as they answer today's.
A fact the events did not change keeps today's row (a person's title, their level's name).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from strawberry.types import Info

from api.graphql.context import Context
from graph.database.store import Row
from graph.history.facts import FactKey
from graph.model.workspace import DEFAULT_ORG_LEVELS
from graph.scopes.past import read_person_at

__all__ = ["past_member_rows", "past_person_row"]

Ctx = Info[Context, None]
_LEVEL_NAMES = dict(DEFAULT_ORG_LEVELS)


def _level(rank: int | None, present: Row | None) -> Row | None:
    if rank is None:
        return None
    now = (present or {}).get("level")
    if now and now.get("rank") == rank:
        return dict(now)
    return {"rank": rank, "name": _LEVEL_NAMES.get(rank, f"Level {rank}"), "inferred": False}


def person_row(
    workspace: str,
    person_id: str,
    facts: dict[FactKey, Any],
    present: Row | None,
    changed: frozenset[FactKey] | None = None,
) -> Row:
    """Person ``person_id``'s row at the moment of ``facts`` (``present``: today's row)."""
    own = facts.get(("person", person_id)) or {}
    if present is not None and (changed is not None and ("person", person_id) not in changed):
        own = {**own, **{k: v for k, v in present.items() if k not in ("level",)}}
    return {
        **own,
        "id": person_id,
        "workspace": workspace,
        "name": own.get("name") or person_id,
        "organisation_id": facts.get(("works_at", person_id)),
        "level": _level(facts.get(("level", person_id)), present),
    }


async def past_person_row(info: Ctx, workspace: str, person_id: str, at: dt.datetime) -> Row | None:
    """Person ``person_id`` as they stood at ``at``; ``None`` if not in the map then."""
    facts = await read_person_at(info.context.reader(workspace), person_id, at)
    if facts is None:
        return None
    present = await info.context.loaders.person.load((workspace, person_id))
    return person_row(workspace, person_id, facts, present)


async def past_member_rows(
    info: Ctx,
    workspace: str,
    deal_id: str,
    facts: dict[FactKey, Any],
    changed: frozenset[FactKey],
) -> list[Row]:
    """The buying centre of ``deal_id`` in ``facts``: rows of member and person, by person."""
    members = sorted((k[2], v) for k, v in facts.items() if k[0] == "member" and k[1] == deal_id)
    members = [(p, m) for p, m in members if ("person", p) in facts]
    loader = info.context.loaders.person
    presents = await loader.load_many([(workspace, p) for p, _m in members])
    return [
        {"member": m, "person": person_row(workspace, p, facts, present, changed)}
        for (p, m), present in zip(members, presents, strict=True)
    ]
