"""Compiled reads: the hot GraphQL reads answered by one statement, without the executor.

graphql-core resolves a buying centre field by field (about 160 fields at about 8 µs each),
after the read-ahead has already fetched everything in one statement. For the shapes clients
send over and over — ``workspace(id) { deal(id) { buyingCentre { person { influencers ... } } } }``
and ``workspace(id) { person(id) { organisation influencers reportsTo knows ... } }`` — an
operation is compiled once per (document, operation name), cached like the parsed documents:
into one statement (:mod:`graph.repository.shaped`) that reads only the properties and
neighbours asked for, with the selection's filters as parameters, and into a shaper that puts
the rows into the answer's shape, in the answer's order, each leaf serialised by its schema
type (the same ``serialize`` graphql-core calls). The view then encodes it like any answer.

The general executor stays the reference and answers everything else, explicitly: an
operation that is not one of these shapes (fragments, directives, unions, mutations, any field
not in the tables below) is never compiled; one that is compiled still falls back when its
variables do not coerce, its estimated cost is over the limit, the caller may not view the
workspace or it does not exist, the read fails with a domain error, a value would be an error
at its field (a missing non-null value, an unknown enum value), or the lists answered pass the
cost limit. In each of those cases the general executor answers, so the client gets what it
always got, error for error. One failure is answered here instead: a database that cannot
serve now (:class:`~graph.errors.TryAgainLater`: down, stalled, busy). The executor's first
statement is the same workspace read, so asking it again would only double the client's wait
for the same 503; the compiled path answers the executor's error at the ``workspace`` field.
``STATUSMAP_COMPILED_READS=false`` turns compilation off.

The document is parsed and validated as Strawberry does it (the same rules and limits, through
:func:`strawberry.schema.schema.validate_document` on the schema's graphql-core schema: the
Strawberry version is pinned and ``tests/unit/test_compiled_reads.py`` checks what is used).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import isfinite
from operator import itemgetter
from typing import Any, TypeAlias

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    DocumentNode,
    FieldNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionNode,
    ValueNode,
    VariableNode,
    get_nullable_type,
    get_operation_ast,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    parse,
    specified_rules,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from opentelemetry import trace
from strawberry import relay
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionResult

from api.graphql import cost
from api.graphql.context import Context
from api.graphql.ids import key_of
from api.graphql.schema import DOCUMENT_CACHE, LIMIT_RULES, MAX_TOKENS, schema
from api.metrics import COMPILED_READS, count_operation
from api.tracing import name_operation
from graph.database.store import Row
from graph.errors import StatusmapError, TryAgainLater
from graph.model import basis_of, org_ladder_id
from graph.repository import shaped

__all__ = ["CompiledOperation", "CompiledReads", "compile_operation"]

log = logging.getLogger("statusmap.graphql.compiled")

_SCHEMA: GraphQLSchema = schema._schema
"""The graphql-core schema Strawberry validates and executes against (pinned version)."""
_RULES = (*specified_rules, *LIMIT_RULES)


class _Unsupported(Exception):
    """The operation is not one the compiler answers: the general executor does."""


class _Fallback(Exception):
    """This request's answer would differ from a plain one (an error, a limit): fall back."""


@dataclass
class _Run:
    """One request's shaping: its workspace and the list items answered so far."""

    workspace: str
    items: int = 0


Shaper: TypeAlias = Callable[[Any, _Run], Any]
Value: TypeAlias = Callable[[Row], Any]


# What each supported field reads and the value its resolver gives, by GraphQL type and field.
# A leaf is (stored properties read, value from the row); the value is then serialised by the
# field's schema type. Kept beside the types' ``from_row``: the differential test
# (tests/integration/test_compiled_reads.py) holds the two to the same answers.
def _get(name: str) -> tuple[tuple[str, ...], Value]:
    return (name,), itemgetter(name)


def _date(name: str) -> tuple[tuple[str, ...], Value]:
    # Shaped reads keep the driver's values (Store.read_shaped): its dates become Python's here.
    def value(row: Row) -> Any:
        found = row[name]
        to_native = getattr(found, "to_native", None)
        return to_native() if to_native is not None else found

    return (name,), value


