"""People: who they are, where they work, what they need."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from graph.model.common import Key, Model, Name, Role, Stance, Text, kept
from graph.rules.integrity import email_problem

__all__ = ["HypotheticalPersonIn", "PersonIn", "PersonPatch"]


def _email(value: str) -> str:
    problem = email_problem(value)
    if problem is not None:  # the rule's own words, as the CSV import reports them
        raise PydanticCustomError("email", "{reason}", {"reason": problem})
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_email)]
Tags = Annotated[list[Text], Field(max_length=200)]
Rank = Annotated[int, Field(ge=1, le=7)]
"""A rank on the organisational ladder."""


class PersonPatch(Model):
    """Changes to a person; fields left out stay as they are, ``None`` clears.

    ``level_rank`` sets the level on the organisational ladder explicitly; without it a given
    ``title`` infers one (marked as inferred) unless an explicit level is already recorded.
    """

    name: Name | None = None
    title: Text | None = None
    department: Text | None = None
    email: Email | None = None
    needs: Tags | None = None
    tags: Tags | None = None
    organisation_id: Key | None = None
    level_rank: Rank | None = None

    _kept = kept("name")


class PersonIn(PersonPatch):
    """A new person, or one row of a bulk upsert."""

    id: Key | None = None
    name: Name


class HypotheticalPersonIn(Model):
    """A person imagined in a what-if: never stored, held to a stored person's rules.

    ``id`` names them in the what-if's ties; ``roles`` or ``stance`` put them in the buying
    centre (a stance without roles: a member with none yet).
    """

    id: Key
    name: Name
    title: Text | None = None
    department: Text | None = None
    organisation_id: Key | None = None
    level_rank: Rank | None = None
    roles: Annotated[list[Role], Field(max_length=8)] | None = None
    stance: Stance | None = None
