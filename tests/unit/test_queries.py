"""The Cypher catalog: every file loads, every file is used, a missing name fails loudly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.errors import QueryNotFound
from graph.queries import all_query_names, query

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
    unused = [
        name
        for name in all_query_names()
        # schema/* are applied as a set by Store.apply_schema.
        if not name.startswith("schema/") and not re.search(rf"[\"']{re.escape(name)}[\"']", code)
    ]
    assert unused == []


def test_missing_statement_is_a_loud_error() -> None:
    with pytest.raises(QueryNotFound, match="no_such/thing"):
        query("no_such/thing")
