"""Workspaces, status ladders and the ideal customer profile."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from graph.model.common import Key, Model, Name, Text, kept

__all__ = [
    "DEFAULT_ORG_LEVELS",
    "IcpCriterion",
    "IcpField",
    "IcpOperator",
    "LadderIn",
    "LevelIn",
    "WorkspaceIn",
    "WorkspacePatch",
    "org_ladder_id",
]

DEFAULT_ORG_LEVELS: tuple[tuple[int, str], ...] = (
    (7, "Board / owner"),
    (6, "C-suite"),
    (5, "VP / head of"),
    (4, "Director"),
    (3, "Manager"),
    (2, "Senior individual contributor"),
    (1, "Individual contributor"),
)
"""The organisational ladder every workspace starts with (rank, name; high is senior)."""


def org_ladder_id(workspace: str) -> str:
    """The id of a workspace's default organisational ladder."""
    return f"{workspace}:org"


class WorkspaceIn(Model):
    id: Key | None = None
    name: Name


class WorkspacePatch(Model):
    name: Name | None = None

    _kept = kept("name")


class LevelIn(Model):
    rank: Annotated[int, Field(ge=0, le=100)]
    name: Name


class LadderIn(Model):
    id: Key | None = None
    name: Name
    levels: Annotated[list[LevelIn], Field(min_length=1, max_length=50)]


class IcpField(StrEnum):
    KIND = "kind"
    INDUSTRY = "industry"
    SIZE_BAND = "size_band"
    REVENUE_BAND = "revenue_band"
    COUNTRY = "country"
    REGION = "region"
    TECHNOLOGIES = "technologies"


class IcpOperator(StrEnum):
    IN = "in"
    NOT_IN = "not_in"
    ALL = "all"


class IcpCriterion(Model):
    """One criterion of the ideal customer profile: ``field operator values`` with a weight.

    ``in``: the value (for technologies, any of them) is among ``values``; ``not_in``: none is;
    ``all``: every one of ``values`` is present (meant for technologies).
    """

    field: IcpField
    operator: IcpOperator = IcpOperator.IN
    values: Annotated[list[Text], Field(min_length=1, max_length=200)]
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
