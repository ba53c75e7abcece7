"""A deal or an account as it stood at a past moment, rebuilt from the change history.

No copy of the graph is kept: the present scope is read as today (:func:`read_scope`), turned
into facts (:mod:`graph.history.facts`), and the change events since the moment are undone
(:func:`graph.history.timeline.state_at`). The events read are those that concern the deal, the
account, our organisations and our partners (their people's facts and edges), or any person of
the present scope; people those events name who are no longer in the scope (they left, were
removed, or lost the edge that brought them in) are read as they are now and undone too, so they
reappear. Someone with no change of their own since may have been in the scope then only through
a tie into someone in it then (a partner's person who knew one who has left, whoever influenced
a member removed since): of the edges read, only the ties that put someone in the scope, as they
stood at the moment, are followed to the people at their other end, who are read in turn.

Who is in the scope at the moment follows the rule of the scope statements
(``analytics/deal_scope``, ``analytics/account_scope``), applied to the rebuilt facts by
:func:`scope_of_facts`; ``tests/integration/test_history_asof.py`` pins that the two agree on an
unchanged map. The result is an ordinary :class:`~graph.scopes.read.Scope`, so coverage, plan
and stakes of the past come from the same analyses as today's.

A moment before the workspace's history began, or before the retained horizon
(``STATUSMAP_HISTORY_RETENTION_DAYS``), is refused: the history cannot say what the map held.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph.analytics import InfluenceEdge, KnowsEdge, PersonNode
from graph.database.store import Row, WorkspaceStore, native
from graph.errors import NotFound, ValidationFailed
from graph.history.facts import EDGE_TYPES, FactKey, json_value, load_value
from graph.history.recorder import moment_key
from graph.history.timeline import state_at
from graph.scopes.gc_pause import gc_paused
from graph.scopes.read import Scope, ScopeKind, _members, read_scope

__all__ = [
    "Horizon",
    "HorizonRead",
    "PastScope",
    "PresentRead",
    "as_utc",
    "check_moment",
    "history_horizon",
    "horizon_once",
    "present_once",
    "read_person_at",
    "read_scope_at",
    "reported_ties_at",
    "scope_of_facts",
]

PresentRead = Callable[[], Awaitable[Scope]]
"""How a read gets the present scope (:func:`read_scope`; raises ``NotFound`` when absent)."""

Horizon = tuple[dt.datetime | None, dt.datetime | None]
"""Where a workspace's history begins: (retained horizon, first recorded change)."""

HorizonRead = Callable[[], Awaitable[Horizon]]
"""How a read gets the history's horizon (:func:`history_horizon`)."""

T = TypeVar("T")

_ROUNDS = 3
"""Reads of the events: people named by one round's events bring theirs in the next."""

_TIE_ROUNDS = 3
"""Rounds for people tied into the scope at the moment (an influencer of a seed, of one who
influences a seed, and a partner's person who knows one of them), after the events' rounds."""


@dataclass(frozen=True)
class PastScope:
    """A scope at a moment, with the facts it was built from (for the map's details)."""

    at: dt.datetime
    scope: Scope
    facts: dict[FactKey, Any]
    organisations: dict[str, dict[str, Any]]
    changed: frozenset[FactKey] = frozenset()
    """The facts whose value at the moment came from the events (the others are today's)."""


def as_utc(at: dt.datetime) -> dt.datetime:
    """``at`` with a time zone (UTC when it has none)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


async def history_horizon(ws: WorkspaceStore) -> Horizon:
    """Where the workspace's history begins: (retained horizon, first recorded change)."""
    rows = await ws.read("history/horizon")
    head = rows[0] if rows else {}
    return head.get("pruned_before"), head.get("first")


def _once(start: Callable[[], Awaitable[T]]) -> Callable[[], asyncio.Future[T]]:
    """``start``, run at most once however many ask: the first to ask starts it, the others
    wait for the same; none asking, it never runs."""
    started: asyncio.Future[T] | None = None

    def once() -> asyncio.Future[T]:
        nonlocal started
        if started is None:
            started = asyncio.ensure_future(start())
        return started

    return once


def horizon_once(ws: WorkspaceStore) -> HorizonRead:
    """The history's horizon, read at most once for reads that share it (what changed since:
    its own check of ``since`` and the past read's check of the same moment)."""
    return _once(lambda: history_horizon(ws))


