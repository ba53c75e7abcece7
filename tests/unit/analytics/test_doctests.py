"""The examples in the analytics docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "graph.analytics.influence_graph",
    "graph.analytics.centrality",
    "graph.analytics.status",
    "graph.analytics.coverage",
    "graph.analytics.approach",
    "graph.analytics.accounts",
    "graph.analytics.what_if",
    "graph.analytics.routes",
    "graph.analytics.stakes",
    "graph.analytics.reach",
    "graph.model.common",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
