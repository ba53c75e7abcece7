"""One vocabulary and one id rule: every copy is derived from graph/model/common.py."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest
from graphql import GraphQLEnumType, build_schema

from api.frontend_vocabulary import VOCABULARY_FILE, render
from graph import analytics
from graph.imports import formats
from graph.imports.validate import _value_problem
from graph.model import PersonIn, common, validate

ROOT = Path(__file__).resolve().parents[2]
ENUMS: tuple[type[StrEnum], ...] = (
    common.Role,
    common.Stance,
    common.JourneyStage,
    common.InfluenceKind,
    common.OrganisationKind,
    common.Motive,
    common.Outcome,
    common.InfluenceBasis,
)


def _values(kind: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in kind)


def test_csv_formats_and_analytics_use_the_model_enums() -> None:
    assert formats.ROLES == analytics.ROLES == _values(common.Role)
    assert formats.STANCES == analytics.STANCES == _values(common.Stance)
    assert formats.ORG_KINDS == analytics.ORG_KINDS == _values(common.OrganisationKind)
    assert _values(common.JourneyStage) == formats.JOURNEY_STAGES
    assert _values(common.InfluenceKind) == formats.INFLUENCE_KINDS
    assert _values(common.ReportingLine) == formats.REPORTING_LINES
    assert {"home", "partner"} == analytics.APPROACH_SIDES
    choices = {c.choices for f in formats.FORMATS.values() for c in f.columns if c.choices}
    assert choices <= {_values(e) for e in (*ENUMS, common.ReportingLine)}


def test_graphql_schema_spells_the_same_enums() -> None:
    schema = build_schema((ROOT / "api" / "schema.graphql").read_text())
    for kind in ENUMS:
        enum = schema.type_map[kind.__name__]
        assert isinstance(enum, GraphQLEnumType)
        assert tuple(enum.values) == tuple(m.name for m in kind), kind.__name__


def test_frontend_vocabulary_is_generated_and_the_only_copy() -> None:
    assert VOCABULARY_FILE.read_text() == render(), (
        "frontend/src/vocabulary.js is out of date: run `make schema`"
    )
    # The enums' own order spelled out again (the map's role priority is another order).
    spelled = re.compile(
        r"'initiator',\s*'user',\s*'influencer'|'champion',\s*'supporter',\s*'neutral'"
        r"|'awareness',\s*'intrigue'|'advice',\s*'peer',\s*'sponsor'"
    )
    copies = [
        p.name
        for p in (ROOT / "frontend" / "src").glob("*.js")
        if p != VOCABULARY_FILE and spelled.search(p.read_text())
    ]
    assert copies == []


@pytest.mark.parametrize("key", ["acme", "-acme", "@ops", "_x", ".x", "a:b", "x" * 128])
def test_one_id_rule_for_the_api_and_the_import(key: str) -> None:
    assert validate(PersonIn, {"id": key, "name": "x"}).id == key
    assert _value_problem(formats.Column("id", "id", required=True), key) is None
    assert formats.ID_PATTERN.pattern == common.ID_PATTERN


@pytest.mark.parametrize("key", ["", "a b", "x" * 129, "'acme", "=1+1"])
def test_ids_the_api_and_the_import_both_refuse(key: str) -> None:
    assert re.match(common.ID_PATTERN, key) is None
    assert _value_problem(formats.Column("id", "id", required=True), key) is not None
