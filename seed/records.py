"""Plain records, one per CSV kind; field names are the columns of :mod:`graph.imports.formats`.

Every value is already text as it appears in the CSV file (empty string = no value), so writing
a record is ``csv.writer.writerow(astuple(record))`` and the files are byte-identical per seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "KIND_OF",
    "BuyingCentreRow",
    "DealRow",
    "InfluenceRow",
    "JourneyRow",
    "KnowsRow",
    "OrganisationRow",
    "PartnershipRow",
    "PersonRow",
    "Record",
    "ReportingRow",
]


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """A row of organisations.csv."""

    id: str
    name: str
    kind: str
    industry: str
    employees: str
    size_band: str
    revenue_band: str
    country: str
    region: str
    technologies: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A row of people.csv."""

    id: str
    first_name: str
    last_name: str
    title: str
    department: str
    email: str
    organisation_id: str
    level: str
    needs: str
    tags: str
    aliases: str = ""
    """Generated people have none (ids merged into them by an import)."""


@dataclass(frozen=True, slots=True)
class ReportingRow:
    """A row of reporting.csv."""

    person_id: str
    manager_id: str
    line: str


@dataclass(frozen=True, slots=True)
class InfluenceRow:
    """A row of influences.csv."""

    source_id: str
    target_id: str
    weight: str
    kind: str
    evidence: str
    basis: str = ""
    reported_by: str = ""


@dataclass(frozen=True, slots=True)
class KnowsRow:
    """A row of knows.csv."""

    source_id: str
    target_id: str
    strength: str
    last_contact: str


@dataclass(frozen=True, slots=True)
class PartnershipRow:
    """A row of partnerships.csv."""

    organisation_id: str
    partner_id: str


@dataclass(frozen=True, slots=True)
class DealRow:
    """A row of deals.csv."""

    id: str
    name: str
    organisation_id: str
    amount: str
    close_date: str


@dataclass(frozen=True, slots=True)
class BuyingCentreRow:
    """A row of buying_centre.csv."""

    deal_id: str
    person_id: str
    roles: str
    stance: str
    journey_stage: str
    motive: str = ""
    outcome: str = ""
    evidence: str = ""
    aspiration: str = ""


@dataclass(frozen=True, slots=True)
class JourneyRow:
    """A row of journey.csv."""

    deal_id: str
    person_id: str
    stage: str
    at: str
    note: str


Record = (
    OrganisationRow
    | PersonRow
    | ReportingRow
    | InfluenceRow
    | KnowsRow
    | PartnershipRow
    | DealRow
    | BuyingCentreRow
    | JourneyRow
)

KIND_OF: Final[dict[type, str]] = {
    OrganisationRow: "organisations",
    PersonRow: "people",
    ReportingRow: "reporting",
    InfluenceRow: "influences",
    KnowsRow: "knows",
    PartnershipRow: "partnerships",
    DealRow: "deals",
    BuyingCentreRow: "buying_centre",
    JourneyRow: "journey",
}
"""The CSV kind of each record type."""