async def check_moment(
    ws: WorkspaceStore, at: dt.datetime, field: str = "asOf", horizon: HorizonRead | None = None
) -> None:
    """Refuse ``at`` unless the workspace's history reaches back to it.

    Raises :class:`ValidationFailed` naming ``field`` when ``at`` is in the future, before the
    first recorded change, or before the horizon the retention left. ``horizon``: where the
    history's horizon comes from when the caller shares one read of it (:func:`horizon_once`).
    """
    at = as_utc(at)
    if at > dt.datetime.now(dt.UTC):
        raise ValidationFailed([(field, "is in the future; read the present map without it")])
    pruned, first = await (horizon or horizon_once(ws))()
    if pruned is not None and at < pruned:
        raise ValidationFailed(
            [
                (
                    field,
                    f"is before {pruned.isoformat()}, where the retained history begins "
                    "(older changes were pruned: STATUSMAP_HISTORY_RETENTION_DAYS); "
                    "choose a later moment",
                )
            ]
        )
    if pruned is None and (first is None or at < first):
        begins = "has no recorded change yet" if first is None else f"begins at {first.isoformat()}"
        raise ValidationFailed(
            [(field, f"is before this workspace's history, which {begins}; choose a later moment")]
        )


def _present_facts(scope: Scope) -> dict[FactKey, Any]:
    facts: dict[FactKey, Any] = {}
    for p in scope.people:
        facts[("person", p.id)] = {"name": p.name}
        if p.org_id is not None:
            facts[("works_at", p.id)] = p.org_id
        if p.level is not None:
            facts[("level", p.id)] = p.level
    for e in scope.influences:
        value = {"weight": e.weight, "kind": e.kind}
        facts[("INFLUENCES", e.source, e.target)] = (
            value if e.basis is None else {**value, "basis": e.basis}
        )
    for a, b in scope.reports_to:
        facts[("REPORTS_TO", a, b)] = {}
    for k in scope.knows:
        facts[("KNOWS", k.source, k.target)] = {"strength": k.strength}
    if scope.kind == "deal":
        facts[("deal", scope.key)] = {"organisation_id": scope.account_id}
    return facts


def _people_in(keys: Iterable[FactKey]) -> set[str]:
    people: set[str] = set()
    for key in keys:
        if key[0] in ("person", "works_at", "level"):
            people.add(key[1])
        elif key[0] in EDGE_TYPES:
            people.update(key[1:])
        elif key[0] == "member":
            people.add(key[2])
    return people


def _people_facts(own: list[Row], edges: list[Row]) -> dict[FactKey, Any]:
    """Present facts from rows of ``history/people`` and ``history/person_edges``."""
    facts: dict[FactKey, Any] = {}
    for r in own:
        facts[("person", r["id"])] = json_value(r["props"])
        if r["organisation"] is not None:
            facts[("works_at", r["id"])] = r["organisation"]
        if r["rank"] is not None:
            facts[("level", r["id"])] = r["rank"]
    for r in edges:
        facts[(r["type"], r["source"], r["target"])] = json_value(r["props"])
    return facts


def _person_facts(undone: dict[FactKey, Any]) -> list[tuple[FactKey, Any]]:
    """The undone facts other than organisations (those are kept apart from the people's)."""
    return [(k, v) for k, v in undone.items() if k[0] != "organisation"]


def _organisations_at(
    organisations: dict[str, dict[str, Any]], undone: dict[FactKey, Any]
) -> dict[str, dict[str, Any]]:
    """The organisations read as they are now, with their undone facts put back."""
    then = dict(organisations)
    for k, v in undone.items():
        if k[0] == "organisation":
            if v is None:
                then.pop(k[1], None)
            else:
                then[k[1]] = v
    return then


def _people_read(facts: dict[FactKey, Any], undone: dict[FactKey, Any]) -> set[str]:
    """The people whose own facts were read (as they are now, or put back by an event)."""
    return {k[1] for k in facts if k[0] == "person"} | {k[1] for k in undone if k[0] == "person"}


def _tied(then: _Roles, past: dict[FactKey, Any], read: set[str]) -> set[str]:
    """People not read yet at the other end of a tie that puts someone in the scope at the
    moment (``then``): an influence into a seed or into one who influences a seed, a KNOWS
    with one of the core (a partner's person is in the scope through it)."""
    influenced = then.seeds | then.near
    found: set[str] = set()
    for k in past:
        if k[0] == "INFLUENCES":
            if k[2] in influenced and k[1] not in read:
                found.add(k[1])
        elif k[0] == "KNOWS":
            if k[2] in then.core and k[1] not in read:
                found.add(k[1])
            elif k[1] in then.core and k[2] not in read:
                found.add(k[2])
    return found


