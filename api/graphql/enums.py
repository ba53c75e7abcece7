"""The domain's enums registered as GraphQL enums: UPPER_CASE names, stored lower-case.

Import the enums from here, so the registration has happened wherever they are used.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar, cast

import strawberry

from graph.history.facts import ChangeKind
from graph.model import (
    InfluenceBasis,
    InfluenceKind,
    JourneyStage,
    Motive,
    OrganisationKind,
    Outcome,
    Role,
    Stance,
)
from graph.model.common import ReportingLine
from graph.model.workspace import IcpField, IcpOperator

__all__ = [
    "ChangeKind",
    "IcpField",
    "IcpOperator",
    "InfluenceBasis",
    "InfluenceKind",
    "JourneyStage",
    "Motive",
    "OrganisationKind",
    "Outcome",
    "ReportingLine",
    "Role",
    "Stance",
    "stored",
]

E = TypeVar("E", bound=StrEnum)


def stored(kind: type[E], value: str) -> E:
    """A stored enum value (lower-case text) handed to GraphQL as it is, typed as ``kind``.

    graphql-core maps a value to its name with one dict lookup; Strawberry, given the enum's
    member instead, compares it with every value of the enum in turn. A buying centre answers
    roles, stances and kinds for every member and influencer, so the text itself goes out. A
    value that is not one of the enum's is an error at its field, as it would be otherwise.
    """
    return cast(E, value)


for _enum in (
    OrganisationKind,
    Role,
    Stance,
    JourneyStage,
    InfluenceKind,
    InfluenceBasis,
    Motive,
    Outcome,
    ReportingLine,
    IcpField,
    IcpOperator,
    ChangeKind,
):
    strawberry.enum(_enum)
