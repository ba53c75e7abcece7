"""The domain's enums registered as GraphQL enums: UPPER_CASE names, stored lower-case.

Import the enums from here, so the registration has happened wherever they are used.
"""

from __future__ import annotations

import strawberry

from graph.model import InfluenceKind, JourneyStage, OrganisationKind, Role, Stance
from graph.model.workspace import IcpField, IcpOperator

__all__ = [
    "IcpField",
    "IcpOperator",
    "InfluenceKind",
    "JourneyStage",
    "OrganisationKind",
    "Role",
    "Stance",
]

for _enum in (OrganisationKind, Role, Stance, JourneyStage, InfluenceKind, IcpField, IcpOperator):
    strawberry.enum(_enum)