async def _present_people(ws: WorkspaceStore, ids: list[str]) -> dict[FactKey, Any]:
    """The present facts of people outside the present scope: own, employment, level, edges."""
    if not ids:
        return {}
    own = asyncio.ensure_future(ws.read("history/people", {"ids": ids, "below": []}))
    edges = asyncio.ensure_future(ws.read("history/person_edges", {"ids": ids}))
    await _settled(own, edges)
    return _people_facts(own.result(), edges.result())


Events = list[tuple[FactKey, str, Any]]
"""Per fact, the first event at or after the moment: (fact, event id, value before it)."""


@dataclass(frozen=True)
class _Undo:
    """The events of what was asked, and, read by the same statement when the present scope's
    people were given, those of the people the events name who are neither in it nor asked
    (``leavers``) with their present facts: their own, and their edges among themselves and
    with the present scope's people (not their other edges)."""

    events: Events
    leavers: frozenset[str] = frozenset()
    leaver_events: Events = field(default_factory=list)
    leaver_facts: dict[FactKey, Any] = field(default_factory=dict)


def _events(rows: list[list[Any]]) -> Events:
    return [(tuple(k), event, load_value(before)) for k, event, before in rows]


async def _undo(
    ws: WorkspaceStore, params: dict[str, Any], known: Iterable[str] | None = None
) -> _Undo:
    """Per fact, the first event at or after the moment that concerns what ``params`` names
    (answered in one record, decoded at once by the driver instead of a record per fact).

    With ``known`` (the present scope's people), the next round in the same statement: the
    events and present facts of the people those events name outside ``known`` and the asked.
    """
    asked = {**params, "known": None if known is None else sorted(known)}
    row = (await ws.read_plain("history/undo", asked))[0]
    if not row["leavers"]:
        return _Undo(_events(row["events"]))
    # Person properties may hold temporal values: converted as ws.read converts them.
    own, edges = native(row["leaver_people"]), native(row["leaver_edges"])
    return _Undo(
        _events(row["events"]),
        frozenset(row["leavers"]),
        _events(row["leaver_events"]),
        _people_facts(own, edges),
    )


async def _settled(*reads: asyncio.Future[Any]) -> None:
    """Wait until independent reads, started together, have all ended (one wait, not one each).

    Their results (or failures) are then taken from each in the order the caller chooses, so a
    refusal checked first (a moment before the history) wins over what the other reads found.
    """
    await asyncio.gather(*reads, return_exceptions=True)


def present_once(ws: WorkspaceStore, kind: ScopeKind, key: str) -> PresentRead:
    """The present scope, read at most once however many reads ask for it.

    For reads of the same scope at several moments (what changed since: the present analysis and
    the past read at ``since`` both start from today's scope): the first to ask starts the read,
    the others wait for the same one; none asking, nothing is read (their analyses were cached).
    """
    return _once(lambda: read_scope(ws, kind, key))


async def _scope_now(present: PresentRead) -> Scope | None:
    """The present scope; ``None`` when it is not there (removed since: the events may bring
    it back)."""
    try:
        return await present()
    except NotFound:
        return None


async def _no_rows() -> list[Row]:
    return []


async def _nothing() -> _Undo:
    return _Undo([])


