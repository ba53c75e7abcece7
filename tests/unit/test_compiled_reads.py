"""The compiler of the hot reads, without a database: what it compiles, what it leaves alone.

The answers themselves are held to the general executor's in
``tests/integration/test_compiled_reads.py``; here, the parts of Strawberry it relies on
(pinned), which operations it takes, and that nothing a client sends enters the Cypher text.
"""

from __future__ import annotations

from importlib.metadata import version

import pytest
import strawberry
from graphql import GraphQLSchema, get_nullable_type, is_leaf_type, parse, specified_rules
from strawberry.schema.schema import validate_document

from api.graphql import compiled
from api.graphql.compiled import compile_operation
from api.graphql.schema import LIMIT_RULES, MAX_DEPTH, schema
from graph.repository import shaped

BUYING_CENTRE = """query($w: ID!, $d: ID!) { workspace(id: $w) { deal(id: $d) { key name
  buyingCentre { roles stance person { key name title level { rank name }
    influencers(higherStatusOnly: true) { weight kind person { key name } } } } } } }"""
PERSON = """query($w: ID!, $p: ID!) { workspace(id: $w) { person(id: $p) { key name
  level { rank name } organisation { key name } influencers { weight kind person { key name } }
  influences { weight person { key name } } reportsTo { key name } } } }"""


def test_strawberry_is_the_pinned_version_whose_internals_the_compiler_uses() -> None:
    # pyproject.toml pins it: schema._schema and validate_document are what Strawberry
    # itself validates and executes with; a new version is checked here before it is let in.
    assert version("strawberry-graphql") == "0.341.2"
    assert isinstance(schema._schema, GraphQLSchema)
    assert schema._schema.query_type is not None
    assert schema._schema.query_type.name == "Query"
    document = parse("{ workspace(id: 1) { nope } }")
    assert validate_document(schema._schema, document, tuple(specified_rules))
    assert strawberry.relay.to_base64("Person", "x") == "UGVyc29uOng="


def test_every_compiled_leaf_is_a_leaf_of_the_schema() -> None:
    for type_name, leaves in compiled._LEAVES.items():
        graphql_type = schema._schema.get_type(type_name)
        for name in leaves:
            field = graphql_type.fields[name]  # type: ignore[union-attr]
            inner = get_nullable_type(field.type)
            inner = get_nullable_type(getattr(inner, "of_type", inner))
            assert is_leaf_type(inner), (type_name, name)


@pytest.mark.parametrize("document", [BUYING_CENTRE, PERSON], ids=["buying centre", "person"])
def test_the_hot_shapes_compile_once(document: str) -> None:
    first = compile_operation(document, None)
    assert first is not None
    assert compile_operation(document, None) is first  # cached per (document, operation name)


@pytest.mark.parametrize(
    "document",
    [
        "query($w: ID!) { workspace(id: $w) { deal(id: 1) { ...D } } } fragment D on Deal { key }",
        "query($w: ID!) { workspace(id: $w) { deal(id: 1) { ... on Deal { key } } } }",
        "query($w: ID!, $s: Boolean!) { workspace(id: $w) { key @include(if: $s) } }",
        "query($w: ID!) { workspace(id: $w) { person(id: 1) { levels { rank } } } }",
        "query($w: ID!) { workspace(id: $w) { deal(id: 1) { coverage { warnings { code } } } } }",
        "query($w: ID!) { workspace(id: $w) { key } health { status } }",
        "query { workspaces { totalCount } }",
        'mutation { createWorkspace(input: {id: "x", name: "x"}) { __typename } }',
        "query($w: ID!) { workspace(id: $w) { nope } }",  # invalid: the executor says why
        "query($w: ID!) { workspace(id: $w) { person(id: 1) { statusGap(to: 2) } } }",
    ],
)
def test_anything_else_is_left_to_the_general_executor(document: str) -> None:
    assert compile_operation(document, None) is None


def test_the_limits_of_validation_apply_before_compiling() -> None:
    nested = "reportsTo { key " * MAX_DEPTH + "}" * MAX_DEPTH
    deep = f"query($w: ID!) {{ workspace(id: $w) {{ person(id: 1) {{ {nested} }} }} }}"
    assert validate_document(schema._schema, parse(deep), (*specified_rules, *LIMIT_RULES))
    assert compile_operation(deep, None) is None


def test_the_operation_is_chosen_by_name() -> None:
    two = (
        BUYING_CENTRE.replace("query(", "query Deal(", 1)
        + " "
        + PERSON.replace("query(", "query Person(", 1)
    )
    deal, person = compile_operation(two, "Deal"), compile_operation(two, "Person")
    assert deal is not None and person is not None
    assert ":Deal" in deal.statement and ":Deal" not in person.statement
    assert compile_operation(two, None) is None  # which one? the executor says


def test_no_alias_or_value_enters_the_statement() -> None:
    document = """{ workspace(id: "w') DETACH DELETE n //") {
      evil_alias: deal(id: "d' OR 1=1 //") { MATCH_n: key buyingCentre {
        person { x: influencers(minWeight: 0.25, higherStatusOnly: true) { weight } } } } } }"""
    found = compile_operation(document, None)
    assert found is not None
    for sent in ("DETACH", "OR 1=1", "evil_alias", "MATCH_n", "0.25", "x:"):
        assert sent not in found.statement
    assert "$a0" in found.statement and "$workspace" in found.statement


def test_the_shaped_read_refuses_names_outside_its_tables() -> None:
    person = shaped.PersonRead(("name",))
    with pytest.raises(ValueError, match="property"):
        shaped.statement(shaped.WorkspaceRead(("id",), (shaped.PersonByIdRead("a0",
            shaped.PersonRead(("name}) DETACH DELETE (n",))),)))  # fmt: skip
    with pytest.raises(ValueError, match="parameter"):
        shaped.statement(shaped.WorkspaceRead(("id",), (shaped.PersonByIdRead("a0 OR 1", person),)))


def test_no_compiled_field_takes_first_so_the_estimate_is_fixed() -> None:
    objects = {
        "Workspace": ["deal", "person"],
        "Deal": ["organisation", "buyingCentre"],
        "Person": ["level", "organisation", *compiled._RELATIONS],
        "BuyingCentreMember": ["person"],
        "Influence": ["person"],
        "Acquaintance": ["person"],
        "StatusLevel": ["ladder"],
    }
    for type_name, names in objects.items():
        fields = schema._schema.get_type(type_name).fields  # type: ignore[union-attr]
        for name in [*names, *compiled._LEAVES.get(type_name, {})]:
            assert "first" not in fields[name].args, (type_name, name)
