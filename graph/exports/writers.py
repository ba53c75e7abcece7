"""Write a :class:`~graph.exports.scope.Dataset` as files other tools open.

* ``csv``: one file per kind with the import's columns (imports back unchanged);
* ``json``: ``{"workspace": ..., "<kind>": [rows ...]}`` with the same columns;
* ``graphml`` and ``gexf``: one directed multigraph, nodes for organisations, people and deals
  with their attributes (a person's ``level`` with ``level_inferred``, and their influence rank
  and brokerage from :mod:`graph.analytics`), one edge per stored relationship with its
  ``relation`` (GEXF reserves ``type``): ``REPORTS_TO``, ``INFLUENCES``, ``KNOWS``,
  ``WORKS_AT``, ``PARTNERS_WITH``, ``FOR``, ``IN_BUYING_CENTRE``, and its columns (an
  influence's ``kind`` and ``basis``, a membership's roles, stance, stage and status stakes).
  Two relationships between the same pair (a report who also influences their manager) are two
  edges. GEXF opens in Gephi. A member's journey history is the ``IN_BUYING_CENTRE`` edge's
  ``journey`` text, oldest first: ``2024-01-08 awareness; 2024-02-19 trust`` (the notes are in
  the csv and json exports);
* ``kumu``: Kumu's JSON blueprint, ``{"elements": [...], "connections": [...]}``, elements
  with a unique ``id`` and connections from and to those ids — see the README.

Every format is written as it is read (:func:`export_chunks`): a page of rows at a time, the
XML formats' nodes then their edges, so a workspace of 100,000 people and a million ties is
never held whole. The attributes GraphML and GEXF declare up front are every column a format
can have, whether or not a row fills it. Only the people's measures, the members' journeys and
who works where (an id pair each) are gathered before the first node is written.
:func:`to_graph` and :func:`write_export` are the same nodes and edges held in memory, for a
dataset read whole.
"""

from __future__ import annotations

import asyncio
import csv
import datetime
import io
import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, Protocol, get_args
from xml.sax.saxutils import escape

import networkx as nx

from graph.exports.measures import InfluenceTies, PersonMeasures, person_measures
from graph.exports.scope import Dataset, Page
from graph.imports.formats import FORMATS, neutralise_formula

__all__ = [
    "EXPORT_FORMATS",
    "Chunk",
    "DatasetPages",
    "ExportFormat",
    "RowPages",
    "export_chunks",
    "to_graph",
    "to_json",
    "to_kumu",
    "write_chunks",
    "write_export",
]

ExportFormat = Literal["csv", "json", "graphml", "gexf", "kumu"]
EXPORT_FORMATS: Final[tuple[ExportFormat, ...]] = get_args(ExportFormat)

_EDGES: Final = (
    ("reporting", "person_id", "manager_id", "REPORTS_TO"),
    ("influences", "source_id", "target_id", "INFLUENCES"),
    ("knows", "source_id", "target_id", "KNOWS"),
    ("partnerships", "organisation_id", "partner_id", "PARTNERS_WITH"),
    ("buying_centre", "person_id", "deal_id", "IN_BUYING_CENTRE"),
)
_NODES: Final = (
    ("organisations", "Organisation", "name"),
    ("people", "Person", "name"),
    ("deals", "Deal", "name"),
)
_FLOATS: Final = frozenset({"weight", "strength", "influence_rank", "brokerage"})
_INTS: Final = frozenset({"employees", "amount", "level", "aspiration"})

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, dict[str, Any]]


class RowPages(Protocol):
    """Where an export's rows come from: each kind's pages, in key order."""

    @property
    def workspace(self) -> str:
        """The workspace exported."""
        ...

    def pages(self, kind: str) -> AsyncIterator[Page]:
        """The pages of ``kind``'s rows."""
        ...


