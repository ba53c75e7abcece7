"""What the domain core tells operators: counters of its work, read by the API's ``/metrics``.

The counters are Prometheus metrics in the process's default registry; the API exposes them
(``api/metrics.py``). Nothing here serves HTTP or knows about requests.
"""

from __future__ import annotations

from prometheus_client import Counter

__all__ = ["ANALYSIS_CACHE", "IMPORT_ROWS", "NEO4J_ERRORS"]

NEO4J_ERRORS = Counter(
    "statusmap_neo4j_errors_total",
    "Statements that failed because Neo4j could not serve them: 'unavailable' (down, "
    "unreachable, no answer in time) or 'busy' (deadlock, lock wait, time limit).",
    ["kind"],
)
ANALYSIS_CACHE = Counter(
    "statusmap_analysis_cache_total",
    "Look-ups of the analysis cache, by result: 'hit' (answered from the cache) or 'miss'.",
    ["result"],
)
IMPORT_ROWS = Counter(
    "statusmap_import_rows_written_total",
    "Rows of CSV imports written to the database.",
)