async def read_scope_at(
    ws: WorkspaceStore,
    kind: ScopeKind,
    key: str,
    at: dt.datetime,
    present: PresentRead | None = None,
    horizon: HorizonRead | None = None,
) -> PastScope:
    """Scope ``kind`` (a deal or an account) of ``key`` as it stood at ``at``.

    ``present`` and ``horizon``: where the present scope and the history's horizon come from
    when the caller shares one read of each (:func:`present_once`, :func:`horizon_once`); by
    default they are read here.
    """
    if kind == "workspace":
        raise ValueError("a past workspace scope is not read; read a deal or an account")
    at = as_utc(at)
    deal = kind == "deal"
    # The moment's check, the present scope, the deal's members and the organisations watched
    # (ours, partners, the account) do not depend on each other: they are read at once.
    checked = asyncio.ensure_future(check_moment(ws, at, horizon=horizon))
    now = asyncio.ensure_future(_scope_now(present or present_once(ws, kind, key)))
    members = asyncio.ensure_future(
        ws.read("history/deal_members", {"ids": [key]}) if deal else _no_rows()
    )
    watched_rows = asyncio.ensure_future(
        ws.read(
            "history/organisation_kinds",
            {"ids": [] if deal else [key], "deal_id": key if deal else None},
        )
    )
    await _settled(checked, now, members, watched_rows)
    checked.result()
    found = now.result()
    today = found if found is not None else Scope(kind, key, [], [], [], [])
    # The replay builds tens of thousands of keys and values at 100,000 people, none of them
    # garbage: without the collector's full passes in the middle (as the present read does).
    with gc_paused():
        facts = {} if found is None else _present_facts(today)
    known = {p.id for p in today.people}
    for r in members.result():
        facts[("member", key, r["person"])] = json_value(r["props"])
    organisations = {r["id"]: json_value(r["props"]) for r in watched_rows.result()}
    watched = set(organisations) | ({today.account_id} if today.account_id else set())
    people = {p.id for p in today.people if p.org_id not in watched}
    # Per fact, the first event at or after the moment: (its id, its before).
    first: dict[FactKey, tuple[str, Any]] = {}
    undone: dict[FactKey, Any] = {}
    deal_id, asked_orgs, asked_people = (key if kind == "deal" else None), watched, people
    # People named by the events who are not in the present scope are read as they are now,
    # each round's at the same time as their events (not in a round trip of their own); the
    # first round's statement also reads the next round's people (those its events name).
    outside: set[str] = set()
    ahead: _Undo | None = None
    # Ties at the moment (below): the present scope's roles, and those of its people whose edges
    # beyond it have been read.
    roles_now: _Roles | None = None
    edges_read: set[str] = set()
    # Leavers read by the first statement: only their edges with the present scope and among
    # themselves (enough to find who was in the scope then).
    partial: set[str] = set()

    def take(events: Events) -> None:
        for fact, event, before in events:
            if fact not in first or event < first[fact][0]:
                first[fact] = (event, before)

    round_no, rounds, tie_rounds = 0, 0, 0
    while True:
        read_ahead = ahead.leavers if ahead is not None and ahead.leavers <= asked_people else None
        to_read = asked_people - (read_ahead or frozenset())
        if ahead is not None and read_ahead is not None:
            take(ahead.leaver_events)
            facts.update(ahead.leaver_facts)
            partial |= ahead.leavers
        params = {
            "since": moment_key(at),
            "deal_id": deal_id,
            "organisations": sorted(asked_orgs),
            "people": sorted(to_read),
        }
        asked_any = deal_id is not None or asked_orgs or to_read
        events = asyncio.ensure_future(
            _undo(ws, params, known if round_no == 0 else None) if asked_any else _nothing()
        )
        now_facts = asyncio.ensure_future(_present_people(ws, sorted(to_read - known)))
        await _settled(events, now_facts)
        facts.update(now_facts.result())
        outside |= asked_people - known
        ahead = events.result()
        take(ahead.events)
        round_no, rounds = round_no + 1, rounds + 1
        undone = {fact: before for fact, (_, before) in first.items()}
        named = _people_in(undone) - people - known
        orgs = {v for k, v in undone.items() if k[0] == "works_at" and v is not None}
        if kind == "deal" and isinstance(undone.get(("deal", key)), dict):
            orgs.add(undone[("deal", key)].get("organisation_id"))
        new_orgs = {o for o in orgs if o is not None} - watched
        if (named or new_orgs) and rounds < _ROUNDS:
            # The next round reads only what this one brought in.
            deal_id, asked_orgs, asked_people = None, new_orgs, named
            people |= named
            watched |= new_orgs
            continue
        # Named by the last round the count allowed, and not read yet: read as they are now.
        last = _people_in(undone) - known - outside
        facts.update(await _present_people(ws, sorted(last)))
        outside |= last
        # Ties at the moment: someone is in the scope then through a tie into one of its people
        # then (an influence into a member or an account's person, or into one who influences
        # them; a KNOWS with one of the core). Those ties are among the edges read, as they
        # stood then, unless their person is in today's scope in a role that brings in fewer,
        # or a leaver whose edges the first statement read in part: their other edges are read
        # now. Their other ends not read yet get a round of their own; only these ties are
        # followed, not every edge.
        orgs_then = _organisations_at(organisations, undone)
        with gc_paused():
            past = state_at(facts, _person_facts(undone))
            then = _roles(kind, key, past, orgs_then)
            if roles_now is None:
                roles_now = _roles(kind, key, facts, organisations)
        shifted = (
            ((then.seeds | then.near) - roles_now.seeds - roles_now.near)
            | (then.core - roles_now.core)
        ) & (known | partial) - edges_read
        if shifted:
            edges_read |= shifted
            rows = await ws.read("history/person_edges", {"ids": sorted(shifted)})
            facts.update(_people_facts([], rows))
            with gc_paused():
                past = state_at(facts, _person_facts(undone))
        tied = _tied(then, past, _people_read(facts, undone))
        if not tied or tie_rounds >= _TIE_ROUNDS:
            break
        tie_rounds, rounds = tie_rounds + 1, 0
        deal_id, asked_orgs, asked_people = None, set(), tied
        people |= tied
    # Organisations not read yet are none of ours or partners' (those are all watched): they
    # name kinds on the map but move no one in or out of the scope found above.
    organisations = orgs_then
    missing_orgs = sorted({v for k, v in past.items() if k[0] == "works_at"} - organisations.keys())
    if missing_orgs:
        for r in await ws.read("history/organisations", {"ids": missing_orgs}):
            organisations[r["id"]] = json_value(r["props"])
    if kind == "deal" and ("deal", key) not in past:
        raise NotFound(f"no deal {key!r} in this workspace at {at.isoformat()}", kind="deal")
    with gc_paused():
        scope = scope_of_facts(kind, key, past, organisations, roles=then)
    if kind == "account" and key not in organisations:
        raise NotFound(f"no organisation {key!r} in this workspace", kind="organisation")
    return PastScope(at, scope, past, organisations, frozenset(undone))


