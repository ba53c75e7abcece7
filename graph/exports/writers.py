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
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Final, Literal, get_args

import networkx as nx

from graph.analytics.centrality import brokerage, influence_rank
from graph.exports.scope import Dataset
from graph.imports.formats import FORMATS, neutralise_formula

__all__ = [
    "EXPORT_FORMATS",
    "ExportFormat",
    "to_graph",
    "to_json",
    "to_kumu",
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
        if key in ("weight", "strength"):
            out[key] = float(value)
        elif key in ("employees", "amount", "level", "aspiration"):
            out[key] = int(value)
        else:
            out[key] = value
    return out


def _measures(graph: nx.MultiDiGraph) -> None:
    """Influence rank and brokerage on the people's influence graph, as node attributes."""
    influence = nx.DiGraph()
    influence.add_nodes_from(n for n, a in graph.nodes(data=True) if a["type"] == "Person")
    for a, b, attrs in graph.edges(data=True):
        if attrs["relation"] == "INFLUENCES":
            influence.add_edge(a, b, weight=attrs["weight"])
        elif attrs["relation"] == "REPORTS_TO" and not influence.has_edge(b, a):
            influence.add_edge(b, a, weight=0.5)  # the manager moves the report
    if influence.number_of_nodes() == 0:
        return
    ranks = influence_rank(influence)
    broker_values = brokerage(influence).values
    for node, value in ranks.items():
        graph.nodes[node]["influence_rank"] = round(float(value), 8)
        graph.nodes[node]["brokerage"] = round(float(broker_values.get(node, 0.0)), 8)


def _journeys(graph: nx.MultiDiGraph, events: list[dict[str, str]]) -> None:
    """Each member's history as one text attribute of their buying-centre edge.

    GEXF and GraphML attributes are scalars, so the events (ordered by member, then time) are
    joined into one text.
    """
    for event in events:
        edges = graph.get_edge_data(event["person_id"], event["deal_id"]) or {}
        edge = next((e for e in edges.values() if e["relation"] == "IN_BUYING_CENTRE"), None)
        if edge is None:
            continue
        step = f"{event['at']} {event['stage']}"
        edge["journey"] = f"{edge['journey']}; {step}" if "journey" in edge else step


def to_graph(data: Dataset, *, measures: bool = True) -> nx.MultiDiGraph:
    """One directed multigraph of the dataset: an edge per relationship, attributes typed.

    Edges between the same pair keep apart by key (GraphML writes it as the edge's id).
    """
    graph = nx.MultiDiGraph(workspace=data.workspace)
    for kind, label, name in (
        ("organisations", "Organisation", "name"),
        ("people", "Person", "name"),
        ("deals", "Deal", "name"),
    ):
        for row in data.rows[kind]:
            attrs = _typed(row, ("id",))
            if kind == "people":
                attrs["name"] = f"{row['first_name']} {row['last_name']}".strip()
                level = data.levels.get(row["id"])
                if level is not None:
                    attrs["level"] = level.rank
                    attrs["level_inferred"] = level.inferred
            graph.add_node(row["id"], type=label, label=attrs.get(name, row["id"]), **attrs)
    for row in data.rows["people"]:
        if row["organisation_id"] in graph:
            graph.add_edge(row["id"], row["organisation_id"], relation="WORKS_AT")
    for row in data.rows["deals"]:
        if row["organisation_id"] in graph:
            graph.add_edge(row["id"], row["organisation_id"], relation="FOR")
    for kind, source, target, label in _EDGES:
        for row in data.rows[kind]:
            graph.add_edge(
                row[source], row[target], relation=label, **_typed(row, (source, target))
            )
    _journeys(graph, data.rows["journey"])
    if measures:
        _measures(graph)
    return graph


def to_kumu(data: Dataset) -> dict[str, Any]:
    """Kumu's JSON blueprint: elements and connections, each with a unique ``id``.

    Kumu tells elements with the same label apart by ``id``, and connections then name their
    ends by id. Connections are ``directed``; their ``type`` is the relation, the rest fields.
    """
    graph = to_graph(data)
    elements = [
        {"id": node, "label": attrs["label"], "type": attrs["type"], **{
            k: v for k, v in attrs.items() if k not in ("label", "type")
        }}
        for node, attrs in graph.nodes(data=True)
    ]  # fmt: skip
    connections = [
        {"id": f"c{n}", "from": a, "to": b, "type": attrs["relation"], "direction": "directed",
         **{k: v for k, v in attrs.items() if k != "relation"}}
        for n, (a, b, attrs) in enumerate(graph.edges(data=True), start=1)
    ]  # fmt: skip
    return {"elements": elements, "connections": connections}


def write_export(data: Dataset, fmt: str, target: Path) -> list[Path]:
    """Write ``data`` as ``fmt`` to ``target`` (a directory for csv, else a file)."""
    if fmt == "csv":
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for kind, spec in FORMATS.items():
            path = target / spec.file_name
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, spec.column_names, lineterminator="\n")
                writer.writeheader()
                writer.writerows(
                    {k: neutralise_formula(v) for k, v in row.items()} for row in data.rows[kind]
                )
            written.append(path)
        return written
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        target.write_text(json.dumps(to_json(data), indent=1, ensure_ascii=False) + "\n")
    elif fmt == "kumu":
        target.write_text(json.dumps(to_kumu(data), indent=1, ensure_ascii=False) + "\n")
    elif fmt == "graphml":
        nx.write_graphml(to_graph(data), target)
    elif fmt == "gexf":
        nx.write_gexf(to_graph(data), target, version="1.2draft")
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    return [target]
