"""Per-request DataLoaders keyed by (workspace, id): one read per batch, never one per row."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import cached_property
from typing import Any, TypeAlias, TypeVar

from strawberry.dataloader import DataLoader

from api.graphql.ahead import Ahead
from graph.database.store import Row, WorkspaceStore
from graph.repository import deals, organisations, relations, workspaces
from graph.repository.auth import CallerStore
from graph.repository.deals import MemberInfluencers
from graph.repository.person_keys import read_people

__all__ = ["Loaders", "Maybe", "node_now_or_later", "now_or_later"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")

Maybe: TypeAlias = R | Awaitable[R]
"""What a resolver using :func:`now_or_later` returns; its field names the GraphQL type with
``graphql_type``, as Strawberry cannot read one from this annotation."""
Fetch = Callable[[WorkspaceStore, list[K]], Awaitable[dict[K, V]]]


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


def _none() -> None:
    return None


def now_or_later(loader: DataLoader[Any, Any], key: Hashable, make: Callable[[Any], R]) -> Maybe[R]:
    """``make`` of ``key``'s value: at once when the loader already holds it, else awaitable.

    A resolver returning this is synchronous for what a read-ahead primed (a buying centre's
    members and their influencers, a person's neighbours): graphql-core then completes the
    field in place, where a coroutine costs it a task, a wrapper and an await per field, and
    per list item. What is not there yet (or failed) goes through ``load`` as usual.
    """
    future = loader.cache_map.get(key)
    if future is not None and future.done() and not future.cancelled() and not future.exception():
        return make(future.result())

    async def later() -> R:
        return make(await loader.load(key))

    return later()


def node_now_or_later(
    loader: DataLoader[Any, Any], key: Hashable, make: Callable[[Row], R]
) -> Maybe[R | None]:
    """:func:`now_or_later` for a loader of nodes by id: ``None`` where no row was found."""
    return now_or_later(loader, key, lambda row: make(row) if row else None)


class _ByInfluencers(dict[MemberInfluencers, DataLoader[Any, Any]]):
    """Members loaders by which influencers they read with the members, made when first used."""

    def __init__(self, make: Callable[[MemberInfluencers], DataLoader[Any, Any]]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, influencers: MemberInfluencers) -> DataLoader[Any, Any]:
        loader = self[influencers] = self._make(influencers)
        return loader


class Loaders:
    """Fresh for each request, so nothing is cached across requests or callers.

    Built on the caller's store: every batch runs through a workspace store whose guard
    refuses workspaces the caller does not belong to. Reads that return more than their own
    rows (a person with their organisation, a buying centre with each member's influencers)
    prime the other loaders, so the resolvers below them find the answers without a read.
    Each loader is made when a request first uses it: most requests use two or three of them.
    """

    def __init__(self, store: CallerStore) -> None:
        self._store = store
        self.members = _ByInfluencers(lambda mode: _loader(store, self._members(mode), list))
        """By which influencers of each member are read with the members (see
        :func:`graph.repository.deals.deals_with_members`)."""

    def release(self) -> None:
        """Drop every loader and what it holds, once the request has its answer.

        Loaders prime one another, so they and the rows in their caches form reference cycles
        that only the garbage collector could free, a request's worth of rows at a time.
        Released, the rows go as soon as the answer is sent.
        """
        for loader in [*self.members.values(), *self.__dict__.values()]:
            if isinstance(loader, DataLoader):
                loader.cache_map.clear()
        self.members.clear()
        self.__dict__.clear()

    @cached_property
    def organisation(self) -> DataLoader[Any, Any]:
        return _loader(self._store, _by_id(organisations.get_organisations), _none)

    @cached_property
    def person(self) -> DataLoader[Any, Any]:
        return _loader(self._store, self._people, _none)

    @cached_property
    def deal(self) -> DataLoader[Any, Any]:
        return _loader(self._store, _by_id(deals.get_deals), _none)

    @cached_property
    def related(self) -> DataLoader[Any, Any]:
        """Keys ``(workspace, (relation, person id))``: every relation of a batch in one read."""
        return _loader(self._store, self._related, list)

    @cached_property
    def levels(self) -> DataLoader[Any, Any]:
        return _loader(self._store, workspaces.person_levels, list)

    @cached_property
    def journeys(self) -> DataLoader[Any, Any]:
        return _loader(self._store, deals.journeys, list)

    @cached_property
    def deals_of(self) -> DataLoader[Any, Any]:
        return _loader(self._store, deals.deals_of_organisations, list)

    @cached_property
    def people_of(self) -> DataLoader[Any, Any]:
        return _loader(self._store, organisations.organisation_people, list)

    @cached_property
    def partners(self) -> DataLoader[Any, Any]:
        return _loader(self._store, organisations.partners_of, list)

    @cached_property
    def workspace(self) -> DataLoader[Any, Any]:
        store = self._store

        async def one_workspace(ws: WorkspaceStore, ids: list[str]) -> dict[str, Row]:
            ws.check()  # the key is the workspace itself: refused unless the caller belongs
            rows = await workspaces.get_workspaces(store.store, ids)
            return {row["id"]: row for row in rows}

        return _loader(store, one_workspace, _none)

    def _prime_organisation(self, workspace: str, row: Row | None) -> None:
        if row is not None:
            self.organisation.prime((workspace, row["id"]), row)

    async def _people(self, ws: WorkspaceStore, ids: list[str]) -> dict[str, Row]:
        async def read(keys: list[str]) -> dict[str, Row]:
            found: dict[str, Row] = {}
            for person, organisation in await organisations.people_with_organisations(ws, keys):
                found[person["id"]] = person
                self._prime_organisation(ws.workspace, organisation)
            return found

        # A key that is no person's id may be an alias: one more read, only then.
        return await read_people(ws, ids, read)

    async def _related(
        self, ws: WorkspaceStore, keys: list[tuple[str, str]]
    ) -> dict[tuple[str, str], list[Row]]:
        wanted = {relation for relation, _ in keys}
        ids = list(dict.fromkeys(person for _, person in keys))
        return await relations.related_people(ws, wanted, ids)

    def _prime_members(
        self, workspace: str, influencers: MemberInfluencers, key: str, rows: list[Row]
    ) -> None:
        self.members[influencers].prime((workspace, key), rows)
        for row in rows:
            self._prime_organisation(workspace, row["organisation"])
            if influencers is not None:
                self.related.prime(
                    (workspace, (influencers, row["person"]["id"])), row["influencers"]
                )

    def _members(self, influencers: MemberInfluencers) -> Fetch[str, list[Row]]:
        async def run(ws: WorkspaceStore, ids: list[str]) -> dict[str, list[Row]]:
            _, found = await deals.deals_with_members(ws, ids, influencers=influencers)
            for key, deal in found.items():
                self.deal.prime((ws.workspace, key), deal["deal"])
                self._prime_members(ws.workspace, influencers, key, deal["members"])
            return {key: deal["members"] for key, deal in found.items()}

        return run

    async def workspace_ahead(self, key: str, plan: Ahead) -> Row | None:
        """Workspace ``key``, read with the nodes ``plan`` names (one statement for the deals
        and their members, or the people and their neighbours); the loaders are primed with
        everything read, absent nodes included, so their resolvers read nothing more."""
        ws = self._store.workspace(key)
        others: list[Awaitable[Any]] = [
            self.organisation.load((key, k)) for k in plan.organisations
        ]
        main: Awaitable[Row | None]
        if plan.deals:
            main = self._deals_ahead(ws, plan)
            others += [self.person.load((key, k)) for k in plan.people]
        elif plan.people:
            main = self._people_ahead(ws, plan)
        else:
            main = self.workspace.load((key, key))
        # A node's own error stays at its field: its resolver finds it in the loader.
        found = await asyncio.gather(main, *others, return_exceptions=True)
        if isinstance(found[0], BaseException):
            raise found[0]
        row: Row | None = found[0]
        return row

    async def _deals_ahead(self, ws: WorkspaceStore, plan: Ahead) -> Row | None:
        with_members, influencers = plan.members
        workspace, found = await deals.deals_with_members(
            ws,
            plan.deals,
            members=with_members,
            influencers=influencers,
            organisations=plan.member_organisations,
            with_workspace=True,
        )
        key = ws.workspace
        self.workspace.prime((key, key), workspace)
        for deal_id in plan.deals:
            deal = found.get(deal_id)
            self.deal.prime((key, deal_id), deal["deal"] if deal else None)
            if with_members:
                self._prime_members(key, influencers, deal_id, deal["members"] if deal else [])
        return workspace

    async def _people_ahead(self, ws: WorkspaceStore, plan: Ahead) -> Row | None:
        workspace, found = await relations.people_with_neighbours(
            ws, plan.relations, plan.people, with_workspace=True
        )
        key = ws.workspace
        self.workspace.prime((key, key), workspace)
        for person_id in plan.people:
            person = found.get(person_id)
            self.person.prime((key, person_id), person["person"] if person else None)
            if person is not None:
                self._prime_organisation(key, person["organisation"])
            for relation in plan.relations:
                rows = person[relation] if person else []
                self.related.prime((key, (relation, person_id)), rows)
        return workspace
