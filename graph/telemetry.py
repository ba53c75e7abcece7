"""What the domain core tells operators: counters of its work and spans around its statements.

The counters are Prometheus metrics in the process's default registry; the API exposes them
(``api/metrics.py``). The spans go to OpenTelemetry's global tracer provider, which the API sets
when tracing is on (``api/tracing.py``) and which records nothing otherwise. Nothing here serves
HTTP or knows about requests.
"""

from __future__ import annotations

from opentelemetry import trace
from prometheus_client import Counter, Gauge

__all__ = ["ANALYSIS_CACHE", "IMPORT_ROWS", "NEO4J_ERRORS", "NEO4J_IN_USE", "TRACER"]

TRACER = trace.get_tracer("statusmap")
"""statusmap's tracer: a proxy that follows the global provider once one is set."""

NEO4J_ERRORS = Counter(
    "statusmap_neo4j_errors_total",
    "Statements that failed because Neo4j could not serve them: 'unavailable' (down, "
    "unreachable, no answer in time) or 'busy' (deadlock, lock wait, time limit).",
    ["kind"],
)
NEO4J_IN_USE = Gauge(
    "statusmap_neo4j_connections_in_use",
    "Neo4j connections of the driver's pool this process holds now: each statement or "
    "transaction at work holds one, from its start to its answer.",
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