def _or(name: str, default: Any) -> tuple[tuple[str, ...], Value]:
    return (name,), lambda row: row[name] or default


def _global_id(type_name: str) -> tuple[tuple[str, ...], Value]:
    return ("id",), lambda row: relay.to_base64(type_name, row["id"])


_LEAVES: dict[str, dict[str, tuple[tuple[str, ...], Value]]] = {
    "Workspace": {"key": _get("id"), "id": _global_id("Workspace"), "name": _get("name")},
    "Deal": {"key": _get("id"), "id": _global_id("Deal"), "name": _get("name")},
    "Person": {
        "key": _get("id"),
        "id": _global_id("Person"),
        "name": _get("name"),
        "title": _get("title"),
        "department": _get("department"),
        "email": _get("email"),
        "needs": _or("needs", []),
        "tags": _or("tags", []),
        "aliases": _or("aliases", []),
    },
    "Organisation": {
        "key": _get("id"),
        "id": _global_id("Organisation"),
        "name": _get("name"),
        "kind": _or("kind", "customer"),
        "industry": _get("industry"),
        "sizeBand": _get("size_band"),
        "revenueBand": _get("revenue_band"),
        "country": _get("country"),
        "region": _get("region"),
        "technologies": _or("technologies", []),
    },
    "BuyingCentreMember": {
        "roles": _or("roles", []),
        "stance": _or("stance", "unknown"),
        "stage": _or("stage", None),
        "motive": _or("motive", "unknown"),
        "outcome": _or("outcome", "unknown"),
        "evidence": _get("evidence"),
        "aspiration": _get("aspiration"),
    },
    "Influence": {
        "weight": _get("weight"),
        "kind": _or("kind", None),
        "evidence": _get("evidence"),
        "since": _date("since"),
        "until": _date("until"),
        "basis": (("kind", "basis"), lambda row: basis_of(row["kind"], row["basis"])),
        "basisRecorded": (("basis",), lambda row: row["basis"] is not None),
    },
    "Acquaintance": {"strength": _get("strength"), "lastContact": _date("last_contact")},
    "StatusLevel": {"rank": _get("rank"), "name": _get("name"), "inferred": _or("inferred", False)},
}
"""Leaves by type. ``inferred`` is ``bool(...)``: ``False`` for a missing flag, as a plain or."""

_RELATIONS = {
    "influencers": "influencers",
    "influences": "influences",
    "reportsTo": "managers",
    "directReports": "reports",
    "knows": "knows",
    "knownBy": "known_by",
}
"""Person fields that list neighbours, by relation (:data:`graph.repository.shaped.RELATIONS`)."""


@dataclass
class _Parameters:
    """The statement's parameters, from the fields' arguments.

    An argument given no variable (a literal, or left to its default) has the same value for
    every request: it is worked out once, when the operation is compiled; the others per request.
    """

    found: list[tuple[str, GraphQLField, FieldNode, Callable[[dict[str, Any]], Any]]] = field(
        default_factory=list
    )
    fixed: dict[str, Any] = field(default_factory=dict)

    def add(
        self, definition: GraphQLField, node: FieldNode, value: Callable[[dict[str, Any]], Any]
    ) -> str:
        name = f"a{len(self.found) + len(self.fixed)}"
        if any(_has_variable(argument.value) for argument in node.arguments or ()):
            self.found.append((name, definition, node, value))
        else:
            self.fixed[name] = value(get_argument_values(definition, node))
        return name

    def values(self, variables: VariableValues) -> dict[str, Any]:
        params = dict(self.fixed)
        for name, definition, node, value in self.found:
            params[name] = value(get_argument_values(definition, node, variables))
        return params


def _has_variable(value: ValueNode) -> bool:
    if isinstance(value, VariableNode):
        return True
    if isinstance(value, ListValueNode):
        return any(_has_variable(v) for v in value.values)
    if isinstance(value, ObjectValueNode):
        return any(_has_variable(f.value) for f in value.fields)
    return False


