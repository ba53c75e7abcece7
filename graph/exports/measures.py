"""Each person's influence rank and brokerage for the graph exports, read in pages.

The influence graph is the one :mod:`graph.analytics` defines: an edge a -> b per influence
with its weight, and b -> a with weight 0.5 for each report a of manager b unless b already
influences a. It is held as index arrays and one sparse matrix, never as a networkx graph of
the whole workspace: at 100,000 people and a million ties, the arrays take tens of megabytes
where the dicts of a graph take gigabytes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from typing import Final

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from graph.analytics.centrality import brokerage_sources, brokerage_vector, pagerank_vector
from graph.exports.scope import Page

__all__ = ["REPORT_WEIGHT", "InfluenceTies", "PersonMeasures", "person_measures"]

REPORT_WEIGHT: Final = 0.5
"""The weight of a reporting line's manager -> report edge when no influence says otherwise."""

PersonMeasures = dict[str, tuple[float, float]]
"""Person id -> (influence rank, brokerage), rounded to 8 digits as the exports write them."""

Pages = Callable[[str], AsyncIterator[Page]]


class InfluenceTies:
    """The influence graph gathered page by page, then measured once.

    Add every person first, then the influences, then the reporting lines.
    """

    def __init__(self) -> None:
        self.people: list[str] = []
        self._index: dict[str, int] = {}
        self._influences: list[npt.NDArray[np.int64]] = []
        self._weights: list[npt.NDArray[np.float64]] = []
        self._reports: list[npt.NDArray[np.int64]] = []

    def add_people(self, rows: Iterable[dict[str, str]]) -> None:
        """People rows (their ``id``)."""
        for row in rows:
            if row["id"] not in self._index:  # one row per organisation they work at
                self._index[row["id"]] = len(self.people)
                self.people.append(row["id"])

    def _keys(self, pairs: list[tuple[str, str]]) -> npt.NDArray[np.int64]:
        n, index = len(self.people), self._index
        return np.fromiter(
            (index[a] * n + index[b] for a, b in pairs), dtype=np.int64, count=len(pairs)
        )

    def add_influences(self, rows: Iterable[dict[str, str]]) -> None:
        """Influence rows (``source_id``, ``target_id``, ``weight``)."""
        rows = list(rows)
        self._influences.append(self._keys([(r["source_id"], r["target_id"]) for r in rows]))
        self._weights.append(np.fromiter((float(r["weight"]) for r in rows), np.float64))

    def add_reports(self, rows: Iterable[dict[str, str]]) -> None:
        """Reporting rows (``person_id``, ``manager_id``): the manager moves the report."""
        self._reports.append(self._keys([(r["manager_id"], r["person_id"]) for r in rows]))

    def measures(self) -> PersonMeasures:
        """Influence rank and brokerage of every person added."""
        n = len(self.people)
        if n == 0:
            return {}
        keys = np.concatenate([np.zeros(0, np.int64), *self._influences])
        values = np.concatenate([np.zeros(0, np.float64), *self._weights])
        # A pair influenced twice keeps its last weight, as a graph's edge would.
        keys, first = np.unique(keys[::-1], return_index=True)
        values = values[::-1][first]
        managed = np.unique(np.concatenate([np.zeros(0, np.int64), *self._reports]))
        managed = managed[~np.isin(managed, keys)]  # an influence says more than the org chart
        keys = np.concatenate([keys, managed])
        values = np.concatenate([values, np.full(len(managed), REPORT_WEIGHT)])
        W = sp.coo_array((values, (keys // n, keys % n)), shape=(n, n)).tocsr()
        W.sum_duplicates()
        ranks = pagerank_vector(W)
        sources, exact = brokerage_sources(self.people)
        between = brokerage_vector(W, sources, exact=exact)
        return {
            person: (round(float(rank), 8), round(float(broker), 8))
            for person, rank, broker in zip(
                self.people, ranks.tolist(), between.tolist(), strict=True
            )
        }


async def person_measures(pages: Pages) -> PersonMeasures:
    """Influence rank and brokerage of every person, the people and ties read from ``pages``.

    ``pages(kind)`` yields the pages of ``kind`` (people, influences, reporting). The values
    are those of :func:`graph.analytics.centrality.influence_rank` and
    :func:`~graph.analytics.centrality.brokerage` on the influence graph.
    """
    ties = InfluenceTies()
    async for page in pages("people"):
        ties.add_people(page.rows)
    async for page in pages("influences"):
        ties.add_influences(page.rows)
    async for page in pages("reporting"):
        ties.add_reports(page.rows)
    return ties.measures()
