"""The CSV files statusmap reads and writes: one documented column set per kind.

Import and export share these definitions, so an exported workspace imports back unchanged.
Each kind has a file name, its columns in order, the required ones, the columns whose values
are ids of other records, and the key that makes a row unique (a second row with the same key
is a duplicate). List values (roles, tags, technologies) are separated by ``;``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from graph.model.common import ID_PATTERN as ID_RULE
from graph.model.common import (
    InfluenceBasis,
    InfluenceKind,
    JourneyStage,
    Motive,
    OrganisationKind,
    Outcome,
    ReportingLine,
    Role,
    Stance,
    vocabulary,
)

__all__ = [
    "BASES",
    "FORMATS",
    "ID_PATTERN",
    "INFLUENCE_KINDS",
    "JOURNEY_STAGES",
    "KIND_ORDER",
    "LIST_SEPARATOR",
    "MOTIVES",
    "ORG_KINDS",
    "OUTCOMES",
    "REPORTING_LINES",
    "ROLES",
    "STANCES",
    "Column",
    "FileFormat",
    "neutralise_formula",
    "restore_formula",
]

LIST_SEPARATOR: Final = ";"
ID_PATTERN: Final = re.compile(ID_RULE)
"""The one id rule (:data:`graph.model.common.ID_PATTERN`), compiled."""

ORG_KINDS: Final = vocabulary(OrganisationKind)
INFLUENCE_KINDS: Final = vocabulary(InfluenceKind)
REPORTING_LINES: Final = vocabulary(ReportingLine)
ROLES: Final = vocabulary(Role)
STANCES: Final = vocabulary(Stance)
MOTIVES: Final = vocabulary(Motive)
OUTCOMES: Final = vocabulary(Outcome)
BASES: Final = vocabulary(InfluenceBasis)
JOURNEY_STAGES: Final = vocabulary(JourneyStage)

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def neutralise_formula(value: Any) -> Any:
    """``value`` safe to open in a spreadsheet: a would-be formula gets a leading ``'``.

    Numbers (``-0.5``, ``+49``) are left alone so that they import back as numbers.
    :func:`restore_formula` undoes it on import.

    >>> neutralise_formula("=SUM(A1:A9)"), neutralise_formula("-12.5"), neutralise_formula("Ann")
    ("'=SUM(A1:A9)", '-12.5', 'Ann')
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START) or _is_number(value):
        return value
    return "'" + value


def restore_formula(value: str) -> str:
    """A cell as it was before :func:`neutralise_formula` protected it.

    Only a ``'`` that the export would have added goes: one before a formula character that is
    not a number. An id never holds ``'``, so an id like ``-acme`` comes back whole.

    >>> restore_formula("'-acme"), restore_formula("'@ops"), restore_formula("'t Hooft")
    ('-acme', '@ops', "'t Hooft")
    >>> all(restore_formula(neutralise_formula(v)) == v for v in ("=1+1", "-2", "@x", "x"))
    True
    """
    rest = value[1:]
    if value.startswith("'") and rest.startswith(_FORMULA_START) and not _is_number(rest):
        return rest
    return value


@dataclass(frozen=True, slots=True)
class Column:
    """One CSV column.

    ``type`` is one of ``id``, ``text``, ``int``, ``unit`` (a number in 0..1), ``level``
    (1..7), ``date`` (YYYY-MM-DD), ``datetime`` (an ISO 8601 date, or date and time with an
    optional offset; none means UTC), ``email`` (:func:`graph.rules.integrity.email_problem`),
    ``enum`` (one of ``choices``), ``enums`` (a ``;`` list of ``choices``) or ``list`` (a ``;``
    list of free text). ``ref`` names the kind whose ids the
    column holds.
    """

    name: str
    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None
    doc: str = ""


