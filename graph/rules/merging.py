"""What a write naming a person by one of their aliases does to the values they already have.

One rule per intent of the path, both worked out here:

* :data:`EDIT` — an explicit edit: GraphQL's ``upsertPeople`` or ``updatePerson`` naming the
  person by id or alias. The caller says what the values are: every value given replaces the
  person's (an empty one clears it), and a value not given is left as it is. What an edit
  writes does not depend on what the person has, so that path asks the rule with nothing
  read (``graph.repository.people``); what it has only decides what is reported.
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
>>> cleared = {"title": None}
>>> merge_values(have, cleared, EDIT).write, merge_values(have, cleared, MERGE).write
({'title': None}, {})
>>> merge_values(have, row, MERGE).differing
(Differing(field='title', kept='CEO', incoming='Chief Executive'),)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple

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
    kept: Any
    """The person's value: still theirs under :data:`MERGE`, replaced under :data:`EDIT`."""
    incoming: Any


@dataclass(frozen=True)
class Merged:
    """What a write does under a rule: the values to write, the fields it fills (the person
    had none) and the fields where it differs from the person."""

    write: dict[str, Any]
    filled: tuple[str, ...]
    differing: tuple[Differing, ...]


def _equal(_field: str, a: Any, b: Any) -> bool:
    return bool(a == b)


def _empty(value: Any) -> bool:
    """No value: nothing in a file's cell, a field cleared (``None``), an empty list."""
    return value is None or value == "" or value == [] or value == ()


def merge_values(
    have: Mapping[str, Any],
    incoming: Mapping[str, Any],
    rule: MergeRule,
    fields: Iterable[str] | None = None,
    same: Callable[[str, Any, Any], bool] = _equal,
) -> Merged:
    """The outcome of writing ``incoming`` over ``have`` under ``rule``.

    ``fields`` are those compared (default: every incoming one); a field ``incoming`` lacks is
    not given and left as it is. Under :data:`MERGE` an empty incoming value says nothing and is
    skipped, and a value the person has is kept; under :data:`EDIT` every given value is
    written, an empty one clearing the field. ``same(field, a, b)`` says whether two values
    mean the same (lists as sets, email in any case: the import's reading); a same value is
    not reported, nor written by a merge.
    """
    write: dict[str, Any] = {}
    filled: list[str] = []
    differing: list[Differing] = []
    for field in incoming if fields is None else fields:
        if field not in incoming:
            continue
        value, kept = incoming[field], have.get(field)
        if rule is EDIT:
            write[field] = value
        if _empty(value):
            if rule is EDIT and not _empty(kept):
                differing.append(Differing(field, kept, value))
            continue
        if _empty(kept):
            write[field] = value
            filled.append(field)
        elif not same(field, value, kept):
            differing.append(Differing(field, kept, value))
    return Merged(write, tuple(filled), tuple(differing))
