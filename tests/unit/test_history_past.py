"""The past map from facts (who is in a scope) and the analyses compared, on hand-made maps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from api.settings import Settings
from graph.history.facts import FactKey
from graph.scopes.cache import analyse
from graph.scopes.diff import analysis_changes
from graph.scopes.past import PastScope, reported_ties_at, scope_of_facts
from graph.scopes.read import Scope

assert Settings  # settings come from api/settings.py

ORGS = {
    "acme": {"kind": "customer"},
    "other": {"kind": "customer"},
    "us": {"kind": "home"},
    "pa": {"kind": "partner"},
}


def _facts() -> dict[FactKey, Any]:
    works = {"a": "acme", "b": "acme", "x": "other", "y": "other", "z": "other"}
    works |= {"h": "us", "p": "pa", "q": "pa"}
    facts: dict[FactKey, Any] = {("deal", "d"): {"organisation_id": "acme"}}
    for person, org in works.items():
        facts[("person", person)] = {"name": person.upper()}
        facts[("works_at", person)] = org
        facts[("level", person)] = 3
    facts[("member", "d", "b")] = {"roles": ["decider"], "stance": "sceptic"}
    facts[("INFLUENCES", "x", "b")] = {"weight": 0.5, "kind": "advice"}
    facts[("INFLUENCES", "y", "x")] = {"weight": 0.5, "kind": "peer"}
    facts[("INFLUENCES", "z", "y")] = {"weight": 0.5, "kind": "peer"}
    facts[("KNOWS", "p", "b")] = {"strength": 0.4}
    facts[("KNOWS", "h", "q")] = {"strength": 0.9}
    facts[("REPORTS_TO", "a", "a")] = {}
    return facts


def test_a_deal_scope_holds_members_the_account_two_hops_of_influence_ours_and_partners() -> None:
    scope = scope_of_facts("deal", "d", _facts(), ORGS)
    # q knows one of ours (h): partners who know anyone of the core are in, ours included
    assert {p.id for p in scope.people} == {"a", "b", "x", "y", "h", "p", "q"}
    assert [(e.source, e.target) for e in scope.influences] == [("x", "b"), ("y", "x")]
    assert [(k.source, k.target) for k in scope.knows] == [("h", "q"), ("p", "b")]
    assert scope.reports_to == []  # a self-loop is left out, as the statement does
    assert [(m.person_id, m.stance) for m in scope.members] == [("b", "sceptic")]
    assert scope.account_id == "acme"


def test_a_person_removed_then_leaves_the_scope_with_their_edges() -> None:
    facts = _facts()
    del facts[("person", "x")]
    scope = scope_of_facts("deal", "d", facts, ORGS)
    assert {p.id for p in scope.people} == {"a", "b", "h", "p", "q"}
    assert scope.influences == []


def test_analysis_changes_name_who_joined_the_map_and_the_plan_moves() -> None:
    before = analyse(scope_of_facts("deal", "d", _facts(), ORGS))
    facts = _facts()
    del facts[("KNOWS", "p", "b")]
    after = analyse(scope_of_facts("deal", "d", facts, ORGS))
    found = {(c.kind.value, c.key) for c in analysis_changes(before, after)}
    assert ("map_left", ("map", "p")) in found
    assert not [k for k in found if k[0] == "map_joined"]
    empty = analyse(Scope("deal", "d", [], [], [], []))
    assert analysis_changes(before, before) == []
    assert {c.kind.value for c in analysis_changes(empty, before)} >= {"map_joined"}


def test_reported_ties_at_a_moment_are_todays_unless_an_event_put_others_back() -> None:
    """A tie no event changed since the moment has today's reports; a changed one those the
    events put back (moments as they are stored in facts, ISO text); a tie with fewer than two
    reports then, or not on the map, is not listed."""
    at = "2026-01-02T03:04:05+00:00"
    facts = _facts()
    facts[("INFLUENCES", "x", "b")] = {
        "weight": 0.5,
        "report_by": ["h", ""],
        "report_user": ["u", "u"],
        "report_weight": [0.2, 0.8],
        "report_at": [at, at],
    }
    facts[("INFLUENCES", "y", "x")] = {"weight": 0.5, "report_weight": [0.5]}
    changed = frozenset({("INFLUENCES", "x", "b"), ("INFLUENCES", "y", "x")})
    past = PastScope(dt.datetime(2026, 1, 3, tzinfo=dt.UTC), Scope("deal", "d", [], [], [], []),
                     facts, ORGS, changed)  # fmt: skip
    today = {"weight": 0.4, "report_weight": [0.4, 0.4]}
    present = [
        {"source": s, "target": t, "source_name": "now", "target_name": "now", "edge": today}
        for s, t in (("x", "b"), ("y", "x"), ("z", "y"), ("a", "b"))
    ]
    rows = reported_ties_at(past, present, [("x", "b"), ("y", "x"), ("z", "y")])
    assert [(r["source"], r["target"], r["source_name"]) for r in rows] == [
        ("x", "b", "X"),
        ("z", "y", "Z"),
    ]
    assert rows[0]["edge"]["report_at"] == [dt.datetime.fromisoformat(at)] * 2
    assert rows[0]["edge"]["report_weight"] == [0.2, 0.8]
    assert rows[1]["edge"] is today
