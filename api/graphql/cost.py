"""The cost of a GraphQL operation: the list items it resolves, estimated first, then counted.

Depth, alias and token limits bound the *document*, not the work: ``people(first: 200)`` with
``influencers { person { influencers ... } }`` four levels down is a short, shallow document
that resolves hundreds of thousands of list items and megabytes, and held the event loop (and
``/health``) all that time. The cost of an operation is the number of items of lists of
objects it resolves (lists of scalars, such as ``tags``, are part of their object).

- **Estimated before execution**, from the document and the variables: a list field with a
  ``first`` argument (or a connection's ``edges`` below one) holds ``first`` items (the
  schema's default when not given, :data:`DEFAULT_PAGE_SIZE` when ``null``); any other list of
  objects is taken to hold :data:`LIST_ESTIMATE`. Nested lists multiply. An operation estimated
  above the limit is refused before anything is read, with the estimate and the limit named.
- **Counted during execution**: every list of objects completed adds its real length, and once
  the count passes the limit the operation is stopped — every list completed after that fails
  at once, and the answer is the one ``query_too_costly`` error, without partial data. So a
  list far longer than estimated (a person with thousands of influencers) cannot get past the
  limit either. Mutations are held to the estimate only: stopped after their writes, one would
  answer as if nothing had been written.

The limit is ``STATUSMAP_MAX_QUERY_COST`` (20,000 by default): the page's largest query, an
account's map (500 people, each with influences, managers and acquaintances), is estimated at
15,500. Introspection (``__schema``, ``__type``) is not counted: its size is the schema's.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import Any, cast

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NamedTypeNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_interface_type,
    is_list_type,
    is_object_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.repository.writes import DEFAULT_PAGE_SIZE

__all__ = [
    "CODE",
    "LIST_ESTIMATE",
    "CostedExecution",
    "estimated_cost",
]

LIST_ESTIMATE = 10
"""Items assumed for a list without ``first`` (influencers, a buying centre, a journey)."""
CODE = "query_too_costly"
"""``extensions.code`` of the error refusing or stopping an operation over the limit."""
_PAGED = frozenset({"edges", "nodes"})
"""A connection's lists, as long as the page its field asked for."""


