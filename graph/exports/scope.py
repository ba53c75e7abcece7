"""Read what to export from the database: the rows of every kind, in the import's columns.

A scope is a whole workspace, one account (its organisation, its people, its deals and the
edges among them) or one deal (its buying centre, the deal and the organisations involved).
Values are text exactly as the import reads them, so exporting and importing a workspace, then
exporting again, gives identical files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.errors import StatusmapError
from graph.imports.formats import FORMATS, LIST_SEPARATOR
from graph.imports.journey import format_instant
from graph.model import basis_of
from graph.store import Store

__all__ = ["Dataset", "ExportScopeNotFound", "read_dataset"]

_READ = {
    "organisations": "export/organisations",
    "people": "export/people",
    "reporting": "export/reporting",
    "influences": "export/influences",
    "knows": "export/knows",
    "partnerships": "export/partnerships",
    "deals": "export/deals",
    "buying_centre": "export/buying_centre",
    "journey": "export/journey",
}


class ExportScopeNotFound(StatusmapError):
    """The account or deal to export is not in the workspace."""

    status = 404
    code = "not_found"


@dataclass
class Dataset:
    """Rows per kind, each a dict of column -> text, ordered by key."""

    workspace: str
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _person(row: dict[str, Any]) -> dict[str, Any]:
    if row["first_name"] is None and row["last_name"] is None and row["name"]:
        first, _, last = str(row["name"]).partition(" ")
        row["first_name"], row["last_name"] = first, last or first
    row["level"] = None if row["inferred"] in (None, True) else row["rank"]
    return row


def _only(rows: Iterable[dict[str, str]], **allowed: set[str]) -> list[dict[str, str]]:
    return [r for r in rows if all(r[c] in ids for c, ids in allowed.items())]


async def read_dataset(
    store: Store, workspace: str, *, account: str | None = None, deal: str | None = None
) -> Dataset:
    """Every kind's rows for the workspace, narrowed to ``account`` or ``deal`` when given."""
    data = Dataset(workspace)
    store = store.bulk()  # every row of the workspace
    for kind, fmt in FORMATS.items():
        raw = await store.read(_READ[kind], {"workspace": workspace})
        if kind == "people":
            raw = [_person(r) for r in raw]
        elif kind == "journey":
            raw = [{**r, "at": format_instant(r["at"])} for r in raw]
        elif kind == "influences":  # the basis each edge has, recorded or its kind's default
            raw = [{**r, "basis": basis_of(r["kind"], r["basis"]).value} for r in raw]
        data.rows[kind] = [{c: _text(r.get(c)) for c in fmt.column_names} for r in raw]
    if account is not None:
        _narrow_to_account(data, account)
    elif deal is not None:
        _narrow_to_deal(data, deal)
    return data


def _narrow_edges(data: Dataset, people: set[str]) -> None:
    data.rows["reporting"] = _only(data.rows["reporting"], person_id=people, manager_id=people)
    for kind in ("influences", "knows"):
        data.rows[kind] = _only(data.rows[kind], source_id=people, target_id=people)


def _narrow_to_account(data: Dataset, account: str) -> None:
    orgs = {account}
    if not _only(data.rows["organisations"], id=orgs):
        raise ExportScopeNotFound(f"no organisation {account!r} in workspace {data.workspace!r}")
    data.rows["organisations"] = _only(data.rows["organisations"], id=orgs)
    data.rows["people"] = _only(data.rows["people"], organisation_id=orgs)
    data.rows["partnerships"] = []
    data.rows["deals"] = _only(data.rows["deals"], organisation_id=orgs)
    people = {p["id"] for p in data.rows["people"]}
    deals = {d["id"] for d in data.rows["deals"]}
    data.rows["buying_centre"] = _only(data.rows["buying_centre"], deal_id=deals, person_id=people)
    data.rows["journey"] = _only(data.rows["journey"], deal_id=deals, person_id=people)
    _narrow_edges(data, people)


def _narrow_to_deal(data: Dataset, deal: str) -> None:
    data.rows["deals"] = _only(data.rows["deals"], id={deal})
    if not data.rows["deals"]:
        raise ExportScopeNotFound(f"no deal {deal!r} in workspace {data.workspace!r}")
    data.rows["buying_centre"] = _only(data.rows["buying_centre"], deal_id={deal})
    data.rows["journey"] = _only(data.rows["journey"], deal_id={deal})
    people = {m["person_id"] for m in data.rows["buying_centre"]}
    data.rows["people"] = _only(data.rows["people"], id=people)
    orgs = {p["organisation_id"] for p in data.rows["people"]} | {
        d["organisation_id"] for d in data.rows["deals"]
    }
    data.rows["organisations"] = _only(data.rows["organisations"], id=orgs)
    data.rows["partnerships"] = _only(
        data.rows["partnerships"], organisation_id=orgs, partner_id=orgs
    )
    _narrow_edges(data, people)
