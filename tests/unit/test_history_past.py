"""The past map from facts (who is in a scope) and the analyses compared, on hand-made maps."""

from __future__ import annotations

from typing import Any

from api.settings import Settings
from graph.history.facts import FactKey
from graph.scopes.cache import analyse
from graph.scopes.diff import analysis_changes
from graph.scopes.past import scope_of_facts
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
