"""Facts of the map and the change events between two snapshots of them (pure: no database).

A *fact* is one thing the map states, under a key that names it: a person's own properties
(``("person", id)``), where they work (``("works_at", id)``), their level on the
organisational ladder (``("level", id)``), an edge between two people (``("INFLUENCES", a,
b)``, ``("KNOWS", a, b)``, ``("REPORTS_TO", a, b)``), a buying-centre membership
(``("member", deal, person)``), a deal, an organisation, and a partnership
(``("partner", a, b)``, the pair sorted: the link has no direction). A fact's value is a map
or a scalar made only of JSON values; an absent fact is ``None``.

:func:`changes` compares two snapshots of the same keys and names every difference by its
:class:`ChangeKind`. Each event carries the whole value of its fact before and after, so the
state at a moment is the present one with the later events undone (their ``before`` put back),
and the net change between two moments is, per fact, the first event's ``before`` and the last
one's ``after``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "EDGE_TYPES",
    "STAKE_FIELDS",
    "Change",
    "ChangeKind",
    "FactKey",
    "changes",
    "dump_value",
    "json_value",
    "load_value",
]

FactKey = tuple[str, ...]

EDGE_TYPES = ("INFLUENCES", "KNOWS", "REPORTS_TO")
"""Relationship types between people that are facts of their own."""

STAKE_FIELDS = frozenset({"motive", "outcome", "evidence", "aspiration"})
"""Membership fields that make up a member's status stake (one kind of change for all)."""

_HIDDEN = frozenset({"id", "workspace", "fence"})
"""Node properties that are not facts: the key itself, the scope, the write fence's mark."""


class ChangeKind(StrEnum):
    """What a change event says happened."""

    PERSON_ADDED = "person_added"
    PERSON_REMOVED = "person_removed"
    PERSON_CHANGED = "person_changed"
    EMPLOYMENT_STARTED = "employment_started"
    EMPLOYMENT_CHANGED = "employment_changed"
    EMPLOYMENT_ENDED = "employment_ended"
    LEVEL_CHANGED = "level_changed"
    REPORTING_ADDED = "reporting_added"
    REPORTING_REMOVED = "reporting_removed"
    REPORTING_CHANGED = "reporting_changed"
    INFLUENCE_ADDED = "influence_added"
    INFLUENCE_REMOVED = "influence_removed"
    INFLUENCE_CHANGED = "influence_changed"
    KNOWS_ADDED = "knows_added"
    KNOWS_REMOVED = "knows_removed"
    KNOWS_CHANGED = "knows_changed"
    MEMBER_JOINED = "member_joined"
    MEMBER_LEFT = "member_left"
    ROLES_CHANGED = "roles_changed"
    STANCE_CHANGED = "stance_changed"
    STAGE_CHANGED = "stage_changed"
    STAKE_CHANGED = "stake_changed"
    DEAL_ADDED = "deal_added"
    DEAL_REMOVED = "deal_removed"
    DEAL_CHANGED = "deal_changed"
    ORGANISATION_ADDED = "organisation_added"
    ORGANISATION_REMOVED = "organisation_removed"
    ORGANISATION_CHANGED = "organisation_changed"
    PARTNER_ADDED = "partner_added"
    PARTNER_REMOVED = "partner_removed"
    # Derived when two moments are compared, never recorded (graph.scopes.diff): who is on the
    # map, the coverage warnings and the plan's order follow from the facts.
    MAP_JOINED = "map_joined"
    MAP_LEFT = "map_left"
    WARNING_GAINED = "warning_gained"
    WARNING_LOST = "warning_lost"
    PLAN_STEP_MOVED = "plan_step_moved"


