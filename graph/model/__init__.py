"""The status map's input models (pydantic); validated before anything is written."""

from graph.model.common import (
    DEFAULT_BASIS,
    InfluenceBasis,
    InfluenceKind,
    JourneyStage,
    Motive,
    OrganisationKind,
    Outcome,
    Role,
    Stance,
    basis_of,
    new_id,
    validate,
)
from graph.model.deal import DealIn, DealPatch, JourneyEventIn, MemberIn
from graph.model.organisation import OrganisationIn, OrganisationPatch
from graph.model.person import HypotheticalPersonIn, PersonIn, PersonPatch
from graph.model.relations import InfluenceIn, KnowsIn, LevelAssignment, PairIn
from graph.model.workspace import (
    DEFAULT_ORG_LEVELS,
    IcpCriterion,
    IcpField,
    IcpOperator,
    LadderIn,
    LevelIn,
    WorkspaceIn,
    WorkspacePatch,
    org_ladder_id,
)

__all__ = [
    "DEFAULT_BASIS",
    "DEFAULT_ORG_LEVELS",
    "DealIn",
    "DealPatch",
    "HypotheticalPersonIn",
    "IcpCriterion",
    "IcpField",
    "IcpOperator",
    "InfluenceBasis",
    "InfluenceIn",
    "InfluenceKind",
    "JourneyEventIn",
    "JourneyStage",
    "KnowsIn",
    "LadderIn",
    "LevelAssignment",
    "LevelIn",
    "MemberIn",
    "Motive",
    "OrganisationIn",
    "OrganisationKind",
    "OrganisationPatch",
    "Outcome",
    "PairIn",
    "PersonIn",
    "PersonPatch",
    "Role",
    "Stance",
    "WorkspaceIn",
    "WorkspacePatch",
    "basis_of",
    "new_id",
    "org_ladder_id",
    "validate",
]
