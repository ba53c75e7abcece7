"""Reading the map as of a past moment, on a real Neo4j: the old values come back.

A deal is built, a moment is taken, then its people, levels, stances and edges change (one
member is deleted, one joins); the deal, the account and a person read ``asOf`` that moment
answer what they held then, and today's reads answer today's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from api.settings import Settings
from graph.database import store as store_module
from graph.database.store import Store
from graph.history.recorder import moment_key
from graph.repository.history import change_feed
from graph.scopes.cache import AnalysisCache
from graph.scopes.diff import map_changes
from graph.scopes.past import read_scope_at
from graph.scopes.read import Scope, read_scope
from tests.integration.conftest import GraphQL
from tests.integration.test_history import DERIVED, _key

pytestmark = pytest.mark.integration

assert Settings  # the server under test takes its settings from api/settings.py

BUILD = """
mutation($ws: ID!) {
  createOrganisation(input: {workspaceId: $ws, id: "acme~", name: "Acme", kind: CUSTOMER}) {
    __typename }
  upsertPeople(input: {workspaceId: $ws, people: [
    {id: "ann~", name: "Ann", title: "Chief Executive Officer", organisationId: "acme~"},
    {id: "bo~", name: "Bo", title: "IT Manager", organisationId: "acme~", levelRank: 3},
    {id: "cy~", name: "Cy", title: "Buyer", organisationId: "acme~", levelRank: 2}]}) {
    __typename }
  createDeal(input: {workspaceId: $ws, id: "deal~", name: "Rollout", organisationId: "acme~"}) {
    __typename }
}
"""

MEMBERS = """
mutation($ws: ID!) {
  a: setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
    roles: [USER], stance: NEUTRAL}) { __typename }
  b: setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "cy~",
    roles: [DECIDER], stance: BLOCKER}) { __typename }
  upsertInfluence(input: {workspaceId: $ws, sourceId: "ann~", targetId: "bo~", weight: 0.8}) {
    __typename }
}
"""

CHANGES = """
mutation($ws: ID!) {
  a: setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
    roles: [USER, CHAMPION], stance: CHAMPION}) { __typename }
  upsertInfluence(input: {workspaceId: $ws, sourceId: "ann~", targetId: "bo~", weight: 0.3}) {
    __typename }
  updatePerson(input: {workspaceId: $ws, id: "bo~", levelRank: 4}) { __typename }
  deletePerson(input: {workspaceId: $ws, id: "cy~"}) { __typename }
  upsertPeople(input: {workspaceId: $ws, people: [
    {id: "dee~", name: "Dee", title: "CFO", organisationId: "acme~"}]}) { __typename }
  b: setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "dee~",
    roles: [DECIDER], stance: SUPPORTER}) { __typename }
}
"""

DEAL = """
query($ws: ID!, $at: DateTime) {
  workspace(id: $ws) {
    deal(id: "deal~", asOf: $at) {
      name asOf
      buyingCentre { person { key name level { rank } } roles stance }
      influenceMap { people { personKey } edges { source target weight } }
      coverage { warnings { code people } }
      approachPlan { personKey order }
    }
  }
}
"""


async def _moment() -> dt.datetime:
    """A moment strictly between the writes before it and those after it."""
    await asyncio.sleep(0.01)
    at = dt.datetime.now(dt.UTC)
    await asyncio.sleep(0.01)
    return at


def _members(deal: dict[str, Any]) -> dict[str, tuple[int | None, list[str], str]]:
    return {
        m["person"]["key"]: (
            (m["person"]["level"] or {}).get("rank"),
            sorted(m["roles"]),
            m["stance"],
        )
        for m in deal["buyingCentre"]
    }


def _edges(deal: dict[str, Any]) -> dict[tuple[str, str], float]:
    return {(e["source"], e["target"]): e["weight"] for e in deal["influenceMap"]["edges"]}


async def _read(gql: GraphQL, workspace: str, at: dt.datetime | None) -> dict[str, Any]:
    data = await gql(DEAL, ws=workspace, at=at.isoformat() if at else None)
    return dict(data["workspace"]["deal"])


async def test_a_deal_as_of_a_past_moment_has_its_old_values(gql: GraphQL, workspace: str) -> None:
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    then = await _moment()
    unchanged = await _read(gql, workspace, None)
    await gql(CHANGES, ws=workspace)

    past = await _read(gql, workspace, then)
    assert past["asOf"] is not None
    assert _members(past) == {
        "bo~": (3, ["USER"], "NEUTRAL"),
        "cy~": (2, ["DECIDER"], "BLOCKER"),
    }
    assert _edges(past)[("ann~", "bo~")] == 0.8
    # The past goes through today's analyses: the same map, coverage and plan as read then.
    assert past["influenceMap"] == unchanged["influenceMap"]
    assert past["coverage"] == unchanged["coverage"]
    assert past["approachPlan"] == unchanged["approachPlan"]

    now = await _read(gql, workspace, None)
    assert now["asOf"] is None
    assert _members(now) == {
        "bo~": (4, ["CHAMPION", "USER"], "CHAMPION"),
        "dee~": (6, ["DECIDER"], "SUPPORTER"),
    }
    assert _edges(now)[("ann~", "bo~")] == 0.3
    assert "cy~" not in {p["personKey"] for p in now["influenceMap"]["people"]}


async def test_an_account_and_a_person_as_of_a_past_moment(gql: GraphQL, workspace: str) -> None:
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    then = await _moment()
    await gql(CHANGES, ws=workspace)
    data = await gql(
        """query($ws: ID!, $at: DateTime) { workspace(id: $ws) {
          organisation(id: "acme~", asOf: $at) { name asOf influenceMap { people { personKey } } }
          bo: person(id: "bo~", asOf: $at) { name level { rank name } }
          cy: person(id: "cy~", asOf: $at) { name title }
          dee: person(id: "dee~", asOf: $at) { name }
          now: person(id: "bo~") { level { rank } }
        } }""",
        ws=workspace,
        at=then.isoformat(),
    )
    ws = data["workspace"]
    account = {p["personKey"] for p in ws["organisation"]["influenceMap"]["people"]}
    assert account == {"ann~", "bo~", "cy~"}  # Cy, deleted since, reappears; Dee not yet there
    assert ws["bo"]["level"] == {"rank": 3, "name": "Manager"}
    assert ws["cy"] == {"name": "Cy", "title": "Buyer"}
    assert ws["dee"] is None
    assert ws["now"]["level"]["rank"] == 4


async def test_a_moment_before_the_history_is_refused(gql: GraphQL, workspace: str) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    await gql(BUILD, ws=workspace)
    body = await gql(DEAL, allow_errors=True, ws=workspace, at=before.isoformat())
    assert body["data"]["workspace"]["deal"] is None
    message = body["errors"][0]["message"]
    assert "asOf" in message and "history" in message


async def test_what_changed_since_names_the_moment_at_fault(gql: GraphQL, workspace: str) -> None:
    """``since`` in the future, or ``until`` before the history, is refused naming that field."""
    await gql(BUILD, ws=workspace)
    now = dt.datetime.now(dt.UTC)
    query = (
        "query($ws: ID!, $since: DateTime!, $until: DateTime) { workspace(id: $ws) {"
        ' deal(id: "deal~") { changedSince(since: $since, until: $until) { kind } } } }'
    )
    cases = {
        "since": ((now + dt.timedelta(days=1)).isoformat(), None, "in the future"),
        "until": (
            (now - dt.timedelta(days=3)).isoformat(),
            (now - dt.timedelta(days=2)).isoformat(),
            "before this workspace's history",
        ),
    }
    for field, (since, until, why) in cases.items():
        body = await gql(query, allow_errors=True, ws=workspace, since=since, until=until)
        message = body["errors"][0]["message"]
        assert message.startswith(f"invalid input: {field}: ") and why in message, message


async def test_as_of_now_reads_the_same_scope_as_today(gql: GraphQL, workspace: str) -> None:
    """The rebuilt scope follows the scope statements' rule: nothing changed, nothing differs."""
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    await gql(
        """mutation($ws: ID!) {
          o1: createOrganisation(input: {workspaceId: $ws, id: "us~", name: "Us", kind: HOME}) {
            __typename }
          o2: createOrganisation(input: {workspaceId: $ws, id: "pa~", name: "Pa", kind: PARTNER}) {
            __typename }
          o3: createOrganisation(input: {workspaceId: $ws, id: "oth~", name: "Oth",
            kind: CUSTOMER}) {
            __typename }
          upsertPeople(input: {workspaceId: $ws, people: [
            {id: "me~", name: "Me", title: "Account Executive", organisationId: "us~"},
            {id: "pat~", name: "Pat", title: "Partner", organisationId: "pa~"},
            {id: "far~", name: "Far", title: "CTO", organisationId: "oth~"},
            {id: "far2~", name: "Far2", title: "VP", organisationId: "oth~"},
            {id: "lone~", name: "Lone", title: "VP", organisationId: "oth~"}]}) { __typename }
          k1: upsertKnows(input: {workspaceId: $ws, sourceId: "me~", targetId: "pat~",
            strength: 0.7}) { __typename }
          k2: upsertKnows(input: {workspaceId: $ws, sourceId: "pat~", targetId: "cy~",
            strength: 0.5}) { __typename }
          i1: upsertInfluence(input: {workspaceId: $ws, sourceId: "far~", targetId: "ann~",
            weight: 0.6}) { __typename }
          i2: upsertInfluence(input: {workspaceId: $ws, sourceId: "far2~", targetId: "far~",
            weight: 0.4}) { __typename }
        }""",
        ws=workspace,
    )
    then = await _moment()
    past = await _read(gql, workspace, then)
    now = await _read(gql, workspace, None)
    people = {p["personKey"] for p in now["influenceMap"]["people"]}
    assert {"me~", "pat~", "far~"} <= people  # ours, a partner, an influencer two hops out
    assert not {"far2~", "lone~"} & people  # three hops out; no edge in
    assert past["influenceMap"] == now["influenceMap"]
    assert past["coverage"] == now["coverage"]
    assert past["approachPlan"] == now["approachPlan"]


