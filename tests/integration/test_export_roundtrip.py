"""Export a generated workspace, import it into an emptied database, export again: identical."""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.database.store import Store
from graph.exports.run import export_scope
from graph.exports.scope import read_dataset
from graph.exports.writers import to_graph, to_json, to_kumu
from graph.imports.formats import FORMATS, LIST_SEPARATOR
from graph.imports.run import ImportOptions, import_files
from graph.imports.validate import Duplicates
from graph.model import basis_of
from graph.repository.workspaces import ensure_workspace
from graph.scopes.read import read_scope
from seed.demo import DEMO
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

WORKSPACE = "it-roundtrip"


async def _clear(store: Store) -> None:
    """Start from a new, empty workspace."""
    async with store.driver.session() as session:  # IN TRANSACTIONS needs an implicit one
        result = await session.run(
            "MATCH (n) WHERE n.workspace = $ws CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
            {"ws": WORKSPACE},
        )
        await result.consume()
    await ensure_workspace(store, WORKSPACE)


async def _empty(store: Store, workspace: str) -> None:
    """Take the workspace's people (with their alias keys), organisations and deals out (the
    workspace stays)."""
    async with store.driver.session() as session:
        result = await session.run(
            "MATCH (n) WHERE n.workspace = $ws "
            "AND (n:Person OR n:PersonAlias OR n:Organisation OR n:Deal) "
            "DETACH DELETE n",
            {"ws": workspace},
        )
        await result.consume()


def _read(directory: Path) -> dict[str, bytes]:
    return {f.file_name: (directory / f.file_name).read_bytes() for f in FORMATS.values()}


async def test_round_trip_of_10000_people_is_identical(store: Store, tmp_path: Path) -> None:
    await store.apply_schema()  # run on its own, no earlier test has: lookups by id need it
    await _clear(store)
    config = SeedConfig(accounts=25, people=10_000, seed=5, prefix="RT")
    write_csv_files(generate(config), tmp_path / "generated")
    started = time.perf_counter()
    first = await import_files(store, WORKSPACE, sorted((tmp_path / "generated").glob("*.csv")))
    assert first.applied, first.report.issues[:5]
    assert first.written["people"] == 10_000
    await export_scope(store.workspace(WORKSPACE), "csv", tmp_path / "one")
    await _clear(store)
    again = await import_files(store, WORKSPACE, sorted((tmp_path / "one").glob("*.csv")))
    assert again.applied, again.report.issues[:5]
    await export_scope(store.workspace(WORKSPACE), "csv", tmp_path / "two")
    print(f"round trip of 10,000 people: {time.perf_counter() - started:.1f} s")
    one, two = _read(tmp_path / "one"), _read(tmp_path / "two")
    assert one == two
    assert one["people.csv"].count(b"\n") == 10_001
    generated = (tmp_path / "generated" / "journey.csv").read_bytes()
    assert first.written["journey"] == generated.count(b"\n") - 1 > 100
    assert sorted(one["journey.csv"].splitlines()) == sorted(generated.splitlines())