def _response_fields(nodes: Iterable[SelectionNode]) -> dict[str, list[FieldNode]]:
    """Fields by response key, in the answer's order, merged as GraphQL merges them."""
    grouped: dict[str, list[FieldNode]] = {}
    for node in nodes:
        if not isinstance(node, FieldNode) or node.directives:
            raise _Unsupported("fragments and directives are left to the general executor")
        key = node.alias.value if node.alias else node.name.value
        grouped.setdefault(key, []).append(node)
    return grouped


def _inner(nodes: Sequence[FieldNode]) -> list[SelectionNode]:
    return [s for n in nodes if n.selection_set for s in n.selection_set.selections]


def _leaf(type_: GraphQLOutputType, read: Value) -> Shaper:
    """The leaf's answer from a row: its value serialised by ``type_``; null where allowed.

    One call per leaf and answer: the row is read and the value serialised here, not through
    a wrapper per step (a buying centre answers hundreds of leaves)."""
    non_null = is_non_null_type(type_)
    nullable = get_nullable_type(type_)
    if is_list_type(nullable):
        item_type = nullable.of_type
        item_non_null = is_non_null_type(item_type)
        serialize = _serializer(get_nullable_type(item_type))

        def items(row: Row, run: _Run) -> Any:
            found = read(row)
            if found is None:
                if non_null:
                    raise _Fallback
                return None
            if item_non_null and any(v is None for v in found):
                raise _Fallback
            return [None if v is None else serialize(v) for v in found]

        return items
    serialize_one = _serializer(nullable)
    plain = _PLAIN.get(nullable.name, _Never) if nullable in _BUILT_IN else _Never

    def one(row: Row, run: _Run) -> Any:
        found = read(row)
        if type(found) is plain:
            return found  # what serialize_one would answer
        if found is None:
            if non_null:
                raise _Fallback
            return None
        return serialize_one(found)

    return one


def _object(
    fields: list[tuple[str, Shaper]], at: str | None = None, inner: Collection[int] = ()
) -> Shaper:
    """The shaper of an object: its fields' answers under their keys, in order.

    The fields at the positions ``inner`` are shaped from ``row[at]`` (an edge's or a
    membership's own leaves), the others from the row. Built as one expression
    (``{k[0]: g[0](row, run), ...}``) so that an answer's object costs one call and no loop;
    the text holds only positions, never a key, a name or a value."""
    keys = tuple(key for key, _ in fields)
    getters = tuple(get for _, get in fields)
    rows = ["row[a]" if i in inner else "row" for i in range(len(fields))]
    items = ", ".join(f"k[{i}]: g[{i}]({r}, run)" for i, r in enumerate(rows))
    scope = {"k": keys, "g": getters, "a": at}
    shape: Shaper = eval(f"lambda row, run: {{{items}}}", scope)  # noqa: S307
    return shape


def _nullable(
    type_: GraphQLOutputType, at: str, shape: Callable[[Row, _Run], Any]
) -> Callable[[Row, _Run], Any]:
    """An object field read from ``row[at]``; a missing one is null, or an error if non-null."""
    non_null = is_non_null_type(type_)

    def one(row: Row, run: _Run) -> Any:
        inner = row[at]
        if inner is None:
            if non_null:
                raise _Fallback
            return None
        return shape(inner, run)

    return one


def _list(at: str, shape: Callable[[Row, _Run], Any]) -> Callable[[Row, _Run], Any]:
    """A list of objects read from ``row[at]``, counted against the cost limit."""

    def many(row: Row, run: _Run) -> Any:
        rows = row[at]
        run.items += len(rows)
        return [shape(r, run) for r in rows]

    return many


