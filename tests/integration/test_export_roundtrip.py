"""Export a generated workspace, import it into an emptied database, export again: identical."""

from __future__ import annotations

import json
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.exports.run import export_scope
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.workspaces import ensure_workspace
from graph.store import Store
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate

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
    await export_scope(store, WORKSPACE, "csv", tmp_path / "one")
    await _clear(store)
    again = await import_files(store, WORKSPACE, sorted((tmp_path / "one").glob("*.csv")))
    assert again.applied, again.report.issues[:5]
    await export_scope(store, WORKSPACE, "csv", tmp_path / "two")
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
    await export_scope(store, WORKSPACE, "gexf", tmp_path / "deal.gexf", deal=deal)
    graph = nx.read_gexf(tmp_path / "deal.gexf")
    people = [n for n, a in graph.nodes(data=True) if a["type"] == "Person"]
    assert people and all("influence_rank" in graph.nodes[p] for p in people)
    assert {a["relation"] for _, _, a in graph.edges(data=True)} >= {"IN_BUYING_CENTRE", "WORKS_AT"}
    assert any("journey" in a for _, _, a in graph.edges(data=True))
    await export_scope(store, WORKSPACE, "graphml", tmp_path / "deal.graphml", deal=deal)
    assert nx.read_graphml(tmp_path / "deal.graphml").number_of_nodes() == graph.number_of_nodes()
    await export_scope(store, WORKSPACE, "kumu", tmp_path / "deal.kumu.json", deal=deal)
    kumu = json.loads((tmp_path / "deal.kumu.json").read_text())
    assert {e["type"] for e in kumu["elements"]} == {"Person", "Deal", "Organisation"}
    assert all({"from", "to", "type"} <= set(c) for c in kumu["connections"])
    await export_scope(store, WORKSPACE, "json", tmp_path / "deal.json", deal=deal)
    exported = json.loads((tmp_path / "deal.json").read_text())
    assert exported["deals"][0]["id"] == deal
    assert exported["journey"] and {e["deal_id"] for e in exported["journey"]} == {deal}
