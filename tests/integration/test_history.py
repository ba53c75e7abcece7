"""Change history on a real Neo4j: every write path records exactly its changes.

Each step writes through one path (GraphQL, the page, a CSV import) and checks the events it
added: their kinds and fact keys, who made them, through what, and the values before and after.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graph.database.queries import query, with_fragments
from graph.database.store import Store, WorkspaceStore
from graph.history.facts import load_value
from graph.imports.run import import_files
from graph.repository.auth import issue_token
from graph.repository.history import change_feed, changes_between
from graph.repository.workspaces import ensure_workspace
from graph.repository.writes import Page
from tests.conftest import asgi_client
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

SETUP = """
mutation($ws: ID!) {
  createOrganisation(input: {workspaceId: $ws, id: "acme~", name: "Acme", kind: CUSTOMER}) {
    __typename }
  upsertPeople(input: {workspaceId: $ws, people: [
    {id: "ann~", name: "Ann", title: "Chief Executive Officer", organisationId: "acme~"},
    {id: "bo~", name: "Bo", title: "IT Manager", organisationId: "acme~", levelRank: 3}]}) {
    __typename }
  createDeal(input: {workspaceId: $ws, id: "deal~", name: "Rollout", organisationId: "acme~"}) {
    __typename }
}
"""


async def _events(store: Store, workspace: str, seen: set[str]) -> list[dict[str, Any]]:
    """The events recorded since the ids in ``seen`` (which it updates), oldest first."""
    page = await change_feed(store.workspace(workspace), first=500)
    new = [e for e in reversed(page.items) if e["id"] not in seen]
    seen.update(e["id"] for e in new)
    return new


def _untag(value: str) -> str:
    return value.rsplit("-", 1)[0] + "~" if "-" in value else value


def _kinds(events: list[dict[str, Any]]) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((e["kind"], tuple(_untag(k) for k in e["key"])) for e in events)


async def test_graphql_writes_record_exactly_their_changes(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    seen: set[str] = set()
    await gql(SETUP, ws=workspace)
    setup = await _events(store, workspace, seen)
    assert _kinds(setup) == [
        ("deal_added", ("deal", "deal~")),
        ("employment_started", ("works_at", "ann~")),
        ("employment_started", ("works_at", "bo~")),
        ("level_changed", ("level", "ann~")),
        ("level_changed", ("level", "bo~")),
        ("organisation_added", ("organisation", "acme~")),
        ("person_added", ("person", "ann~")),
        ("person_added", ("person", "bo~")),
    ]
    assert {(e["actor"], e["via"]) for e in setup} == {("test-admin", "graphql")}
    level = next(e for e in setup if e["key"][0] == "level" and _untag(e["key"][1]) == "bo~")
    assert (load_value(level.get("before")), load_value(level["after"])) == (None, 3)

    await gql(
        """mutation($ws: ID!) {
          setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            roles: [USER], stance: NEUTRAL}) { __typename }
          upsertInfluence(input: {workspaceId: $ws, sourceId: "ann~", targetId: "bo~",
            weight: 0.8}) { __typename }
          addReportsTo(input: {workspaceId: $ws, personId: "bo~", managerId: "ann~"}) {
            __typename }
        }""",
        ws=workspace,
    )
    assert _kinds(await _events(store, workspace, seen)) == [
        ("influence_added", ("INFLUENCES", "ann~", "bo~")),
        ("member_joined", ("member", "deal~", "bo~")),
        ("reporting_added", ("REPORTS_TO", "bo~", "ann~")),
    ]

    await gql(
        """mutation($ws: ID!) {
          setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            roles: [USER, CHAMPION], stance: CHAMPION}) { __typename }
          recordJourneyStage(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            stage: TRUST}) { __typename }
          upsertInfluence(input: {workspaceId: $ws, sourceId: "ann~", targetId: "bo~",
            weight: 0.3}) { __typename }
          updatePerson(input: {workspaceId: $ws, id: "bo~", levelRank: 4}) { __typename }
        }""",
        ws=workspace,
    )
    step = await _events(store, workspace, seen)
    assert _kinds(step) == [
        ("influence_changed", ("INFLUENCES", "ann~", "bo~")),
        ("level_changed", ("level", "bo~")),
        ("roles_changed", ("member", "deal~", "bo~")),
        ("stage_changed", ("member", "deal~", "bo~")),
        ("stance_changed", ("member", "deal~", "bo~")),
    ]
    weight = next(e for e in step if e["kind"] == "influence_changed")
    assert load_value(weight.get("before"))["weight"] == 0.8
    assert load_value(weight["after"])["weight"] == 0.3
    stance = next(e for e in step if e["kind"] == "stance_changed")
    assert [_untag(d) for d in stance["deals"]] == ["deal~"]
    assert [_untag(o) for o in stance["organisations"]] == ["acme~"]

    await gql(
        """mutation($ws: ID!) {
          deleteInfluence(input: {workspaceId: $ws, sourceId: "ann~", targetId: "bo~"}) {
            __typename }
          removeBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~"}) {
            __typename }
          updatePerson(input: {workspaceId: $ws, id: "bo~", organisationId: null}) { __typename }
        }""",
        ws=workspace,
    )
    assert _kinds(await _events(store, workspace, seen)) == [
        ("employment_ended", ("works_at", "bo~")),
        ("influence_removed", ("INFLUENCES", "ann~", "bo~")),
        ("member_left", ("member", "deal~", "bo~")),
    ]

    # A write that changes nothing records nothing.
    await gql(
        """mutation($ws: ID!) {
          updatePerson(input: {workspaceId: $ws, id: "ann~", name: "Ann"}) { __typename } }""",
        ws=workspace,
    )
    assert await _events(store, workspace, seen) == []


async def test_the_page_is_named_as_the_origin(
    gql: GraphQL, workspace: str, store: Store, client: Any
) -> None:
    await gql(SETUP, ws=workspace)
    seen: set[str] = set()
    await _events(store, workspace, seen)
    response = await client.post(
        "/graphql",
        headers={"X-Statusmap-Client": "page"},
        json={
            "query": "mutation($ws: ID!, $id: ID!) { updatePerson(input: {workspaceId: $ws, "
            'id: $id, title: "CIO"}) { __typename } }',
            "variables": {"ws": workspace, "id": await _key(store, workspace, "Person", "bo")},
        },
    )
    assert response.status_code == 200, response.text
    events = await _events(store, workspace, seen)
    assert [(e["kind"], e["via"], e["actor"]) for e in events] == [
        ("person_changed", "page", "test-admin")
    ]


async def _key(store: Store, workspace: str, label: str, prefix: str) -> str:
    """The stored id of the test's node ``prefix~`` (the tag unknown outside ``gql``)."""
    rows, _, _ = await store.driver.execute_query(
        "MATCH (n {workspace: $ws}) WHERE $label IN labels(n) AND n.id STARTS WITH $prefix "
        "RETURN n.id AS id",
        {"ws": workspace, "label": label, "prefix": prefix + "-"},
    )
    return str(rows[0]["id"])


