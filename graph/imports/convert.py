"""Validated CSV rows (text in our column order) as the typed parameters of the write statements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from graph.imports.formats import FORMATS, LIST_SEPARATOR
from graph.imports.titles import infer_level

__all__ = ["CONVERTERS"]

Params = dict[str, Any]


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
    id_, first, last, title, department, email, org, level, needs, tags = r
    rank = int(level) if level else infer_level(title)
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
    }


def _reporting(r: list[str]) -> Params:
    return {"person_id": r[0], "manager_id": r[1], "line": r[2] or "solid"}


def _influence(r: list[str]) -> Params:
    return {
        "source_id": r[0],
        "target_id": r[1],
        "weight": float(r[2]),
        "kind": r[3],
        "evidence": _text(r[4]),
        "since": None,
        "until": None,
    }


def _knows(r: list[str]) -> Params:
    return {
        "source_id": r[0],
        "target_id": r[1],
        "strength": float(r[2]),
        "last_contact": _date(r[3]),
    }


def _partnership(r: list[str]) -> Params:
    return {"source_id": r[0], "target_id": r[1]}


def _deal(r: list[str]) -> Params:
    props = {"name": r[1], "amount": _int(r[3]), "close_date": _date(r[4])}
    return {"id": r[0], "organisation_id": r[2], "props": props}


def _member(r: list[str]) -> Params:
    return {
        "deal_id": r[0],
        "person_id": r[1],
        "roles": sorted(set(_list(r[2]) or [])),
        "stance": r[3] or "unknown",
        "stage": _text(r[4]),
    }


CONVERTERS: dict[str, Callable[[list[str]], Params]] = {
    "organisations": _organisation,
    "people": _person,
    "reporting": _reporting,
    "influences": _influence,
    "knows": _knows,
    "partnerships": _partnership,
    "deals": _deal,
    "buying_centre": _member,
}
"""One converter per kind, in :data:`graph.imports.formats.FORMATS` order."""

assert tuple(CONVERTERS) == tuple(FORMATS)
