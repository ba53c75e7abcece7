"""ICP fit and input validation: pure functions, no database."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.model import IcpCriterion, InfluenceIn, PersonIn, validate
from graph.repository.writes import ensure_ids, validate_items
from graph.rules.icp import icp_fit


def test_icp_fit_weights_operators_and_technologies() -> None:
    criteria = [
        IcpCriterion(field="industry", values=["Banking", "Insurance"], weight=2),
        IcpCriterion(field="technologies", operator="all", values=["SAP", "Salesforce"]),
        IcpCriterion(field="country", operator="not_in", values=["US"]),
    ]
    fit = icp_fit(criteria, {"industry": "insurance", "technologies": ["sap"], "country": "DE"})
    assert fit.score == pytest.approx(3 / 4)
    assert fit.matched == ["industry", "country"]
    assert fit.missed == ["technologies"]
    # A missing value never matches, not even for not_in.
    assert icp_fit(criteria, {}).score == 0
    assert icp_fit([], {"industry": "Banking"}).score == 0


def test_validation_names_every_bad_field_in_api_spelling() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate(InfluenceIn, {"source_id": "a", "target_id": "b", "weight": 1.5})
    assert [f for f, _ in caught.value.fields] == ["weight"]
    with pytest.raises(ValidationFailed) as caught:
        validate_items(
            PersonIn,
            [
                {"name": "ok"},
                {"name": "", "email": "nope"},
                {"name": "x", "organisation_id": "a b"},
            ],
            "people",
        )
    fields = [f for f, _ in caught.value.fields]
    assert fields == ["people[1].name", "people[1].email", "people[2].organisationId"]


def test_ids_are_checked_generated_and_unique_per_batch() -> None:
    with pytest.raises(ValidationFailed, match="id"):
        validate(PersonIn, {"id": "has space", "name": "x"})
    with pytest.raises(ValidationFailed, match="id"):
        validate(PersonIn, {"id": "x" * 129, "name": "x"})
    generated = ensure_ids([None, "a"], "people")
    assert generated[1] == "a" and len(generated[0]) == 32
    with pytest.raises(ValidationFailed) as caught:
        ensure_ids(["a", "b", "a"], "people")
    assert caught.value.fields == [("people[2].id", "duplicate id 'a' (also at 0)")]
