"""A bulk-loaded store, fresh: once the schema is applied, the reads of a deal's scope and of
the history's horizon draw no "property does not exist" notification, though no member, tie
or workspace of the store carries the optional keys they name (schema/property_keys)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, LiteralString, cast

import pytest
from neo4j import AsyncGraphDatabase

from api.settings import Settings
from benchmarks.bulk_load import imported_home
from benchmarks.sizes import SIZES
from graph.database.local import LocalNeo4j
from graph.database.queries import query
from graph.database.store import Store

pytestmark = pytest.mark.integration

WORKSPACE = "bulk-fresh"
UNKNOWN = {"01N50", "01N51", "01N52"}
"""The warnings that a label, a relationship type or a property key does not exist."""
NAMED = {"motive", "outcome", "aspiration", "basis", "history_pruned_before", "at"}
"""What the two reads name that the importer wrote nowhere in this store."""


@pytest.fixture(scope="module")
def bulk_loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    """A server of its own on the generated 100-person size, written by the offline importer
    (which writes no optional member or tie values): a store none of the session's tests
    touched."""
    settings = Settings()
    home, _ = imported_home(SIZES["deal"], tmp_path_factory.mktemp("bulk"), WORKSPACE, "B-")
    with LocalNeo4j(
        home,
        cache_dir=settings.cache_dir,
        heap="512m",
        pagecache="64m",
        start_timeout=settings.neo4j_start_timeout,
    ) as server:
        yield server


async def _unknown_keys(server: LocalNeo4j, apply_schema: bool) -> dict[str, set[str]]:
    """Per statement, the labels, types and property keys its plan says the database does not
    know."""
    async with AsyncGraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d:
        if apply_schema:
            await Store(d).apply_schema()
        deal, _, _ = await d.execute_query(
            "MATCH (d:Deal {workspace: $ws}) RETURN d.id AS id LIMIT 1", ws=WORKSPACE
        )
        params: dict[str, Any] = {"workspace": WORKSPACE, "deal_id": deal[0]["id"]}
        found: dict[str, set[str]] = {}
        for name in ("analytics/deal_scope", "history/horizon"):
            text = cast(LiteralString, "EXPLAIN " + query(name))
            result = await d.execute_query(text, params)
            found[name] = {
                s.status_description.split("`")[1]
                for s in result.summary.gql_status_objects
                if s.gql_status in UNKNOWN
            }
        return found


async def test_a_bulk_loaded_store_knows_the_optional_keys_once_its_schema_is_applied(
    bulk_loaded: LocalNeo4j,
) -> None:
    # Before the schema: what the notifications named (so the test can fail).
    before = await _unknown_keys(bulk_loaded, apply_schema=False)
    assert set().union(*before.values()) >= NAMED, before
    after = await _unknown_keys(bulk_loaded, apply_schema=True)
    assert after == {"analytics/deal_scope": set(), "history/horizon": set()}
