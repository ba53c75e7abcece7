"""Reads shaped by a selection: one statement that returns exactly what a client asked for.

The hot GraphQL reads — a workspace's deal with its buying centre, a person with their
neighbours — can be answered by one statement built for the operation
(:mod:`api.graphql.compiled` describes what it asks for with the read trees below): only the
stored properties asked for, only the neighbours asked for, with their filters. This module
turns such a tree into Cypher. The text holds only what this module writes: labels,
relationship types and property names from the tables below (a name outside them is refused),
variables it numbers itself, and parameters named ``a<n>``; every value is a parameter, and the
workspace is ``$workspace``, set by the workspace store. Orderings and filters are those of the
named statements the general path reads (``queries/deals/members.cypher``,
``queries/relations/neighbours.cypher``), and the shared parts are the same fragments.

Every map answered has the properties asked for under their stored names, and ``level``,
``organisation``, ``members`` (``{member, person}`` maps) and ``r<i>`` (the i-th relation asked
for: ``{edge, person}`` maps) where asked for.

>>> read = WorkspaceRead(("name",), (PersonByIdRead("a0", PersonRead(("name",), level=True)),))
>>> text = statement(read)
>>> "$a0" in text and "{{" not in text
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.database.queries import with_fragments
from graph.database.store import Row, WorkspaceStore

__all__ = [
    "DEAL",
    "INFLUENCE",
    "KNOWS",
    "MEMBER",
    "ORGANISATION",
    "PERSON",
    "RELATIONS",
    "WORKSPACE",
    "DealRead",
    "MembersRead",
    "OrganisationRead",
    "PersonByIdRead",
    "PersonRead",
    "RelationRead",
    "WorkspaceRead",
    "read_workspace",
    "statement",
]

PERSON = frozenset({"id", "name", "title", "department", "email", "needs", "tags", "aliases"})
ORGANISATION = frozenset(
    {"id", "name", "kind", "industry", "size_band", "revenue_band", "country", "region",
     "technologies"}
)  # fmt: skip
DEAL = frozenset({"id", "name"})
MEMBER = frozenset({"roles", "stance", "stage", "motive", "outcome", "evidence", "aspiration"})
INFLUENCE = frozenset({"weight", "kind", "evidence", "since", "until", "basis"})
KNOWS = frozenset({"strength", "last_contact"})
WORKSPACE = frozenset({"id", "name"})


@dataclass(frozen=True)
class _Relation:
    pattern: str
    """The pattern from person ``{p}`` to neighbour ``{b}`` over edge ``{r}``."""
    edge: frozenset[str]
    order: str
    """What comes before the neighbour's id in the order, if anything."""


RELATIONS = {
    "influencers": _Relation("({b}:Person)-[{r}:INFLUENCES]->({p})", INFLUENCE, "{r}.weight DESC"),
    "influences": _Relation("({p})-[{r}:INFLUENCES]->({b}:Person)", INFLUENCE, "{r}.weight DESC"),
    "knows": _Relation("({p})-[{r}:KNOWS]->({b}:Person)", KNOWS, "{r}.strength DESC"),
    "known_by": _Relation("({b}:Person)-[{r}:KNOWS]->({p})", KNOWS, "{r}.strength DESC"),
    "managers": _Relation("({p})-[{r}:REPORTS_TO]->({b}:Person)", frozenset(), ""),
    "reports": _Relation("({b}:Person)-[{r}:REPORTS_TO]->({p})", frozenset(), ""),
}
"""A person's neighbours, as :func:`graph.repository.relations.related_people` reads them."""

_PARAMETER = re.compile(r"a[0-9]+")


@dataclass(frozen=True)
class OrganisationRead:
    props: tuple[str, ...]


@dataclass(frozen=True)
class RelationRead:
    """One relation of a person: which neighbours, what of the edge and of each of them."""

    relation: str
    edge: tuple[str, ...]
    person: PersonRead
    min_weight: str | None = None
    """The parameter holding the least weight of an influence edge, if filtered."""
    above_only: str | None = None
    """The parameter holding whether only higher-status influencers are read."""


@dataclass(frozen=True)
class PersonRead:
    props: tuple[str, ...]
    level: bool = False
    organisation: OrganisationRead | None = None
    relations: tuple[RelationRead, ...] = ()

    @property
    def needs_level(self) -> bool:
        return self.level or any(r.above_only for r in self.relations)


@dataclass(frozen=True)
class MembersRead:
    member: tuple[str, ...]
    person: PersonRead


@dataclass(frozen=True)
class DealRead:
    id: str
    """The parameter holding the deal's key."""
    props: tuple[str, ...]
    organisation: OrganisationRead | None = None
    members: MembersRead | None = None


@dataclass(frozen=True)
class PersonByIdRead:
    id: str
    """The parameter holding the person's key."""
    person: PersonRead


@dataclass(frozen=True)
class WorkspaceRead:
    props: tuple[str, ...]
    nodes: tuple[DealRead | PersonByIdRead, ...] = ()
    """Answered as ``n<i>``: the node's map, or null when there is none by that key."""


def _props(names: tuple[str, ...], allowed: frozenset[str]) -> list[str]:
    for name in names:
        if name not in allowed:
            raise ValueError(f"{name!r} is not a property a shaped read may return")
    return [f".{name}" for name in names]


def _parameter(name: str) -> str:
    if not _PARAMETER.fullmatch(name):
        raise ValueError(f"{name!r} is not a parameter name of a shaped read (a<n>)")
    return f"${name}"


def _map(variable: str, items: list[str]) -> str:
    return f"{variable} {{{', '.join(items or ['.id'])}}}"