async def read_person_at(
    ws: WorkspaceStore, person_id: str, at: dt.datetime
) -> dict[FactKey, Any] | None:
    """Person ``person_id``'s own facts (properties, employment, level) at ``at``.

    ``None`` when they were not in the map then (added later, or removed before).
    """
    at = as_utc(at)
    await check_moment(ws, at)
    events = await _undo(
        ws, {"since": moment_key(at), "deal_id": None, "organisations": [], "people": [person_id]}
    )
    own: set[FactKey] = {("person", person_id), ("works_at", person_id), ("level", person_id)}
    undone = [(k, before) for k, _, before in events.events if k in own]
    present = {k: v for k, v in (await _present_people(ws, [person_id])).items() if k in own}
    past = state_at(present, undone)
    return past if ("person", person_id) in past else None


@dataclass(frozen=True)
class _Roles:
    """Who is in a scope on a map given as facts, and through what (the scope statements' rule).

    ``seeds``: the deal's members, or the account's people; ``near``: who influences a seed;
    ``influencers``: who influences a seed within two hops; ``core``: seeds, the deal's
    account's people, influencers and our people; ``partners``: partners' people who know
    anyone of the core."""

    alive: frozenset[str]
    works: dict[str, str]
    kinds: dict[str, str | None]
    account: str | None
    members: dict[str, Any]
    seeds: frozenset[str]
    near: frozenset[str]
    core: frozenset[str]
    partners: frozenset[str]

    @property
    def in_scope(self) -> frozenset[str]:
        return self.core | self.partners


def _roles(
    kind: ScopeKind, key: str, facts: dict[FactKey, Any], organisations: dict[str, dict[str, Any]]
) -> _Roles:
    """Who is in scope ``kind`` of ``key`` on ``facts``, and through what."""
    alive = frozenset(k[1] for k in facts if k[0] == "person")
    works = {k[1]: v for k, v in facts.items() if k[0] == "works_at" and k[1] in alive}
    kinds = {p: (organisations.get(o) or {}).get("kind", "customer") for p, o in works.items()}
    deal = facts.get(("deal", key)) if kind == "deal" else None
    account = (deal or {}).get("organisation_id") if kind == "deal" else key
    members = {
        k[2]: v for k, v in facts.items() if k[0] == "member" and k[1] == key and k[2] in alive
    }
    influenced_by: dict[str, set[str]] = {}
    knows: list[tuple[str, str]] = []
    for k in facts:
        if k[0] == "INFLUENCES" and k[1] in alive and k[2] in alive:
            influenced_by.setdefault(k[2], set()).add(k[1])
        elif k[0] == "KNOWS" and k[1] in alive and k[2] in alive:
            knows.append((k[1], k[2]))
    account_people = {p for p, o in works.items() if account is not None and o == account}
    seeds = set(members) if kind == "deal" else account_people
    near = {a for b in seeds for a in influenced_by.get(b, ())}
    influencers = near | {a for b in near for a in influenced_by.get(b, ())}
    ours = {p for p, k in kinds.items() if k == "home"}
    core = set(members) | account_people | influencers | ours
    partners = {
        x
        for a, b in knows
        for x, other in ((a, b), (b, a))
        if other in core and kinds.get(x) == "partner"
    }
    return _Roles(
        alive,
        works,
        kinds,
        account,
        members,
        frozenset(seeds),
        frozenset(near),
        frozenset(core),
        frozenset(partners),
    )