async def test_gexf_graphml_json_and_kumu_of_a_deal(store: Store, tmp_path: Path) -> None:
    records, _, _ = await store.driver.execute_query(
        "MATCH (d:Deal {workspace: $ws}) RETURN d.id AS id ORDER BY id LIMIT 1", {"ws": WORKSPACE}
    )
    if not records:  # run on its own: make the workspace
        await test_round_trip_of_10000_people_is_identical(store, tmp_path / "setup")
        records, _, _ = await store.driver.execute_query(
            "MATCH (d:Deal {workspace: $ws}) RETURN d.id AS id ORDER BY id LIMIT 1",
            {"ws": WORKSPACE},
        )
    deal = records[0]["id"]
    await export_scope(store.workspace(WORKSPACE), "gexf", tmp_path / "deal.gexf", deal=deal)
    graph = nx.read_gexf(tmp_path / "deal.gexf")
    people = [n for n, a in graph.nodes(data=True) if a["type"] == "Person"]
    assert people and all("influence_rank" in graph.nodes[p] for p in people)
    assert {a["relation"] for _, _, a in graph.edges(data=True)} >= {"IN_BUYING_CENTRE", "WORKS_AT"}
    assert any("journey" in a for _, _, a in graph.edges(data=True))
    await export_scope(store.workspace(WORKSPACE), "graphml", tmp_path / "deal.graphml", deal=deal)
    assert nx.read_graphml(tmp_path / "deal.graphml").number_of_nodes() == graph.number_of_nodes()
    await export_scope(store.workspace(WORKSPACE), "kumu", tmp_path / "deal.kumu.json", deal=deal)
    kumu = json.loads((tmp_path / "deal.kumu.json").read_text())
    assert {e["type"] for e in kumu["elements"]} == {"Person", "Deal", "Organisation"}
    assert all({"from", "to", "type"} <= set(c) for c in kumu["connections"])
    await export_scope(store.workspace(WORKSPACE), "json", tmp_path / "deal.json", deal=deal)
    exported = json.loads((tmp_path / "deal.json").read_text())
    assert exported["deals"][0]["id"] == deal
    assert exported["journey"] and {e["deal_id"] for e in exported["journey"]} == {deal}


async def test_keys_made_through_graphql_survive_a_csv_round_trip(
    gql: GraphQL, workspace: str, store: Store, tmp_path: Path
) -> None:
    # Valid keys that start with a spreadsheet's formula characters, or other punctuation.
    tag = uuid.uuid4().hex[:8]
    org, deal = f"-acme-{tag}", f"@deal-{tag}"
    people = [f"@ops-{tag}", f"-lead-{tag}", f"_x-{tag}", f".y-{tag}", f"a:b-{tag}"]
    made = await gql(
        """mutation($ws: ID!, $org: String!, $at: ID!, $deal: String!, $people: [PersonItem!]!) {
          createOrganisation(input: {workspaceId: $ws, id: $org, name: "=Acme", kind: CUSTOMER})
            { __typename }
          upsertPeople(input: {workspaceId: $ws, people: $people}) { __typename }
          createDeal(input: {workspaceId: $ws, id: $deal, name: "+Deal", organisationId: $at})
            { __typename } }""",
        ws=workspace,
        org=org,
        at=org,
        deal=deal,
        people=[{"id": p, "name": f"P {p}", "title": "CFO", "organisationId": org} for p in people],
    )
    assert {v["__typename"] for v in made.values()} == {
        "OrganisationSuccess",
        "UpsertSuccess",
        "DealSuccess",
    }
    edges = """mutation($ws: ID!, $a: ID!, $b: ID!, $d: ID!) {
      upsertInfluence(input: {workspaceId: $ws, sourceId: $a, targetId: $b, weight: 0.5,
                              kind: PEER}) { __typename }
      addReportsTo(input: {workspaceId: $ws, personId: $b, managerId: $a}) { __typename }
      setBuyingCentreMember(input: {workspaceId: $ws, dealId: $d, personId: $a,
                                    roles: [DECIDER]}) { __typename } }"""
    await gql(edges, ws=workspace, a=people[0], b=people[1], d=deal)
    await export_scope(store.workspace(workspace), "csv", tmp_path / "one")
    exported = (tmp_path / "one" / "people.csv").read_text()
    assert f"'{people[0]}," in exported  # protected for spreadsheets on the way out

    await _empty(store, workspace)
    back = await import_files(store, workspace, sorted((tmp_path / "one").glob("*.csv")))
    assert back.applied, back.report.issues[:5]
    await export_scope(store.workspace(workspace), "csv", tmp_path / "two")
    assert _read(tmp_path / "one") == _read(tmp_path / "two")
    read = await gql(
        """query($ws: ID!, $p: ID!, $d: ID!) { workspace(id: $ws) {
          person(id: $p) { key organisation { key name } directReports { key } }
          deal(id: $d) { key name } } }""",
        ws=workspace,
        p=people[0],
        d=deal,
    )
    assert read["workspace"]["person"] == {
        "key": people[0],
        "organisation": {"key": org, "name": "=Acme"},
        "directReports": [{"key": people[1]}],
    }
    assert read["workspace"]["deal"] == {"key": deal, "name": "+Deal"}
    listed = await gql(
        "query($ws: ID!) { workspace(id: $ws) { people(first: 10) { edges { node { key } } } } }",
        ws=workspace,
    )
    assert sorted(e["node"]["key"] for e in listed["workspace"]["people"]["edges"]) == sorted(
        people
    )


