"""Edges between people and organisations: influence, acquaintance, reporting, partnership."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from graph.model.common import InfluenceBasis, InfluenceKind, Key, Model, Text

__all__ = ["InfluenceIn", "KnowsIn", "LevelAssignment", "PairIn"]

Unit = Annotated[float, Field(ge=0, le=1)]


class PairIn(Model):
    """Two ends of an edge: REPORTS_TO (report → manager), PARTNERS_WITH, or an edge to delete."""

    source_id: Key
    target_id: Key

    @model_validator(mode="after")
    def _distinct(self) -> PairIn:
        if self.source_id == self.target_id:
            raise ValueError("an edge needs two different ends")
        return self


class InfluenceIn(PairIn):
    """``source`` moves ``target``'s view, with ``weight`` in 0..1."""

    weight: Unit
    kind: InfluenceKind = InfluenceKind.ADVICE
    evidence: Text | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    basis: InfluenceBasis | None = None
    """Normative or informational; ``None``: the default of ``kind`` (:func:`basis_of`)."""
    reported_by: Key | None = None
    """The one of our people who reports the tie; ``None``: the user recording it."""


class KnowsIn(PairIn):
    """One of our (or a partner's) people knows ``target``."""

    strength: Unit = 0.5
    last_contact: dt.date | None = None


class LevelAssignment(Model):
    """An explicit level of a person on a ladder (the organisational one when not given)."""

    person_id: Key
    ladder_id: Key | None = None
    rank: Annotated[int, Field(ge=0, le=100)]