ORGS = "id,name,kind,industry\nHI-O1,Acme,customer,Retail\n"
PEOPLE = (
    "id,first_name,last_name,title,department,email,organisation_id,level\n"
    "HI-P1,Ada,Lovelace,Chief Executive Officer,Exec,,HI-O1,\n"
    "HI-P2,Ben,Bauer,VP Sales,Sales,,HI-O1,4\n"
)
EDGES = "source_id,target_id,weight,kind\nHI-P1,HI-P2,0.8,advice\n"


async def test_an_import_records_file_and_row(store: Store, tmp_path: Path) -> None:
    workspace = "it-history-import"
    await store.driver.execute_query(
        "MATCH (n) WHERE n.workspace = $ws DETACH DELETE n", {"ws": workspace}
    )
    await ensure_workspace(store, workspace)
    files = {"organisations.csv": ORGS, "people.csv": PEOPLE, "influences.csv": EDGES}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    paths = [tmp_path / name for name in files]
    result = await import_files(store, workspace, paths, actor="alice")
    assert result.applied

    events = (await change_feed(store.workspace(workspace), first=100)).items
    found = sorted((e["kind"], tuple(e["key"]), e["file"], e["row"]) for e in events)
    assert found == [
        ("employment_started", ("works_at", "HI-P1"), "people.csv", 2),
        ("employment_started", ("works_at", "HI-P2"), "people.csv", 3),
        ("influence_added", ("INFLUENCES", "HI-P1", "HI-P2"), "influences.csv", 2),
        ("level_changed", ("level", "HI-P1"), "people.csv", 2),
        ("level_changed", ("level", "HI-P2"), "people.csv", 3),
        ("organisation_added", ("organisation", "HI-O1"), "organisations.csv", 2),
        ("person_added", ("person", "HI-P1"), "people.csv", 2),
        ("person_added", ("person", "HI-P2"), "people.csv", 3),
    ]
    assert {(e["actor"], e["via"]) for e in events} == {("alice", "import")}

    # The same files again change nothing, and so record nothing.
    await import_files(store, workspace, paths, actor="alice")
    assert (await change_feed(store.workspace(workspace), first=100)).total == len(events)


