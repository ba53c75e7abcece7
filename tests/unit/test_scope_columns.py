"""A scope's edges come from one record of column lists; each type lands in its own list."""

from __future__ import annotations

import pytest

from graph.analytics import AnalyticsInputError, InfluenceEdge, KnowsEdge
from graph.scopes.read import _edges


def test_columns_split_by_type_in_order() -> None:
    columns = {
        "types": ["INFLUENCES", "REPORTS_TO", "KNOWS", "INFLUENCES"],
        "sources": ["a", "b", "us", "c"],
        "targets": ["b", "c", "a", "a"],
        "weights": [0.8, 0.0, 0.6, 1],
        "kinds": ["advice", "advice", "advice", "peer"],
    }
    influences, reports, knows = _edges(columns)
    assert influences == [
        InfluenceEdge("a", "b", 0.8, "advice"),
        InfluenceEdge("c", "a", 1.0, "peer"),
    ]
    assert reports == [("b", "c")]
    assert knows == [KnowsEdge("us", "a", 0.6)]


def test_columns_of_unequal_length_are_refused() -> None:
    columns = {"types": ["KNOWS"], "sources": ["a"], "targets": [], "weights": [0.5], "kinds": []}
    with pytest.raises(ValueError):
        _edges(columns)


def test_an_out_of_range_weight_is_still_refused() -> None:
    columns = {
        "types": ["INFLUENCES"],
        "sources": ["a"],
        "targets": ["b"],
        "weights": [1.5],
        "kinds": ["advice"],
    }
    with pytest.raises(AnalyticsInputError):
        _edges(columns)
