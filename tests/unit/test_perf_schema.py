"""The schema's per-request extensions keep the validation cache effective."""

from __future__ import annotations

from strawberry.extensions import AddValidationRules

from api.graphql.schema import LIMIT_RULES, schema


def _rules() -> tuple[type, ...]:
    made = [factory() for factory in schema.extensions]  # type: ignore[operator]
    return tuple(
        rule for ext in made if isinstance(ext, AddValidationRules) for rule in ext.validation_rules
    )


def test_every_request_gets_the_same_validation_rules() -> None:
    # The rules are part of the validation cache's key: rules made per request never hit it.
    first, second = _rules(), _rules()
    assert first == second
    assert set(LIMIT_RULES) <= set(first)
