"""The Graph Data Science engine against the Python engine, on the suite's Neo4j with GDS.

The session's local server loads GDS when Maven resolves its jars (``tests/conftest.py``); on a
server without it these tests are skipped. Two workspaces of their own, ids prefixed so they
meet no other test's: the demo (300 people: brokerage exact on both engines by default) and a
generated workspace of 5,000 people (above the exact limit: sampled brokerage stays on the
Python engine; exact brokerage asked for is equal on both).
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from neo4j import AsyncGraphDatabase
from scipy.stats import spearmanr

from api.app import create_app
from api.settings import Settings
from graph.database.connection import Neo4jTarget
from graph.database.local import GDS_VERSION
from graph.database.store import Store
from graph.errors import ConfigurationError
from graph.repository.people import create_person
from graph.repository.workspaces import ensure_workspace
from graph.scopes.gds import GdsMemoryExceeded, GdsProjections, measure, projection_name
from graph.scopes.measures import WorkspaceMeasures
from seed.demo import DEMO, load_generated
from seed.generator import SeedConfig

pytestmark = pytest.mark.integration

TAG = uuid.uuid4().hex[:6]
DEMO_WORKSPACE = f"gds-demo-{TAG}"
GENERATED = f"gds-generated-{TAG}"
GENERATED_PEOPLE = 5000  # above the exact limit of 2,000: brokerage is sampled by default


@pytest.fixture(scope="module")
async def gds_store(neo4j_target: Neo4jTarget) -> AsyncIterator[Store]:
    """A store on the suite's server (skipped without GDS), holding the two workspaces."""
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    driver = AsyncGraphDatabase.driver(neo4j_target.uri, auth=auth)
    store = Store(driver).bulk()
    try:
        if await store.gds_version() is None:
            pytest.skip("the test server has no Graph Data Science library")
        await store.apply_schema()
        generated = SeedConfig(accounts=8, people=GENERATED_PEOPLE, seed=7, prefix=f"gg{TAG}-")
        for workspace, config in (
            (DEMO_WORKSPACE, dataclasses.replace(DEMO, prefix=f"gd{TAG}-")),
            (GENERATED, generated),
        ):
            assert await load_generated(store, workspace, config)
        yield store
    finally:
        await driver.close()


def _engines() -> tuple[WorkspaceMeasures, WorkspaceMeasures]:
    return WorkspaceMeasures("python"), WorkspaceMeasures("gds")


async def _projections(store: Store) -> dict[str, int]:
    records, _, _ = await store.driver.execute_query(
        "CALL gds.graph.list() YIELD graphName, nodeCount RETURN graphName, nodeCount"
    )
    return {r["graphName"]: r["nodeCount"] for r in records}


@pytest.mark.parametrize("workspace", [DEMO_WORKSPACE, GENERATED])
async def test_influence_rank_equals_the_python_engine(gds_store: Store, workspace: str) -> None:
    python, gds = _engines()
    ws = gds_store.workspace(workspace)
    ours = await python.influence_rank(ws)
    theirs = await gds.influence_rank(ws)
    assert await gds.engine(gds_store) == "gds"
    assert theirs.people == ours.people == len(ours.values) > 0
    assert theirs.values.keys() == ours.values.keys()
    assert max(abs(theirs.values[k] - v) for k, v in ours.values.items()) < 1e-6
    assert sum(theirs.values.values()) == pytest.approx(1.0, abs=1e-9)
    # Only the top asked for leaves the database, and it is the Python engine's top.
    top = await gds.influence_rank(ws, first=10)
    assert list(top.values) == list((await python.influence_rank(ws, first=10)).values)
    some = list(ours.values)[:5]
    asked = await gds.influence_rank(ws, people=some)
    assert asked.values == pytest.approx({k: ours.values[k] for k in some}, abs=1e-6)


async def test_the_reporting_weight_is_applied_when_projecting(gds_store: Store) -> None:
    """Another REPORTS_TO weight needs no rewrite of the stored rule: the projection applies it."""
    python, gds = _engines()
    ws = gds_store.workspace(DEMO_WORKSPACE)
    ours = await python.influence_rank(ws, reports_to_weight=0.8)
    theirs = await gds.influence_rank(ws, reports_to_weight=0.8)
    default = await python.influence_rank(ws)
    assert max(abs(ours.values[k] - v) for k, v in default.values.items()) > 1e-4  # it matters
    assert max(abs(theirs.values[k] - v) for k, v in ours.values.items()) < 1e-6


async def test_a_workspace_with_no_people_or_one_answers_like_the_python_engine(
    gds_store: Store,
) -> None:
    """No node carries a new workspace's label yet: the projection still answers, and empty."""
    python, gds = _engines()
    workspace = f"gds-empty-{TAG}"
    assert await ensure_workspace(gds_store, workspace)
    ws = gds_store.workspace(workspace)
    for engine in (python, gds):
        assert (await engine.influence_rank(ws)).values == {}
        assert (await engine.brokerage(ws)).values == {}
        assert await engine.cross_account_influencers(ws) == []
    await create_person(ws, {"id": f"ge{TAG}-1", "name": "Only One"})
    ours, theirs = await python.influence_rank(ws), await gds.influence_rank(ws)
    assert theirs.values == pytest.approx(ours.values, abs=1e-9)
    assert (await gds.brokerage(ws)).values == (await python.brokerage(ws)).values


