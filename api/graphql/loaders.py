"""Per-request DataLoaders keyed by (workspace, id): one read per batch, never one per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, Literal, TypeVar

from strawberry.dataloader import DataLoader

from graph.auth import CallerStore
from graph.repository import deals, organisations, relations, workspaces
from graph.store import Row, WorkspaceStore

__all__ = ["Loaders"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Fetch = Callable[[WorkspaceStore, list[K]], Awaitable[dict[K, V]]]
MemberInfluencers = Literal["influencers", "influencers_above"] | None
MEMBER_INFLUENCERS: tuple[MemberInfluencers, ...] = (None, "influencers", "influencers_above")


def _by_id(
    fetch: Callable[[WorkspaceStore, Sequence[str]], Awaitable[list[Row]]],
) -> Fetch[str, Row]:
    async def run(ws: WorkspaceStore, ids: list[str]) -> dict[str, Row]:
        return {row["id"]: row for row in await fetch(ws, ids)}

    return run


def _loader(
    store: CallerStore, fetch: Fetch[K, V], default: Callable[[], Any]
) -> DataLoader[Any, Any]:
    """A loader of (workspace, key) pairs: one ``fetch`` per workspace in the batch."""

    async def load(pairs: list[tuple[str, K]]) -> list[Any]:
        wanted: dict[str, list[K]] = defaultdict(list)
        for workspace, key in pairs:
            wanted[workspace].append(key)
        found: dict[tuple[str, K], Any] = {}
        for workspace, keys in wanted.items():
            for key, value in (await fetch(store.workspace(workspace), keys)).items():
                found[(workspace, key)] = value
        return [found.get(pair, default()) for pair in pairs]

    return DataLoader(load_fn=load)


class Loaders:
    """Fresh for each request, so nothing is cached across requests or callers.

    Built on the caller's store: every batch runs through a workspace store whose guard
    refuses workspaces the caller does not belong to. Reads that return more than their own
    rows (a person with their organisation, a buying centre with each member's influencers)
    prime the other loaders, so the resolvers below them find the answers without a read.
    """

    def __init__(self, store: CallerStore) -> None:
        def none() -> None:
            return None

        self.organisation = _loader(store, _by_id(organisations.get_organisations), none)
        self.person = _loader(store, self._people, none)
        self.deal = _loader(store, _by_id(deals.get_deals), none)
        self.related = _loader(store, self._related, list)
        """Keys ``(workspace, (relation, person id))``: every relation of a batch in one read."""
        self.levels = _loader(store, workspaces.person_levels, list)
        self.members = {
            influencers: _loader(store, self._members(influencers), list)
            for influencers in MEMBER_INFLUENCERS
        }
        """By which influencers of each member are read with the members (see
        :func:`graph.repository.deals.buying_centres`)."""
        self.journeys = _loader(store, deals.journeys, list)
        self.deals_of = _loader(store, deals.deals_of_organisations, list)
        self.people_of = _loader(store, organisations.organisation_people, list)
        self.partners = _loader(store, organisations.partners_of, list)

        async def one_workspace(ws: WorkspaceStore, ids: list[str]) -> dict[str, Row]:
            ws.check()  # the key is the workspace itself: refused unless the caller belongs
            rows = await workspaces.get_workspaces(store.store, ids)
            return {row["id"]: row for row in rows}

        self.workspace = _loader(store, one_workspace, none)

    def _prime_organisation(self, workspace: str, row: Row | None) -> None:
        if row is not None:
            self.organisation.prime((workspace, row["id"]), row)

    async def _people(self, ws: WorkspaceStore, ids: list[str]) -> dict[str, Row]:
        found: dict[str, Row] = {}
        for person, organisation in await organisations.people_with_organisations(ws, ids):
            found[person["id"]] = person
            self._prime_organisation(ws.workspace, organisation)
        return found

    async def _related(
        self, ws: WorkspaceStore, keys: list[tuple[str, str]]
    ) -> dict[tuple[str, str], list[Row]]:
        wanted = {relation for relation, _ in keys}
        ids = list(dict.fromkeys(person for _, person in keys))
        return await relations.related_people(ws, wanted, ids)

    def _members(self, influencers: MemberInfluencers) -> Fetch[str, list[Row]]:
        async def run(ws: WorkspaceStore, ids: list[str]) -> dict[str, list[Row]]:
            found = await deals.buying_centres(ws, ids, influencers=influencers)
            for rows in found.values():
                for row in rows:
                    self._prime_organisation(ws.workspace, row["organisation"])
                    if influencers is not None:
                        key = (ws.workspace, (influencers, row["person"]["id"]))
                        self.related.prime(key, row["influencers"])
            return found

        return run
