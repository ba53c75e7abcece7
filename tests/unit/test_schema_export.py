"""``api/schema.graphql`` is what the code serves (regenerate with ``make schema``)."""

from __future__ import annotations

from pathlib import Path

from strawberry.printer import print_schema

from api.graphql import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "api" / "schema.graphql"


def test_exported_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text() == print_schema(schema) + "\n", (
        "api/schema.graphql is out of date: run `make schema`"
    )
