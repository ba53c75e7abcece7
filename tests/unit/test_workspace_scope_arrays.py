"""The workspace read's answers mapped to positions: internal node ids, REPORTS_TO, orgs."""

from __future__ import annotations

from graph.scopes.workspace import _chunk_arrays, _NodePositions, _organisations

# People by position 0..3; their internal node ids come in no particular order.
NODES = [40, 7, 1003, 12]


def test_node_ids_map_to_positions_and_unknown_ones_to_minus_one() -> None:
    positions = _NodePositions(NODES)
    assert positions([12, 40, 1003, 7]).tolist() == [3, 0, 2, 1]
    # Not among the people: before, between and after the known ids.
    assert positions([0, 8, 2000]).tolist() == [-1, -1, -1]
    assert _NodePositions([])([1, 2]).tolist() == [-1, -1]


def test_chunk_edges_reporting_lines_and_edges_left_out() -> None:
    # A chunk of people from position 2: person 2 influences 0 (0.7), person 3 reports to 1
    # (source -1 - 1; a reporting line has no weight: NaN). Left out: person 2 influences
    # node 99, created after the people were read; person 3 influences 0 without a weight;
    # person 2 influences themselves.
    nan = float("nan")
    columns = {
        "sources": [0, -2, 0, 1, 0],
        "targets": [40, 7, 99, 40, 1003],
        "weights": [0.7, nan, 0.4, nan, 0.5],
    }
    sources, targets, weights, reports = _chunk_arrays(columns, 2, _NodePositions(NODES))
    assert sources.tolist() == [2, 3]
    assert targets.tolist() == [0, 1]
    assert weights.tolist() == [0.7, 0.0]
    assert reports.tolist() == [False, True]


def test_organisations_by_person_and_people_without_one() -> None:
    columns = {
        "ids": ["acme", "bolt"],
        "kinds": ["customer", ""],
        # 99 is not among the people read: ignored.
        "people": [[40, 1003], [12, 99]],
    }
    org_ids, org_kinds = _organisations(columns, len(NODES), _NodePositions(NODES))
    assert org_ids == ["acme", None, "acme", "bolt"]
    assert org_kinds == ["customer", None, "customer", None]