DEMO_WS = "it-export-demo"

_STORED_EDGES = """
MATCH (a {workspace: $ws})-[r]->(b {workspace: $ws})
WHERE type(r) IN ['REPORTS_TO', 'INFLUENCES', 'KNOWS', 'PARTNERS_WITH', 'IN_BUYING_CENTRE',
                  'WORKS_AT', 'FOR']
RETURN a.id AS source, b.id AS target, type(r) AS relation, properties(r) AS props
"""


async def _demo(store: Store, tmp_path: Path) -> None:
    """The demo workspace the server loads, imported into a workspace of its own."""
    records, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws, id: 'DEMO-CFO'}) RETURN count(p) AS n", {"ws": DEMO_WS}
    )
    if records[0]["n"]:
        return
    await store.apply_schema()
    await ensure_workspace(store, DEMO_WS)
    # Ids of their own: keys are unique across workspaces, and the browser tests load the demo
    # as it is.
    write_csv_files(generate(replace(DEMO, prefix="XD-")), tmp_path / "demo")
    paths = [tmp_path / "demo" / f.file_name for f in FORMATS.values()]
    assert (await import_files(store, DEMO_WS, paths)).applied
    # The demo gives every level; one person at the first deal's account has it inferred.
    records, _, _ = await store.driver.execute_query(
        "MATCH (d:Deal {workspace: $ws})-[:FOR]->(o) RETURN o.id AS org ORDER BY d.id LIMIT 1",
        {"ws": DEMO_WS},
    )
    people = tmp_path / "inferred" / FORMATS["people"].file_name
    people.parent.mkdir()
    people.write_text(
        ",".join(FORMATS["people"].column_names)
        + f"\nDEMO-CFO,Clara,Inferred,Chief Financial Officer,Finance,,{records[0]['org']},,,\n"
    )
    assert (await import_files(store, DEMO_WS, [people])).applied


def _relations(graph: nx.MultiDiGraph) -> Counter[tuple[str, str, str]]:
    return Counter((a, b, attrs["relation"]) for a, b, attrs in graph.edges(data=True))


def _edge(graph: nx.MultiDiGraph, a: str, b: str, relation: str) -> dict[str, Any]:
    return next(e for e in graph.get_edge_data(a, b).values() if e["relation"] == relation)


