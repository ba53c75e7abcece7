"""Read-ahead: what a ``workspace(id)`` selection will ask for, so it can be read in one statement.

``workspace(id: ...) { deal(id: ...) { buyingCentre { person { influencers ... } } } }`` is the
workspace, a deal, its members and their influencers; read one after the other they are three
statements. The workspace resolver looks ahead into its selection, reads the workspace with the
deals (and their members) or with the people (and their neighbours) in one statement, and primes
the loaders, so the resolvers below find their answers without a read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from api.graphql.ids import key_of
from api.graphql.selection import Selected, SelectedField, fields_at, selects
from graph.repository.deals import MemberInfluencers

__all__ = ["Ahead", "member_influencers", "plan_ahead"]

PERSON_RELATIONS = {
    "influences": "influences",
    "reportsTo": "managers",
    "managers": "managers",
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
    member_organisations: bool = False
    """Whether any buying centre asks for its people's organisations."""
    people: list[str] = field(default_factory=list)
    relations: set[str] = field(default_factory=set)
    organisations: list[str] = field(default_factory=list)

    @property
    def members(self) -> tuple[bool, MemberInfluencers]:
        """Whether members are read with the deals, and with which influencers."""
        if len(self.member_modes) != 1:
            return False, None
        return True, next(iter(self.member_modes))


def member_influencers(asked: list[SelectedField]) -> MemberInfluencers:
    """The influencers a buying centre's ``person { influencers }`` fields (``asked``) want.

    Only the higher-status ones when every one of them asks for no others, so the database
    sends no more than is shown.
    """
    if not asked:
        return None
    kinds = {_influencers(f) for f in asked}
    return "influencers_above" if kinds == {"influencers_above"} else "influencers"


def _influencers(f: SelectedField) -> str:
    """The relation an ``influencers`` field reads (:data:`graph.repository.relations.RELATED`)."""
    return "influencers_above" if f.argument("higherStatusOnly") is True else "influencers"


def _person_relations(selection: Selected) -> set[str]:
    found: set[str] = set()
    for f in selection.fields():
        if f.name == "influencers":
            found.add(_influencers(f))
        elif f.name in PERSON_RELATIONS:
            found.add(PERSON_RELATIONS[f.name])
    return found


def plan_ahead(selection: Selected) -> Ahead:
    """What the fields of a workspace (``selection``) read by id, and below them."""
    plan = Ahead()
    for f in selection.fields():
        raw = f.argument("id")
        if raw is None:
            continue
        inner = f.selections
        if f.name == "deal":
            plan.deals.append(key_of(str(raw), "Deal"))
            if selects(inner, "buyingCentre"):
                asked = fields_at(inner, "buyingCentre", "person", "influencers")
                plan.member_modes.add(member_influencers(asked))
                if selects(inner, "buyingCentre", "person", "organisation"):
                    plan.member_organisations = True
        elif f.name == "person":
            plan.people.append(key_of(str(raw), "Person"))
            plan.relations |= _person_relations(inner)
        elif f.name == "organisation":
            plan.organisations.append(key_of(str(raw), "Organisation"))
    return plan
