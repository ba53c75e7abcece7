"""Several observers of one influence tie, on a real Neo4j: each report kept, the consensus
weight, disputes above the threshold, observers' accuracy; GraphQL and CSV alike."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from api.settings import Settings
from graph.database.store import Store
from graph.exports.run import export_scope
from graph.history.facts import load_value
from graph.imports.run import import_files
from graph.repository.history import change_feed
from graph.repository.relations import upsert_influence
from graph.repository.workspaces import ensure_workspace
from graph.rules.consensus import DEFAULT_DISPUTE_THRESHOLD
from tests.integration.conftest import GraphQL
from tests.integration.test_history_asof import _moment

pytestmark = pytest.mark.integration

SETUP = """
mutation($ws: ID!) {
  createOrganisation(input: {workspaceId: $ws, id: "acme~", name: "Acme", kind: CUSTOMER}) {
    __typename }
  upsertPeople(input: {workspaceId: $ws, people: [
    {id: "cy~", name: "Cy", title: "Chief Financial Officer", organisationId: "acme~"},
    {id: "di~", name: "Di", title: "IT Manager", organisationId: "acme~"},
    {id: "ann~", name: "Ann", title: "Account Executive"},
    {id: "bo~", name: "Bo", title: "Solutions Engineer"}]}) { __typename }
  createDeal(input: {workspaceId: $ws, id: "deal~", name: "Rollout", organisationId: "acme~"}) {
    __typename }
  setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "di~",
    roles: [USER]}) { __typename }
}
"""

REPORT = """
mutation($ws: ID!, $by: ID, $w: Float!) {
  upsertInfluence(input: {workspaceId: $ws, sourceId: "cy~", targetId: "di~", weight: $w,
    kind: SPONSOR, reportedBy: $by}) {
    __typename ... on UserError { message } ... on NotFoundError { field } }
}
"""

TIE = """
query($ws: ID!) { workspace(id: $ws) {
  person(id: "di~") { influencers { person { key } weight disputed
    reports { reportedBy user weight kind } } }
  disputedInfluences { sourceKey targetKey weight spread reports { reportedBy weight } }
  deal: disputedInfluences(dealId: "deal~") { sourceKey targetKey }
  observerAccuracy { reportedBy ties meanDeviation }
} }
"""


async def _tie(gql: GraphQL, workspace: str) -> dict[str, Any]:
    return dict((await gql(TIE, ws=workspace))["workspace"])


async def test_two_observers_weigh_a_tie_by_their_median(gql: GraphQL, workspace: str) -> None:
    assert Settings().dispute_threshold == DEFAULT_DISPUTE_THRESHOLD == 0.3
    await gql(SETUP, ws=workspace)
    await gql(REPORT, ws=workspace, by="ann~", w=0.2)
    await gql(REPORT, ws=workspace, by="bo~", w=0.8)
    found = await _tie(gql, workspace)
    [tie] = found["person"]["influencers"]
    assert tie["weight"] == pytest.approx(0.5)
    assert tie["disputed"] is True
    assert [(r["reportedBy"], r["weight"], r["kind"]) for r in tie["reports"]] == [
        ("ann~", 0.2, "SPONSOR"),
        ("bo~", 0.8, "SPONSOR"),
    ]
    assert {r["user"] for r in tie["reports"]} == {"test-admin"}
    [listed] = found["disputedInfluences"]
    assert (listed["sourceKey"], listed["targetKey"]) == ("cy~", "di~")
    assert listed["spread"] == pytest.approx(0.6)
    assert found["deal"] == [{"sourceKey": "cy~", "targetKey": "di~"}]
    accuracy = {a["reportedBy"]: (a["ties"], a["meanDeviation"]) for a in found["observerAccuracy"]}
    assert accuracy == {"ann~": (1, pytest.approx(0.3)), "bo~": (1, pytest.approx(0.3))}

    # Bo's new report replaces his old one: 0.2 and 0.4 are 0.2 apart, below the threshold.
    await gql(REPORT, ws=workspace, by="bo~", w=0.4)
    # A third observer, the token's user: the median of three.
    await gql(REPORT, ws=workspace, by=None, w=0.45)
    found = await _tie(gql, workspace)
    [tie] = found["person"]["influencers"]
    assert tie["weight"] == pytest.approx(0.4)
    assert tie["disputed"] is False
    assert sorted((r["reportedBy"], r["weight"]) for r in tie["reports"] if r["reportedBy"]) == [
        ("ann~", 0.2),
        ("bo~", 0.4),
    ]
    assert [r["user"] for r in tie["reports"] if r["reportedBy"] is None] == ["test-admin"]
    assert found["disputedInfluences"] == [] and found["deal"] == []


MAP_TIES = """
query($ws: ID!) { workspace(id: $ws) {
  deal(id: "deal~") { influenceMap {
    edges { source target }
    reportedTies { sourceKey targetKey disputed reports { reportedBy weight } } } }
  cy: person(id: "cy~") { influencers { person { key } disputed reports { reportedBy weight } } }
  di: person(id: "di~") { influencers { person { key } disputed reports { reportedBy weight } } }
} }
"""


REPORT_TIE = REPORT.replace(
    'sourceId: "cy~", targetId: "di~"', "sourceId: $s, targetId: $t"
).replace("$w: Float!)", "$w: Float!, $s: ID!, $t: ID!)")


async def _report_ties(
    gql: GraphQL, workspace: str, *reports: tuple[str, str, str | None, float]
) -> None:
    """Each (source, target, reported by, weight) reported in turn."""
    for source, target, by, weight in reports:
        await gql(REPORT_TIE, ws=workspace, by=by, w=weight, s=source, t=target)


async def test_the_deal_map_gives_every_line_several_observers_reported(
    gql: GraphQL, workspace: str
) -> None:
    await gql(SETUP, ws=workspace)
    # Ed moves Cy, who moves Di (the only member): Ed's line is two steps from the deal
    await gql(
        'mutation($ws: ID!) { upsertPeople(input: {workspaceId: $ws, people: [{id: "ed~", '
        'name: "Ed", title: "Chair", organisationId: "acme~"}]}) { __typename } }',
        ws=workspace,
    )
    await _report_ties(
        gql,
        workspace,
        ("cy~", "di~", "ann~", 0.5),
        ("cy~", "di~", "bo~", 0.6),
        ("ed~", "cy~", "ann~", 0.1),
        ("ed~", "cy~", "bo~", 0.9),
    )
    found = (await gql(MAP_TIES, ws=workspace))["workspace"]
    influence_map = found["deal"]["influenceMap"]
    ties = influence_map["reportedTies"]
    assert [(t["sourceKey"], t["targetKey"], t["disputed"]) for t in ties] == [
        ("cy~", "di~", False),
        ("ed~", "cy~", True),
    ]
    lines = {(e["source"], e["target"]) for e in influence_map["edges"]}
    assert {(t["sourceKey"], t["targetKey"]) for t in ties} <= lines
    # each as the person's own influencers say it
    for tie in ties:
        target = found[tie["targetKey"].rstrip("~")]
        [seen] = [i for i in target["influencers"] if i["person"]["key"] == tie["sourceKey"]]
        assert (seen["disputed"], seen["reports"]) == (tie["disputed"], tie["reports"])


async def test_a_reporter_must_be_a_person_of_the_workspace(gql: GraphQL, workspace: str) -> None:
    await gql(SETUP, ws=workspace)
    other = await gql(
        'mutation { createWorkspace(input: {id: "obs-other~", name: "Other"}) { __typename } }'
    )
    assert other["createWorkspace"]["__typename"] == "WorkspaceSuccess"
    await gql(
        """mutation { upsertPeople(input: {workspaceId: "obs-other~", people: [
          {id: "eve~", name: "Eve", title: "CFO"}]}) { __typename } }"""
    )
    refused = (await gql(REPORT, ws=workspace, by="eve~", w=0.9))["upsertInfluence"]
    assert refused["field"] == "reportedBy" and "eve~" in refused["message"]
    assert (await _tie(gql, workspace))["person"]["influencers"] == []
    # Nor does the other workspace see this one's ties or reports.
    await gql(REPORT, ws=workspace, by="ann~", w=0.1)
    await gql(REPORT, ws=workspace, by="bo~", w=0.9)
    seen = await gql(
        'query { workspace(id: "obs-other~") { disputedInfluences { sourceKey } '
        "observerAccuracy { reportedBy } } }"
    )
    assert seen["workspace"] == {"disputedInfluences": [], "observerAccuracy": []}


def _files(directory: Path, influences: str) -> list[Path]:
    files = {
        "organisations.csv": "id,name,kind\nacme~,Acme,customer\n",
        "people.csv": "id,first_name,last_name,title,department,email,organisation_id,level\n"
        "cy~,Cy,C,Chief Financial Officer,,,acme~,\n"
        "di~,Di,D,IT Manager,,,acme~,\n"
        "ann~,Ann,A,Account Executive,,,,\n"
        "bo~,Bo,B,Solutions Engineer,,,,\n",
        "influences.csv": influences,
    }
    directory.mkdir(parents=True, exist_ok=True)
    tag = directory.name
    for name, text in files.items():
        (directory / name).write_text(text.replace("~", tag), encoding="utf-8")
    return [directory / name for name in files]


async def _influence(store: Store, workspace: str, source: str, target: str) -> dict[str, Any]:
    rows = await store.workspace(workspace).read(
        "relations/influence_reports", {"pairs": [[source, target]]}
    )
    assert len(rows) == 1
    return dict(rows[0])


async def test_csv_reports_match_graphql_and_survive_a_round_trip(
    gql: GraphQL, workspace: str, store: Store, tmp_path: Path
) -> None:
    await gql(SETUP, ws=workspace)
    await gql(REPORT, ws=workspace, by="ann~", w=0.2)
    await gql(REPORT, ws=workspace, by="bo~", w=0.8)
    [tie] = (await _tie(gql, workspace))["person"]["influencers"]
    by_graphql = [(r["reportedBy"], r["weight"]) for r in tie["reports"]]

    imported = f"obs-csv-{uuid.uuid4().hex[:8]}"
    await ensure_workspace(store, imported)
    tag = f"-{uuid.uuid4().hex[:6]}"
    rows = (
        "source_id,target_id,weight,kind,evidence,basis,reported_by\n"
        "cy~,di~,0.2,sponsor,,,ann~\n"
        "cy~,di~,0.8,sponsor,,,bo~\n"
    )
    result = await import_files(store, imported, _files(tmp_path / tag, rows), actor="alice")
    assert result.applied, result.report.issues[:5]
    cy, di, ann, bo = (f"{p}{tag}" for p in ("cy", "di", "ann", "bo"))
    ws = store.workspace(imported)
    reports = await ws.read("relations/reported_ties", {"deal_id": None})
    [edge] = [r["edge"] for r in reports]
    assert edge["weight"] == pytest.approx(0.5)
    by_csv = list(zip(edge["report_by"], edge["report_weight"], strict=True))
    assert [(b.replace(tag, "~"), w) for b, w in by_csv] == by_graphql
    assert set(edge["report_user"]) == {"alice"}

    # The history has each report, and each change of one.
    events = (await change_feed(ws, first=50, kinds=["influence_added"])).items
    assert [load_value(e["after"])["report_by"] for e in events] == [[ann, bo]]
    await upsert_influence(
        ws, {"source_id": cy, "target_id": di, "weight": 0.4, "kind": "sponsor", "reported_by": bo}
    )
    [changed] = (await change_feed(ws, first=50, kinds=["influence_changed"])).items
    before, after = load_value(changed["before"]), load_value(changed["after"])
    assert (before["report_weight"], after["report_weight"]) == ([0.2, 0.8], [0.2, 0.4])
    assert (before["weight"], after["weight"]) == (pytest.approx(0.5), pytest.approx(0.3))
    await upsert_influence(
        ws, {"source_id": cy, "target_id": di, "weight": 0.8, "kind": "sponsor", "reported_by": bo}
    )

    # Export and import again into an emptied workspace: the same reports and weight.
    await export_scope(ws, "csv", tmp_path / "one")
    exported = (tmp_path / "one" / "influences.csv").read_text()
    assert exported.count(f"{cy},{di},") == 2 and f",{ann}" in exported
    await store.driver.execute_query(
        "MATCH (n) WHERE n.workspace = $ws AND (n:Person OR n:Organisation) DETACH DELETE n",
        {"ws": imported},
    )
    back = await import_files(store, imported, sorted((tmp_path / "one").glob("*.csv")))
    assert back.applied, back.report.issues[:5]
    again = await _influence(store, imported, cy, di)
    assert again["weights"] == [0.2, 0.8]
    [edge] = [r["edge"] for r in await ws.read("relations/reported_ties", {"deal_id": None})]
    assert edge["report_by"] == [ann, bo] and edge["weight"] == pytest.approx(0.5)


PAST_TIES = """
query($ws: ID!, $at: DateTime) { workspace(id: $ws) {
  deal(id: "deal~", asOf: $at) { influenceMap {
    edges { source target weight }
    reportedTies { sourceKey sourceName targetKey targetName weight spread disputed
      reports { reportedBy user weight kind at } } } }
  organisation(id: "acme~", asOf: $at) { influenceMap {
    edges { source target weight }
    reportedTies { sourceKey sourceName targetKey targetName weight spread disputed
      reports { reportedBy user weight kind at } } } }
} }
"""


async def test_a_past_map_shows_each_observers_report_as_it_stood_then(
    gql: GraphQL, workspace: str
) -> None:
    """The deal and the account read as of a moment give the reports of then (each observer's
    report, the consensus weight, the dispute), as the present read gave them at that moment,
    whatever the observers reported since."""
    await gql(SETUP, ws=workspace)
    await gql(
        'mutation($ws: ID!) { upsertPeople(input: {workspaceId: $ws, people: [{id: "ed~", '
        'name: "Ed", title: "Chair", organisationId: "acme~"}]}) { __typename } }',
        ws=workspace,
    )
    await _report_ties(
        gql,
        workspace,
        ("cy~", "di~", "ann~", 0.2),
        ("cy~", "di~", "bo~", 0.8),
        ("ed~", "cy~", "ann~", 0.5),
        ("ed~", "cy~", "bo~", 0.6),
        ("ed~", "di~", "ann~", 0.3),
    )
    then = await _moment()
    present = (await gql(PAST_TIES, ws=workspace, at=None))["workspace"]
    ties = present["deal"]["influenceMap"]["reportedTies"]
    assert [(t["sourceKey"], t["targetKey"], t["disputed"]) for t in ties] == [
        ("cy~", "di~", True),
        ("ed~", "cy~", False),
    ]
    assert present["organisation"]["influenceMap"]["reportedTies"] == ties
    # Bo revises his report (the dispute ends), the user adds one (a dispute begins), Bo
    # reports a tie Ann alone had reported (it is listed from then on).
    await _report_ties(
        gql,
        workspace,
        ("cy~", "di~", "bo~", 0.3),
        ("ed~", "cy~", None, 0.1),
        ("ed~", "di~", "bo~", 0.9),
    )
    now = (await gql(PAST_TIES, ws=workspace, at=None))["workspace"]
    ties = now["deal"]["influenceMap"]["reportedTies"]
    assert [(t["sourceKey"], t["targetKey"], t["disputed"]) for t in ties] == [
        ("cy~", "di~", False),
        ("ed~", "cy~", True),
        ("ed~", "di~", True),
    ]

    past = (await gql(PAST_TIES, ws=workspace, at=then.isoformat()))["workspace"]
    assert past == present
