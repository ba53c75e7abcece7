"""Status stakes and influence bases on a real Neo4j: CSV round trip, GraphQL, the whole demo."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from strawberry import relay

from graph.analytics import RouteKind
from graph.database.store import Store
from graph.exports.run import export_scope
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.workspaces import ensure_workspace
from graph.scopes.cache import analyse
from graph.scopes.read import read_scope
from seed.demo import DEMO
from seed.files import write_csv_files
from seed.generator import generate
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

FILES = {
    "organisations.csv": "id,name,kind\nSK-A,Acme,customer\nSK-H,Us,home\n",
    "people.csv": (
        "id,first_name,last_name,title,department,email,organisation_id,level,needs,tags\n"
        "SK-1,Ada,One,CFO,Finance,,SK-A,6,,\n"
        "SK-2,Bo,Two,IT Manager,IT,,SK-A,3,,\n"
        "SK-3,Cy,Three,VP Sales,Sales,,SK-H,5,,\n"
    ),
    "influences.csv": (
        "source_id,target_id,weight,kind,evidence,basis\n"
        "SK-2,SK-1,0.7,advice,,\n"
        "SK-1,SK-2,0.5,peer,,informational\n"
    ),
    "deals.csv": "id,name,organisation_id,amount,close_date\nSK-D,Rollout,SK-A,,\n",
    "buying_centre.csv": (
        "deal_id,person_id,roles,stance,journey_stage,motive,outcome,evidence,aspiration\n"
        "SK-D,SK-1,decider,neutral,,stand_out,gains,would present the results to the board,7\n"
        'SK-D,SK-2,user,sceptic,,fit_in,loses,"owns the system, and its budget",\n'
    ),
}


def _write(directory: Path, files: dict[str, str], prefix: str) -> list[Path]:
    """The files with ids starting ``prefix`` instead of ``SK-`` (ids are unique per label)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text.replace("SK-", prefix), encoding="utf-8")
    return sorted(directory / name for name in files)


async def _clear(store: Store, workspace: str) -> None:
    """An empty ``workspace``: an import writes only into a workspace that exists."""
    await store.driver.execute_query(
        "MATCH (n) WHERE n.workspace = $ws DETACH DELETE n", {"ws": workspace}
    )
    await ensure_workspace(store, workspace)


def _read(directory: Path) -> dict[str, str]:
    return {
        f.file_name: (directory / f.file_name).read_text(encoding="utf-8") for f in FORMATS.values()
    }


async def test_stakes_and_bases_round_trip_through_csv(store: Store, tmp_path: Path) -> None:
    await store.apply_schema()
    await _clear(store, "sk-one")
    first = await import_files(store, "sk-one", _write(tmp_path / "in", FILES, "SK-"))
    assert first.applied, first.report.issues[:5]
    await export_scope(store.workspace("sk-one"), "csv", tmp_path / "one")
    await export_scope(store.workspace("sk-one"), "json", tmp_path / "one.json")
    await _clear(store, "sk-one")
    second = await import_files(store, "sk-one", sorted((tmp_path / "one").glob("*.csv")))
    assert second.applied, second.report.issues[:5]
    await export_scope(store.workspace("sk-one"), "csv", tmp_path / "two")
    one, two = _read(tmp_path / "one"), _read(tmp_path / "two")
    assert one == two
    assert one["buying_centre.csv"].splitlines()[1:] == [
        "SK-D,SK-1,decider,neutral,,stand_out,gains,would present the results to the board,7",
        'SK-D,SK-2,user,sceptic,,fit_in,loses,"owns the system, and its budget",',
    ]
    # The advice edge had no basis: exported with its kind's default; the override is kept.
    assert one["influences.csv"].splitlines()[1:] == [
        "SK-1,SK-2,0.5,peer,,informational,",  # no observer named: reported_by is empty
        "SK-2,SK-1,0.7,advice,,informational,",
    ]
    exported = json.loads((tmp_path / "one.json").read_text())
    text = json.dumps(exported)
    assert '"motive": "stand_out"' in text and '"basis": "informational"' in text
    # The analytics read what was stored.
    scope = await read_scope(store.workspace("sk-one"), "deal", "SK-D")
    members = {m.person_id: m for m in scope.members}
    assert (members["SK-1"].motive, members["SK-1"].outcome, members["SK-1"].aspiration) == (
        "stand_out",
        "gains",
        7,
    )
    # The export wrote each edge's basis out (the default too), so the import recorded both.
    assert {(e.source, e.basis) for e in scope.influences} == {
        ("SK-2", "informational"),
        ("SK-1", "informational"),
    }


async def test_bad_stake_values_are_refused_naming_row_and_field(
    store: Store, tmp_path: Path
) -> None:
    files = dict(FILES)
    files["buying_centre.csv"] = (
        "deal_id,person_id,roles,stance,journey_stage,motive,outcome,evidence,aspiration\n"
        "SK-D,SK-1,decider,neutral,,bold,gains,,\n"
        "SK-D,SK-2,user,neutral,,fit_in,wins,,9\n"
    )
    files["influences.csv"] = (
        "source_id,target_id,weight,kind,evidence,basis\nSK-2,SK-1,0.7,advice,,emotional\n"
    )
    result = await import_files(store, "sk-bad", _write(tmp_path / "bad", files, "SKB-"))
    assert not result.applied
    found = {(i.file, i.row, i.column) for i in result.report.issues}
    assert {
        ("buying_centre.csv", 2, "motive"),
        ("buying_centre.csv", 3, "outcome"),
        ("buying_centre.csv", 3, "aspiration"),
        ("influences.csv", 2, "basis"),
    } <= found


