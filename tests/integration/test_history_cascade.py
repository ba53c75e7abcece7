"""Levels the org-chart cap lowers down the reporting tree are recorded like any other change."""

from __future__ import annotations

import pytest

from api.settings import Settings
from graph.database.store import Store
from graph.history.facts import load_value
from graph.repository.history import change_feed
from tests.integration.conftest import GraphQL
from tests.integration.test_history import _untag

pytestmark = pytest.mark.integration

assert Settings  # the server under test takes its settings from api/settings.py


async def test_a_managers_level_caps_the_reports_below_and_each_cap_is_an_event(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    await gql(
        """mutation($ws: ID!) {
          createOrganisation(input: {workspaceId: $ws, id: "acme~", name: "Acme"}) { __typename }
          upsertPeople(input: {workspaceId: $ws, people: [
            {id: "boss~", name: "Boss", title: "VP Sales", organisationId: "acme~"},
            {id: "mid~", name: "Mid", title: "Sales Director", organisationId: "acme~"},
            {id: "low~", name: "Low", title: "Sales Manager", organisationId: "acme~"}]}) {
            __typename }
          a: addReportsTo(input: {workspaceId: $ws, personId: "mid~", managerId: "boss~"}) {
            __typename }
          b: addReportsTo(input: {workspaceId: $ws, personId: "low~", managerId: "mid~"}) {
            __typename }
        }""",
        ws=workspace,
    )
    before = {e["id"] for e in (await change_feed(store.workspace(workspace), first=500)).items}
    await gql(
        """mutation($ws: ID!) {
          updatePerson(input: {workspaceId: $ws, id: "boss~", levelRank: 2}) { __typename }
        }""",
        ws=workspace,
    )
    page = await change_feed(store.workspace(workspace), first=500, kinds=["level_changed"])
    new = [e for e in page.items if e["id"] not in before]
    levels = {_untag(e["key"][1]): (load_value(e["before"]), load_value(e["after"])) for e in new}
    # Boss set to 2 explicitly; Mid (director, 4) and Low (manager, 3) capped at 2 below them.
    assert levels == {"boss~": (5, 2), "mid~": (4, 2), "low~": (3, 2)}
