"""The cost estimate of GraphQL operations, on the real schema (no database)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from graphql import OperationDefinitionNode, parse

from api.graphql import schema
from api.graphql.cost import LIST_ESTIMATE, estimated_cost
from api.settings import Settings
from tests.conftest import repo_root


def _cost(document: str, **variables: Any) -> int:
    parsed = parse(document)
    operation = next(d for d in parsed.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {d.name.value: d for d in parsed.definitions if hasattr(d, "type_condition")}
    graphql_schema = schema._schema
    root = graphql_schema.get_root_type(operation.operation)
    assert root is not None
    return estimated_cost(graphql_schema, root, operation.selection_set, fragments, variables)


def _page_queries() -> dict[str, str]:
    """The GraphQL documents the page sends (frontend/src/queries.js), fragments filled in."""
    source = (repo_root() / "frontend" / "src" / "queries.js").read_text(encoding="utf-8")
    constants = dict(re.findall(r"export const (\w+) = `(.*?)`;", source, re.S))
    constants |= dict(re.findall(r"\nconst (\w+) = `(.*?)`;", source, re.S))
    parts = {name: text for name, text in constants.items() if "query " not in text}
    return {
        name: re.sub(r"\$\{(\w+)\}", lambda m: parts[m.group(1)], text)
        for name, text in constants.items()
        if "query " in text
    }


def test_the_estimate_multiplies_pages_by_nested_lists() -> None:
    one_level = "{ workspaces(first: 7) { edges { node { key } } } }"
    assert _cost(one_level) == 7
    assert _cost("query($n: Int) { workspaces(first: $n) { edges { node { key } } } }", n=3) == 3
    assert _cost("{ workspaces { edges { node { key } } } }") == 50  # the schema's default
    nested = """query($ws: ID!) { workspace(id: $ws) { people(first: 200) { edges { node {
      influencers { person { influencers { person { key } } } } } } } } }"""
    e = LIST_ESTIMATE
    assert _cost(nested, ws="w") == 200 + 200 * e + 200 * e * e
    # Fragments are looked through; introspection costs nothing.
    fragment = """query { workspaces(first: 2) { edges { ...E } } __schema { types { name } } }
      fragment E on WorkspaceEdge { node { people(first: 4) { edges { node { key } } } } }"""
    assert _cost(fragment) == 2 + 2 * 4


@pytest.mark.parametrize("name", sorted(_page_queries()))
def test_every_query_of_the_page_is_within_the_default_limit(name: str) -> None:
    document = _page_queries()[name]
    limit = Settings.model_fields["max_query_cost"].default
    assert 0 <= _cost(document, workspaceId="w", dealId="d", personId="p") <= limit
