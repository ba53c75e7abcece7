"""What a write naming a person by one of their aliases does to the values they already have.

One rule per intent of the path, both worked out here:

* :data:`EDIT` — an explicit edit: GraphQL's ``upsertPeople`` or ``updatePerson`` naming the
  person by id or alias. The caller says what the values are: every value given replaces the
  person's, and a value not given is left as it is.
* :data:`MERGE` — an import merging a row into a person (a CSV or CRM row under an alias, or a
  likely duplicate with ``duplicates=merge``). The file is another record of someone already
  known: values the person lacks are filled from it; a value that differs is kept as it is and
  reported (kept against incoming), for someone to decide.

>>> have = {"title": "CEO", "email": ""}
>>> row = {"title": "Chief Executive", "email": "ceo@example.org"}
>>> merge_values(have, row, MERGE).write
{'email': 'ceo@example.org'}
>>> merge_values(have, row, EDIT).write
{'title': 'Chief Executive', 'email': 'ceo@example.org'}
>>> merge_values(have, row, MERGE).differing
(Differing(field='title', kept='CEO', incoming='Chief Executive'),)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

__all__ = ["EDIT", "MERGE", "Differing", "MergeRule", "Merged", "merge_values"]


class MergeRule(Enum):
    """How values written under an alias meet the person's own (see the module)."""

    EDIT = "edit"
    MERGE = "merge"


EDIT = MergeRule.EDIT
MERGE = MergeRule.MERGE


class Differing(NamedTuple):
    """A field whose incoming value differs from the person's."""

    field: str
    kept: str
    """The person's value: still theirs under :data:`MERGE`, replaced under :data:`EDIT`."""
    incoming: str


@dataclass(frozen=True)
class Merged:
    """What a write does under a rule: the values to write, the fields it fills (the person
    had none) and the fields where it differs from the person."""

    write: dict[str, str]
    filled: tuple[str, ...]
    differing: tuple[Differing, ...]


def _equal(_field: str, a: str, b: str) -> bool:
    return a == b


def merge_values(
    have: Mapping[str, str],
    incoming: Mapping[str, str],
    rule: MergeRule,
    fields: Iterable[str] | None = None,
    same: Callable[[str, str, str], bool] = _equal,
) -> Merged:
    """The outcome of writing ``incoming`` over ``have`` under ``rule``.

    ``fields`` are those compared (default: every incoming one); an empty incoming value says
    nothing and is skipped. ``same(field, a, b)`` says whether two values mean the same (lists
    as sets, email in any case: the import's reading); a same value is neither written nor
    reported.
    """
    write: dict[str, str] = {}
    filled: list[str] = []
    differing: list[Differing] = []
    for field in incoming if fields is None else fields:
        value, kept = incoming.get(field, ""), have.get(field, "")
        if not value:
            continue
        if not kept:
            write[field] = value
            filled.append(field)
        elif not same(field, value, kept):
            differing.append(Differing(field, kept, value))
            if rule is EDIT:
                write[field] = value
    return Merged(write, tuple(filled), tuple(differing))
