"""How files map onto our kinds: our own CSV files, and Salesforce and HubSpot exports.

A :class:`Mapping` is recognised by a file's header and has one :class:`Projection` per kind it
provides: for each of our columns, the source column it comes from (so errors name the user's
column) or a function of the whole source row. A Salesforce contact export, for instance, gives
people and — where ``ReportsToId`` is set — reporting lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.imports.formats import FORMATS

__all__ = ["MAPPINGS", "Mapping", "Projection", "native_mapping"]

Derive = Callable[[dict[str, str]], str]


@dataclass(frozen=True)
class Projection:
    """Rows of one of our kinds made from a source file's rows."""

    kind: str
    columns: dict[str, str | Derive]
    when: str | None = None  # only rows where this source column is non-empty
    distinct: bool = False  # the same key on many rows is expected (e.g. a contact's company)

    def applies(self, raw: dict[str, str]) -> bool:
        """Whether ``raw`` provides a row of this kind."""
        return self.when is None or bool(raw.get(self.when, "").strip())

    def project(self, raw: dict[str, str]) -> dict[str, str]:
        """``raw`` in our columns (missing values are empty strings)."""
        return {
            ours: (raw.get(src, "") if isinstance(src, str) else src(raw)).strip()
            for ours, src in self.columns.items()
        }

    @property
    def direct(self) -> bool:
        """Whether every column is copied from a source column (no derived values)."""
        return all(isinstance(src, str) for src in self.columns.values())

    def source_column(self, ours: str) -> str:
        """The user's name for our column ``ours`` (ours when it is derived)."""
        src = self.columns.get(ours)
        return src if isinstance(src, str) else ours

    def missing_columns(self, header: tuple[str, ...]) -> list[str]:
        """Source columns this projection needs for required values that the header lacks.

        None when the header lacks the ``when`` column: the file gives no rows of this kind (a
        contacts export without ``ReportsToId`` has no reporting lines, and no error).
        """
        if self.when is not None and self.when not in header:
            return []
        fmt = FORMATS[self.kind]
        return [
            src
            for ours in fmt.required
            if isinstance(src := self.columns.get(ours, ours), str) and src not in header
        ]


@dataclass(frozen=True)
class Mapping:
    """A file format: its name, the header columns that identify it, its projections."""

    name: str
    signature: frozenset[str]
    projections: tuple[Projection, ...] = field(default_factory=tuple)
    companions: tuple[tuple[str, str], ...] = ()
    """(kind, the file that supplies its ids) for the ids this format refers to."""

    def companion(self, kind: str) -> str:
        """The file to add to an import when this format refers to ids of ``kind`` it lacks."""
        given = dict(self.companions).get(kind)
        return given or f"{FORMATS[kind].file_name} with those ids"

    def matches(self, header: tuple[str, ...]) -> bool:
        """Whether a file with ``header`` is in this format."""
        return self.signature <= set(header)


def native_mapping(file_name: str, header: tuple[str, ...]) -> Mapping | None:
    """Our own format: by file name (``people.csv``, ``people-2024.csv``) or by header."""
    stem = file_name.lower().removesuffix(".csv")
    by_name = [k for k, f in FORMATS.items() if stem == k or stem.startswith(f"{k}-")]
    if not by_name:
        fitting = [k for k, f in FORMATS.items() if set(f.column_names) == set(header)]
        by_name = fitting[:1]
    if not by_name:
        return None
    fmt = FORMATS[by_name[0]]
    identity: dict[str, str | Derive] = {c: c for c in fmt.column_names}
    return Mapping(f"statusmap {fmt.file_name}", frozenset(), (Projection(fmt.kind, identity),))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text.strip()).strip("-").lower()[:100]


def _revenue_band(value: str) -> str:
    try:
        revenue = float(value.replace(",", "").replace("$", "") or "nan")
    except ValueError:
        return ""
    if revenue != revenue:  # NaN: no value
        return ""
    for limit, band in ((1e7, "<10M"), (1e8, "10M-100M"), (1e9, "100M-1B")):
        if revenue < limit:
            return band
    return "1B+"


