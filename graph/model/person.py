"""People: who they are, where they work, what they need."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from graph.model.common import Key, Model, Name, Text

__all__ = ["PersonIn", "PersonPatch"]

Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.\w+$")
]
Tags = Annotated[list[Text], Field(max_length=200)]


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
    level_rank: Annotated[int, Field(ge=1, le=7)] | None = None


class PersonIn(PersonPatch):
    """A new person, or one row of a bulk upsert."""

    id: Key | None = None
    name: Name