class _Compiler:
    """One operation's reads and shapers, built from its selections and the schema's types."""

    def __init__(self) -> None:
        self.parameters = _Parameters()

    def leaves(
        self,
        type_: GraphQLObjectType,
        nodes: list[FieldNode],
        props: set[str],
    ) -> Shaper | None:
        """The shaper of the leaf field ``nodes`` of ``type_``; ``None`` if not a leaf."""
        name = nodes[0].name.value
        if name == "__typename":
            type_name = type_.name
            return lambda row, run: type_name
        definition = type_.fields[name]
        if not is_leaf_type(get_nullable_type(_unlisted(definition.type))):
            return None
        known = _LEAVES.get(type_.name, {}).get(name)
        if known is None or definition.args:
            raise _Unsupported(f"{type_.name}.{name} is left to the general executor")
        read, value = known
        props.update(read)
        return _leaf(definition.type, value)

    def selection(
        self,
        type_: GraphQLObjectType,
        nodes: Sequence[SelectionNode],
        props: set[str],
        objects: Callable[[str, list[FieldNode]], Shaper],
        leaves_at: str | None = None,
    ) -> Shaper:
        """The shaper of a selection on ``type_``.

        Leaves come from the row (or from ``row[leaves_at]``), and the properties they read are
        added to ``props``; any other field is shaped by ``objects(name, its nodes)``.
        """
        fields: list[tuple[str, Shaper]] = []
        inner: list[int] = []
        for key, group in _response_fields(nodes).items():
            name = group[0].name.value
            leaf = self.leaves(type_, group, props)
            if leaf is None:
                fields.append((key, objects(name, group)))
                continue
            if leaves_at is not None and name != "__typename":
                inner.append(len(fields))
            fields.append((key, leaf))
        return _object(fields, leaves_at, inner)

    def person(self, nodes: Sequence[SelectionNode]) -> tuple[shaped.PersonRead, Shaper]:
        type_ = _type("Person")
        props: set[str] = {"id"}
        org_props: set[str] = set()
        relations: list[shaped.RelationRead] = []
        level = False

        def objects(name: str, group: list[FieldNode]) -> Shaper:
            nonlocal level
            definition = type_.fields[name]
            if name == "level":
                level = True
                return _nullable(definition.type, "level", self.level(group))
            if name == "organisation":
                org_shape = self.organisation(_inner(group), org_props)
                return _nullable(definition.type, "organisation", org_shape)
            if name in _RELATIONS:
                at = f"r{len(relations)}"
                relation, shape = self.relation(_RELATIONS[name], definition, group, at)
                relations.append(relation)
                return shape
            raise _Unsupported(f"Person.{name} is left to the general executor")

        shape = self.selection(type_, nodes, props, objects)
        organisation = shaped.OrganisationRead(tuple(sorted(org_props))) if org_props else None
        read = shaped.PersonRead(tuple(sorted(props)), level, organisation, tuple(relations))
        return read, shape

    def level(self, group: list[FieldNode]) -> Shaper:
        def objects(name: str, inner: list[FieldNode]) -> Shaper:
            if name != "ladder":
                raise _Unsupported(f"StatusLevel.{name}")
            return self.ladder(inner)

        return self.selection(_type("StatusLevel"), _inner(group), set(), objects)

    def ladder(self, group: list[FieldNode]) -> Shaper:
        # The level read with a person is on the organisational ladder (StatusLevel.from_org_row).
        type_ = _type("LadderRef")
        org_ladder_key = _leaf_serializer(type_, "key")
        fields: list[tuple[str, Shaper]] = []
        for key, inner in _response_fields(_inner(group)).items():
            name = inner[0].name.value
            if name == "__typename":
                fields.append((key, lambda row, run: "LadderRef"))
            elif name == "key":
                fields.append((key, lambda row, run: org_ladder_key(org_ladder_id(run.workspace))))
            elif name == "name":
                fields.append((key, lambda row, run: "Organisation"))
            else:
                raise _Unsupported(f"LadderRef.{name}")
        return _object(fields)

    def organisation(self, nodes: Sequence[SelectionNode], props: set[str]) -> Shaper:
        """The shaper of an organisation; the properties it reads are added to ``props``."""
        props.add("id")

        def objects(name: str, group: list[FieldNode]) -> Shaper:
            raise _Unsupported(f"Organisation.{name} is left to the general executor")

        return self.selection(_type("Organisation"), nodes, props, objects)

    def relation(
        self, relation: str, definition: GraphQLField, group: list[FieldNode], at: str
    ) -> tuple[shaped.RelationRead, Shaper]:
        node = group[0]
        min_weight = above_only = None
        if "minWeight" in definition.args:
            min_weight = self.parameters.add(definition, node, lambda a: float(a["minWeight"]))
        if "higherStatusOnly" in definition.args:
            above_only = self.parameters.add(
                definition, node, lambda a: bool(a["higherStatusOnly"])
            )
            if self.parameters.fixed.get(above_only) is False:
                above_only = None  # everyone, for every request: no level to read and compare
        item_type = _type(str(get_nullable_type(_unlisted(definition.type))))
        if item_type.name == "Person":  # reportsTo, directReports: the people themselves
            each, each_shape = self.person(_inner(group))
            read = shaped.RelationRead(relation, (), each, min_weight, above_only)
            return read, _list(at, _on("person", each_shape))
        edge: set[str] = set()
        person, shape = self.with_person(item_type, _inner(group), edge, "edge")
        read = shaped.RelationRead(relation, tuple(sorted(edge)), person, min_weight, above_only)
        return read, _list(at, shape)

    def with_person(
        self, type_: GraphQLObjectType, nodes: Sequence[SelectionNode], props: set[str], at: str
    ) -> tuple[shaped.PersonRead, Shaper]:
        """A selection of ``{at, person}`` maps (an edge or a membership and its person)."""
        people: list[shaped.PersonRead] = []

        def objects(name: str, inner: list[FieldNode]) -> Shaper:
            if name != "person" or people:
                raise _Unsupported(f"{type_.name}.{name}, or a second person")
            person, person_shape = self.person(_inner(inner))
            people.append(person)
            return _on("person", person_shape)

        shape = self.selection(type_, nodes, props, objects, leaves_at=at)
        return (people[0] if people else shaped.PersonRead(("id",))), shape

    def deal(
        self, at: str, node: FieldNode, definition: GraphQLField, group: list[FieldNode]
    ) -> tuple[shaped.DealRead, Shaper]:
        type_ = _type("Deal")
        props: set[str] = {"id"}
        org_props: set[str] = set()
        members: list[shaped.MembersRead] = []

        def objects(name: str, inner: list[FieldNode]) -> Shaper:
            if name == "organisation":
                org_shape = self.organisation(_inner(inner), org_props)
                return _nullable(type_.fields[name].type, "organisation", org_shape)
            if name == "buyingCentre" and not members:
                member: set[str] = set()
                person, shape = self.with_person(
                    _type("BuyingCentreMember"), _inner(inner), member, "member"
                )
                members.append(shaped.MembersRead(tuple(sorted(member)), person))
                return _list("members", shape)
            raise _Unsupported(f"Deal.{name}, or a second buying centre")

        shape = self.selection(type_, _inner(group), props, objects)
        deal_id = self.parameters.add(definition, node, lambda a: key_of(str(a["id"]), "Deal"))
        organisation = shaped.OrganisationRead(tuple(sorted(org_props))) if org_props else None
        read = shaped.DealRead(
            deal_id, tuple(sorted(props)), organisation, members[0] if members else None
        )
        return read, _nullable(definition.type, at, shape)

    def workspace(self, group: list[FieldNode]) -> tuple[shaped.WorkspaceRead, Shaper]:
        type_ = _type("Workspace")
        props: set[str] = {"id"}
        nodes: list[shaped.DealRead | shaped.PersonByIdRead] = []

        def objects(name: str, inner: list[FieldNode]) -> Shaper:
            definition = type_.fields[name]
            at = f"n{len(nodes)}"
            if any(a.name.value == "asOf" for n in inner for a in n.arguments or ()):
                raise _Unsupported(f"Workspace.{name}(asOf): a past read")
            if name == "deal":
                read, shape = self.deal(at, inner[0], definition, inner)
                nodes.append(read)
                return shape
            if name == "person":
                person, person_shape = self.person(_inner(inner))
                person_id = self.parameters.add(
                    definition, inner[0], lambda a: key_of(str(a["id"]), "Person")
                )
                nodes.append(shaped.PersonByIdRead(person_id, person))
                return _nullable(definition.type, at, person_shape)
            raise _Unsupported(f"Workspace.{name} is left to the general executor")

        shape = self.selection(type_, _inner(group), props, objects)
        return shaped.WorkspaceRead(tuple(sorted(props)), tuple(nodes)), shape