def estimated_cost(
    schema: GraphQLSchema,
    operation_type: GraphQLObjectType,
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> int:
    """List items an operation (``selection_set`` on ``operation_type``) is expected to resolve.

    Examples
    --------
    >>> from graphql import build_schema, parse
    >>> schema = build_schema('''
    ...   type Person { key: String, influencers: [Person] }
    ...   type Query { people(first: Int = 50): [Person] }
    ... ''')
    >>> operation = parse("{ people(first: 200) { influencers { influencers { key } } } }")
    >>> selection = operation.definitions[0].selection_set
    >>> estimated_cost(schema, schema.query_type, selection, {}, {})  # 200 + 2,000 + 20,000
    22200
    """
    return _Costing(schema.type_map, fragments, variables).cost(operation_type, selection_set)


class _Costing:
    """One estimate: the schema's types, the operation's fragments and variables."""

    def __init__(
        self,
        types: Mapping[str, GraphQLNamedType],
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.types = types
        self.fragments = fragments
        self.variables = variables

    def cost(
        self,
        parent: GraphQLNamedType,
        selection_set: SelectionSetNode,
        times: int = 1,
        page: int | None = None,
    ) -> int:
        """Items below ``selection_set``, resolved ``times`` times; ``page``: a connection's."""
        total = 0
        for node, field in self.fields(parent, selection_set):
            inner = node.selection_set
            named = get_named_type(field.type)
            if inner is None or not is_composite_type(named) or named.name.startswith("__"):
                continue
            size = _first(node, field, self.variables)
            if is_list_type(get_nullable_type(field.type)):
                paged = page if node.name.value in _PAGED else None
                items = size if size is not None else paged
                count = times * (LIST_ESTIMATE if items is None else items)
                total += count + self.cost(named, inner, count)
            else:  # an object: a connection passes its page size on to its lists
                total += self.cost(named, inner, times, size)
        return total

    def fields(
        self, parent: GraphQLNamedType, selection_set: SelectionSetNode
    ) -> Iterator[tuple[FieldNode, GraphQLField]]:
        """The fields of ``selection_set`` with their definitions, through fragments."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if is_object_type(parent) or is_interface_type(parent):
                    field = parent.fields.get(selection.name.value)
                    if field is not None:
                        yield selection, field
            elif isinstance(selection, InlineFragmentNode):
                on = self.on(parent, selection.type_condition)
                yield from self.fields(on, selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    on = self.on(parent, fragment.type_condition)
                    yield from self.fields(on, fragment.selection_set)

    def on(self, parent: GraphQLNamedType, condition: NamedTypeNode | None) -> GraphQLNamedType:
        """The type a fragment's fields are read on: its condition's, else ``parent``."""
        if condition is None:
            return parent
        return self.types.get(condition.name.value, parent)


def _first(node: FieldNode, field: GraphQLField, variables: Mapping[str, Any]) -> int | None:
    """The page size a field asks for with ``first``; ``None`` when it has no such argument."""
    argument = field.args.get("first")
    if argument is None:
        return None
    value: Any = argument.default_value
    for given in node.arguments or ():
        if given.name.value == "first":
            if isinstance(given.value, IntValueNode):
                value = int(given.value.value)
            elif isinstance(given.value, VariableNode):
                value = variables.get(given.value.name.value)
            else:
                value = None
    if not isinstance(value, int):
        return DEFAULT_PAGE_SIZE
    return max(value, 0)


def too_costly(cost: int, limit: int, estimated: bool) -> GraphQLError:
    """The error for an operation of ``cost`` list items against ``limit``."""
    if estimated:
        what = f"this query is estimated to resolve {cost:,} list items"
    else:
        what = f"this query was stopped after resolving {cost:,} list items"
    return GraphQLError(
        f"{what}, more than the limit of {limit:,} (STATUSMAP_MAX_QUERY_COST); ask for "
        f"smaller pages (first), fewer nested lists, or page through the results "
        f"(a list without `first` counts as {LIST_ESTIMATE} items in the estimate)",
        extensions={"code": CODE, "cost": cost, "limit": limit},
    )


class CostedExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution, refusing an operation estimated over the limit and counting.

    The limit is the context's ``max_query_cost`` (none without one).
    """

    resolved: int
    limit: int
    stop_at: int
    """The count past which the operation is stopped (no count for a mutation)."""

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> Any:
        built = super().build(*args, **kwargs)
        if isinstance(built, list):
            return built  # the request's own errors (variables, operation name)
        execution = cast("CostedExecution", built)
        schema = execution.schema
        root = schema.get_root_type(execution.operation.operation)
        if root is None:
            return built
        estimate = estimated_cost(
            schema,
            root,
            execution.operation.selection_set,
            execution.fragment_definitions,
            execution.variable_values.coerced,
        )
        if estimate > execution.limit:
            return [too_costly(estimate, execution.limit, estimated=True)]
        return built

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = getattr(self.context_value, "max_query_cost", sys.maxsize)
        self.resolved = 0
        self.stop_at = self.limit
        if self.operation.operation is OperationType.MUTATION:
            self.stop_at = sys.maxsize
            lift = getattr(self.context_value, "lift_time_budget", None)
            if lift is not None:
                lift()  # a write runs to its end, or not at all (see api/graphql/router.py)

    def complete_list_value(
        self,
        return_type: GraphQLList[Any],
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        if self.resolved > self.stop_at:
            raise too_costly(self.resolved, self.limit, estimated=False)
        named = get_named_type(return_type)
        if is_composite_type(named) and not named.name.startswith("__"):
            self.resolved += len(result) if isinstance(result, list | tuple) else 0
            if self.resolved > self.stop_at:
                raise too_costly(self.resolved, self.limit, estimated=False)
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )
