"""Read-ahead: what a ``workspace(id)`` selection will ask for, so it can be read in one statement.

``workspace(id: ...) { deal(id: ...) { buyingCentre { person { influencers ... } } } }`` is the
workspace, a deal, its members and their influencers; read one after the other they are three
statements. The workspace resolver looks ahead into its selection, reads the workspace with the
deals (and their members) or with the people (and their neighbours) in one statement, and primes
the loaders, so the resolvers below find their answers without a read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from strawberry.types.nodes import Selection

from api.graphql.ids import key_of
from api.graphql.selection import fields_at, fields_of, selects
from graph.repository.deals import MemberInfluencers

__all__ = ["Ahead", "member_influencers", "plan_ahead"]

PERSON_RELATIONS = {
    "influences": "influences",
    "reportsTo": "managers",
    "directReports": "reports",
    "knows": "knows",
    "knownBy": "known_by",
}
"""Person fields read from :func:`graph.repository.relations.related_people`, by relation
(``influencers`` depends on its argument, see :func:`_person_relations`)."""


@dataclass
class Ahead:
    """Nodes a workspace selection asks for by id, and what is asked of them."""

    deals: list[str] = field(default_factory=list)
    member_modes: set[MemberInfluencers] = field(default_factory=set)
    """The influencers each deal's ``buyingCentre`` asks for; members are read ahead only when
    every deal asks for the same (the members loader is keyed by it)."""
    people: list[str] = field(default_factory=list)
    relations: set[str] = field(default_factory=set)
    organisations: list[str] = field(default_factory=list)

    @property
    def members(self) -> tuple[bool, MemberInfluencers]:
        """Whether members are read with the deals, and with which influencers."""
        if len(self.member_modes) != 1:
            return False, None
        return True, next(iter(self.member_modes))


def member_influencers(selected: Iterable[Selection]) -> MemberInfluencers:
    """The influencers the ``buyingCentre`` fields among ``selected`` ask of each member.

    Only the higher-status ones when every selection asks for no others, so the database sends
    no more than is shown.
    """
    asked = fields_at(selected, "buyingCentre", "person", "influencers")
    if not asked:
        return None
    above = all(f.arguments.get("higherStatusOnly") is True for f in asked)
    return "influencers_above" if above else "influencers"


def _person_relations(selected: Iterable[Selection]) -> set[str]:
    found: set[str] = set()
    for f in fields_of(selected):
        if f.name == "influencers":
            above = f.arguments.get("higherStatusOnly") is True
            found.add("influencers_above" if above else "influencers")
        elif f.name in PERSON_RELATIONS:
            found.add(PERSON_RELATIONS[f.name])
    return found


def plan_ahead(selections: Iterable[Selection]) -> Ahead:
    """What the fields of a workspace (``selections``) read by id, and below them."""
    plan = Ahead()
    for f in fields_of(selections):
        raw = f.arguments.get("id")
        if raw is None:
            continue
        if f.name == "deal":
            plan.deals.append(key_of(str(raw), "Deal"))
            if selects(f.selections, "buyingCentre"):
                plan.member_modes.add(member_influencers(f.selections))
        elif f.name == "person":
            plan.people.append(key_of(str(raw), "Person"))
            plan.relations |= _person_relations(f.selections)
        elif f.name == "organisation":
            plan.organisations.append(key_of(str(raw), "Organisation"))
    return plan