def _on(part: str, shape: Shaper) -> Shaper:
    def inner(row: Row, run: _Run) -> Any:
        return shape(row[part], run)

    return inner


def _type(name: str) -> GraphQLObjectType:
    found = _SCHEMA.get_type(name)
    assert isinstance(found, GraphQLObjectType), name
    return found


def _unlisted(type_: GraphQLOutputType) -> GraphQLOutputType:
    nullable = get_nullable_type(type_)
    return nullable.of_type if isinstance(nullable, GraphQLList) else type_


def _serializer(type_: Any) -> Callable[[Any], Any]:
    """The ``serialize`` of a scalar or enum type: what graphql-core calls for a leaf.

    For the values the database gives (a ``str`` for a string, an id or an enum, an ``int``, a
    ``float``, a ``bool``) the answer is known without the call: the value itself, or the
    enum's name for it. Anything else, and any value ``serialize`` would refuse, still goes
    through ``serialize``, so the answer and the error are graphql-core's."""
    if not isinstance(type_, GraphQLScalarType | GraphQLEnumType):
        raise _Unsupported(f"{type_} is not a leaf type")
    serialize = type_.serialize
    if isinstance(type_, GraphQLEnumType):
        names: dict[str, str] = {}
        for name, value in type_.values.items():
            if type(value.value) is str:
                names.setdefault(value.value, name)
        # Kept only where serialize agrees (the enum's own lookup decides, not this table).
        names = {value: name for value, name in names.items() if serialize(value) == name}

        def enum(value: Any) -> Any:
            if type(value) is str:
                name = names.get(value)
                if name is not None:
                    return name
            return serialize(value)

        return enum
    same = _SAME.get(type_.name) if type_ in _BUILT_IN else None
    if same is None:
        return serialize

    def scalar(value: Any) -> Any:
        return value if same(value) else serialize(value)

    return scalar


