"""Departures: people who left their organisation, the deals it touches, and its blast radius.

A departure is a recorded change of employment (``EMPLOYMENT_ENDED``, or ``EMPLOYMENT_CHANGED``:
they now work elsewhere), whichever path made it — an edit, the page, or an import whose row
gave the person no organisation or another one. The person stays in the map (history, not a
delete). For each deal whose buying centre they were in, the blast radius is the deal's
coverage and plan with them and without them (the what-if of removing them), and a member who
was a champion (:func:`graph.analytics.is_champion`) leaving raises *champion left*.
"""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.types.analytics import analysis_of
from api.graphql.types.history import ChangeEvent
from api.graphql.types.what_if import WhatIf, run_what_if
from graph.analytics import is_champion
from graph.history.facts import ChangeKind
from graph.repository.history import change_feed
from graph.repository.writes import MAX_PAGE_SIZE

__all__ = ["Departure", "DepartureImpact", "recent_departures"]

Ctx = Info[Context, None]

DEPARTURE_KINDS = (ChangeKind.EMPLOYMENT_ENDED.value, ChangeKind.EMPLOYMENT_CHANGED.value)


@strawberry.type(description="A deal a departure touches: coverage and plan with and without them.")
class DepartureImpact:
    deal_key: str
    champion_left: bool = strawberry.field(
        description="They held the champion role or the champion stance in this deal."
    )
    impact: WhatIf = strawberry.field(
        description="Before: the deal as it stands with them; after: without them."
    )


@strawberry.type(description="Someone who left their organisation (or moved to another).")
class Departure:
    change: ChangeEvent
    person_key: str
    left_organisation: str | None
    deals: list[DepartureImpact]
    warnings: list[str] = strawberry.field(description="'champion left: <person> in <deal>'.")


async def recent_departures(
    info: Ctx, workspace: str, since: dt.datetime | None, until: dt.datetime | None
) -> list[Departure]:
    """The departures recorded in ``[since, until)``, newest first, with their blast radius."""
    page = await change_feed(
        info.context.reader(workspace),
        first=MAX_PAGE_SIZE,
        since=since,
        until=until,
        kinds=DEPARTURE_KINDS,
    )
    found: list[Departure] = []
    for row in page.items:
        event = ChangeEvent.from_row(row)
        person = event.key[1]
        impacts: list[DepartureImpact] = []
        for deal in event.deals:
            analysis = await analysis_of(info, workspace, "deal", deal)
            member = next((m for m in analysis.scope.members if m.person_id == person), None)
            if member is None:  # no longer in that buying centre
                continue
            impact = await run_what_if(
                info,
                workspace,
                deal,
                remove_people=[strawberry.ID(person)],
                remove_influences=[],
                add_influences=[],
                add_knows=[],
                weights=None,
            )
            impacts.append(
                DepartureImpact(deal_key=deal, champion_left=is_champion(member), impact=impact)
            )
        warnings = [f"champion left: {person} in {i.deal_key}" for i in impacts if i.champion_left]
        left = event.before if isinstance(event.before, str) else None
        found.append(
            Departure(
                change=event,
                person_key=person,
                left_organisation=left,
                deals=impacts,
                warnings=warnings,
            )
        )
    return found
