"""Look-ahead into a field's selection, so a resolver can read a whole shape in one statement.

Fragments (named and inline) are looked through: ``... on Person { influencers { weight } }``
selects ``influencers`` as much as the plain field does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

__all__ = ["fields_at", "fields_of", "selects"]


def fields_of(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """The fields among ``selections``, those inside fragments included."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from fields_of(selection.selections)


def fields_at(selected: Iterable[Selection], *path: str) -> list[SelectedField]:
    """Every field that follows ``path`` (GraphQL names) below ``selected``, with its arguments.

    ``fields_at(info.selected_fields, "buyingCentre", "person", "influencers")`` inside the
    ``buyingCentre`` resolver: how the members' people ask for influencers, if they do.
    """
    level = list(fields_of(selected))
    for name in path[:-1]:
        level = [inner for f in level if f.name == name for inner in fields_of(f.selections)]
    return [f for f in level if f.name == path[-1]]


def selects(selected: Iterable[Selection], *path: str) -> bool:
    """Whether any field follows ``path`` below ``selected`` (see :func:`fields_at`)."""
    return bool(fields_at(selected, *path))