_BUILT_IN = (GraphQLString, GraphQLID, GraphQLInt, GraphQLFloat, GraphQLBoolean)
_SAME: dict[str, Callable[[Any], bool]] = {
    "String": lambda v: type(v) is str,
    "ID": lambda v: type(v) is str,
    "Int": lambda v: type(v) is int and GRAPHQL_MIN_INT <= v <= GRAPHQL_MAX_INT,
    "Float": lambda v: type(v) is float and isfinite(v),
    "Boolean": lambda v: type(v) is bool,
}
"""Values each built-in scalar's ``serialize`` returns unchanged (graphql/type/scalars.py)."""
_PLAIN: dict[str, type] = {"String": str, "ID": str, "Boolean": bool}
"""The Python type whose every value the scalar's ``serialize`` returns unchanged."""


class _Never:
    """No value is of this type: a leaf without a plain type always calls ``serialize``."""


def _leaf_serializer(type_: GraphQLObjectType, name: str) -> Callable[[Any], Any]:
    return _serializer(get_nullable_type(type_.fields[name].type))


@dataclass(frozen=True)
class CompiledOperation:
    """An operation compiled for the shaped read: its statement, parameters and shaper."""

    operation: OperationDefinitionNode
    workspace: FieldNode
    workspace_field: GraphQLField
    key: str
    """The workspace field's response key."""
    statement: str
    parameters: _Parameters
    shape: Shaper
    estimate: int
    """The cost estimate (api/graphql/cost.py): no compiled field takes ``first``, the only
    argument the estimate reads, so it is the same for every request."""


@lru_cache(maxsize=DOCUMENT_CACHE)
def compile_operation(document: str, operation_name: str | None) -> CompiledOperation | None:
    """``document``'s operation ``operation_name`` compiled, or ``None`` when it is not one
    of the supported shapes (or not a valid operation: the general executor says why)."""
    try:
        parsed = parse(document, max_tokens=MAX_TOKENS)
    except GraphQLError:
        return None
    if validate_document(_SCHEMA, parsed, _RULES):
        return None
    try:
        return _compile(parsed, operation_name)
    except _Unsupported as e:
        log.debug("not compiled: %s", e)
        return None


