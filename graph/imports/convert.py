"""Validated CSV rows (text in our column order) as the typed parameters of the write statements.

Nodes become maps (``id``, ``props`` ...); edges become lists in the order their statement reads
them (:data:`graph.repository.bulk.EDGE_COLUMNS` for the statements shared with the API).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from graph.imports.formats import FORMATS, LIST_SEPARATOR
from graph.imports.journey import to_event
from graph.rules.titles import infer_rank

__all__ = ["CONVERTERS", "Params"]

Params = dict[str, Any] | list[Any]
"""One row of a write statement: a map for a node, a list for an edge."""


def _text(value: str) -> str | None:
    return value or None


def _int(value: str) -> int | None:
    return int(value) if value else None


def _list(value: str) -> list[str] | None:
    items = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
    return items or None


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _organisation(r: list[str]) -> Params:
    id_, name, kind, industry, employees, size, revenue, country, region, techs = r
    props = {
        "name": name,
        "kind": kind,
        "industry": _text(industry),
        "employees": _int(employees),
        "size_band": _text(size),
        "revenue_band": _text(revenue),
        "country": _text(country),
        "region": _text(region),
        "technologies": _list(techs),
    }
    return {"id": id_, "props": props}


def _person(r: list[str]) -> Params:
    id_, first, last, title, department, email, org, level, needs, tags, aliases = r
    rank = int(level) if level else infer_rank(title)
    props = {
        "name": f"{first} {last}".strip(),
        "first_name": first,
        "last_name": last,
        "title": _text(title),
        "department": _text(department),
        "email": _text(email),
        "needs": _list(needs),
        "tags": _list(tags),
    }
    return {
        "id": id_,
        "set_organisation": True,
        "organisation_id": _text(org),
        "rank": rank,
        "inferred": not level,
        "props": props,
        # Added to the person's aliases, never replacing them (import/add_aliases).
        "aliases": _list(aliases) or [],
    }


def _reporting(r: list[str]) -> Params:
    # An empty line is decided in file order by graph.rules.reporting (graph.imports.run).
    return [r[0], r[1], r[2] or None]


def _influence(r: list[str]) -> Params:
    # EDGE_COLUMNS["relations/upsert_influences"]: source to evidence, since, until, basis,
    # reported by.
    return [r[0], r[1], float(r[2]), r[3], _text(r[4]), None, None, _text(r[5]), _text(r[6])]


def _knows(r: list[str]) -> Params:
    # EDGE_COLUMNS["relations/upsert_knows"]: the file's columns.
    return [r[0], r[1], float(r[2]), _date(r[3])]


def _partnership(r: list[str]) -> Params:
    return [r[0], r[1]]


def _deal(r: list[str]) -> Params:
    props = {"name": r[1], "amount": _int(r[3]), "close_date": _date(r[4])}
    return {"id": r[0], "organisation_id": r[2], "props": props}


def _member(r: list[str]) -> Params:
    roles = sorted(set(_list(r[2]) or []))
    stake = [r[5] or "unknown", r[6] or "unknown", _text(r[7]), _int(r[8])]
    return [r[0], r[1], roles, r[3] or "unknown", _text(r[4]), *stake]


CONVERTERS: dict[str, Callable[[list[str]], Params]] = {
    "organisations": _organisation,
    "people": _person,
    "reporting": _reporting,
    "influences": _influence,
    "knows": _knows,
    "partnerships": _partnership,
    "deals": _deal,
    "buying_centre": _member,
    "journey": to_event,
}
"""One converter per kind, in :data:`graph.imports.formats.FORMATS` order."""

assert tuple(CONVERTERS) == tuple(FORMATS)