async def test_exact_brokerage_equals_the_python_engine(gds_store: Store) -> None:
    python, gds = _engines()
    ws = gds_store.workspace(DEMO_WORKSPACE)
    ours, theirs = await python.brokerage(ws), await gds.brokerage(ws)
    assert ours.exact and theirs.exact
    assert theirs.values == pytest.approx(ours.values, abs=1e-9)
    assert max(ours.values.values()) > 0.0


async def test_sampled_brokerage_stays_with_the_python_engine(gds_store: Store) -> None:
    python, gds = _engines()
    ws = gds_store.workspace(GENERATED)
    ours, theirs = await python.brokerage(ws), await gds.brokerage(ws)
    assert not theirs.exact and theirs.samples_used == 512
    assert theirs.values == ours.values
    # Asked for exactly, both engines give the same values for all 5,000 people.
    exact = await gds.brokerage(ws, exact_limit=10_000)
    ours_exact = await python.brokerage(ws, exact_limit=10_000)
    assert exact.exact and ours_exact.exact and len(exact.values) == GENERATED_PEOPLE
    assert exact.values == pytest.approx(ours_exact.values, abs=1e-9)
    # Sampled, it still tracks the exact values.
    ids = list(exact.values)
    rho = spearmanr([exact.values[i] for i in ids], [theirs.values[i] for i in ids]).statistic
    assert rho > 0.9


@pytest.mark.parametrize("workspace", [DEMO_WORKSPACE, GENERATED])
async def test_cross_account_influencers_equal_the_python_engine(
    gds_store: Store, workspace: str
) -> None:
    python, gds = _engines()
    ws = gds_store.workspace(workspace)
    ours = await python.cross_account_influencers(ws, first=1000)
    theirs = await gds.cross_account_influencers(ws, first=1000)
    assert [c.person_id for c in theirs] == [c.person_id for c in ours] != []
    for mine, other in zip(ours, theirs, strict=True):
        assert other.org_id == mine.org_id
        assert [(r.org_id, r.people) for r in other.accounts] == [
            (r.org_id, r.people) for r in mine.accounts
        ]
        assert [r.weight for r in other.accounts] == pytest.approx(
            [r.weight for r in mine.accounts]
        )
    top = await gds.cross_account_influencers(ws, min_accounts=3, first=2)
    expected = [c.person_id for c in ours if len(c.accounts) >= 3][:2]
    assert [c.person_id for c in top] == expected


async def test_projection_is_refreshed_after_a_write_and_the_old_one_dropped(
    gds_store: Store,
) -> None:
    gds = WorkspaceMeasures("gds")
    ws = gds_store.workspace(DEMO_WORKSPACE)
    before = await gds.influence_rank(ws, first=1)
    (leader,) = before.values
    # Read again at the same generation: the projection and its rank are kept, not made again.
    assert (await gds.influence_rank(ws, first=1)).values == before.values
    assert gds.projections.projected == 1
    first = projection_name(DEMO_WORKSPACE, gds_store.generation(DEMO_WORKSPACE),
                            reports_to_weight=0.5)  # fmt: skip
    assert first in await _projections(gds_store)
    # A newcomer who moves the leader with full weight: written through the workspace store,
    # which bumps the generation, so the next answer comes from a new projection.
    newcomer = f"gds-newcomer-{TAG}"
    person = {"id": newcomer, "props": {"name": "Newcomer"}}
    await ws.write("people/upsert", {"rows": [person]})
    rows = [[newcomer, leader, 1.0, "advice", None, None, None, "informational"]]
    at = datetime.datetime.now(datetime.UTC)
    await ws.write("relations/upsert_influences", {"rows": rows, "user": "test", "at": at})
    after = await gds.influence_rank(ws, people=[newcomer])
    assert after.values[newcomer] > 0.0
    assert after.people == before.people + 1
    assert gds.projections.projected == 2
    names = await _projections(gds_store)
    assert first not in names
    second = projection_name(DEMO_WORKSPACE, gds_store.generation(DEMO_WORKSPACE),
                             reports_to_weight=0.5)  # fmt: skip
    assert names[second] == after.people
    python = WorkspaceMeasures("python")
    ours = await python.influence_rank(ws, people=[newcomer, leader])
    theirs = await gds.influence_rank(ws, people=[newcomer, leader])
    assert theirs.values == pytest.approx(ours.values, abs=1e-6)


async def test_a_measure_longer_than_the_lifetime_keeps_its_projection(gds_store: Store) -> None:
    projections = GdsProjections(ttl_seconds=3600.0)
    ws = gds_store.workspace(DEMO_WORKSPACE)
    try:
        projection = await projections.projection(ws, reports_to_weight=0.5)
        projection.expires = 0.0  # as when the measure below runs past the lifetime
        await measure(ws, projection, "rank")
        assert await projections.projection(ws, reports_to_weight=0.5) is projection
        assert projections.projected == 1
    finally:
        await projections.close(gds_store)