def _compile(document: DocumentNode, operation_name: str | None) -> CompiledOperation:
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        raise _Unsupported("not a query")
    if operation.directives:
        raise _Unsupported("directives on the operation")
    if any(v.directives for v in operation.variable_definitions or ()):
        raise _Unsupported("directives on variables")
    roots = _response_fields(operation.selection_set.selections)
    if len(roots) != 1:
        raise _Unsupported("one root field")
    ((key, group),) = roots.items()
    root = _type("Query")
    if group[0].name.value != "workspace" or len(group) != 1:
        raise _Unsupported("the root field is workspace(id)")
    compiler = _Compiler()
    read, shape = compiler.workspace(group)
    return CompiledOperation(
        operation=operation,
        workspace=group[0],
        workspace_field=root.fields["workspace"],
        key=key,
        statement=shaped.statement(read),
        parameters=compiler.parameters,
        shape=shape,
        estimate=cost.estimated_cost(_SCHEMA, root, operation.selection_set, {}, {}),
    )


@dataclass
class CompiledReads:
    """The view's compiled path: how many operations it answered and left to the executor."""

    enabled: bool = True
    answered: int = 0
    fell_back: int = 0

    async def answer(
        self, document: str | None, operation_name: str | None, variables: Any, context: Context
    ) -> ExecutionResult | None:
        """The answer to a compiled operation, or ``None``: the general executor answers."""
        started = time.perf_counter()
        if not (self.enabled and document and isinstance(document, str)):
            return None
        if operation_name is not None and not isinstance(operation_name, str):
            return None  # the executor says what is wrong with the request
        try:
            compiled = compile_operation(document, operation_name)
            if compiled is None:
                return None
            name = compiled.operation.name.value if compiled.operation.name else None
            data = await self._answer(compiled, variables, context)
        except TryAgainLater as e:
            # The executor's first statement is the same workspace read: it would fail alike, a
            # second attempt only doubling the wait for the client's 503. Answered as it would.
            assert compiled is not None  # raised by the read, after compiling
            self.answered += 1
            COMPILED_READS.labels("compiled").inc()
            name_operation(trace.get_current_span(), "query", name, failed=True)
            count_operation(name, "query", True, time.perf_counter() - started)
            return _unavailable(compiled, e)
        except (_Fallback, StatusmapError):
            data = None  # the executor answers, with the error where there is one
        except Exception:
            # A bug of the compiler: the executor answers the client as always, the log says.
            log.exception("compiled read failed; answered by the general executor")
            data = None
        if data is None:
            self.fell_back += 1
            COMPILED_READS.labels("executor").inc()
            return None
        self.answered += 1
        COMPILED_READS.labels("compiled").inc()
        # Named, counted and timed like an operation the executor answers (its extensions).
        name_operation(trace.get_current_span(), "query", name, failed=False)
        count_operation(name, "query", False, time.perf_counter() - started)
        return ExecutionResult(data=data, errors=None)

    async def _answer(
        self, compiled: CompiledOperation, variables: Any, context: Context
    ) -> dict[str, Any] | None:
        if variables is not None and not isinstance(variables, dict):
            return None
        coerced = get_variable_values(
            _SCHEMA, compiled.operation.variable_definitions or (), variables or {}
        )
        if not isinstance(coerced, VariableValues):
            return None
        if compiled.estimate > context.max_query_cost:
            return None
        arguments = get_argument_values(compiled.workspace_field, compiled.workspace, coerced)
        key = key_of(str(arguments["id"]), "Workspace")
        if not context.caller.may_view(key):
            return None  # answered null by the executor, as for a workspace that does not exist
        params = compiled.parameters.values(coerced)
        row = await shaped.read_workspace(context.reader(key), compiled.statement, params)
        if row is None:
            return None
        run = _Run(workspace=key)
        answer = compiled.shape(row, run)
        if run.items > context.max_query_cost:
            return None  # stopped by the executor with its one error
        return {compiled.key: answer}


def _unavailable(compiled: CompiledOperation, error: TryAgainLater) -> ExecutionResult:
    """The executor's answer when the database cannot serve the workspace read now.

    The executor reads the workspace (and what is asked inside it, in one statement) in the
    ``workspace`` resolver: the failure is that field's error, and the field is null.
    """
    located = GraphQLError(
        str(error), nodes=[compiled.workspace], path=[compiled.key], original_error=error
    )
    return ExecutionResult(data={compiled.key: None}, errors=[located])