@dataclass
class _Builder:
    used: int = 0
    parameters: set[str] = field(default_factory=set)

    def var(self, prefix: str) -> str:
        self.used += 1
        return f"{prefix}{self.used}"

    def param(self, name: str) -> str:
        self.parameters.add(name)
        return _parameter(name)

    def organisation(self, start: str, hop: str, read: OrganisationRead) -> str:
        o = self.var("o")
        return f"head([({start})-[:{hop}]->({o}:Organisation) | " + _map(
            o, _props(read.props, ORGANISATION)
        ) + "])"  # fmt: skip

    def person(self, p: str, level: str, read: PersonRead) -> str:
        """The map of person ``p``, whose level (when needed) is in ``level``."""
        items = _props(read.props, PERSON)
        if read.level:
            items.append(f"level: {level}")
        if read.organisation is not None:
            items.append(f"organisation: {self.organisation(p, 'WORKS_AT', read.organisation)}")
        for i, relation in enumerate(read.relations):
            items.append(f"r{i}: {self.relation(p, level, relation)}")
        return _map(p, items)

    def relation(self, p: str, own: str, read: RelationRead) -> str:
        shape = RELATIONS[read.relation]
        b, r, level = self.var("b"), self.var("r"), self.var("l")
        pattern = shape.pattern.format(p=p, b=b, r=r)
        where = f"{b}.workspace = $workspace"
        if read.min_weight is not None:
            where += f" AND {r}.weight >= {self.param(read.min_weight)}"
        parts = [f"MATCH {pattern} WHERE {where}"]
        carried = f"{b}, {r}"
        if read.person.needs_level or read.above_only is not None:
            # A neighbour whose level is not asked for reads only the rank it is compared by.
            value = (
                f"{{{{ org_level({b}) }}}}"
                if read.person.needs_level
                else f"{{rank: {{{{ org_rank({b}) }}}}}}"
            )
            parts.append(f"WITH {b}, {r}, {value} AS {level}")
            carried += f", {level}"
            if read.above_only is not None:
                parts.append(
                    f"WHERE NOT {self.param(read.above_only)} OR "
                    f"{{{{ higher_status({level}, {own}) }}}}"
                )
        order = shape.order.format(r=r)
        parts.append(f"WITH {carried} ORDER BY {order + ', ' if order else ''}{b}.id")
        return self.pairs(parts, ("edge", r, read.edge, shape.edge), b, level, read.person)

    def members(self, d: str, read: MembersRead) -> str:
        p, m, level = self.var("p"), self.var("m"), self.var("l")
        parts = [f"MATCH ({p}:Person {{workspace: $workspace}})-[{m}:IN_BUYING_CENTRE]->({d})"]
        carried = f"{p}, {m}"
        if read.person.needs_level:
            parts.append(f"WITH {p}, {m}, {{{{ org_level({p}) }}}} AS {level}")
            carried += f", {level}"
        parts.append(f"WITH {carried} ORDER BY {p}.id")
        return self.pairs(parts, ("member", m, read.member, MEMBER), p, level, read.person)

    def pairs(
        self,
        parts: list[str],
        edge: tuple[str, str, tuple[str, ...], frozenset[str]],
        p: str,
        level: str,
        person: PersonRead,
    ) -> str:
        """``parts`` collected as ``{<edge name>: edge map, person: person map}`` maps;
        ``edge`` is the name, the variable, the properties asked for and those allowed."""
        name, variable, props, allowed = edge
        answer = [f"person: {self.person(p, level, person)}"]
        if props:
            answer.insert(0, f"{name}: {_map(variable, _props(props, allowed))}")
        parts.append(f"RETURN {{{', '.join(answer)}}}")
        return "COLLECT { " + " ".join(parts) + " }"

    def node(self, read: DealRead | PersonByIdRead) -> str:
        if isinstance(read, DealRead):
            d = self.var("d")
            items = _props(read.props, DEAL)
            if read.organisation is not None:
                items.append(f"organisation: {self.organisation(d, 'FOR', read.organisation)}")
            if read.members is not None:
                items.append(f"members: {self.members(d, read.members)}")
            match = f"MATCH ({d}:Deal {{id: {self.param(read.id)}, workspace: $workspace}})"
            return f"head(COLLECT {{ {match} RETURN {_map(d, items)} }})"
        p, level, key = self.var("p"), self.var("l"), self.param(read.id)
        k = self.var("k")
        # The person the key names: by id, or by alias (graph.repository.person_keys), each an
        # index seek.
        match = (
            f"CALL () {{ MATCH ({p}:Person {{id: {key}, workspace: $workspace}}) RETURN {p} "
            f"UNION WITH {key} AS {k} MATCH {{{{ alias_of({k}, {p}) }}}} RETURN {p} }}"
        )
        if read.person.needs_level:
            match += f" WITH {p}, {{{{ org_level({p}) }}}} AS {level}"
        return f"head(COLLECT {{ {match} RETURN {self.person(p, level, read.person)} }})"


def statement(read: WorkspaceRead) -> str:
    """The statement answering ``read``: one row, ``workspace``, when the workspace exists."""
    builder = _Builder()
    items = _props(read.props, WORKSPACE)
    items += [f"n{i}: {builder.node(node)}" for i, node in enumerate(read.nodes)]
    text = f"MATCH (w:Workspace {{id: $workspace}}) RETURN {_map('w', items)} AS workspace"
    return with_fragments(text, "graph/repository/shaped.py")


async def read_workspace(ws: WorkspaceStore, text: str, params: dict[str, Any]) -> Row | None:
    """The workspace's map from ``text`` (see :func:`statement`); ``None`` if it does not exist.

    ``ws`` checks the caller's role first, as for every read of a workspace.
    """
    rows = await ws.read_shaped(text, params)
    return rows[0]["workspace"] if rows else None