DIFF = """
query($ws: ID!, $since: DateTime!) {
  workspace(id: $ws) {
    deal(id: "deal~") { changedSince(since: $since) { kind fact key before after } }
    organisation(id: "acme~") { changedSince(since: $since) { kind key } }
  }
}
"""

# Dee's own facts were written before she joined the deal: they concern the account, not yet
# the deal (the deal's feed holds what concerned it when written); she joins its map.
FACTS_CHANGED = [
    ("employment_ended", ("works_at", "cy~")),
    ("influence_changed", ("INFLUENCES", "ann~", "bo~")),
    ("level_changed", ("level", "bo~")),
    ("level_changed", ("level", "cy~")),
    ("member_joined", ("member", "deal~", "dee~")),
    ("member_left", ("member", "deal~", "cy~")),
    ("person_removed", ("person", "cy~")),
    ("roles_changed", ("member", "deal~", "bo~")),
    ("stance_changed", ("member", "deal~", "bo~")),
]


def _warnings(deal: dict[str, Any]) -> set[tuple[str, ...]]:
    return {(w["code"], *w["people"]) for w in deal["coverage"]["warnings"]}


async def test_what_changed_since_lists_exactly_the_changes_made(
    gql: GraphQL, workspace: str, client: Any, store: Store
) -> None:
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    then = await _moment()
    before = await _read(gql, workspace, None)
    await gql(CHANGES, ws=workspace)
    after = await _read(gql, workspace, None)

    data = await gql(DIFF, ws=workspace, since=then.isoformat())
    found = data["workspace"]["deal"]["changedSince"]
    facts = [(c["kind"].lower(), tuple(c["key"])) for c in found if c["fact"] not in DERIVED]
    assert sorted(facts) == FACTS_CHANGED
    derived = {(c["kind"].lower(), tuple(c["key"])) for c in found if c["fact"] in DERIVED}
    assert {k for k in derived if k[1][0] == "map"} == {
        ("map_left", ("map", "cy~")),
        ("map_joined", ("map", "dee~")),
    }
    # Warnings and plan compared through the same analyses as the deal's own reads.
    gained = _warnings(after) - _warnings(before)
    lost = _warnings(before) - _warnings(after)
    assert {k[1][1:] for k in derived if k[0] == "warning_gained"} == gained
    assert {k[1][1:] for k in derived if k[0] == "warning_lost"} == lost
    assert gained | lost  # the decider changed: the warnings do
    order_then = {s["personKey"]: s["order"] for s in before["approachPlan"]}
    order_now = {s["personKey"]: s["order"] for s in after["approachPlan"]}
    moved = {
        p for p in order_then.keys() | order_now.keys() if order_then.get(p) != order_now.get(p)
    }
    assert {k[1][1] for k in derived if k[0] == "plan_step_moved"} == moved
    account = {
        (c["kind"].lower(), tuple(c["key"]))
        for c in data["workspace"]["organisation"]["changedSince"]
    }
    assert {
        ("map_joined", ("map", "dee~")),
        ("map_left", ("map", "cy~")),
        ("person_added", ("person", "dee~")),
        ("employment_started", ("works_at", "dee~")),
    } <= account

    # The same, as a file.
    params = {"since": then.isoformat(), "format": "json"}
    deal_key = await _key(store, workspace, "Deal", "deal")
    answer = await client.get(
        f"/workspaces/{workspace}/changes", params=params | {"deal": deal_key}
    )
    assert answer.status_code == 200, answer.text
    kinds = sorted(c["kind"] for c in answer.json()["changes"])
    assert kinds == sorted(c["kind"].lower() for c in found)