async def test_changes_between_two_moments_are_net(
    gql: GraphQL, workspace: str, store: Store, client: Any
) -> None:
    await gql(SETUP, ws=workspace)
    await gql(
        """mutation($ws: ID!) {
          setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            roles: [USER], stance: NEUTRAL}) { __typename }
          ann: setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "ann~",
            roles: [DECIDER], stance: SCEPTIC}) { __typename }
        }""",
        ws=workspace,
    )
    since = dt.datetime.now(dt.UTC)
    await gql(
        """mutation($ws: ID!) {
          setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            roles: [USER], stance: BLOCKER}) { __typename }
          again: setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            roles: [USER], stance: CHAMPION}) { __typename }
          removeBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "ann~"}) {
            __typename }
          upsertInfluence(input: {workspaceId: $ws, sourceId: "ann~", targetId: "bo~",
            weight: 0.5}) { __typename }
        }""",
        ws=workspace,
    )
    ws = store.workspace(workspace)
    deal_id = await _key(store, workspace, "Deal", "deal")
    net = await changes_between(ws, since, deal_id=deal_id)
    assert sorted((c.kind.value, tuple(_untag(k) for k in c.key)) for c in net) == [
        ("influence_added", ("INFLUENCES", "ann~", "bo~")),
        ("member_left", ("member", "deal~", "ann~")),
        ("stance_changed", ("member", "deal~", "bo~")),
    ]
    stance = next(c for c in net if c.kind.value == "stance_changed")
    assert (stance.before["stance"], stance.after["stance"]) == ("neutral", "champion")
    # Before anything happened in the window, nothing changed since.
    assert await changes_between(ws, dt.datetime.now(dt.UTC), deal_id=deal_id) == []

    # The same, as files.
    params = {"since": since.isoformat(), "deal": deal_id}
    as_json = await client.get(
        f"/workspaces/{workspace}/changes", params=params | {"format": "json"}
    )
    assert as_json.status_code == 200, as_json.text
    facts = [c for c in as_json.json()["changes"] if c["fact"] not in DERIVED]
    assert sorted(c["kind"] for c in facts) == [
        "influence_added",
        "member_left",
        "stance_changed",
    ]
    as_csv = await client.get(f"/workspaces/{workspace}/changes", params=params)
    lines = as_csv.text.splitlines()
    assert lines[0] == "kind,fact,first_id,second_id,third_id,before,after"
    rows = [line.split(",") for line in lines[1:]]
    assert sorted(r[0] for r in rows if r[1] not in DERIVED) == [
        "influence_added",
        "member_left",
        "stance_changed",
    ]


DERIVED = {"map", "warning", "plan_step"}
"""What the file adds for a deal from its analyses (tests/integration/test_history_asof.py)."""


MEMBER_AND_LEVEL = """
mutation($ws: ID!) {
  setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
    roles: [USER], stance: NEUTRAL}) { __typename }
  updatePerson(input: {workspaceId: $ws, id: "bo~", levelRank: 5}) { __typename }
}
"""