MEMBER = """
mutation($input: BuyingCentreMemberInput!) {
  setBuyingCentreMember(input: $input) {
    __typename
    ... on MemberSuccess { member { motive outcome evidence aspiration stance } }
  }
}
"""


async def test_stakes_and_basis_through_graphql(
    gql: GraphQL, workspace: str, tmp_path: Path, store: Store
) -> None:
    p = f"{workspace}-"
    done = await import_files(store, workspace, _write(tmp_path / "gql", FILES, p))
    assert done.applied, done.report.issues[:5]
    base = {"workspaceId": workspace, "dealId": f"{p}D", "personId": f"{p}2", "roles": ["USER"]}
    data = await gql(
        MEMBER,
        input={**base, "motive": "STAND_OUT", "outcome": "GAINS", "aspiration": 4},
    )
    member = data["setBuyingCentreMember"]["member"]
    assert (member["motive"], member["outcome"], member["aspiration"]) == ("STAND_OUT", "GAINS", 4)
    # Editing roles and stance only keeps the stake.
    data = await gql(MEMBER, input={**base, "stance": "SUPPORTER"})
    member = data["setBuyingCentreMember"]["member"]
    assert (member["motive"], member["outcome"], member["stance"]) == (
        "STAND_OUT",
        "GAINS",
        "SUPPORTER",
    )
    assert member["evidence"] == "owns the system, and its budget"
    # Editing the roles only keeps the stance as well as the stake; null clears a field.
    data = await gql(MEMBER, input={**base, "roles": ["USER", "INFLUENCER"]})
    member = data["setBuyingCentreMember"]["member"]
    assert (member["stance"], member["motive"]) == ("SUPPORTER", "STAND_OUT")
    data = await gql(MEMBER, input={**base, "motive": None, "evidence": None, "stance": None})
    member = data["setBuyingCentreMember"]["member"]
    assert (member["motive"], member["evidence"], member["stance"]) == ("UNKNOWN", None, "UNKNOWN")
    data = await gql(MEMBER, input={**base, "aspiration": 9})
    assert data["setBuyingCentreMember"]["__typename"] != "MemberSuccess"

    data = await gql(
        """query($id: ID!) { node(id: $id) { ... on Deal {
             statusStakes { gainers losers net members { personKey hold weighted } }
             approachPlan { personKey stake motive outcome reachOn { decider probability }
               framing { motive text ties { personKey basis } }
               route { kind text people { personKey name side } } }
             coverage { warnings { code message routes { kind text } } } } } }""",
        id=str(relay.GlobalID("Deal", f"{p}D")),
    )
    deal = data["node"]
    assert deal["statusStakes"]["gainers"] == [f"{p}1", f"{p}2"]  # strongest hold first
    steps = {s["personKey"]: s for s in deal["approachPlan"]}
    assert steps[f"{p}2"]["reachOn"] == [{"decider": f"{p}1", "probability": pytest.approx(0.7)}]
    # The motive was cleared above; the peer edge from the CFO was recorded as informational,
    # so it is the way evidence reaches Bo.
    assert steps[f"{p}2"]["framing"]["text"] == (
        "Motive unknown: ask whether Bo Two wants to fit in or stand out; meanwhile evidence "
        "through Ada One (level 6, peer 0.50)."
    )
    assert steps[f"{p}2"]["framing"]["ties"] == [{"personKey": f"{p}1", "basis": "informational"}]
    assert all(s["route"]["text"] for s in deal["approachPlan"])
    people = await gql(
        """query($id: ID!) { node(id: $id) { ... on Person {
             influencers { basis basisRecorded kind } } } }""",
        id=str(relay.GlobalID("Person", f"{p}1")),
    )
    assert people["node"]["influencers"] == [
        {"basis": "INFORMATIONAL", "basisRecorded": False, "kind": "ADVICE"}
    ]


async def test_every_demo_deal_has_a_plan_a_seller_believes(store: Store, tmp_path: Path) -> None:
    """No warning contradicts a plan step; no route is too long; every step is framed."""
    workspace = "sk-demo"
    await _clear(store, workspace)
    write_csv_files(generate(replace(DEMO, prefix="SKD-")), tmp_path / "demo")
    result = await import_files(store, workspace, sorted((tmp_path / "demo").glob("*.csv")))
    assert result.applied, result.report.issues[:5]
    ws = store.workspace(workspace)
    deals = [r["id"] for r in _deal_ids(tmp_path / "demo" / "deals.csv")]
    assert len(deals) >= 6
    limit = 4
    for deal in deals:
        analysis = analyse(await read_scope(ws, "deal", deal))
        assert analysis.plan is not None and analysis.coverage is not None
        steps = {s.person_id: s for s in analysis.plan}
        for step in analysis.plan:
            assert len(step.intro_path) <= limit, (deal, step.intro_path)
            assert step.framing.text, (deal, step.person_id)
            # the route is said once, by the step's route
            assert step.route.text and step.route.text not in step.reasons
            if step.intro_path:
                assert step.intro_path[0] == step.route.door_opener
        names = {p: analysis.G.nodes[p]["name"] for p in analysis.G}
        for warning in analysis.coverage.warnings:
            assert not any(f"({p})" in warning.message for p in names), warning.message
            for route in warning.routes:
                assert steps[route.target].route == route, (deal, warning.code)
            if warning.code == "DECIDER_NOT_CONTACTED":
                (decider,) = warning.people
                assert steps[decider].route.known_by is None
                no_route = steps[decider].route.kind is RouteKind.NONE
                assert warning.message.startswith("No route in") == no_route
            if warning.code == "NO_CONTACT":
                assert not any(s.route.known for s in analysis.plan)
            if warning.code == "SINGLE_THREADED":
                assert sum(s.route.known for s in analysis.plan) == 1


def _deal_ids(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