async def test_graphml_and_gexf_of_the_demo_keep_every_relation_and_attribute(
    store: Store, tmp_path: Path
) -> None:
    await _demo(store, tmp_path)
    stored, _, _ = await store.driver.execute_query(_STORED_EDGES, {"ws": DEMO_WS})
    expected = Counter((r["source"], r["target"], r["relation"]) for r in stored)
    pairs = Counter((a, b) for a, b, rel in expected if rel != "IN_BUYING_CENTRE")
    assert any(n > 1 for n in pairs.values())  # a report who also influences their manager
    nodes, _, _ = await store.driver.execute_query(
        "MATCH (n {workspace: $ws}) WHERE n:Person OR n:Organisation OR n:Deal RETURN n.id AS id",
        {"ws": DEMO_WS},
    )
    levels, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws})-[a:AT_LEVEL]->(l:StatusLevel {ladder: $ws + ':org'}) "
        "RETURN p.id AS id, l.rank AS rank, coalesce(a.inferred, true) AS inferred",
        {"ws": DEMO_WS},
    )
    assert {r["inferred"] for r in levels} == {True, False}
    await export_scope(store.workspace(DEMO_WS), "graphml", tmp_path / "demo.graphml")
    await export_scope(store.workspace(DEMO_WS), "gexf", tmp_path / "demo.gexf")
    for graph in (
        nx.read_graphml(tmp_path / "demo.graphml", force_multigraph=True),
        nx.read_gexf(tmp_path / "demo.gexf"),
    ):
        assert set(graph.nodes) == {r["id"] for r in nodes}
        assert _relations(graph) == expected
        for r in levels:
            person = graph.nodes[r["id"]]
            assert (person["level"], person["level_inferred"]) == (r["rank"], r["inferred"])
        for r in stored:
            props, edge = r["props"], _edge(graph, r["source"], r["target"], r["relation"])
            if r["relation"] == "INFLUENCES":
                basis = basis_of(props["kind"], props.get("basis")).value
                assert (edge["weight"], edge["kind"], edge["basis"]) == (
                    props["weight"],
                    props["kind"],
                    basis,
                )
            elif r["relation"] == "IN_BUYING_CENTRE":
                assert edge["roles"] == LIST_SEPARATOR.join(props.get("roles") or [])
                assert edge["stance"] == props["stance"]
                assert edge.get("journey_stage") == props.get("stage")
                assert edge["motive"] == props.get("motive", "unknown")
                assert edge["outcome"] == props.get("outcome", "unknown")
                assert edge.get("evidence") == props.get("evidence")
                assert edge.get("aspiration") == props.get("aspiration")
            elif r["relation"] == "KNOWS":
                assert edge["strength"] == props["strength"]


async def test_the_demo_export_keeps_all_reporting_lines(store: Store, tmp_path: Path) -> None:
    await _demo(store, tmp_path)
    records, _, _ = await store.driver.execute_query(
        "MATCH (:Person {workspace: $ws})-[r:REPORTS_TO]->(:Person) RETURN count(r) AS n",
        {"ws": DEMO_WS},
    )
    await export_scope(store.workspace(DEMO_WS), "graphml", tmp_path / "demo.graphml")
    graph = nx.read_graphml(tmp_path / "demo.graphml", force_multigraph=True)
    kept = sum(1 for _, _, a in graph.edges(data=True) if a["relation"] == "REPORTS_TO")
    assert kept == records[0]["n"] > 250


async def test_a_deal_export_holds_the_people_and_ties_the_page_shows(
    store: Store, tmp_path: Path
) -> None:
    await _demo(store, tmp_path)
    records, _, _ = await store.driver.execute_query(
        "MATCH (d:Deal {workspace: $ws}) RETURN d.id AS id ORDER BY id LIMIT 1", {"ws": DEMO_WS}
    )
    deal = records[0]["id"]
    scope = await read_scope(store.workspace(DEMO_WS), "deal", deal)
    await export_scope(store.workspace(DEMO_WS), "gexf", tmp_path / "deal.gexf", deal=deal)
    graph = nx.read_gexf(tmp_path / "deal.gexf")
    people = {n: a for n, a in graph.nodes(data=True) if a["type"] == "Person"}
    assert set(people) == {p.id for p in scope.people} | {m.person_id for m in scope.members}
    kinds = {graph.nodes[o]["kind"] for p in people for _, o, a in graph.out_edges(p, data=True)
             if a["relation"] == "WORKS_AT"}  # fmt: skip
    assert {"home", "partner"} <= kinds  # our people and partners' people
    relations = Counter(a["relation"] for _, _, a in graph.edges(data=True))
    assert relations["KNOWS"] == len(scope.knows) > 0
    assert relations["REPORTS_TO"] == len(scope.reports_to)
    assert relations["INFLUENCES"] == len(scope.influences)
    assert relations["IN_BUYING_CENTRE"] == len(scope.members)
    assert any(a.get("level_inferred") for a in people.values())