@dataclass(frozen=True, slots=True)
class FileFormat:
    """The columns of one kind's CSV file and the key that identifies a row."""

    kind: str
    file_name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    doc: str

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in file order."""
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        """Columns that must be present and non-empty."""
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)


def _id(name: str, ref: str | None = None, doc: str = "") -> Column:
    return Column(name, "id", required=True, ref=ref, doc=doc)


FORMATS: Final[dict[str, FileFormat]] = {
    f.kind: f
    for f in (
        FileFormat(
            "organisations",
            "organisations.csv",
            (
                _id("id", doc="stable id of the organisation"),
                Column("name", required=True),
                Column("kind", "enum", required=True, choices=ORG_KINDS),
                Column("industry"),
                Column("employees", "int"),
                Column("size_band", doc="e.g. 1-49, 50-249, 250-999, 1000-4999, 5000+"),
                Column("revenue_band", doc="e.g. <10M, 10M-100M, 100M-1B, 1B+"),
                Column("country", doc="ISO 3166 alpha-2"),
                Column("region"),
                Column("technologies", "list"),
            ),
            ("id",),
            "Customers, prospects, partners and our own (home) organisation.",
        ),
        FileFormat(
            "people",
            "people.csv",
            (
                _id("id", doc="stable id of the person"),
                Column("first_name", required=True),
                Column("last_name", required=True),
                Column("title"),
                Column("department"),
                Column("email", "email"),
                Column("organisation_id", "id", ref="organisations", doc="where the person works"),
                Column("level", "level", doc="1..7; empty = inferred from the title"),
                Column("needs", "list"),
                Column("tags", "list", doc="psychographic tags"),
                Column(
                    "aliases",
                    "list",
                    doc="other ids of this person (ids an import merged into them); rows "
                    "naming one mean this person. None may be the id or alias of another person",
                ),
            ),
            ("id",),
            "People and where they work (WORKS_AT) with their status level.",
        ),
        FileFormat(
            "reporting",
            "reporting.csv",
            (
                _id("person_id", ref="people"),
                _id("manager_id", ref="people"),
                Column("line", "enum", choices=REPORTING_LINES, doc="solid (default) or matrix"),
            ),
            ("person_id", "manager_id"),
            "REPORTS_TO lines; a second manager is a matrix line. Cycles are rejected.",
        ),
        FileFormat(
            "influences",
            "influences.csv",
            (
                _id("source_id", ref="people"),
                _id("target_id", ref="people"),
                Column("weight", "unit", required=True),
                Column("kind", "enum", required=True, choices=INFLUENCE_KINDS),
                Column("evidence"),
                Column(
                    "basis",
                    "enum",
                    choices=BASES,
                    doc="normative or informational; empty = from the kind (advice, external: "
                    "informational; peer, social, sponsor: normative)",
                ),
                Column(
                    "reported_by",
                    "id",
                    ref="people",
                    doc="one of our people who reports the tie; empty = the user importing. "
                    "Several rows of one tie, one per reporter: the map weighs it by their "
                    "consensus (the median)",
                ),
            ),
            ("source_id", "target_id", "reported_by"),
            "INFLUENCES: the source's view moves the target's, weight 0..1, with its basis, "
            "as reported by one observer.",
        ),
        FileFormat(
            "knows",
            "knows.csv",
            (
                _id("source_id", ref="people", doc="one of ours or a partner's"),
                _id("target_id", ref="people"),
                Column("strength", "unit", required=True),
                Column("last_contact", "date"),
            ),
            ("source_id", "target_id"),
            "KNOWS: relationships of our people and partners' people with anyone.",
        ),
        FileFormat(
            "partnerships",
            "partnerships.csv",
            (
                _id("organisation_id", ref="organisations", doc="the partner"),
                _id("partner_id", ref="organisations", doc="the organisation it works with"),
            ),
            ("organisation_id", "partner_id"),
            "PARTNERS_WITH between organisations.",
        ),
        FileFormat(
            "deals",
            "deals.csv",
            (
                _id("id", doc="stable id of the deal"),
                Column("name", required=True),
                _id("organisation_id", ref="organisations", doc="the buying organisation"),
                Column("amount", "int"),
                Column("close_date", "date"),
            ),
            ("id",),
            "Deals (purchases around which a buying centre forms), FOR an organisation.",
        ),
        FileFormat(
            "buying_centre",
            "buying_centre.csv",
            (
                _id("deal_id", ref="deals"),
                _id("person_id", ref="people"),
                Column("roles", "enums", choices=ROLES),
                Column("stance", "enum", choices=STANCES, doc="default unknown"),
                Column(
                    "journey_stage",
                    "enum",
                    choices=JOURNEY_STAGES,
                    doc="current stage; with journey history, the latest event's stage wins",
                ),
                Column("motive", "enum", choices=MOTIVES, doc="fit_in, stand_out; default unknown"),
                Column(
                    "outcome",
                    "enum",
                    choices=OUTCOMES,
                    doc="what the deal does to their standing: gains, neutral, loses; "
                    "default unknown",
                ),
                Column("evidence", doc="why we think so (the outcome's evidence)"),
                Column("aspiration", "level", doc="1..7: the level they reach for; optional"),
            ),
            ("deal_id", "person_id"),
            "IN_BUYING_CENTRE: a person's roles, stance, journey stage and status stake "
            "(motive, outcome with evidence, aspiration) in one deal.",
        ),
        FileFormat(
            "journey",
            "journey.csv",
            (
                _id("deal_id", ref="deals"),
                _id("person_id", ref="people", doc="a member of the deal's buying centre"),
                Column("stage", "enum", required=True, choices=JOURNEY_STAGES),
                Column("at", "datetime", required=True, doc="when the member reached the stage"),
                Column("note"),
            ),
            ("deal_id", "person_id", "stage", "at"),
            "Journey history: the dated stages a buying-centre member went through in a deal "
            "(see graph.imports.journey); the latest sets the member's current stage.",
        ),
    )
}

KIND_ORDER: Final = tuple(FORMATS)
"""Kinds in write order: nodes before the relationships that need them."""