async def test_a_deal_that_never_was_is_not_found_as_of_any_moment(
    gql: GraphQL, workspace: str
) -> None:
    """A deal id that never existed reads as null in the past too, not as an empty deal."""
    await gql(BUILD, ws=workspace)
    at = await _moment()
    query = """query($ws: ID!, $at: DateTime) {
      workspace(id: $ws) { deal(id: "never~", asOf: $at) { name buyingCentre { roles } } } }"""
    data = await gql(query, allow_errors=True, ws=workspace, at=at.isoformat())
    assert data["data"]["workspace"]["deal"] is None
    assert (await _read(gql, workspace, at))["name"] == "Rollout"


async def test_events_stored_before_they_named_their_subjects_are_read_once_the_schema_is_applied(
    gql: GraphQL, workspace: str, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events are found by what they concern (a ``CONCERNS`` entry per person, deal and
    organisation, indexed with the moment); events stored without those entries, as an older
    version wrote them, get them when the schema is applied (once: the step is recorded as
    done), and the past reads the same."""
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    then = await _moment()
    await gql(CHANGES, ws=workspace)
    count = """MATCH (c:Change {workspace: $ws})-[r:CONCERNS]->(c)
               RETURN count(r) AS entries, count(DISTINCT c) AS events"""
    rows, _, _ = await store.driver.execute_query(count, {"ws": workspace})
    entries = rows[0]["entries"]
    assert entries > rows[0]["events"] > 0
    await store.driver.execute_query(
        "MATCH (c:Change {workspace: $ws})-[r:CONCERNS]->(c) DELETE r", {"ws": workspace}
    )

    # A database whose step is recorded as done is not scanned again at the next start.
    await store.apply_schema()
    rows, _, _ = await store.driver.execute_query(count, {"ws": workspace})
    assert rows[0]["entries"] == 0
    # One an older version wrote has no record of the step: its events are linked, in batches.
    monkeypatch.setattr(store_module, "SCHEMA_STEP_BATCH", 2)
    await store.driver.execute_query("MATCH (s:SchemaStep {name: 'change_concerns'}) DELETE s")
    await store.apply_schema()
    rows, _, _ = await store.driver.execute_query(count, {"ws": workspace})
    assert rows[0]["entries"] == entries
    done, _, _ = await store.driver.execute_query(
        "MATCH (s:SchemaStep {name: 'change_concerns'}) RETURN count(s) AS n"
    )
    assert done[0]["n"] == 1
    past = await _read(gql, workspace, then)
    assert _members(past) == {
        "bo~": (3, ["USER"], "NEUTRAL"),
        "cy~": (2, ["DECIDER"], "BLOCKER"),
    }
    assert _edges(past)[("ann~", "bo~")] == 0.8


async def test_a_person_added_and_then_changed_after_the_moment_was_not_there(
    gql: GraphQL, workspace: str
) -> None:
    """The first event after the moment decides a fact's past value, also when it is the fact's
    creation (no value before it): a later change's value before it is not the past."""
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    then = await _moment()
    await gql(
        """mutation($ws: ID!) { upsertPeople(input: {workspaceId: $ws, people: [
          {id: "eve~", name: "Eve", title: "Buyer", organisationId: "acme~"}]}) { __typename } }""",
        ws=workspace,
    )
    await gql(
        """mutation($ws: ID!) {
          updatePerson(input: {workspaceId: $ws, id: "eve~", title: "Head of Buying"}) {
            __typename } }""",
        ws=workspace,
    )
    data = await gql(
        """query($ws: ID!, $at: DateTime) { workspace(id: $ws) {
          eve: person(id: "eve~", asOf: $at) { name }
          organisation(id: "acme~", asOf: $at) { influenceMap { people { personKey } } }
        } }""",
        ws=workspace,
        at=then.isoformat(),
    )
    assert data["workspace"]["eve"] is None
    people = {p["personKey"] for p in data["workspace"]["organisation"]["influenceMap"]["people"]}
    assert people == {"ann~", "bo~", "cy~"}


async def test_the_past_reads_first_statement_names_each_leaver_once(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    """The first read of the past deal also finds the people its events name who are neither in
    today's scope nor asked for (they left): Cy, deleted since and named by several events, is
    one leaver; a person asked for, or a read without today's scope, has none."""
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    then = await _moment()
    await gql(CHANGES, ws=workspace)
    ws = store.workspace(workspace)
    deal = await _key(store, workspace, "Deal", "deal")
    acme = await _key(store, workspace, "Organisation", "acme")
    events = (await change_feed(ws, first=500, since=then)).items
    cy = next(e["key"][1] for e in events if e["kind"] == "person_removed")
    assert len([e for e in events if cy in e["people"]]) >= 2
    known = sorted(p.id for p in (await read_scope(ws, "deal", deal)).people)
    assert cy not in known and known
    asked = {"since": moment_key(then), "deal_id": deal, "organisations": [acme], "people": []}
    row = (await ws.read_plain("history/undo", {**asked, "known": known}))[0]
    assert row["leavers"] == [cy]
    assert {tuple(k) for k, _e, _b in row["leaver_events"]} >= {("person", cy), ("works_at", cy)}
    row = (await ws.read_plain("history/undo", {**asked, "people": [cy], "known": known}))[0]
    assert row["leavers"] == []
    row = (await ws.read_plain("history/undo", {**asked, "known": None}))[0]
    assert row["leavers"] == [] and row["events"]


async def test_what_changed_since_reads_the_history_horizon_once(
    gql: GraphQL, workspace: str, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What changed since checks ``since`` against where the history begins and reads the past
    at ``since``, whose own check asks the same: one read of the horizon serves both."""
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    then = await _moment()
    await gql(CHANGES, ws=workspace)
    deal = await _key(store, workspace, "Deal", "deal")
    names: list[str] = []
    records = store._records

    async def counted(name: str, *args: Any, **kwargs: Any) -> Any:
        names.append(name)
        return await records(name, *args, **kwargs)

    monkeypatch.setattr(store, "_records", counted)
    found = await map_changes(AnalysisCache(), store.workspace(workspace), "deal", deal, then)
    assert {c.key[0] for c in found} >= {"member", "map"}
    assert names.count("history/horizon") == 1, names
    assert names.count("analytics/deal_scope") == 1, names


PARTNER_MAP = """
query($ws: ID!, $at: DateTime) {
  workspace(id: $ws) {
    deal(id: "deal~", asOf: $at) {
      influenceMap { people { personKey orgKey orgKind } edges { source target weight kind } }
    }
    organisation(id: "acme~", asOf: $at) {
      influenceMap { people { personKey orgKey orgKind } edges { source target weight kind } }
    }
  }
}
"""


def _maps(data: dict[str, Any]) -> dict[str, Any]:
    ws = data["workspace"]
    return {
        scope: {
            "people": sorted(
                (p["personKey"], p["orgKey"], p["orgKind"])
                for p in ws[field]["influenceMap"]["people"]
            ),
            "edges": sorted(
                (e["source"], e["target"], e["weight"], e["kind"])
                for e in ws[field]["influenceMap"]["edges"]
            ),
        }
        for scope, field in (("deal", "deal"), ("account", "organisation"))
    }


def _ties(scope: Scope) -> tuple[list[str], list[tuple[str, str, float]]]:
    """A scope's people and KNOWS ties (the influence map shows influence edges only)."""
    return sorted(p.id for p in scope.people), sorted(
        (k.source, k.target, k.strength) for k in scope.knows
    )


async def test_a_partner_who_knew_someone_who_left_the_scope_is_in_the_past_scope(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    """A partner's person is in a scope at a moment when they know someone in it then. Kim, at
    the account, is known by Pat (a partner's, with no change of her own since); Kim then moves
    to another customer and leaves the scope, taking Pat with her: read as of the moment, the
    deal and the account hold Pat and the tie again, as the present read gave them then; so does
    the account Far, at another customer, who influenced Kim."""
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    await gql(
        """mutation($ws: ID!) {
          o1: createOrganisation(input: {workspaceId: $ws, id: "pa~", name: "Pa", kind: PARTNER}) {
            __typename }
          o2: createOrganisation(input: {workspaceId: $ws, id: "oth~", name: "Oth",
            kind: CUSTOMER}) { __typename }
          upsertPeople(input: {workspaceId: $ws, people: [
            {id: "pat~", name: "Pat", title: "Partner", organisationId: "pa~"},
            {id: "kim~", name: "Kim", title: "Analyst", organisationId: "acme~"},
            {id: "far~", name: "Far", title: "CTO", organisationId: "oth~"}]}) { __typename }
          upsertKnows(input: {workspaceId: $ws, sourceId: "pat~", targetId: "kim~",
            strength: 0.6}) { __typename }
          upsertInfluence(input: {workspaceId: $ws, sourceId: "far~", targetId: "kim~",
            weight: 0.5}) { __typename }
        }""",
        ws=workspace,
    )
    then = await _moment()
    present = _maps(await gql(PARTNER_MAP, ws=workspace, at=None))
    for scope in ("deal", "account"):
        assert ("pat~", "pa~", "partner") in present[scope]["people"], scope
    assert ("far~", "kim~", 0.5, "advice") in present["account"]["edges"]
    ws = store.workspace(workspace)
    keys = {
        "deal": await _key(store, workspace, "Deal", "deal"),
        "account": await _key(store, workspace, "Organisation", "acme"),
    }
    scopes_then = {kind: _ties(await read_scope(ws, kind, key)) for kind, key in keys.items()}
    for kind, (people, knows) in scopes_then.items():
        assert any(p.startswith("pat-") for p in people) and knows, kind
    await gql(
        """mutation($ws: ID!) {
          updatePerson(input: {workspaceId: $ws, id: "kim~", organisationId: "oth~"}) {
            __typename } }""",
        ws=workspace,
    )
    now = _maps(await gql(PARTNER_MAP, ws=workspace, at=None))
    for scope in ("deal", "account"):
        assert not {"pat~", "kim~", "far~"} & {p[0] for p in now[scope]["people"]}, scope

    past = _maps(await gql(PARTNER_MAP, ws=workspace, at=then.isoformat()))
    assert past == present
    for kind, key in keys.items():
        assert _ties((await read_scope_at(ws, kind, key, then)).scope) == scopes_then[kind], kind


LEAVE_THE_DEAL = {
    "member": """mutation($ws: ID!) {
      removeBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~"}) {
        __typename } }""",
    "influence": """mutation($ws: ID!) {
      deleteInfluence(input: {workspaceId: $ws, sourceId: "far~", targetId: "bo~"}) {
        __typename } }""",
}


@pytest.mark.parametrize("change", sorted(LEAVE_THE_DEAL))
async def test_influencers_of_a_member_are_in_the_past_deal_after_the_tie_ends(
    gql: GraphQL, workspace: str, store: Store, change: str
) -> None:
    """Whoever influences a member within two hops is in the deal, and a partner's person who
    knows them too. Bo, a member, is influenced by Far (at another customer), who is influenced
    by Gil and known by Pat (a partner's); Gil and Pat change nothing after the moment. Then
    Bo leaves the buying centre but stays at the account, in today's deal as an account's
    person (``member``), or Far's influence on Bo is deleted (``influence``: Far is named by
    the event, Gil and Pat by none): Far, Gil and Pat leave the deal. Read as of the moment,
    the deal holds all three and their ties again, as the present read gave them then."""
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    await gql(
        """mutation($ws: ID!) {
          o1: createOrganisation(input: {workspaceId: $ws, id: "pa~", name: "Pa", kind: PARTNER}) {
            __typename }
          o2: createOrganisation(input: {workspaceId: $ws, id: "oth~", name: "Oth",
            kind: CUSTOMER}) { __typename }
          upsertPeople(input: {workspaceId: $ws, people: [
            {id: "pat~", name: "Pat", title: "Partner", organisationId: "pa~"},
            {id: "far~", name: "Far", title: "CTO", organisationId: "oth~"},
            {id: "gil~", name: "Gil", title: "CEO", organisationId: "oth~"}]}) { __typename }
          k: upsertKnows(input: {workspaceId: $ws, sourceId: "pat~", targetId: "far~",
            strength: 0.6}) { __typename }
          i1: upsertInfluence(input: {workspaceId: $ws, sourceId: "far~", targetId: "bo~",
            weight: 0.5}) { __typename }
          i2: upsertInfluence(input: {workspaceId: $ws, sourceId: "gil~", targetId: "far~",
            weight: 0.7}) { __typename }
        }""",
        ws=workspace,
    )
    then = await _moment()
    present = _maps(await gql(PARTNER_MAP, ws=workspace, at=None))
    assert {"pat~", "far~", "gil~"} <= {p[0] for p in present["deal"]["people"]}
    assert {("far~", "bo~", 0.5, "advice"), ("gil~", "far~", 0.7, "advice")} <= set(
        present["deal"]["edges"]
    )
    ws = store.workspace(workspace)
    deal = await _key(store, workspace, "Deal", "deal")
    deal_then = _ties(await read_scope(ws, "deal", deal))
    await gql(LEAVE_THE_DEAL[change], ws=workspace)
    now = _maps(await gql(PARTNER_MAP, ws=workspace, at=None))
    assert not {"pat~", "far~", "gil~"} & {p[0] for p in now["deal"]["people"]}
    assert "bo~" in {p[0] for p in now["deal"]["people"]}

    past = _maps(await gql(PARTNER_MAP, ws=workspace, at=then.isoformat()))
    assert past == present
    assert _ties((await read_scope_at(ws, "deal", deal, then)).scope) == deal_then