async def test_kumu_export_follows_the_blueprint_format(store: Store, tmp_path: Path) -> None:
    await _demo(store, tmp_path)
    stored, _, _ = await store.driver.execute_query(_STORED_EDGES, {"ws": DEMO_WS})
    await export_scope(store.workspace(DEMO_WS), "kumu", tmp_path / "demo.json")
    kumu = json.loads((tmp_path / "demo.json").read_text())
    assert set(kumu) == {"elements", "connections"}
    ids = [e["id"] for e in kumu["elements"]]
    assert len(ids) == len(set(ids))  # connections name their ends by id
    assert all(isinstance(e["label"], str) and e["label"] for e in kumu["elements"])
    connection_ids = [c["id"] for c in kumu["connections"]]
    assert len(connection_ids) == len(set(connection_ids))
    for connection in kumu["connections"]:
        assert connection["from"] in set(ids) and connection["to"] in set(ids)
        assert connection["direction"] == "directed"
        assert isinstance(connection["type"], str)
    exported = Counter((c["from"], c["to"], c["type"]) for c in kumu["connections"])
    assert exported == Counter((r["source"], r["target"], r["relation"]) for r in stored)


def _without_ids(connections: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps({k: v for k, v in c.items() if k != "id"}) for c in connections)


async def test_streamed_exports_of_the_demo_equal_the_graph_read_whole(
    store: Store, tmp_path: Path
) -> None:
    """Pages of 2,000 nodes, written as they come, give what the dataset read whole gives: the
    same JSON bytes, and the same nodes, edges and attributes in GraphML, GEXF and Kumu."""
    await _demo(store, tmp_path)
    ws = store.workspace(DEMO_WS)
    data = await read_dataset(ws)
    assert len(data.rows["people"]) > 200
    whole = to_graph(data)

    await export_scope(ws, "json", tmp_path / "demo.json")
    expected = json.dumps(to_json(data), indent=1, ensure_ascii=False) + "\n"
    assert (tmp_path / "demo.json").read_text() == expected

    await export_scope(ws, "kumu", tmp_path / "demo.kumu.json")
    kumu, held = json.loads((tmp_path / "demo.kumu.json").read_text()), to_kumu(data)
    assert kumu["elements"] == held["elements"]
    assert _without_ids(kumu["connections"]) == _without_ids(held["connections"])
    assert [c["id"] for c in kumu["connections"]] == [
        f"c{n}" for n in range(1, len(kumu["connections"]) + 1)
    ]

    await export_scope(ws, "graphml", tmp_path / "demo.graphml")
    await export_scope(ws, "gexf", tmp_path / "demo.gexf")
    for graph in (
        nx.read_graphml(tmp_path / "demo.graphml", force_multigraph=True),
        nx.read_gexf(tmp_path / "demo.gexf"),
    ):
        assert dict(graph.nodes(data=True)) == dict(whole.nodes(data=True))
        streamed = sorted(
            json.dumps([a, b, {k: v for k, v in e.items() if k != "id"}], sort_keys=True)
            for a, b, e in graph.edges(data=True)
        )
        assert streamed == sorted(
            json.dumps([a, b, e], sort_keys=True) for a, b, e in whole.edges(data=True)
        )