# Per fact: the kinds for (added, removed, changed).
_KINDS: dict[str, tuple[ChangeKind, ChangeKind, ChangeKind]] = {
    "person": (ChangeKind.PERSON_ADDED, ChangeKind.PERSON_REMOVED, ChangeKind.PERSON_CHANGED),
    "works_at": (
        ChangeKind.EMPLOYMENT_STARTED,
        ChangeKind.EMPLOYMENT_ENDED,
        ChangeKind.EMPLOYMENT_CHANGED,
    ),
    "level": (ChangeKind.LEVEL_CHANGED, ChangeKind.LEVEL_CHANGED, ChangeKind.LEVEL_CHANGED),
    "REPORTS_TO": (
        ChangeKind.REPORTING_ADDED,
        ChangeKind.REPORTING_REMOVED,
        ChangeKind.REPORTING_CHANGED,
    ),
    "INFLUENCES": (
        ChangeKind.INFLUENCE_ADDED,
        ChangeKind.INFLUENCE_REMOVED,
        ChangeKind.INFLUENCE_CHANGED,
    ),
    "KNOWS": (ChangeKind.KNOWS_ADDED, ChangeKind.KNOWS_REMOVED, ChangeKind.KNOWS_CHANGED),
    "member": (ChangeKind.MEMBER_JOINED, ChangeKind.MEMBER_LEFT, ChangeKind.STAKE_CHANGED),
    "deal": (ChangeKind.DEAL_ADDED, ChangeKind.DEAL_REMOVED, ChangeKind.DEAL_CHANGED),
    "organisation": (
        ChangeKind.ORGANISATION_ADDED,
        ChangeKind.ORGANISATION_REMOVED,
        ChangeKind.ORGANISATION_CHANGED,
    ),
    "partner": (ChangeKind.PARTNER_ADDED, ChangeKind.PARTNER_REMOVED, ChangeKind.PARTNER_ADDED),
}

_MEMBER_FIELDS = (
    ("roles", ChangeKind.ROLES_CHANGED),
    ("stance", ChangeKind.STANCE_CHANGED),
    ("stage", ChangeKind.STAGE_CHANGED),
)


@dataclass(frozen=True)
class Change:
    """One change of one fact: its key, its kind, and its whole value before and after."""

    key: FactKey
    kind: ChangeKind
    before: Any
    after: Any


def json_value(value: Any) -> Any:
    """``value`` with dates and times as ISO strings and properties the map hides left out."""
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in sorted(value.items()) if k not in _HIDDEN}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def dump_value(value: Any) -> str | None:
    """A fact's value as stored on a change event (JSON text; ``None`` for an absent fact)."""
    return None if value is None else json.dumps(value, sort_keys=True, separators=(",", ":"))


def load_value(text: str | None) -> Any:
    """The inverse of :func:`dump_value`."""
    return None if text is None else json.loads(text)


def _member_changes(
    key: FactKey, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[Change]:
    found = [
        Change(key, kind, before, after)
        for field, kind in _MEMBER_FIELDS
        if before.get(field) != after.get(field)
    ]
    if any(before.get(f) != after.get(f) for f in STAKE_FIELDS):
        found.append(Change(key, ChangeKind.STAKE_CHANGED, before, after))
    return found


def changes(
    before: Mapping[FactKey, Any], after: Mapping[FactKey, Any], keys: Iterable[FactKey]
) -> list[Change]:
    """The changes of facts ``keys`` from snapshot ``before`` to snapshot ``after``.

    A key missing from a snapshot is an absent fact. A membership whose roles, stance or stage
    changed gives one change per field (each with the whole membership), stake fields one
    together.

    >>> [c.kind.value for c in changes({}, {("level", "ann"): 4}, [("level", "ann")])]
    ['level_changed']
    >>> old = {"roles": ["user"], "stance": "neutral", "stage": None}
    >>> new = {**old, "stance": "champion"}
    >>> key = ("member", "deal-1", "ann")
    >>> [c.kind.value for c in changes({key: old}, {key: new}, [key])]
    ['stance_changed']
    """
    found: list[Change] = []
    for key in sorted(set(keys)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        added, removed, changed = _KINDS[key[0]]
        if old is None:
            found.append(Change(key, added, None, new))
        elif new is None:
            found.append(Change(key, removed, old, None))
        elif key[0] == "member":
            found.extend(_member_changes(key, old, new))
        else:
            found.append(Change(key, changed, old, new))
    return found
