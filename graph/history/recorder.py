"""Recording every change in the transaction that makes it.

A write names what it may change (:class:`Touched`) and the workspace store does the rest
(:meth:`graph.database.store.WorkspaceStore.transaction`): before the write's statements it reads
those facts (``history/people``, ``history/edges_influences`` ...: one small statement per family
touched), after them it reads them again, and it stores one ``Change`` node per difference
(``history/record``) — then the write fence, so the events commit with the write or not at all.
Writes stay as they were; only what they touched is read, twice, and the present-time reads never
see the events (nodes of their own label, indexed by workspace and id).

Each event says when (one moment per transaction), who (the caller's user, from the token), and
through what (:class:`Origin`: ``graphql``, ``page``, ``import`` with the file and row that
wrote the fact, or ``internal`` for maintenance such as re-inferring levels).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.history.facts import EDGE_TYPES, Change, FactKey, changes, dump_value, json_value

if TYPE_CHECKING:
    from graph.database.store import Row, WorkspaceTransaction

__all__ = ["Origin", "Recording", "Touched", "event_id", "moment_key"]


@dataclass(frozen=True)
class Origin:
    """Who makes the writes of a workspace store, and through what."""

    actor: str = "system"
    via: str = "internal"


@dataclass
class Touched:
    """The facts a write may change: read before and after it, and compared.

    ``whole_people`` and ``whole_deals`` also cover every edge and membership at them (a
    delete), ``whole_organisations`` their deals, partnerships and who works there. ``rows``
    names the import file and row that wrote a fact, by the fact's *origin key*: a person's own
    key for their properties, employment and level, else the fact's key.
    """

    people: set[str] = field(default_factory=set)
    whole_people: set[str] = field(default_factory=set)
    edges: set[tuple[str, str, str]] = field(default_factory=set)
    members: set[tuple[str, str]] = field(default_factory=set)
    deals: set[str] = field(default_factory=set)
    whole_deals: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    whole_organisations: set[str] = field(default_factory=set)
    partners: set[tuple[str, str]] = field(default_factory=set)
    rows: dict[FactKey, tuple[str, int]] = field(default_factory=dict)
    below: set[str] = field(default_factory=set)
    """People whose reports, down the reporting tree, are read too: the org-chart cap may lower
    their inferred levels (``ladders/cap_inferred``), and those changes are recorded like any."""
    absent: set[FactKey] = field(default_factory=set)
    """Facts the write knows did not exist before it (an import's new people, and the edges at
    them): they are not read before the write, only after it."""

    def _pairs(self, kind: str, skip: set[FactKey]) -> list[list[str]]:
        return [[a, b] for k, a, b in sorted(self.edges) if k == kind and (k, a, b) not in skip]

    def _reads(self, *, before: bool) -> list[tuple[str, dict[str, Any]]]:
        """The statements that read the touched facts, each with its parameters.

        Only the families this write touches are read: one small statement each (a single
        statement for all of them costs seconds to plan, and Neo4j plans again while an import
        changes the statistics). Before the write the :attr:`absent` facts are left out; after
        it the edge and membership reads also say where their people work and which deals they
        are in (for the feeds), so the changes need no read of their own for it.
        """
        skip = self.absent if before else set()
        people = {p for p in self.people if ("person", p) not in skip} | self.whole_people
        context = {"context": not before}
        reads: list[tuple[str, dict[str, Any]]] = [
            ("history/people", {"ids": sorted(people), "below": sorted(self.below)}),
            ("history/person_edges", {"ids": sorted(self.whole_people)}),
            ("history/person_members", {"ids": sorted(self.whole_people)}),
            *(
                (name, {"pairs": self._pairs(kind, skip), **context})
                for kind, name in _EDGE_READS.items()
            ),
            ("history/members", {"pairs": [list(m) for m in sorted(self.members)], **context}),
            ("history/deals", {"ids": sorted(self.deals | self.whole_deals)}),
            ("history/deal_members", {"ids": sorted(self.whole_deals)}),
            ("history/organisations", {"ids": sorted(self.organisations)}),
            ("history/partners", {"pairs": [list(p) for p in sorted(self.partners)]}),
        ]
        # A read with nothing to read is not run ("context" is a switch, not what is read).
        return [(n, p) for n, p in reads if any(v for k, v in p.items() if k != "context")]


_EDGE_READS = {
    "INFLUENCES": "history/edges_influences",
    "KNOWS": "history/edges_knows",
    "REPORTS_TO": "history/edges_reports_to",
}
"""The statement reading each type of edge between people (one per type: a typed pattern)."""
assert tuple(_EDGE_READS) == EDGE_TYPES


def moment_key(at: dt.datetime) -> str:
    """The prefix of the ids of the events recorded at ``at`` (microseconds since 1970).

    >>> moment_key(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    '01767225600000000'
    """
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return f"{round(at.timestamp() * 1_000_000):017d}"


def event_id(at: dt.datetime, seq: int) -> str:
    """A change event's id: its moment (:func:`moment_key`), its place, a random tail.

    Ids sort as the events happened, so the feeds page through them by id, newest first, and
    a time window is a range of ids (the index on workspace and id serves both).
    """
    return f"{moment_key(at)}-{seq:06d}-{uuid.uuid4().hex[:8]}"


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass
class _Snapshot:
    facts: dict[FactKey, Any] = field(default_factory=dict)
    person_organisations: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    person_deals: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    deal_organisation: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, rows: list[Row]) -> None:
        """Take in the rows of the read ``name`` (see :meth:`Touched._reads`)."""
        family = name.removeprefix("history/")
        for r in rows:
            if family == "people":
                self._person(r)
            elif family == "person_edges" or family.startswith("edges_"):
                self.facts[(r["type"], r["source"], r["target"])] = json_value(r["props"])
                for end in ("source", "target"):
                    self._context_of(r, end)
            elif family in ("members", "person_members", "deal_members"):
                self.facts[("member", r["deal"], r["person"])] = json_value(r["props"])
                self._context_of(r, "person")
                if r["organisation"] is not None:
                    self.deal_organisation[r["deal"]] = r["organisation"]
            elif family == "deals":
                value = {**json_value(r["props"]), "organisation_id": r["organisation"]}
                self.facts[("deal", r["id"])] = value
                if r["organisation"] is not None:
                    self.deal_organisation[r["id"]] = r["organisation"]
            elif family == "organisations":
                self.facts[("organisation", r["id"])] = json_value(r["props"])
            else:
                self.facts[("partner", *_pair(r["source"], r["target"]))] = True

    def _person(self, r: Row) -> None:
        pid = r["id"]
        self.facts[("person", pid)] = json_value(r["props"])
        if r["organisation"] is not None:
            self.facts[("works_at", pid)] = r["organisation"]
        if r["rank"] is not None:
            self.facts[("level", pid)] = r["rank"]
        self.context(r)

    def _context_of(self, r: Row, person: str) -> None:
        """The context of ``r[person]`` when the read gave it (``<person>_deals`` not null)."""
        deals = r.get(f"{person}_deals")
        if deals is not None:
            self.context(
                {"id": r[person], "organisation": r[f"{person}_organisation"], "deals": deals}
            )

    def context(self, r: Row) -> None:
        """Where person ``r["id"]`` works and which deals they are in (for the feeds)."""
        if r["organisation"] is not None:
            self.person_organisations[r["id"]].add(r["organisation"])
        self.person_deals[r["id"]].update(r["deals"])


async def _snapshot(tx: WorkspaceTransaction, reads: list[tuple[str, dict[str, Any]]]) -> _Snapshot:
    snapshot = _Snapshot()
    for name, params in reads:
        snapshot.add(name, await tx.run(name, params))
    return snapshot


def _origin_key(key: FactKey) -> FactKey:
    return ("person", key[1]) if key[0] in ("works_at", "level") else key


class Recording:
    """The facts a write touches as they were before it; :meth:`finish` records the changes."""

    def __init__(self, touched: Touched, before: _Snapshot) -> None:
        self._touched = touched
        self._before = before

    @classmethod
    async def start(cls, tx: WorkspaceTransaction, touched: Touched) -> Recording:
        """Read what ``touched`` names (run before the write's statements)."""
        if touched.whole_organisations:
            rows = await tx.run("history/reach", {"ids": sorted(touched.whole_organisations)})
            for r in rows:
                touched.people.update(r["people"])
                touched.whole_deals.update(r["deals"])
                touched.partners.update(_pair(r["id"], x) for x in r["partners"])
        return cls(touched, await _snapshot(tx, touched._reads(before=True)))

    async def finish(self, tx: WorkspaceTransaction, origin: Origin) -> bool | None:
        """Read the touched facts again and store a change event per difference.

        The statement storing the events also runs the workspace's fence
        (``workspaces/fence``) and answers whether it held; ``None`` when nothing changed,
        so nothing was stored and the fence is still to run.
        """
        after = await _snapshot(tx, self._touched._reads(before=False))
        before = self._before
        found = changes(before.facts, after.facts, [*before.facts, *after.facts])
        if not found:
            return None
        # Where the other people of the changes work and which deals they are in: read only for
        # the changes found, so a write that changes nothing reads nothing more.
        known = before.person_deals.keys() | after.person_deals.keys()
        others = {p for c in found for p in _people_of(c.key)} - known
        if others:
            for r in await tx.run("history/context", {"ids": sorted(others)}):
                after.context(r)
        at = dt.datetime.now(dt.UTC)
        events = [
            self._event(change, event_id(at, seq), before, after)
            for seq, change in enumerate(found)
        ]
        rows = await tx.run(
            "history/record",
            {"events": events, "at": at, "actor": origin.actor, "via": origin.via},
        )
        return bool(rows[0]["held"])

    def _event(self, change: Change, id_: str, *snapshots: _Snapshot) -> dict[str, Any]:
        people, deals, organisations = _concerns(change.key, snapshots)
        for value in (change.before, change.after):
            if change.key[0] == "works_at" and value is not None:
                organisations.add(value)
        file_row = self._touched.rows.get(_origin_key(change.key))
        return {
            "id": id_,
            "kind": change.kind.value,
            "key": list(change.key),
            "people": sorted(people),
            "deals": sorted(deals),
            "organisations": sorted(organisations),
            "before": dump_value(change.before),
            "after": dump_value(change.after),
            "file": file_row[0] if file_row else None,
            "row": file_row[1] if file_row else None,
        }


def _people_of(key: FactKey) -> tuple[str, ...]:
    """The people fact ``key`` is about."""
    if key[0] in ("person", "works_at", "level"):
        return (key[1],)
    if key[0] in ("INFLUENCES", "KNOWS", "REPORTS_TO"):
        return key[1:]
    return (key[2],) if key[0] == "member" else ()


def _concerns(key: FactKey, snapshots: Iterable[_Snapshot]) -> tuple[set[str], set[str], set[str]]:
    """The people, deals and organisations a change of fact ``key`` concerns (for the feeds)."""
    fact = key[0]
    people = set(_people_of(key))
    deals: set[str] = set()
    organisations: set[str] = set()
    if fact == "member" or fact == "deal":
        deals.add(key[1])
    elif fact == "organisation":
        organisations.add(key[1])
    elif fact == "partner":
        organisations.update(key[1:])
    for s in snapshots:
        for p in people:
            organisations.update(s.person_organisations.get(p, ()))
            if fact != "member":
                deals.update(s.person_deals.get(p, ()))
        for d in list(deals):
            if d in s.deal_organisation:
                organisations.add(s.deal_organisation[d])
    return people, deals, organisations
