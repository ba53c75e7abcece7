"""Deals, their buying centres and each member's journey."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, field_validator

from graph.model.common import (
    JourneyStage,
    Key,
    Model,
    Motive,
    Name,
    Outcome,
    Role,
    Stance,
    Text,
    as_utc,
    kept,
)

__all__ = [
    "KEPT_WHEN_LEFT_OUT",
    "STAKE_FIELDS",
    "DealIn",
    "DealPatch",
    "JourneyEventIn",
    "MemberIn",
]


class DealPatch(Model):
    name: Name | None = None
    organisation_id: Key | None = None

    _kept = kept("name", "organisation_id")


class DealIn(DealPatch):
    id: Key | None = None
    name: Name
    organisation_id: Key


STAKE_FIELDS = ("motive", "outcome", "evidence", "aspiration")
KEPT_WHEN_LEFT_OUT = ("stance", *STAKE_FIELDS)
"""A member's stance and status-stake fields: one left out of a write keeps its stored value."""


class MemberIn(Model):
    """A person's place in a deal's buying centre: several roles, one stance, a status stake.

    The stake: ``motive`` (fit in or stand out), ``outcome`` (what the deal does to their
    standing) with ``evidence``, and ``aspiration`` (the level on the organisational ladder they
    reach for). ``None`` for the stance, motive or outcome is stored as ``unknown``.
    """

    deal_id: Key
    person_id: Key
    roles: Annotated[list[Role], Field(max_length=8, default_factory=list)]
    stance: Stance | None = Stance.UNKNOWN
    motive: Motive | None = None
    outcome: Outcome | None = None
    evidence: Text | None = None
    aspiration: Annotated[int, Field(ge=1, le=7)] | None = None


class JourneyEventIn(Model):
    """A member reached ``stage`` at ``at``."""

    deal_id: Key
    person_id: Key
    stage: JourneyStage
    at: dt.datetime | None = None
    """When the stage was reached (UTC; a time without an offset is taken as UTC)."""
    note: Text | None = None

    @field_validator("at")
    @classmethod
    def _in_utc(cls, at: dt.datetime | None) -> dt.datetime | None:
        return None if at is None else as_utc(at)
