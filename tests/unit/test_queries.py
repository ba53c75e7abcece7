"""The Cypher catalog: every file loads, every file is used, a missing name fails loudly.

Shared parts are fragments, included once each where used (graph/database/queries.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.database.queries import _expand, all_fragment_names, all_query_names, query
from graph.database.store import SCHEMA_STEPS
from graph.errors import QueryNotFound

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("api", "graph", "seed")


def _code() -> str:
    return "\n".join(
        p.read_text() for d in CODE_DIRS for p in (ROOT / d).rglob("*.py") if p.is_file()
    )


def test_every_statement_loads_and_is_one_statement() -> None:
    names = all_query_names()
    assert "health/components" in names
    for name in names:
        text = query(name)
        assert text
        # One statement per file: no statement separator outside the end.
        assert ";" not in text.rstrip(";"), name


def test_every_statement_file_is_used_by_the_code() -> None:
    code = _code()
    # schema/* are applied as a set by Store.apply_schema; each step of SCHEMA_STEPS has its pair.
    steps = {f"schema_steps/{s}_{part}" for s in SCHEMA_STEPS for part in ("pending", "apply")}
    assert steps <= set(all_query_names())
    unused = [
        name
        for name in all_query_names()
        if not name.startswith("schema/")
        and name not in steps
        and not re.search(rf"[\"']{re.escape(name)}[\"']", code)
    ]
    assert unused == []


def test_missing_statement_is_a_loud_error() -> None:
    with pytest.raises(QueryNotFound, match="no_such/thing"):
        query("no_such/thing")


def test_every_fragment_is_included_and_expands_fully() -> None:
    text = "\n".join(p.read_text() for p in (ROOT / "queries").rglob("*.cypher"))
    unused = [f for f in all_fragment_names() if not re.search(rf"\{{\{{ {f}\(", text)]
    assert unused == []
    for name in all_query_names():
        assert "{{" not in query(name), name


def test_the_person_projection_and_level_are_written_once() -> None:
    # Adding a Person field touches queries/fragments/person_projection.cypher only.
    written = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "queries").rglob("*.cypher")
        if ".department, .email" in p.read_text() or "lv:AT_LEVEL]->(s:StatusLevel" in p.read_text()
    }
    assert written == {
        "queries/fragments/person_projection.cypher",
        "queries/fragments/org_level.cypher",
    }
    members = query("deals/members")
    assert members.count(".department, .email") == 2
    assert "level.rank > own.rank" in members


def test_a_fragment_takes_variables_and_fails_loudly() -> None:
    expanded = _expand("RETURN {{ org_rank(x) }} AS r", "test")
    assert expanded.startswith("RETURN head([(x)-[:AT_LEVEL]->") and "{{" not in expanded
    with pytest.raises(QueryNotFound, match="no_such_fragment"):
        _expand("RETURN {{ no_such_fragment(p) }}", "test")
    with pytest.raises(QueryNotFound, match=r"takes the variables \(person, level\)"):
        _expand("RETURN {{ person_projection(p) }}", "test")
    with pytest.raises(QueryNotFound, match="takes the variables"):
        _expand("RETURN {{ org_rank(p.x) }}", "test")
    with pytest.raises(QueryNotFound, match="placeholder"):
        _expand("RETURN {{ org_rank }}", "test")
