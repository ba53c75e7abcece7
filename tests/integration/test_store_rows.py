"""Records as rows on a real Neo4j: the store's one-pass conversion matches the driver's own."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import AsyncDriver

from graph.database.store import Store, _row, native

pytestmark = pytest.mark.integration

VALUES = """
RETURN 1 AS i, 2.5 AS f, 'x' AS s, true AS b, null AS n,
       datetime('2026-01-02T03:04:05Z') AS t,
       [date('2026-01-02'), 3] AS listed,
       {inner: {at: localtime('10:00'), tags: ['a', 'b']}, d: duration('P1D')} AS nested
"""


async def test_rows_hold_python_values_like_the_driver_conversion(driver: AsyncDriver) -> None:
    records, _, _ = await driver.execute_query(VALUES)
    row = _row(records[0])
    assert row == native(records[0].data())
    assert row["t"] == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert row["listed"] == [dt.date(2026, 1, 2), 3]
    assert row["nested"]["inner"]["at"] == dt.time(10, 0)
    assert row["nested"]["inner"]["tags"] == ["a", "b"]
    assert (row["i"], row["f"], row["s"], row["b"], row["n"]) == (1, 2.5, "x", True, None)


async def test_a_node_in_a_record_falls_back_to_the_driver_conversion(driver: AsyncDriver) -> None:
    records, _, _ = await driver.execute_query(
        "CREATE (n:StoreRowProbe {a: 1, at: date('2026-03-04')}) RETURN n, [n] AS nodes"
    )
    try:
        row = _row(records[0])
        assert row == {
            "n": {"a": 1, "at": dt.date(2026, 3, 4)},
            "nodes": [{"a": 1, "at": dt.date(2026, 3, 4)}],
        }
    finally:
        await driver.execute_query("MATCH (n:StoreRowProbe) DELETE n")


async def test_a_read_sees_a_write_just_made_through_the_driver(store: Store) -> None:
    """Reads share the driver's bookmarks with ``execute_query`` writes (causal on a cluster)."""
    await store.driver.execute_query("CREATE (:StoreRowProbe {id: 'fresh'})")
    try:
        records = await store._read("MATCH (p:StoreRowProbe {id: 'fresh'}) RETURN p.id AS id", {})
        assert [r["id"] for r in records] == ["fresh"]
    finally:
        await store.driver.execute_query("MATCH (n:StoreRowProbe) DELETE n")
