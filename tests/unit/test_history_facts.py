"""The rule that names a change of a fact (graph.history.facts), on hand-made snapshots."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.history.facts import ChangeKind, changes, dump_value, json_value, load_value

ANN = ("member", "deal", "ann")
EDGE = ("INFLUENCES", "ann", "bo")


Facts = dict[tuple[str, ...], Any]


def _kinds(before: Facts, after: Facts) -> list[tuple[ChangeKind, tuple[str, ...]]]:
    return [(c.kind, c.key) for c in changes(before, after, [*before, *after])]


def test_added_removed_and_changed_by_fact() -> None:
    assert _kinds({}, {EDGE: {"weight": 0.5}}) == [(ChangeKind.INFLUENCE_ADDED, EDGE)]
    assert _kinds({EDGE: {"weight": 0.5}}, {}) == [(ChangeKind.INFLUENCE_REMOVED, EDGE)]
    assert _kinds({EDGE: {"weight": 0.5}}, {EDGE: {"weight": 0.2}}) == [
        (ChangeKind.INFLUENCE_CHANGED, EDGE)
    ]
    works = ("works_at", "ann")
    assert _kinds({works: "acme"}, {}) == [(ChangeKind.EMPLOYMENT_ENDED, works)]
    assert _kinds({works: "acme"}, {works: "beta"}) == [(ChangeKind.EMPLOYMENT_CHANGED, works)]
    assert _kinds({EDGE: {"weight": 0.5}}, {EDGE: {"weight": 0.5}}) == []


def test_a_membership_change_is_named_per_field_with_the_whole_value() -> None:
    old = {"roles": ["user"], "stance": "neutral", "stage": "trust", "motive": "unknown"}
    new = {
        "roles": ["champion", "user"],
        "stance": "champion",
        "stage": "trust",
        "motive": "fit_in",
    }
    found = changes({ANN: old}, {ANN: new}, [ANN])
    assert [c.kind for c in found] == [
        ChangeKind.ROLES_CHANGED,
        ChangeKind.STANCE_CHANGED,
        ChangeKind.STAKE_CHANGED,
    ]
    assert all((c.before, c.after) == (old, new) for c in found)
    assert [c.kind for c in changes({}, {ANN: new}, [ANN])] == [ChangeKind.MEMBER_JOINED]


def test_values_go_to_json_and_back_without_the_scope() -> None:
    stored = {"id": "ann", "workspace": "w", "name": "Ann", "since": dt.date(2024, 1, 2)}
    value = json_value(stored)
    assert value == {"name": "Ann", "since": "2024-01-02"}
    assert load_value(dump_value(value)) == value
    assert dump_value(None) is None and load_value(None) is None
