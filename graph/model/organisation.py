"""Organisations: customers, prospects, partners and our own (home), with their segment."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from graph.model.common import Key, Model, Name, OrganisationKind, Text, kept

__all__ = ["OrganisationIn", "OrganisationPatch"]

Technologies = Annotated[list[Text], Field(max_length=500)]


class OrganisationPatch(Model):
    """Changes to an organisation; fields left out stay as they are, ``None`` clears."""

    name: Name | None = None
    kind: OrganisationKind | None = None
    industry: Text | None = None
    size_band: Text | None = None
    revenue_band: Text | None = None
    country: Text | None = None
    region: Text | None = None
    technologies: Technologies | None = None

    _kept = kept("name", "kind")


class OrganisationIn(OrganisationPatch):
    """A new organisation, or one row of a bulk upsert."""

    id: Key | None = None
    name: Name
    kind: OrganisationKind = OrganisationKind.CUSTOMER