def _size_band(value: str) -> str:
    digits = value.replace(",", "").strip()
    if not digits.isdigit():
        return ""
    n = int(digits)
    bands = ((50, "1-49"), (250, "50-249"), (1000, "250-999"), (5000, "1000-4999"))
    return next((b for limit, b in bands if n < limit), "5000+")


def _org_kind(value: str) -> str:
    text = value.lower()
    if "partner" in text or "reseller" in text or "integrator" in text:
        return "partner"
    if "customer" in text:
        return "customer"
    return "prospect"


def _employees(column: str) -> Derive:
    return lambda r: r.get(column, "").replace(",", "").strip()


_SALESFORCE_CONTACT = Mapping(
    "Salesforce contacts",
    frozenset({"Id", "LastName", "AccountId"}),
    (
        Projection(
            "people",
            {
                "id": "Id",
                "first_name": lambda r: r.get("FirstName", "").strip() or "-",
                "last_name": "LastName",
                "title": "Title",
                "department": "Department",
                "email": "Email",
                "organisation_id": "AccountId",
            },
        ),
        Projection(
            "reporting",
            {"person_id": "Id", "manager_id": "ReportsToId", "line": lambda _: "solid"},
            when="ReportsToId",
        ),
    ),
    (
        ("organisations", "the Salesforce accounts export (Account.csv)"),
        ("people", "the contacts they report to (in Contact.csv)"),
    ),
)

_SALESFORCE_ACCOUNT = Mapping(
    "Salesforce accounts",
    frozenset({"Id", "Name", "Type"}),
    (
        Projection(
            "organisations",
            {
                "id": "Id",
                "name": "Name",
                "kind": lambda r: _org_kind(r.get("Type", "")),
                "industry": "Industry",
                "employees": _employees("NumberOfEmployees"),
                "size_band": lambda r: _size_band(r.get("NumberOfEmployees", "")),
                "revenue_band": lambda r: _revenue_band(r.get("AnnualRevenue", "")),
                "country": "BillingCountry",
            },
        ),
    ),
)


def _hubspot_company_id(r: dict[str, str]) -> str:
    given = r.get("Associated Company ID", "").strip()
    if given:
        return given.split(";")[0].strip()
    name = r.get("Company Name", "").strip()
    return f"hs-{_slug(name)}" if name else ""


_HUBSPOT_CONTACTS = Mapping(
    "HubSpot contacts",
    frozenset({"Record ID", "First Name", "Last Name"}),
    (
        Projection(
            "organisations",
            {
                "id": _hubspot_company_id,
                "name": "Company Name",
                "kind": lambda _: "prospect",
            },
            when="Company Name",
            distinct=True,
        ),
        Projection(
            "people",
            {
                "id": "Record ID",
                "first_name": lambda r: r.get("First Name", "").strip() or "-",
                "last_name": "Last Name",
                "title": "Job Title",
                "department": "Department",
                "email": "Email",
                "organisation_id": _hubspot_company_id,
            },
        ),
    ),
    (("organisations", "the HubSpot companies export"),),
)

_HUBSPOT_COMPANIES = Mapping(
    "HubSpot companies",
    frozenset({"Record ID", "Company name"}),
    (
        Projection(
            "organisations",
            {
                "id": "Record ID",
                "name": "Company name",
                "kind": lambda r: _org_kind(r.get("Type", "")),
                "industry": "Industry",
                "employees": _employees("Number of Employees"),
                "size_band": lambda r: _size_band(r.get("Number of Employees", "")),
                "revenue_band": lambda r: _revenue_band(r.get("Annual Revenue", "")),
                "country": "Country/Region",
            },
        ),
    ),
)

MAPPINGS: tuple[Mapping, ...] = (
    _SALESFORCE_CONTACT,
    _SALESFORCE_ACCOUNT,
    _HUBSPOT_CONTACTS,
    _HUBSPOT_COMPANIES,
)
"""CRM exports statusmap recognises by their header, tried in this order."""