async def test_no_projection_holds_another_workspaces_people(gds_store: Store) -> None:
    gds = WorkspaceMeasures("gds")
    demo, generated = (gds_store.workspace(w) for w in (DEMO_WORKSPACE, GENERATED))
    demo_rank = await gds.influence_rank(demo)
    generated_rank = await gds.influence_rank(generated)
    assert not demo_rank.values.keys() & generated_rank.values.keys()
    counts, _, _ = await gds_store.driver.execute_query(
        "MATCH (p:Person) RETURN p.workspace AS workspace, count(*) AS people"
    )
    people = {r["workspace"]: r["people"] for r in counts}
    names = await _projections(gds_store)
    for ws in (demo, generated):
        name = projection_name(ws.workspace, gds_store.generation(ws.workspace),
                               reports_to_weight=0.5)  # fmt: skip
        assert names[name] == people[ws.workspace]
    # Asking one workspace's projection for another's people finds none of them.
    other = list(generated_rank.values)[:3]
    assert (await gds.influence_rank(demo, people=other)).values == {}


async def test_health_shows_gds_and_graphql_answers_from_it(
    gds_store: Store, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    settings = Settings(
        environment="test",
        neo4j_uri=neo4j_target.uri,
        neo4j_user=neo4j_target.user,
        neo4j_password=neo4j_target.password,
        data_dir=tmp_path,
        auth="single-user",
        analytics_engine="gds",
        # A fresh server on a busy machine takes tens of seconds over its first projection.
        request_seconds=600.0,
        neo4j_statement_timeout=60.0,
    )
    app: FastAPI = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        health = (await client.get("/health")).json()
        ready = (await client.get("/health/ready")).json()
        query = "query($id: ID!) { workspace(id: $id) { topInfluencers(first: 5) {"
        query += " personKey score } } }"
        variables = {"id": DEMO_WORKSPACE}
        answer = (
            await client.post("/graphql", json={"query": query, "variables": variables})
        ).json()
    assert "errors" not in answer, answer
    assert health["neo4j"]["gds"] == GDS_VERSION
    assert ready == {"status": "ready", "neo4j": "up", "gds": True}
    ours = await WorkspaceMeasures("python").influence_rank(
        gds_store.workspace(DEMO_WORKSPACE), first=5
    )
    found = answer["data"]["workspace"]["topInfluencers"]
    assert [t["personKey"] for t in found] == list(ours.values)
    assert [t["score"] for t in found] == pytest.approx(list(ours.values.values()), abs=1e-6)


async def test_gds_engine_through_a_routing_uri(
    gds_store: Store, neo4j_target: Neo4jTarget
) -> None:
    # A neo4j:// URI routes reads to readers; the projection, the algorithm and the answer all
    # go to the writer (Store.compute), so on a cluster they meet on one member.
    python = WorkspaceMeasures("python")
    ws = gds_store.workspace(DEMO_WORKSPACE)
    ours = await python.influence_rank(ws, first=5)
    ours_brokerage = await python.brokerage(ws, people=list(ours.values))
    uri = neo4j_target.uri.replace("bolt://", "neo4j://", 1)
    auth = (neo4j_target.user, neo4j_target.password or "")
    async with AsyncGraphDatabase.driver(uri, auth=auth) as driver:
        routed = Store(driver).bulk().workspace(DEMO_WORKSPACE)
        gds = WorkspaceMeasures("gds")
        theirs = await gds.influence_rank(routed, first=5)
        brokerage = await gds.brokerage(routed, people=list(ours.values))
    assert list(theirs.values) == list(ours.values)
    assert brokerage.values == pytest.approx(ours_brokerage.values, abs=1e-9)


async def test_a_projection_that_would_not_fit_is_refused_before_it_is_made(
    gds_store: Store,
) -> None:
    # No share of the heap left for projections: GDS's estimate for the workspace exceeds it.
    gds = WorkspaceMeasures("gds", projections=GdsProjections(heap_share=0.0))
    ws = gds_store.workspace(GENERATED)
    with pytest.raises(GdsMemoryExceeded, match="STATUSMAP_ANALYTICS_ENGINE=python") as refused:
        await gds.influence_rank(ws, first=1)
    assert f"{GENERATED_PEOPLE:,} people" in refused.value.message
    assert gds.projections.projected == 0
    name = projection_name(GENERATED, gds_store.generation(GENERATED), reports_to_weight=0.5)
    assert name not in await _projections(gds_store)


class _WithoutGds(Store):
    """The suite's server as one without Graph Data Science would answer the engine's question."""

    async def gds_version(self) -> str | None:
        return None


async def test_gds_engine_on_a_server_without_gds_says_how_to_fix_it(store: Store) -> None:
    without = _WithoutGds(store.driver)
    with pytest.raises(ConfigurationError, match="STATUSMAP_NEO4J_GDS=true"):
        await WorkspaceMeasures("gds").influence_rank(without.workspace("any"), first=1)
    assert await WorkspaceMeasures("auto").engine(without) == "python"
