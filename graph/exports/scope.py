"""Read what to export from the database: the rows of every kind, in the import's columns.

A scope is a whole workspace, one account or one deal. An account or a deal holds the people
the page shows for it (:func:`graph.scopes.read.read_scope` decides who: the account's people, their
influencers, our people and partners' people who know them), their organisations, every
reporting line, influence and "knows" tie among them, and the account's deals (or the one deal)
with their buying centres and journeys. Values are text exactly as the import reads them, so
exporting and importing a workspace, then exporting again, gives identical files.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from graph.database.store import WorkspaceStore
from graph.errors import NotFound
from graph.imports.formats import FORMATS, LIST_SEPARATOR
from graph.imports.journey import format_instant
from graph.model import basis_of
from graph.scopes.read import ScopeKind, read_scope

__all__ = [
    "PAGE_SIZE",
    "Dataset",
    "ExportScopeNotFound",
    "Level",
    "Page",
    "count_rows",
    "read_dataset",
    "read_pages",
]

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

_PRESENT: Final = {
    "reporting": "manager_id",
    "influences": "target_id",
    "knows": "target_id",
    "partnerships": "partner_id",
    "buying_centre": "person_id",
    "journey": "person_id",
}
"""Edge kinds are read per page of their first end (every one, with or without an edge, so a
page is known to be the last when it holds fewer ends than asked); this column is empty for an
end without an edge, whose row is left out."""

PAGE_SIZE: Final = 2000
"""Nodes (people, organisations, deals) per read: each page of an edge kind holds their edges."""


class ExportScopeNotFound(NotFound):
    """The account or deal to export is not in the workspace."""


@dataclass(frozen=True)
class Level:
    """A person's level on the organisation ladder and whether it was inferred from the title."""

    rank: int
    inferred: bool


@dataclass
class Dataset:
    """Rows per kind, each a dict of column -> text, ordered by key.

    ``levels`` holds every person's level, inferred ones included (the ``people`` rows leave an
    inferred level empty, as the import expects, so that it is inferred again).
    """

    workspace: str
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)


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


@dataclass(frozen=True)
class Page:
    """One read's rows of one kind, in the import's columns; ``levels`` of its people."""

    rows: list[dict[str, str]]
    levels: dict[str, Level] = field(default_factory=dict)


def _page(kind: str, raw: list[dict[str, Any]]) -> Page:
    """``raw`` rows of ``kind`` as the import's text columns (and the people's levels)."""
    levels: dict[str, Level] = {}
    if kind == "people":
        raw = [_person(r) for r in raw]
        levels = {
            r["id"]: Level(int(r["rank"]), r["inferred"] in (None, True))
            for r in raw
            if r["rank"] is not None
        }
    elif kind == "journey":
        raw = [{**r, "at": format_instant(r["at"])} for r in raw]
    elif kind == "influences":  # the basis each edge has, recorded or its kind's default
        raw = [{**r, "basis": basis_of(r["kind"], r["basis"]).value} for r in raw]
    columns = FORMATS[kind].column_names
    return Page([{c: _text(r.get(c)) for c in columns} for r in raw], levels)


async def read_pages(
    ws: WorkspaceStore, kind: str, *, size: int = PAGE_SIZE
) -> AsyncIterator[Page]:
    """``kind``'s rows of ``ws``'s workspace in key order, one page of ``size`` nodes at a time.

    Each page is one statement through ``ws`` (its guard is checked before each), so a
    workspace of any size is read without holding more than one page of it.
    """
    present = _PRESENT.get(kind)
    after = ""
    while True:
        raw = await ws.read(_READ[kind], {"after": after, "limit": size})
        anchors = {r["anchor"] for r in raw}
        rows = raw if present is None else [r for r in raw if r[present] is not None]
        if rows:
            yield _page(kind, rows)
        if len(anchors) < size:
            return
        after = raw[-1]["anchor"]  # rows come in the order of their first end


async def count_rows(ws: WorkspaceStore) -> dict[str, int]:
    """How many rows of each kind ``ws``'s workspace holds (the total of a progress bar)."""
    rows = await ws.read("export/counts")
    return {kind: int(rows[0][kind]) for kind in FORMATS}


def _only(rows: Iterable[dict[str, str]], **allowed: set[str]) -> list[dict[str, str]]:
    return [r for r in rows if all(r[c] in ids for c, ids in allowed.items())]


async def read_dataset(
    ws: WorkspaceStore,
    *,
    account: str | None = None,
    deal: str | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> Dataset:
    """Every kind's rows of ``ws``'s workspace, narrowed to ``account`` or ``deal`` when given.

    Every statement goes through ``ws``, so its guard (the caller's role) is checked before each
    one and ``$workspace`` is the store's own: no parameter reaches another workspace.
    ``progress`` is called with each kind and the number of rows of each page read.
    """
    data = Dataset(ws.workspace)
    ws = ws.bulk()  # every row of the workspace
    for kind in FORMATS:
        rows = data.rows[kind] = []
        async for page in read_pages(ws, kind):
            rows.extend(page.rows)
            data.levels.update(page.levels)
            if progress is not None:
                progress(kind, len(page.rows))
    if account is not None:
        _narrow(data, await _scope_people(ws, "account", account), account=account)
    elif deal is not None:
        _narrow(data, await _scope_people(ws, "deal", deal), deal=deal)
    return data


async def _scope_people(ws: WorkspaceStore, kind: ScopeKind, key: str) -> set[str]:
    """The ids of the people the page shows for the account or deal ``key``."""
    try:
        scope = await read_scope(ws, kind, key)
    except NotFound:
        what = "organisation" if kind == "account" else "deal"
        raise ExportScopeNotFound(f"no {what} {key!r} in workspace {ws.workspace!r}") from None
    return {p.id for p in scope.people} | {m.person_id for m in scope.members}


def _narrow(
    data: Dataset, people: set[str], *, account: str | None = None, deal: str | None = None
) -> None:
    """Keep the account's deals (or the one deal) with their buying centres and journeys,
    ``people`` and the members, the organisations they work at, and the edges among them."""
    rows = data.rows
    if deal is not None:
        rows["deals"] = _only(rows["deals"], id={deal})
    else:
        rows["deals"] = _only(rows["deals"], organisation_id={account or ""})
    deals = {d["id"] for d in rows["deals"]}
    rows["buying_centre"] = _only(rows["buying_centre"], deal_id=deals)
    people = people | {m["person_id"] for m in rows["buying_centre"]}
    rows["people"] = _only(rows["people"], id=people)
    data.levels = {p: level for p, level in data.levels.items() if p in people}
    orgs = {p["organisation_id"] for p in rows["people"]} | {
        d["organisation_id"] for d in rows["deals"]
    }
    if account is not None:
        orgs.add(account)
    rows["organisations"] = _only(rows["organisations"], id=orgs)
    rows["partnerships"] = _only(rows["partnerships"], organisation_id=orgs, partner_id=orgs)
    rows["journey"] = _only(rows["journey"], deal_id=deals, person_id=people)
    rows["reporting"] = _only(rows["reporting"], person_id=people, manager_id=people)
    for kind in ("influences", "knows"):
        rows[kind] = _only(rows[kind], source_id=people, target_id=people)