FEED = """
query($ws: ID!, $first: Int, $after: String, $kinds: [ChangeKind!], $since: DateTime) {
  workspace(id: $ws) {
    changes(first: $first, after: $after, kinds: $kinds, since: $since) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { kind key actor via before after } }
    }
    person(id: "bo~") { history(kinds: [LEVEL_CHANGED]) { totalCount edges { node { after } } } }
    deal(id: "deal~") {
      changes { edges { node { kind } } }
      organisation { changes(kinds: [DEAL_ADDED]) { totalCount } }
    }
  }
}
"""


async def test_feeds_page_filter_and_stay_in_their_workspace(
    gql: GraphQL, workspace: str, app: Any
) -> None:
    await gql(SETUP, ws=workspace)
    await gql(MEMBER_AND_LEVEL, ws=workspace)
    whole = (await gql(FEED, ws=workspace, first=500))["workspace"]
    assert whole["changes"]["totalCount"] == 10
    newest = whole["changes"]["edges"][0]["node"]
    assert newest["kind"] == "LEVEL_CHANGED"
    assert (newest["before"], newest["after"]) == (3, 5)
    assert [e["node"]["after"] for e in whole["person"]["history"]["edges"]] == [5, 3]
    # A member's own changes concern the deal too, once they are in its buying centre.
    assert [e["node"]["kind"] for e in whole["deal"]["changes"]["edges"]] == [
        "LEVEL_CHANGED",
        "MEMBER_JOINED",
        "DEAL_ADDED",
    ]
    assert whole["deal"]["organisation"]["changes"]["totalCount"] == 1

    # Pages of 4 walk the whole feed once, newest first.
    seen: list[list[str]] = []
    after = None
    while True:
        page = (await gql(FEED, ws=workspace, first=4, after=after))["workspace"]["changes"]
        seen.extend(e["node"]["key"] for e in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [e["node"]["key"] for e in whole["changes"]["edges"]]

    kinds = await gql(FEED, ws=workspace, first=50, kinds=["PERSON_ADDED"])
    assert kinds["workspace"]["changes"]["totalCount"] == 2
    future = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    later = await gql(FEED, ws=workspace, first=50, since=future.isoformat())
    assert later["workspace"]["changes"]["totalCount"] == 0

    # Someone who is not a member of the workspace sees nothing of it.
    outsider = await issue_token(app.state.store, f"outsider-{workspace}")
    async with asgi_client(app, outsider.token) as client:
        response = await client.post(
            "/graphql",
            json={"query": FEED.replace("~", ""), "variables": {"ws": workspace, "first": 50}},
        )
    assert response.status_code == 200
    assert response.json()["data"] == {"workspace": None}


async def _pages(ws: WorkspaceStore, first: int, **filters: Any) -> list[Page]:
    """Every page of a feed, ``first`` events each, following the cursors to the end."""
    pages = [await change_feed(ws, first=first, **filters)]
    while pages[-1].has_next:
        after = pages[-1].items[-1]["id"]
        pages.append(await change_feed(ws, first=first, after=after, **filters))
    return pages


async def test_a_subjects_feed_is_the_whole_feed_narrowed_in_pages_and_windows(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    # A person's, a deal's and an account's feed are sought by what the events concern: the
    # same events, pages and totals as the whole feed filtered by hand.
    await gql(SETUP, ws=workspace)
    await gql(MEMBER_AND_LEVEL, ws=workspace)
    await gql(
        """mutation($ws: ID!) {
          updatePerson(input: {workspaceId: $ws, id: "ann~", title: "CEO"}) { __typename }
          setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            roles: [USER], stance: CHAMPION}) { __typename }
        }""",
        ws=workspace,
    )
    ws = store.workspace(workspace)
    whole = (await change_feed(ws, first=500)).items
    middle = whole[len(whole) // 2]["at"]
    named = (("person_id", "people", "bo-"), ("deal_id", "deals", "deal-"))
    for field, of, prefix in (*named, ("organisation_id", "organisations", "acme-")):
        subject = next(s for e in whole for s in e[of] if s.startswith(prefix))
        expected = [e["id"] for e in whole if subject in e[of]]
        assert len(expected) >= 3, (field, expected)
        pages = await _pages(ws, 2, **{field: subject})
        assert {page.total for page in pages} == {len(expected)}
        assert [e["id"] for page in pages for e in page.items] == expected, field
        window = await change_feed(ws, first=500, since=middle, **{field: subject})
        assert [e["id"] for e in window.items] == [
            e["id"] for e in whole if subject in e[of] and e["at"] >= middle
        ]
        older = await change_feed(
            ws, first=500, until=middle, kinds=["member_joined"], **{field: subject}
        )
        assert [e["id"] for e in older.items] == [
            e["id"]
            for e in whole
            if subject in e[of] and e["at"] < middle and e["kind"] == "member_joined"
        ]


def _index_reads(plan: Any, index: str) -> list[int]:
    """Rows each read of ``index`` gave in a profiled plan."""
    found = [plan["rows"]] if index in str(plan.get("args", {}).get("Details", "")) else []
    return found + [n for child in plan.get("children", []) for n in _index_reads(child, index)]


async def _feed_of_setup(
    gql: GraphQL, workspace: str, store: Store
) -> tuple[WorkspaceStore, list[dict[str, Any]]]:
    """The setup and a member's level written; the workspace's store and its whole feed."""
    await gql(SETUP, ws=workspace)
    await gql(MEMBER_AND_LEVEL, ws=workspace)
    ws = store.workspace(workspace)
    return ws, (await change_feed(ws, first=500)).items


async def test_a_workspace_feeds_page_is_read_in_index_order_not_sorted(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    # The whole feed's page is read newest first from the (workspace, id) index and stops at
    # the page's end: its read gives the page and one more, while the total counts the window.
    _ws, whole = await _feed_of_setup(gql, workspace, store)
    assert len(whole) > 4
    params = {
        "workspace": workspace,
        "first": 2,
        "after": whole[0]["id"],
        "since": "",
        "until": None,
        "kinds": None,
        "person_id": None,
        "deal_id": None,
        "organisation_id": None,
    }
    result = await store.driver.execute_query("PROFILE " + query("history/feed"), params)
    row = result.records[0]
    assert [e["id"] for e in row["items"]] == [e["id"] for e in whole[1:3]]
    assert row["total"] == len(whole)
    reads = _index_reads(result.summary.profile, "c:Change(workspace, id)")
    assert sorted(reads) == [params["first"] + 1, len(whole)]


DEPARTURES = """
query($ws: ID!) { workspace(id: $ws) { departures {
  personKey leftOrganisation warnings change { kind via file row }
  deals { dealKey championLeft impact {
    coverageBefore { roles { role filled } } coverageAfter { roles { role filled } }
    warningsAdded { code } } }
} } }
"""


async def test_a_feeds_total_counts_what_its_window_and_kinds_select(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    # totalCount is the number of events the connection's filters select (window and kinds,
    # whoever the feed is of), whatever page is asked for.
    ws, whole = await _feed_of_setup(gql, workspace, store)
    middle = whole[len(whole) // 2]["at"]
    bo = next(p for e in whole for p in e["people"] if p.startswith("bo-"))
    deal = next(d for e in whole for d in e["deals"])
    acme = next(o for e in whole for o in e["organisations"] if o.startswith("acme-"))
    feeds = (
        ({}, lambda e: True),
        ({"person_id": bo}, lambda e: bo in e["people"]),
        ({"deal_id": deal}, lambda e: deal in e["deals"]),
        ({"organisation_id": acme}, lambda e: acme in e["organisations"]),
    )
    selections: list[dict[str, Any]] = [
        {"kinds": ["level_changed"]},
        {"kinds": ["person_added", "member_joined"]},
        {"kinds": ["level_changed"], "since": middle},
        {"until": middle},
        {"kinds": ["partner_added"]},
    ]

    def selected(
        e: dict[str, Any], kinds: Any = None, since: Any = None, until: Any = None
    ) -> bool:
        return (
            (kinds is None or e["kind"] in kinds)
            and (since is None or e["at"] >= since)
            and (until is None or e["at"] < until)
        )

    for subject, concerns in feeds:
        for selection in selections:
            expected = [e["id"] for e in whole if concerns(e) and selected(e, **selection)]
            page = await change_feed(ws, first=1, **subject, **selection)
            assert page.total == len(expected), (subject, selection)
            assert [e["id"] for e in page.items] == expected[:1], (subject, selection)
            if len(expected) > 1:  # a later page counts the same selection
                later = await change_feed(ws, first=1, after=expected[0], **subject, **selection)
                assert later.total == len(expected), (subject, selection)
    # The kinds narrow every feed here: a total of the whole window would differ.
    assert all(
        len([e for e in whole if concerns(e) and selected(e, kinds=["level_changed"])])
        < len([e for e in whole if concerns(e)])
        for _, concerns in feeds
    )


LINK_AGAIN = """
MATCH (c:Change {workspace: $workspace})
WHERE $person IN c.people
WITH c, [$person] AS people, [] AS deals, [] AS organisations
{{ change_concerns(c, people, deals, organisations) }}
"""


async def test_an_event_naming_its_subject_twice_does_not_shorten_the_subjects_pages(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    # Every event of Bo's names Bo twice in the CONCERNS index (as an event whose lists repeat
    # a subject would be linked): each page still holds as many events as asked, and the pages
    # walk Bo's whole feed once, the total counting each event once.
    ws, whole = await _feed_of_setup(gql, workspace, store)
    bo = next(p for e in whole for p in e["people"] if p.startswith("bo-"))
    expected = [e["id"] for e in whole if bo in e["people"]]
    assert len(expected) >= 4
    await store.driver.execute_query(
        with_fragments(LINK_AGAIN, "a second link of each of Bo's events"),
        {"workspace": workspace, "person": bo},
    )
    pages = await _pages(ws, 2, person_id=bo)
    assert {page.total for page in pages} == {len(expected)}
    assert [len(page.items) for page in pages] == [2] * (len(expected) // 2) + (
        [len(expected) % 2] if len(expected) % 2 else []
    )
    assert [e["id"] for page in pages for e in page.items] == expected


async def test_a_departure_lists_its_deals_and_warns_when_a_champion_leaves(
    gql: GraphQL, workspace: str, store: Store, tmp_path: Path
) -> None:
    await gql(SETUP, ws=workspace)
    await gql(
        """mutation($ws: ID!) {
          setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "bo~",
            roles: [USER], stance: CHAMPION}) { __typename }
          ann: setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~",
            personId: "ann~", roles: [DECIDER], stance: NEUTRAL}) { __typename }
        }""",
        ws=workspace,
    )
    assert (await gql(DEPARTURES, ws=workspace))["workspace"]["departures"] == []

    await gql(
        """mutation($ws: ID!) {
          updatePerson(input: {workspaceId: $ws, id: "bo~", organisationId: null}) {
            __typename } }""",
        ws=workspace,
    )
    [left] = (await gql(DEPARTURES, ws=workspace))["workspace"]["departures"]
    assert (left["personKey"], left["leftOrganisation"]) == ("bo~", "acme~")
    assert left["change"]["kind"] == "EMPLOYMENT_ENDED"
    assert left["warnings"] == ["champion left: bo~ in deal~"]
    [deal] = left["deals"]
    assert (deal["dealKey"], deal["championLeft"]) == ("deal~", True)
    filled = {r["role"].upper(): r["filled"] for r in deal["impact"]["coverageBefore"]["roles"]}
    after = {r["role"].upper(): r["filled"] for r in deal["impact"]["coverageAfter"]["roles"]}
    assert (filled["CHAMPION"], after["CHAMPION"]) == (True, False)
    assert (filled["DECIDER"], after["DECIDER"]) == (True, True)

    # An import whose row gives a person no organisation is a departure too.
    ann = await _key(store, workspace, "Person", "ann")
    people_csv = tmp_path / "people.csv"
    people_csv.write_text(
        "id,first_name,last_name,title,department,email,organisation_id,level\n"
        f"{ann},Ann,Smith,Chief Executive Officer,,,,\n",
        encoding="utf-8",
    )
    assert (await import_files(store, workspace, [people_csv])).applied
    departures = (await gql(DEPARTURES, ws=workspace))["workspace"]["departures"]
    assert [(d["personKey"], d["warnings"]) for d in departures] == [
        ("ann~", []),
        ("bo~", ["champion left: bo~ in deal~"]),
    ]
    assert departures[0]["change"] == {
        "kind": "EMPLOYMENT_ENDED",
        "via": "import",
        "file": "people.csv",
        "row": 2,
    }
