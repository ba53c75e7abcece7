"""Look-ahead into a field's selection, so a resolver can read a whole shape in one statement.

Fragments (named and inline) are looked through: ``... on Person { influencers { weight } }``
selects ``influencers`` as much as the plain field does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

__all__ = ["fields_of", "selects"]


def fields_of(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """The fields among ``selections``, those inside fragments included."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from fields_of(selection.selections)


def selects(selected: Iterable[Selection], *path: str) -> bool:
    """Whether a field follows ``path`` (GraphQL names) below ``selected``.

    ``selects(info.selected_fields, "buyingCentre", "person", "influencers")`` inside the
    ``buyingCentre`` resolver: whether any member's person asks for influencers.
    """
    level = list(fields_of(selected))
    for name in path[:-1]:
        level = [inner for f in level if f.name == name for inner in fields_of(f.selections)]
    return any(f.name == path[-1] for f in level)