async def test_a_merged_person_keeps_their_aliases_through_every_export(
    gql: GraphQL, workspace: str, store: Store, tmp_path: Path
) -> None:
    """A person an import merged a duplicate into: the alias is in every export, and a CSV
    export imported into an empty workspace gives the same map, the alias included."""
    w = f"{workspace}-"
    people_header = ",".join(FORMATS["people"].column_names)
    first = tmp_path / "first"
    first.mkdir()
    (first / "organisations.csv").write_text(
        ",".join(FORMATS["organisations"].column_names) + f"\n{w}acme,Acme,customer,,,,,,,\n"
    )
    (first / "people.csv").write_text(
        f"{people_header}\n{w}ada,Ada,Boss,CEO,,,{w}acme,,,,\n"
        f"{w}rita,Rita,Report,CFO,,,{w}acme,,,,\n"
    )
    paths = sorted(first.glob("*.csv"))
    assert (await import_files(store, workspace, paths)).applied
    second = tmp_path / "second"
    second.mkdir()
    (second / "people.csv").write_text(f"{people_header}\n{w}crm-7,Ada,Boss,CEO,,,{w}acme,,,,\n")
    merged = await import_files(
        store,
        workspace,
        [second / "people.csv"],
        options=ImportOptions(duplicates=Duplicates.MERGE),
    )
    assert merged.applied and merged.report.merges[0]["alias"] == f"{w}crm-7"

    ws = store.workspace(workspace)
    await export_scope(ws, "csv", tmp_path / "one")
    people = (tmp_path / "one" / "people.csv").read_text().splitlines()
    assert people[0].endswith(",aliases")
    assert f"{w}ada,Ada,Boss,CEO,,,{w}acme,,,,{w}crm-7" in people
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        await export_scope(ws, fmt, tmp_path / f"map.{fmt}")
        graph = read(tmp_path / f"map.{fmt}")
        assert graph.nodes[f"{w}ada"]["aliases"] == f"{w}crm-7"
        assert "aliases" not in graph.nodes[f"{w}rita"]
    await export_scope(ws, "kumu", tmp_path / "map.kumu.json")
    elements = json.loads((tmp_path / "map.kumu.json").read_text())["elements"]
    assert next(e for e in elements if e["id"] == f"{w}ada")["aliases"] == f"{w}crm-7"

    await _empty(store, workspace)
    back = await import_files(store, workspace, sorted((tmp_path / "one").glob("*.csv")))
    assert back.applied, back.report.issues[:5]
    await export_scope(ws, "csv", tmp_path / "two")
    assert _read(tmp_path / "one") == _read(tmp_path / "two")
    read = await gql(
        """query($ws: ID!, $p: ID!, $r: ID!) { workspace(id: $ws) {
          ada: person(id: $p) { key aliases } rita: person(id: $r) { aliases } } }""",
        ws=workspace,
        p=f"{w}ada",
        r=f"{w}rita",
    )
    assert read["workspace"] == {"ada": {"key": f"{w}ada", "aliases": [f"{w}crm-7"]},
                                 "rita": {"aliases": []}}  # fmt: skip

    # The restored alias is read as its person, and stays one of theirs alone.
    later = tmp_path / "later"
    later.mkdir()
    (later / "reporting.csv").write_text(f"person_id,manager_id,line\n{w}rita,{w}crm-7,\n")
    (later / "people.csv").write_text(
        f"{people_header}\n{w}rita,Rita,Report,CFO,,,{w}acme,,,,{w}crm-7\n"
    )
    refused = await import_files(store, workspace, sorted(later.glob("*.csv")))
    assert not refused.applied
    (issue,) = [i for i in refused.report.issues if i.column == "aliases"]
    assert (issue.file, issue.row) == ("people.csv", 2)
    assert f"already an alias of another person, '{w}ada'" in issue.reason
    (later / "people.csv").unlink()
    lines = await import_files(store, workspace, [later / "reporting.csv"])
    assert lines.applied, lines.report.issues[:5]
    managers = await gql(
        "query($ws: ID!, $r: ID!) { workspace(id: $ws) { person(id: $r) { reportsTo { key } } } }",
        ws=workspace,
        r=f"{w}rita",
    )
    assert managers["workspace"]["person"]["reportsTo"] == [{"key": f"{w}ada"}]