def scope_of_facts(
    kind: ScopeKind,
    key: str,
    facts: dict[FactKey, Any],
    organisations: dict[str, dict[str, Any]],
    *,
    roles: _Roles | None = None,
) -> Scope:
    """The scope of a deal or an account on a map given as facts.

    The rule of the scope statements: a deal's members, everyone at its organisation, whoever
    influences a member within two hops, our people (home organisations), and partners' people
    who know any of those; an account the same from its people. Edges among them, without
    self-loops, INFLUENCES and KNOWS only with a weight.

    ``roles``: who is in the scope, when already found on the same facts (organisations added
    to ``organisations`` since may only name the people's organisations' kinds, not make them
    ours or partners').
    """
    roles = roles or _roles(kind, key, facts, organisations)
    in_scope = roles.in_scope

    def org_kind(p: str) -> str | None:
        org = roles.works.get(p)
        return None if org is None else (organisations.get(org) or {}).get("kind", "customer")

    people = [
        PersonNode(
            id=p,
            name=(facts[("person", p)] or {}).get("name") or p,
            level=facts.get(("level", p)),
            org_id=roles.works.get(p),
            org_kind=org_kind(p),
        )
        for p in sorted(in_scope)
    ]
    edges = [
        (k[0], k[1], k[2], v)
        for k, v in facts.items()
        if k[0] in EDGE_TYPES and k[1] in in_scope and k[2] in in_scope
    ]
    influences: list[InfluenceEdge] = []
    reports: list[tuple[str, str]] = []
    knows: list[KnowsEdge] = []
    for t, a, b, v in sorted(edges, key=lambda e: e[:3]):
        if a == b:
            continue
        v = v or {}
        if t == "REPORTS_TO":
            reports.append((a, b))
        elif t == "INFLUENCES" and v.get("weight") is not None:
            influences.append(
                InfluenceEdge(a, b, float(v["weight"]), v.get("kind") or "advice", v.get("basis"))
            )
        elif t == "KNOWS" and v.get("strength") is not None:
            knows.append(KnowsEdge(a, b, float(v["strength"])))
    members = _members([{**m, "person_id": p} for p, m in sorted(roles.members.items())])
    return Scope(kind, key, people, influences, reports, knows, members, roles.account)


def reported_ties_at(
    past: PastScope, present: list[Row], ties: Iterable[tuple[str, str]]
) -> list[Row]:
    """The influence ties two or more observers reported, among ``ties``, as they stood at the
    moment of ``past``: each observer's report then, so the consensus and the dispute of then.

    ``present``: today's reported ties (rows of ``relations/reported_ties``). A tie whose fact
    no event changed since the moment has today's reports; the others have those the events put
    back (an event carries the edge's whole value, its reports among them). Rows in the shape of
    ``present``, the people's names as they were then, by source then target.
    """
    today = {(r["source"], r["target"]): r for r in present}
    found: list[Row] = []
    for a, b in sorted(set(ties)):
        key: FactKey = ("INFLUENCES", a, b)
        if key in past.changed:
            edge = past.facts.get(key)
            if not edge or len(edge.get("report_weight") or []) < 2:
                continue
            edge = {**edge, "report_at": [_moment_of(t) for t in edge.get("report_at") or []]}
        elif (a, b) in today:
            edge = today[(a, b)]["edge"]
        else:
            continue
        found.append(
            {
                "source": a,
                "source_name": (past.facts.get(("person", a)) or {}).get("name"),
                "target": b,
                "target_name": (past.facts.get(("person", b)) or {}).get("name"),
                "edge": edge,
            }
        )
    return found


def _moment_of(value: Any) -> Any:
    """A moment a fact's value holds as ISO text (:func:`json_value`), as a ``datetime``."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value
