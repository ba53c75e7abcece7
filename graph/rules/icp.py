"""Ideal customer profile fit: how well an organisation matches a workspace's criteria.

A pure function: fit = (sum of weights of matched criteria) / (sum of all weights), in 0..1.

>>> from graph.model import IcpCriterion
>>> icp = [IcpCriterion(field="industry", values=["Banking"], weight=2),
...        IcpCriterion(field="country", values=["DE", "AT"])]
>>> fit = icp_fit(icp, {"industry": "banking", "country": "FR"})
>>> round(fit.score, 3), fit.matched, fit.missed
(0.667, ['industry'], ['country'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model.workspace import IcpCriterion, IcpOperator

__all__ = ["IcpFit", "icp_fit"]


@dataclass(frozen=True)
class IcpFit:
    """The score (0..1) and which criteria (by field name) matched and missed."""

    score: float
    matched: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def _values(raw: Any) -> set[str]:
    if raw is None:
        return set()
    items = raw if isinstance(raw, list | tuple | set) else [raw]
    return {str(v).strip().casefold() for v in items if v is not None and str(v).strip()}


def _matches(criterion: IcpCriterion, organisation: Mapping[str, Any]) -> bool:
    have = _values(organisation.get(criterion.field.value))
    want = _values(criterion.values)
    if criterion.operator is IcpOperator.IN:
        return bool(have & want)
    if criterion.operator is IcpOperator.NOT_IN:
        return bool(have) and not have & want
    return want <= have


def icp_fit(criteria: Sequence[IcpCriterion], organisation: Mapping[str, Any]) -> IcpFit:
    """Score ``organisation`` (a mapping of its stored fields) against ``criteria``.

    Text comparison ignores case and surrounding space. No criteria: score 0, nothing matched.
    """
    total = sum(c.weight for c in criteria)
    if total == 0:
        return IcpFit(0.0)
    matched: list[str] = []
    missed: list[str] = []
    score = 0.0
    for criterion in criteria:
        if _matches(criterion, organisation):
            matched.append(criterion.field.value)
            score += criterion.weight
        else:
            missed.append(criterion.field.value)
    return IcpFit(round(score / total, 6), matched, missed)
