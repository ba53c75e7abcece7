"""Retention on a real Neo4j: old change events are pruned in batches, and reads as of a moment
before the horizon left are refused with a message naming it."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from api.settings import Settings
from graph.database.store import Store
from graph.repository.history import change_feed, prune_history
from tests.integration.conftest import GraphQL
from tests.integration.test_history_asof import BUILD, CHANGES, DEAL, MEMBERS, _moment

pytestmark = pytest.mark.integration


def test_the_retention_age_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATUSMAP_HISTORY_RETENTION_DAYS", "30")
    assert Settings().history_retention_days == 30
    monkeypatch.setenv("STATUSMAP_HISTORY_RETENTION_DAYS", "0")
    with pytest.raises(pydantic.ValidationError, match="history_retention_days"):
        Settings()
    monkeypatch.delenv("STATUSMAP_HISTORY_RETENTION_DAYS")
    assert Settings().history_retention_days is None


async def test_pruning_deletes_the_old_events_and_refuses_reads_before_the_horizon(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    ws = store.workspace(workspace)
    await gql(BUILD, ws=workspace)
    await gql(MEMBERS, ws=workspace)
    old = await _moment()
    await gql(CHANGES, ws=workspace)
    horizon = await _moment()
    recorded = (await change_feed(ws, first=1)).total
    await gql(
        """mutation($ws: ID!) {
          updatePerson(input: {workspaceId: $ws, id: "bo~", levelRank: 5}) { __typename }
        }""",
        ws=workspace,
    )
    assert await prune_history(ws, horizon, batch=3) == recorded  # several batches
    left = await change_feed(ws, first=50)
    assert [e["kind"] for e in left.items] == ["level_changed"]

    refused = await gql(DEAL, allow_errors=True, ws=workspace, at=old.isoformat())
    message = refused["errors"][0]["message"]
    assert "asOf" in message and "pruned" in message and "RETENTION" in message

    diff = await gql(
        'query($ws: ID!, $since: DateTime!) { workspace(id: $ws) { deal(id: "deal~") {'
        " changedSince(since: $since) { kind } } } }",
        allow_errors=True,
        ws=workspace,
        since=old.isoformat(),
    )
    assert "since" in diff["errors"][0]["message"] and "pruned" in diff["errors"][0]["message"]
    # A moment without a zone is read as UTC, and refused the same way (not an internal error).
    naive = await gql(
        'query($ws: ID!, $since: DateTime!) { workspace(id: $ws) { deal(id: "deal~") {'
        " changedSince(since: $since) { kind } } } }",
        allow_errors=True,
        ws=workspace,
        since=old.astimezone(dt.UTC).replace(tzinfo=None).isoformat(),
    )
    assert naive["errors"][0]["message"] == diff["errors"][0]["message"]

    # From the horizon on, the map reads as it stood: Bo at 4, before the change kept.
    kept = await gql(DEAL, ws=workspace, at=horizon.isoformat())
    levels = {
        m["person"]["key"]: m["person"]["level"]["rank"]
        for m in kept["workspace"]["deal"]["buyingCentre"]
    }
    assert levels == {"bo~": 4, "dee~": 6}
    # Pruning again deletes nothing more, and the horizon never moves back.
    assert await prune_history(ws, old) == 0
    again = await gql(DEAL, allow_errors=True, ws=workspace, at=old.isoformat())
    assert "pruned" in again["errors"][0]["message"]
