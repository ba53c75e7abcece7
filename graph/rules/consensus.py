"""Several observers of one influence tie: its consensus weight, disputes, observers' accuracy.

The same tie (A influences B) may be reported by several of our people, each with a weight.
Each report is kept on the ``INFLUENCES`` edge, in parallel lists (:data:`REPORT_FIELDS`), and
the edge's ``weight`` — the one every read and analysis uses — is their consensus:

- **consensus**: the median of each reporter's latest report (a reporter's new report
  replaces their old one). Krackhardt's cognitive social structures (1987) aggregate the
  perceivers' views of a tie into one consensus structure; the median is that aggregate made
  robust: one observer far off (or out of date) cannot pull the tie's weight, however high
  or low their report, and with two reporters it is their mean.
- **disputed**: the reports spread (highest minus lowest) by more than a threshold
  (``STATUSMAP_DISPUTE_THRESHOLD``, 0.3 by default on the 0..1 weight).
- **accuracy** of an observer: how far their reports lie from the consensus of the ties
  several people reported, on average (Krackhardt's accuracy against the consensus
  structure); 0 is the consensus itself.

>>> consensus([0.2, 0.9, 0.4])
0.4
>>> consensus([0.2, 0.8])
0.5
>>> disputed([0.2, 0.8], 0.3), disputed([0.5, 0.7], 0.3)
(True, False)
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_DISPUTE_THRESHOLD",
    "REPORT_FIELDS",
    "Accuracy",
    "Report",
    "accuracy",
    "consensus",
    "disputed",
    "reports_of",
]

DEFAULT_DISPUTE_THRESHOLD = 0.3
"""Reports of one tie spread further than this (on the 0..1 weight) make it disputed."""

REPORT_FIELDS = (
    "report_by",
    "report_user",
    "report_weight",
    "report_kind",
    "report_basis",
    "report_at",
)
"""The edge's parallel lists of reports: the person who reported ('' when none was named),
the user who recorded it, the weight, the kind and basis ('' when not given), and when."""


@dataclass(frozen=True)
class Report:
    """One observer's report of one influence tie."""

    reported_by: str | None
    """One of our people; ``None`` when the user recorded it without naming anyone."""
    user: str
    weight: float
    kind: str | None
    basis: str | None
    at: dt.datetime | None

    @property
    def observer(self) -> str:
        """Who reported: the person named, else the user (``user:<id>``)."""
        return self.reported_by or f"user:{self.user}"


def consensus(weights: Sequence[float]) -> float:
    """The tie's weight from its reporters' latest weights: their median."""
    return float(statistics.median(weights))


def disputed(weights: Sequence[float], threshold: float) -> bool:
    """Whether the reports disagree: their spread is above ``threshold``."""
    return len(weights) > 1 and max(weights) - min(weights) > threshold + 1e-9


def reports_of(edge: Mapping[str, Any]) -> list[Report]:
    """The reports kept on an ``INFLUENCES`` edge's properties (none on an edge without)."""
    weights = edge.get("report_weight") or []
    columns = [edge.get(f) or [None] * len(weights) for f in REPORT_FIELDS]
    return [
        Report(by or None, user or "", float(weight), kind or None, basis or None, at)
        for by, user, weight, kind, basis, at in zip(*columns, strict=True)
    ]


@dataclass(frozen=True)
class Accuracy:
    """How far one observer's reports lie from the consensus (mean absolute difference)."""

    observer: str
    reported_by: str | None
    user: str
    ties: int
    mean_deviation: float


def accuracy(edges: Iterable[Mapping[str, Any]]) -> list[Accuracy]:
    """Each observer's accuracy over ``edges`` (edge properties) with two reports or more.

    Ties with one report are left out: the consensus is that report. Most accurate first.
    """
    deviations: dict[str, list[float]] = defaultdict(list)
    who: dict[str, Report] = {}
    for edge in edges:
        reports = reports_of(edge)
        if len(reports) < 2:
            continue
        weight = float(edge["weight"])
        for r in reports:
            deviations[r.observer].append(abs(r.weight - weight))
            who[r.observer] = r
    found = [
        Accuracy(o, who[o].reported_by, who[o].user, len(d), round(statistics.fmean(d), 4))
        for o, d in deviations.items()
    ]
    return sorted(found, key=lambda a: (a.mean_deviation, a.observer))