@dataclass
class DatasetPages:
    """A dataset read whole, as one page per kind."""

    data: Dataset

    @property
    def workspace(self) -> str:
        """The dataset's workspace."""
        return self.data.workspace

    async def pages(self, kind: str) -> AsyncIterator[Page]:
        """``kind``'s rows as one page (none when empty)."""
        rows = self.data.rows.get(kind, [])
        if rows:
            yield Page(rows, self.data.levels if kind == "people" else {})


def to_json(data: Dataset) -> dict[str, Any]:
    """The dataset as JSON-ready data: the workspace and each kind's rows."""
    return {"workspace": data.workspace, **{k: data.rows[k] for k in FORMATS}}


def _typed(row: dict[str, str], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Non-empty values, numbers as numbers (GraphML and GEXF keep attribute types).

    >>> _typed({"id": "P1", "weight": "0.5", "aspiration": "6", "evidence": ""}, ("id",))
    {'weight': 0.5, 'aspiration': 6}
    """
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in skip or value == "":
            continue
        if key in _FLOATS:
            out[key] = float(value)
        elif key in _INTS:
            out[key] = int(value)
        else:
            out[key] = value
    return out


def _journey(journeys: dict[tuple[str, str], str], events: Iterable[dict[str, str]]) -> None:
    """Each member's history as one text (GEXF and GraphML attributes are scalars), the
    events (ordered by member, then time) joined oldest first."""
    for event in events:
        member = (event["person_id"], event["deal_id"])
        step = f"{event['at']} {event['stage']}"
        journeys[member] = f"{journeys[member]}; {step}" if member in journeys else step


@dataclass
class _Elements:
    """Nodes and edges of the export's multigraph, made page by page from rows.

    ``measures`` and ``journeys`` are gathered before the first node; the nodes' pages then
    record who works where and which organisations exist, for the edges that follow.
    """

    measures: PersonMeasures = field(default_factory=dict)
    journeys: dict[tuple[str, str], str] = field(default_factory=dict)
    organisations: set[str] = field(default_factory=set)
    works_at: list[tuple[str, str]] = field(default_factory=list)
    deal_for: list[tuple[str, str]] = field(default_factory=list)

    def nodes(self, kind: str, label: str, name: str, page: Page) -> list[Node]:
        out = []
        for row in page.rows:
            attrs = _typed(row, ("id",))
            if kind == "people":
                attrs["name"] = f"{row['first_name']} {row['last_name']}".strip()
                level = page.levels.get(row["id"])
                if level is not None:
                    attrs["level"] = level.rank
                    attrs["level_inferred"] = level.inferred
                self.works_at.append((row["id"], row["organisation_id"]))
            elif kind == "organisations":
                self.organisations.add(row["id"])
            else:
                self.deal_for.append((row["id"], row["organisation_id"]))
            node = {"type": label, "label": attrs.get(name, row["id"]), **attrs}
            if row["id"] in self.measures:
                node["influence_rank"], node["brokerage"] = self.measures[row["id"]]
            out.append((row["id"], node))
        return out

    def memberships(self) -> list[Edge]:
        """Who works where, and which account each deal is for."""
        orgs = self.organisations
        edges = [(p, o, {"relation": "WORKS_AT"}) for p, o in self.works_at if o in orgs]
        edges += [(d, o, {"relation": "FOR"}) for d, o in self.deal_for if o in orgs]
        self.works_at, self.deal_for = [], []
        return edges

    def edges(self, kind: str, source: str, target: str, relation: str, page: Page) -> list[Edge]:
        out = []
        for row in page.rows:
            edge = {"relation": relation, **_typed(row, (source, target))}
            if kind == "buying_centre":
                journey = self.journeys.get((row[source], row[target]))
                if journey is not None:
                    edge["journey"] = journey
            out.append((row[source], row[target], edge))
        return out


async def _elements(
    rows: RowPages, *, measures: bool = True
) -> AsyncIterator[tuple[list[Node], list[Edge]]]:
    """The multigraph's nodes (all of them first), then its edges, a page at a time."""
    elements = _Elements()
    if measures:
        elements.measures = await person_measures(rows.pages)
    async for page in rows.pages("journey"):
        _journey(elements.journeys, page.rows)
    for kind, label, name in _NODES:
        async for page in rows.pages(kind):
            yield elements.nodes(kind, label, name, page), []
    yield [], elements.memberships()
    for kind, source, target, relation in _EDGES:
        async for page in rows.pages(kind):
            yield [], elements.edges(kind, source, target, relation, page)


def to_graph(data: Dataset, *, measures: bool = True) -> nx.MultiDiGraph:
    """One directed multigraph of the dataset: an edge per relationship, attributes typed.

    Edges between the same pair keep apart by key (GraphML writes it as the edge's id).
    """
    elements = _Elements()
    if measures:
        ties = InfluenceTies()
        ties.add_people(data.rows["people"])
        ties.add_influences(data.rows["influences"])
        ties.add_reports(data.rows["reporting"])
        elements.measures = ties.measures()
    _journey(elements.journeys, data.rows["journey"])
    graph = nx.MultiDiGraph(workspace=data.workspace)
    levels = data.levels
    for kind, label, name in _NODES:
        page = Page(data.rows[kind], levels)
        graph.add_nodes_from(elements.nodes(kind, label, name, page))
    graph.add_edges_from(elements.memberships())
    for kind, source, target, relation in _EDGES:
        graph.add_edges_from(elements.edges(kind, source, target, relation, Page(data.rows[kind])))
    return graph


def _element(node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    rest = {k: v for k, v in attrs.items() if k not in ("label", "type")}
    return {"id": node, "label": attrs["label"], "type": attrs["type"], **rest}


def _connection(number: int, a: str, b: str, attrs: dict[str, Any]) -> dict[str, Any]:
    rest = {k: v for k, v in attrs.items() if k != "relation"}
    return {"id": f"c{number}", "from": a, "to": b, "type": attrs["relation"],
            "direction": "directed", **rest}  # fmt: skip


def to_kumu(data: Dataset) -> dict[str, Any]:
    """Kumu's JSON blueprint: elements and connections, each with a unique ``id``.

    Kumu tells elements with the same label apart by ``id``, and connections then name their
    ends by id. Connections are ``directed``; their ``type`` is the relation, the rest fields.
    """
    graph = to_graph(data)
    elements = [_element(node, attrs) for node, attrs in graph.nodes(data=True)]
    connections = [
        _connection(n, a, b, attrs)
        for n, (a, b, attrs) in enumerate(graph.edges(data=True), start=1)
    ]
    return {"elements": elements, "connections": connections}


# -- streaming ------------------------------------------------------------------------------

Chunk = tuple[str | None, str]
"""A piece of an export: the CSV file it belongs to (``None`` for one-file formats), text."""


def _indented(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=1)`` writes it ``depth`` levels down."""
    text = json.dumps(value, indent=1, ensure_ascii=False)
    return text.replace("\n", "\n" + " " * depth)


class _JsonList:
    """One list member of a JSON document with ``indent=1``, written as its items come."""

    def __init__(self, key: str, first: bool) -> None:
        self.opening = ("{\n" if first else ",\n") + f" {json.dumps(key)}: "
        self.count = 0

    def items(self, values: Iterable[Any]) -> str:
        parts = []
        for value in values:
            parts.append(("[\n  " if self.count == 0 else ",\n  ") + _indented(value, 2))
            self.count += 1
        text = "".join(parts)
        if self.opening and text:
            text, self.opening = self.opening + text, ""
        return text

    def close(self) -> str:
        return self.opening + "[]" if self.count == 0 else "\n ]"


async def _json(rows: RowPages) -> AsyncIterator[Chunk]:
    yield None, "{\n" + f' "workspace": {json.dumps(rows.workspace, ensure_ascii=False)}'
    for kind in FORMATS:
        member = _JsonList(kind, first=False)
        async for page in rows.pages(kind):
            yield None, member.items(page.rows)
        yield None, member.close()
    yield None, "\n}\n"


async def _kumu(rows: RowPages) -> AsyncIterator[Chunk]:
    elements, connections = _JsonList("elements", first=True), _JsonList("connections", False)
    open_elements = True
    async for nodes, edges in _elements(rows):
        if nodes:
            yield None, elements.items(_element(node, attrs) for node, attrs in nodes)
        if edges:
            if open_elements:  # every node comes before the first edge
                yield None, elements.close()
                open_elements = False
            start = connections.count + 1
            yield (
                None,
                connections.items(
                    _connection(n, a, b, attrs) for n, (a, b, attrs) in enumerate(edges, start)
                ),
            )
    yield None, (elements.close() if open_elements else "") + connections.close() + "\n}\n"


async def _csv(rows: RowPages) -> AsyncIterator[Chunk]:
    for kind, spec in FORMATS.items():
        out = io.StringIO()
        writer = csv.DictWriter(out, spec.column_names, lineterminator="\n")
        writer.writeheader()
        yield spec.file_name, out.getvalue()
        async for page in rows.pages(kind):
            out = io.StringIO()
            writer = csv.DictWriter(out, spec.column_names, lineterminator="\n")
            writer.writerows(
                {k: neutralise_formula(v) for k, v in row.items()} for row in page.rows
            )
            yield spec.file_name, out.getvalue()


def _xml_type(name: str) -> str:
    if name in _FLOATS:
        return "double"
    if name in _INTS:
        return "long"
    if name == "level_inferred":
        return "boolean"
    return "string"


def _attribute_names() -> tuple[list[str], list[str]]:
    """Every attribute a node or an edge of the export can have, in a fixed order."""
    nodes = ["type", "label"]
    for kind, _, _ in _NODES:
        nodes += [c for c in FORMATS[kind].column_names if c != "id"]
    nodes += ["level_inferred", "influence_rank", "brokerage"]
    edges = ["relation"]
    for kind, source, target, _ in _EDGES:
        edges += [c for c in FORMATS[kind].column_names if c not in (source, target)]
    edges.append("journey")
    return list(dict.fromkeys(nodes)), list(dict.fromkeys(edges))


def _xml_text(value: Any, *, gexf: bool) -> str:
    if isinstance(value, bool):
        return ("true" if value else "false") if gexf else str(value)
    return escape(str(value))


def _xml_attr(value: Any) -> str:
    return escape(str(value), {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"})


async def _graphml(rows: RowPages) -> AsyncIterator[Chunk]:
    node_names, edge_names = _attribute_names()
    keys: dict[tuple[str, str], str] = {("graph", "workspace"): "d0"}
    for kind, names in (("node", node_names), ("edge", edge_names)):
        for name in names:
            keys[(kind, name)] = f"d{len(keys)}"
    head = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ]
    for (kind, name), key in keys.items():
        kind_type = "string" if kind == "graph" else _xml_type(name)
        head.append(
            f'  <key id="{key}" for="{kind}" attr.name="{name}" attr.type="{kind_type}" />\n'
        )
    head.append('  <graph edgedefault="directed">\n')
    yield None, "".join(head)

    def data(kind: str, attrs: dict[str, Any]) -> Iterator[str]:
        for name, value in attrs.items():
            yield f'      <data key="{keys[(kind, name)]}">{_xml_text(value, gexf=False)}</data>\n'

    number = 0
    async for nodes, edges in _elements(rows):
        parts = []
        for node, attrs in nodes:
            parts.append(f'    <node id="{_xml_attr(node)}">\n')
            parts.extend(data("node", attrs))
            parts.append("    </node>\n")
        for a, b, attrs in edges:
            parts.append(
                f'    <edge source="{_xml_attr(a)}" target="{_xml_attr(b)}" id="{number}">\n'
            )
            number += 1
            parts.extend(data("edge", attrs))
            parts.append("    </edge>\n")
        yield None, "".join(parts)
    workspace = _xml_text(rows.workspace, gexf=False)
    yield None, f'    <data key="d0">{workspace}</data>\n  </graph>\n</graphml>\n'


async def _gexf(rows: RowPages) -> AsyncIterator[Chunk]:
    node_names, edge_names = _attribute_names()
    # GEXF keeps a node's label and an edge's weight as attributes of the element itself.
    ids: dict[tuple[str, str], str] = {}
    head = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        '<gexf xmlns="http://www.gexf.net/1.2draft" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft '
        'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n',
        f'  <meta lastmodifieddate="{datetime.date.today().isoformat()}">\n',
        "    <creator>statusmap</creator>\n  </meta>\n",
        '  <graph defaultedgetype="directed" mode="static" name="">\n',
    ]
    for kind, names, special in (("edge", edge_names, "weight"), ("node", node_names, "label")):
        head.append(f'    <attributes mode="static" class="{kind}">\n')
        for name in names:
            if name == special:
                continue
            ids[(kind, name)] = str(len(ids))
            head.append(
                f'      <attribute id="{ids[(kind, name)]}" title="{name}" '
                f'type="{_xml_type(name)}" />\n'
            )
        head.append("    </attributes>\n")
    head.append("    <nodes>\n")
    yield None, "".join(head)

    def values(kind: str, attrs: dict[str, Any]) -> Iterator[str]:
        given = [(k, v) for k, v in attrs.items() if (kind, k) in ids]
        if not given:
            return
        yield "        <attvalues>\n"
        for name, value in given:
            text = _xml_attr(_xml_text(value, gexf=True) if isinstance(value, bool) else value)
            yield f'          <attvalue for="{ids[(kind, name)]}" value="{text}" />\n'
        yield "        </attvalues>\n"

    number = 0
    in_nodes = True
    async for nodes, edges in _elements(rows):
        parts = []
        for node, attrs in nodes:
            label = _xml_attr(attrs["label"])
            parts.append(f'      <node id="{_xml_attr(node)}" label="{label}">\n')
            parts.extend(values("node", attrs))
            parts.append("      </node>\n")
        if edges and in_nodes:
            parts.append("    </nodes>\n    <edges>\n")
            in_nodes = False
        for a, b, attrs in edges:
            weight = f' weight="{attrs["weight"]}"' if "weight" in attrs else ""
            parts.append(
                f'      <edge source="{_xml_attr(a)}" target="{_xml_attr(b)}" '
                f'id="{number}"{weight}>\n'
            )
            number += 1
            parts.extend(values("edge", attrs))
            parts.append("      </edge>\n")
        yield None, "".join(parts)
    yield (
        None,
        ("    </nodes>\n    <edges>\n" if in_nodes else "")
        + ("    </edges>\n  </graph>\n</gexf>\n"),
    )


_STREAMS: Final[dict[str, Callable[[RowPages], AsyncIterator[Chunk]]]] = {
    "csv": _csv,
    "json": _json,
    "kumu": _kumu,
    "graphml": _graphml,
    "gexf": _gexf,
}


def export_chunks(rows: RowPages, fmt: str) -> AsyncIterator[Chunk]:
    """``rows`` as ``fmt``, a piece at a time: ``(csv file name or None, text)``."""
    if fmt not in _STREAMS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    return _STREAMS[fmt](rows)


async def write_chunks(chunks: AsyncIterator[Chunk], target: Path) -> list[Path]:
    """Write ``chunks`` to ``target`` as they come: a directory of CSV files, else one file."""
    written: list[Path] = []
    handle = None
    try:
        async for name, text in chunks:
            path = target if name is None else target / name
            if not written or written[-1] != path:
                if handle is not None:
                    handle.close()
                path.parent.mkdir(parents=True, exist_ok=True)
                handle = path.open("w", encoding="utf-8", newline="")
                written.append(path)
            assert handle is not None
            handle.write(text)
    finally:
        if handle is not None:
            handle.close()
    return written


def write_export(data: Dataset, fmt: str, target: Path) -> list[Path]:
    """Write ``data``, read whole, as ``fmt`` to ``target`` (a directory for csv, else a file)."""
    return asyncio.run(write_chunks(export_chunks(DatasetPages(data), fmt), target))
