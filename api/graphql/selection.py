"""Look-ahead into a field's selection, so a resolver can read a whole shape in one statement.

Works on the parsed document itself (graphql-core's nodes, shared by every request that sends
the same query thanks to the parser cache) rather than Strawberry's ``info.selected_fields``,
which converts the whole sub-tree, arguments and directives into new objects on every call.
Fragments (named and inline) are looked through: ``... on Person { influencers { weight } }``
selects ``influencers`` as much as the plain field does. ``@skip``/``@include`` are not
evaluated: a look-ahead may read a little more than is shown, never less.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLResolveInfo,
    InlineFragmentNode,
    SelectionNode,
)
from graphql.utilities import value_from_ast_untyped
from strawberry.types import Info

__all__ = ["Selected", "fields_at", "selected", "selects"]


@dataclass(frozen=True, slots=True)
class Selected:
    """The selections of some fields, with what it takes to read them (fragments, variables)."""

    nodes: tuple[SelectionNode, ...]
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: dict[str, Any]

    def fields(self) -> Iterator[SelectedField]:
        """The fields among these selections, those inside fragments included."""
        yield from _fields(self, self.nodes)


@dataclass(frozen=True, slots=True)
class SelectedField:
    """One field of a selection: its name, arguments (variables filled in) and sub-selection."""

    node: FieldNode
    within: Selected

    @property
    def name(self) -> str:
        return self.node.name.value

    def argument(self, name: str) -> Any:
        """The value of argument ``name`` as sent (``None`` when not given)."""
        for argument in self.node.arguments or ():
            if argument.name.value == name:
                return value_from_ast_untyped(argument.value, self.within.variables)
        return None

    @property
    def selections(self) -> Selected:
        inner = self.node.selection_set.selections if self.node.selection_set else ()
        return Selected(tuple(inner), self.within.fragments, self.within.variables)


def _fields(selected: Selected, nodes: Iterable[SelectionNode]) -> Iterator[SelectedField]:
    for node in nodes:
        if isinstance(node, FieldNode):
            yield SelectedField(node, selected)
        elif isinstance(node, InlineFragmentNode):
            yield from _fields(selected, node.selection_set.selections)
        elif isinstance(node, FragmentSpreadNode):
            fragment = selected.fragments.get(node.name.value)
            if fragment is not None:
                yield from _fields(selected, fragment.selection_set.selections)


def selected(info: Info[Any, Any]) -> Selected:
    """The sub-selection of the field being resolved."""
    raw: GraphQLResolveInfo[Any] = info._raw_info
    nodes = tuple(
        inner
        for node in raw.field_nodes
        if node.selection_set is not None
        for inner in node.selection_set.selections
    )
    # graphql-core 3.3 types this as coerced values with their sources; at run time it is the
    # plain dict of coerced values. Either way, the values are what arguments refer to.
    values: Any = raw.variable_values
    return Selected(nodes, raw.fragments, getattr(values, "coerced", values))


def fields_at(selection: Selected, *path: str) -> list[SelectedField]:
    """Every field that follows ``path`` (GraphQL names) below ``selection``.

    ``fields_at(selected(info), "person", "influencers")`` inside the ``buyingCentre``
    resolver: how the members' people ask for influencers, if they do.
    """
    level = list(selection.fields())
    for name in path[:-1]:
        level = [inner for f in level if f.name == name for inner in f.selections.fields()]
    return [f for f in level if f.name == path[-1]]


def selects(selection: Selected, *path: str) -> bool:
    """Whether any field follows ``path`` below ``selection`` (see :func:`fields_at`)."""
    return bool(fields_at(selection, *path))
