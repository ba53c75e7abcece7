"""A deal's status gaps for many people at once: ``Deal.statusGaps``, one fixed document.

Each person's gap to the deal's deciders is :meth:`Person.gap_to` (as ``Person.statusGap``) and
their gaps to our people are :meth:`Person.account_gaps` (as ``Person.gapsToOurs``): the same
computation, so the answers agree field for field. The colleague of ours suggested for a person
is the one the approach plan names for them (the route's colleague), else the one whose level
fits theirs best (:func:`graph.analytics.fitting_colleague`), as routes choose one.

Only people of the deal's workspace are answered: ids are looked up through the workspace's
guarded store, and an id of another workspace (or of no one) is left out, as if unknown.
"""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.ids import cursor_for, key_from_cursor, key_of
from api.graphql.types.analytics import AboutPerson, OurGapView, analysis_of, our_gaps
from api.graphql.types.common import page_info
from api.graphql.types.person import Person
from graph.analytics import fitting_colleague
from graph.errors import ValidationFailed
from graph.repository.writes import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

__all__ = ["MAX_STATUS_GAP_PEOPLE", "PersonStatusGapsConnection", "deal_status_gaps"]

Ctx = Info[Context, None]

MAX_STATUS_GAP_PEOPLE = MAX_PAGE_SIZE
"""Most ids one ``statusGaps`` request names (as many as one page of any connection)."""


@strawberry.type(description="A decider of the deal and a person's status gap to them.")
class DeciderGapView(AboutPerson):
    gap: int | None = strawberry.field(
        description="The person's level minus the decider's (as Person.statusGap)."
    )
    decider: strawberry.Private[Person | None]
    """The decider, loaded once for the whole page: every person's row answers without a
    resolver awaiting the loader (a page of 100 people has thousands of them)."""

    @strawberry.field(description="The person (batch-loaded).")
    def person(self) -> Person | None:
        return self.decider


@strawberry.type(
    description="One person's status gaps in a deal: to its deciders and to our people."
)
class PersonStatusGaps:
    person: Person
    is_decider: bool = strawberry.field(description="The person is one of the deal's deciders.")
    deciders: strawberry.Private[tuple[tuple[str, Person | None], ...]]
    """Each decider's key and person, loaded once for the whole page."""
    planned_colleague: strawberry.Private[str | None]

    @strawberry.field(
        description="The gap to each decider of the deal (a member holding the decider role), "
        "by key; empty when the deal has none."
    )
    def to_deciders(self) -> list[DeciderGapView]:
        person = self.person
        return [
            DeciderGapView(
                workspace=person.workspace,
                person_key=key,
                gap=person.gap_to_person(decider),
                decider=decider,
            )
            for key, decider in self.deciders
        ]

    @strawberry.field(
        description="The status gap to each of our people, closest match first (as "
        "Person.gapsToOurs)."
    )
    async def gaps_to_ours(self, info: Ctx) -> list[OurGapView]:
        _, gaps = await self.person.account_gaps(info)
        return our_gaps(self.person.workspace, gaps)

    @strawberry.field(
        description="The colleague of ours suggested for them, with the gap: the one the "
        "approach plan names for a member, else the one whose level fits theirs best; null "
        "when none has a level to compare."
    )
    async def suggested_colleague(self, info: Ctx) -> OurGapView | None:
        analysis, gaps = await self.person.account_gaps(info)
        chosen = self.planned_colleague
        if chosen is None and analysis is not None and self.person.local_id in analysis.G:
            chosen = fitting_colleague(analysis.G, self.person.local_id, analysis.ours)
        found = [g for g in gaps if g.our_person == chosen]
        return our_gaps(self.person.workspace, found)[0] if found else None


@strawberry.type(description="One person's status gaps, with the cursor to page on after it.")
class PersonStatusGapsEdge:
    cursor: str
    node: PersonStatusGaps


@strawberry.type(description="A page of people's status gaps in a deal (a Relay connection).")
class PersonStatusGapsConnection:
    page_info: relay.PageInfo
    edges: list[PersonStatusGapsEdge]
    total_count: int = strawberry.field(description="People answered over all pages.")


def _checked(people: Sequence[str] | None, first: int | None) -> int:
    """The page size; the limits broken, each under its field."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    errors: list[tuple[str, str]] = []
    if people is not None and len(people) > MAX_STATUS_GAP_PEOPLE:
        errors.append(
            (
                "people",
                f"at most {MAX_STATUS_GAP_PEOPLE} ids in one request, got {len(people)}; "
                "ask for fewer at a time",
            )
        )
    if not 0 <= size <= MAX_PAGE_SIZE:
        errors.append(("first", f"must be between 0 and {MAX_PAGE_SIZE}, got {size}"))
    if errors:
        raise ValidationFailed(errors)
    return size


async def deal_status_gaps(
    info: Ctx,
    workspace: str,
    deal_id: str,
    people: Sequence[str] | None,
    first: int | None,
    after: str | None,
) -> PersonStatusGapsConnection:
    """The people's status gaps in the deal, by key: ``people`` (every person of the deal's
    map when ``None``), those of the workspace only, one page after ``after``."""
    size = _checked(people, first)
    analysis = await analysis_of(info, workspace, "deal", deal_id)
    assert analysis.coverage is not None and analysis.plan is not None  # a deal scope has both
    decider_keys = [h.person_id for h in analysis.coverage.role("decider").holders]
    loaded = await info.context.loaders.person.load_many([(workspace, k) for k in decider_keys])
    deciders = tuple(
        (k, None if row is None else Person.from_row(row))
        for k, row in zip(decider_keys, loaded, strict=True)
    )
    planned = {s.person_id: s.our_person for s in analysis.plan}
    wanted = (
        sorted({key_of(p, "Person") for p in people})
        if people is not None
        else sorted(analysis.G.nodes)
    )
    start = key_from_cursor(after)
    rows = await info.context.loaders.person.load_many([(workspace, k) for k in wanted])
    found = [Person.from_row(row) for row in rows if row is not None]
    rest = [p for p in found if start is None or p.local_id > start]
    edges = [
        PersonStatusGapsEdge(
            cursor=cursor_for(p.local_id),
            node=PersonStatusGaps(
                person=p,
                is_decider=p.local_id in decider_keys,
                deciders=deciders,
                planned_colleague=planned.get(p.local_id),
            ),
        )
        for p in rest[:size]
    ]
    page = page_info([e.cursor for e in edges], len(rest) > size, start is not None)
    return PersonStatusGapsConnection(edges=edges, page_info=page, total_count=len(found))
