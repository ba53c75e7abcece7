"""Shared building blocks of the model: ids, enums, and turning pydantic errors into ours.

The enums here are the one vocabulary: the GraphQL enums are registered from them
(:mod:`api.graphql.enums`), the CSV formats and the analytics take their tuples from
:func:`vocabulary`, and the page imports ``frontend/src/vocabulary.js``, generated from them
(:mod:`api.frontend_vocabulary`). :data:`ID_PATTERN` is the one id rule, for the API and
the import alike.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Final, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from graph.errors import ValidationFailed

__all__ = [
    "DEFAULT_BASIS",
    "ID_PATTERN",
    "InfluenceBasis",
    "InfluenceKind",
    "JourneyStage",
    "Key",
    "Model",
    "Motive",
    "Name",
    "OrganisationKind",
    "Outcome",
    "ReportingLine",
    "Role",
    "Stance",
    "Text",
    "as_utc",
    "basis_of",
    "camel",
    "kept",
    "new_id",
    "validate",
    "validation_failed",
    "vocabulary",
]

ID_PATTERN = r"^[A-Za-z0-9_.:@-]{1,128}$"
"""The id rule, everywhere: 1-128 characters of letters, digits and ``_.:@-``.

An id may start with ``-`` or ``@``, which a spreadsheet would run as a formula: the CSV export
protects such a cell with a leading ``'`` and the import takes it off again
(:func:`graph.imports.formats.restore_formula`), so every valid id survives a round trip.
"""
Key = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A node's local id (:data:`ID_PATTERN`)."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class OrganisationKind(StrEnum):
    CUSTOMER = "customer"
    PROSPECT = "prospect"
    PARTNER = "partner"
    HOME = "home"


class Role(StrEnum):
    INITIATOR = "initiator"
    USER = "user"
    INFLUENCER = "influencer"
    DECIDER = "decider"
    BUYER = "buyer"
    GATEKEEPER = "gatekeeper"
    APPROVER = "approver"
    CHAMPION = "champion"


class Stance(StrEnum):
    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SCEPTIC = "sceptic"
    BLOCKER = "blocker"
    UNKNOWN = "unknown"


class JourneyStage(StrEnum):
    AWARENESS = "awareness"
    INTRIGUE = "intrigue"
    TRUST = "trust"
    CONVICTION = "conviction"
    EXPECTATION = "expectation"
    SATISFACTION = "satisfaction"
    PASSION = "passion"


class InfluenceKind(StrEnum):
    ADVICE = "advice"
    PEER = "peer"
    SPONSOR = "sponsor"
    SOCIAL = "social"
    EXTERNAL = "external"


class Motive(StrEnum):
    """What a person wants the purchase to do for their standing."""

    FIT_IN = "fit_in"
    STAND_OUT = "stand_out"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    """What the deal does to a person's standing."""

    GAINS = "gains"
    NEUTRAL = "neutral"
    LOSES = "loses"
    UNKNOWN = "unknown"


class InfluenceBasis(StrEnum):
    """Why an influence works: approval (normative) or evidence (informational)."""

    NORMATIVE = "normative"
    INFORMATIONAL = "informational"


DEFAULT_BASIS: Final[Mapping[str, InfluenceBasis]] = {
    InfluenceKind.ADVICE: InfluenceBasis.INFORMATIONAL,
    InfluenceKind.EXTERNAL: InfluenceBasis.INFORMATIONAL,
    InfluenceKind.PEER: InfluenceBasis.NORMATIVE,
    InfluenceKind.SOCIAL: InfluenceBasis.NORMATIVE,
    InfluenceKind.SPONSOR: InfluenceBasis.NORMATIVE,
    # A reporting line (the analytics' edge kind for REPORTS_TO): a manager's approval.
    "reports_to": InfluenceBasis.NORMATIVE,
}
"""The basis of an influence edge whose own basis is not recorded, by its kind."""


def basis_of(kind: str | None, basis: str | None = None) -> InfluenceBasis:
    """An influence edge's basis: the recorded one, else the default of its kind.

    An unknown kind (older data) counts as advice, as the analytics read it.

    Examples
    --------
    >>> [basis_of(k).value for k in ("advice", "external", "peer", "social", "sponsor")]
    ['informational', 'informational', 'normative', 'normative', 'normative']
    >>> basis_of("advice", "normative").value
    'normative'
    """
    if basis:
        return InfluenceBasis(basis)
    return DEFAULT_BASIS.get(kind or InfluenceKind.ADVICE, InfluenceBasis.INFORMATIONAL)


class ReportingLine(StrEnum):
    SOLID = "solid"
    MATRIX = "matrix"


def vocabulary(kind: type[StrEnum]) -> tuple[str, ...]:
    """The values of enum ``kind`` as plain text, in declaration order.

    >>> vocabulary(ReportingLine)
    ('solid', 'matrix')
    """
    return tuple(member.value for member in kind)


class Model(BaseModel):
    """Base of every input model: unknown fields are an error, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def kept(*fields: str) -> Any:
    """A patch's rule for ``fields`` a record cannot be without (its name, its kind…): left out
    they stay as they are, and ``None``, which clears other fields, is refused, naming the field.

    >>> class Patch(Model):
    ...     name: str | None = None
    ...     note: str | None = None
    ...     _kept = kept("name")
    >>> Patch(note=None).note is None
    True
    >>> validate(Patch, {"name": None})
    Traceback (most recent call last):
    ...
    graph.errors.ValidationFailed: invalid input: name: cannot be cleared (leave it out to keep it)
    """

    def refuse_none(value: object) -> object:
        if value is None:
            raise PydanticCustomError("kept", "cannot be cleared (leave it out to keep it)")
        return value

    return field_validator(*fields)(staticmethod(refuse_none))


def new_id() -> str:
    """A fresh local id (uuid4 hex)."""
    return uuid.uuid4().hex


M = TypeVar("M", bound=BaseModel)

_CAMEL = re.compile(r"_([a-z])")


def as_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC; one without an offset is taken to be in UTC already.

    Journey events are stored as UTC date-times whichever way they come (the API, CSV), so
    they sort together and an export imports back onto the same events.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def camel(name: str) -> str:
    """``organisation_id`` → ``organisationId``: field names as the API spells them."""
    return _CAMEL.sub(lambda m: m.group(1).upper(), name)


def _path(prefix: str, loc: tuple[int | str, ...]) -> str:
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{camel(part)}" if path else camel(part)
    return path or "input"


def validation_failed(e: ValidationError, prefix: str = "") -> ValidationFailed:
    """Our :class:`ValidationFailed` for a pydantic error, fields named as in the API."""
    fields = [(_path(prefix, err["loc"]), err["msg"]) for err in e.errors()]
    return ValidationFailed(fields)


def validate(model: type[M], data: dict[str, Any], prefix: str = "") -> M:
    """Validate ``data`` as ``model``; a failure is :class:`ValidationFailed`, fields named."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise validation_failed(e, prefix) from e
