"""The suite's results as Markdown: machine, then one table per workload, a row per size."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from benchmarks.analysis import AnalysisRun, DealAnalysisRun
from benchmarks.ingest import IngestRun
from benchmarks.serving import Latency
from benchmarks.sizes import Size

__all__ = ["Report", "SizeResult"]


@dataclass
class SizeResult:
    """Everything measured at one size."""

    size: Size
    ingest: list[IngestRun] = field(default_factory=list)
    serving: dict[tuple[str, int], tuple[Latency, Latency]] = field(default_factory=dict)
    api_analysis: float | None = None
    api_deal_analysis: float | None = None
    deal: str | None = None
    deal_analysis: DealAnalysisRun | None = None
    analysis: AnalysisRun | None = None
    api_peak: int | None = None
    neo4j_peak: int | None = None


def _gib(n: int | None) -> str:
    return "-" if n is None else f"{n / 2**30:.2f} GiB"


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} ms"


MEASURED_APART = [
    "## Measured apart",
    "",
    "Workloads too long for every suite run have their own commands and files (see "
    "[README.md](README.md)):",
    "",
    "- [RESULTS-ingest.md](RESULTS-ingest.md): ingest at 100,000 people and 1M edges "
    "(`python -m benchmarks.ingest --sizes portfolio`);",
    "- [RESULTS-serving.md](RESULTS-serving.md): the queries at 5,000 and 100,000 people with "
    "several API workers, CPU per request of each process (`python -m benchmarks.serving_scale`);",
    "- [RESULTS-crm.md](RESULTS-crm.md): whole-workspace influence rank up to 1M people and 10M "
    "edges, against igraph and NetworkX (`python -m benchmarks.crm`);",
    "- [RESULTS-deal-analysis.md](RESULTS-deal-analysis.md): a deal's analysis on one account of "
    "100 to 5,000 people (`python -m benchmarks.deal_analysis`);",
    "- [RESULTS-compiled.md](RESULTS-compiled.md): the queries alone, compiled vs the general "
    "executor vs the Cypher limit (`python -m benchmarks.compiled_reads`).",
]
"""The other results files, linked from RESULTS.md."""


@dataclass
class Report:
    """The whole run."""

    machine: dict[str, str]
    workers: int
    results: list[SizeResult] = field(default_factory=list)

    def markdown(self) -> str:
        """RESULTS.md."""
        out = [
            "# Benchmark results",
            "",
            f"Written by `python -m benchmarks` on {time.strftime('%Y-%m-%d %H:%M %Z')}; "
            "see [README.md](README.md) for what each figure measures. Every ratio compares "
            "two figures measured in the same run on the same server. Medians of the runs "
            "shown.",
            "",
            "| machine | |",
            "|---|---|",
            *(f"| {k} | {v} |" for k, v in self.machine.items()),
            f"| API worker processes | {self.workers} |",
            "",
            *self._ingest(),
            *self._serving(),
            *self._compiled(),
            *self._analysis(),
            *self._deal_analysis(),
            *self._memory(),
            *MEASURED_APART,
        ]
        return "\n".join(out) + "\n"

    def queries_markdown(
        self, command: str, load_before: tuple[float, ...], load_after: tuple[float, ...]
    ) -> str:
        """The query tables alone, for a run of ``command`` that measured only them."""
        loads = (
            " / ".join(f"{x:.1f}" for x in load_before),
            " / ".join(f"{x:.1f}" for x in load_after),
        )
        out = [
            "# Compiled reads: benchmark results",
            "",
            f"Written by `{command}` on {time.strftime('%Y-%m-%d %H:%M %Z')}; see "
            "[README.md](README.md). Every ratio compares figures measured in the same run on the "
            "same server; medians of the runs.",
            "",
            "| machine | |",
            "|---|---|",
            *(f"| {k} | {v} |" for k, v in self.machine.items()),
            f"| load average (1/5/15 min) before / after | {loads[0]} / {loads[1]} |",
            f"| API worker processes | {self.workers} |",
            "",
            *self._serving(),
            *self._compiled(),
        ]
        return "\n".join(out) + "\n"

    def _ingest(self) -> list[str]:
        lines = [
            "## Ingest: import path vs LOAD CSV",
            "",
            "| size | people | rows (edges) | runs | import rows/s | LOAD CSV rows/s | ratio |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.results:
            if not r.ingest:
                continue
            ours = statistics.median(i.ours_rate for i in r.ingest)
            load = statistics.median(i.load_rate for i in r.ingest)
            ratio = statistics.median(i.ours_rate / i.load_rate for i in r.ingest)
            first = r.ingest[0]
            lines.append(
                f"| {r.size.name} | {r.size.people:,} | {first.rows:,} ({first.edges:,}) | "
                f"{len(r.ingest)} | {ours:,.0f} | {load:,.0f} | {ratio:.2f}x |"
            )
        return [*lines, ""]

    def _serving(self) -> list[str]:
        lines = [
            "## Queries: GraphQL vs the hand-written Cypher limit",
            "",
            "| size | query | clients | GraphQL p50 | GraphQL p99 | GraphQL req/s | "
            "Cypher p50 | Cypher p99 | Cypher req/s | p99 ratio | req/s ratio |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.results:
            for (name, clients), (ours, limit) in r.serving.items():
                lines.append(
                    f"| {r.size.name} | {name} | {clients} | {ours.p50_ms:.1f} ms | "
                    f"{ours.p99_ms:.1f} ms | {ours.per_second:,.0f} | {limit.p50_ms:.1f} ms | "
                    f"{limit.p99_ms:.1f} ms | {limit.per_second:,.0f} | "
                    f"{ours.p99_ms / limit.p99_ms:.2f}x | "
                    f"{ours.per_second / limit.per_second:.2f}x |"
                )
        return [*lines, ""]

    def _compiled(self) -> list[str]:
        lines = [
            "## Compiled reads vs the general executor vs the Cypher limit",
            "",
            "The queries above, each answered by two API processes in the same runs: one "
            "compiling them (`STATUSMAP_COMPILED_READS`, the default) and one through the "
            "general executor only; the limit runs between them. Ratios of requests per second "
            "(higher is better) and of p99 latency (lower is better); CPU per request of the API "
            "process and of Neo4j while each path was measured (a loaded machine counts other "
            "work too).",
            "",
            "| size | query | clients | compiled / limit req/s | executor / limit req/s | "
            "compiled / executor req/s | compiled / limit p99 | executor / limit p99 | "
            "API CPU compiled | API CPU executor | Neo4j CPU compiled | Neo4j CPU executor |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.results:
            for (name, clients), (compiled, limit) in r.serving.items():
                query = name.removesuffix(", compiled")
                if query == name or (f"{query}, executor", clients) not in r.serving:
                    continue
                executor = r.serving[(f"{query}, executor", clients)][0]
                lines.append(
                    f"| {r.size.name} | {query} | {clients} | "
                    f"{compiled.per_second / limit.per_second:.2f}x | "
                    f"{executor.per_second / limit.per_second:.2f}x | "
                    f"{compiled.per_second / executor.per_second:.2f}x | "
                    f"{compiled.p99_ms / limit.p99_ms:.2f}x | "
                    f"{executor.p99_ms / limit.p99_ms:.2f}x | {_ms(compiled.cpu_ms)} | "
                    f"{_ms(executor.cpu_ms)} | {_ms(compiled.db_cpu_ms)} | "
                    f"{_ms(executor.db_cpu_ms)} |"
                )
        return [*lines, ""]

    def _analysis(self) -> list[str]:
        lines = [
            "## Whole-workspace analysis: influence rank + brokerage",
            "",
            "| size | people | influence edges | read from Neo4j | ours | NetworkX | igraph | "
            "NetworkX / ours | through GraphQL (cold) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.results:
            a = r.analysis
            if a is None:
                continue
            igraph = _s(a.igraph) + ("" if a.igraph_betweenness else " (PageRank only)")
            lines.append(
                f"| {r.size.name} | {a.people:,} | {a.edges:,} | {_s(a.read)} | {_s(a.ours)} | "
                f"{_s(a.networkx)} | {igraph} | {a.networkx / a.ours:.1f}x | "
                f"{_s(r.api_analysis)} |"
            )
        return [*lines, ""]

    def _deal_analysis(self) -> list[str]:
        lines = [
            "## Deal analysis: influence map, coverage and approach plan",
            "",
            "The deal with the largest buying centre. *through GraphQL* is "
            "`deal { influenceMap coverage approachPlan }` end to end, cold (a write before each "
            "call): scope read, analysis and answer. The peers run PageRank and exact "
            "betweenness on the same graph (no coverage or plan). One deal whose scope is a whole "
            "account of 100 to 5,000 people: [RESULTS-deal-analysis.md](RESULTS-deal-analysis.md) "
            "(`python -m benchmarks.deal_analysis`).",
            "",
            "| size | workspace people | scope people | influence edges | read from Neo4j | ours "
            "| NetworkX (exact) | igraph (exact) | through GraphQL (cold) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.results:
            d = r.deal_analysis
            if d is None:
                continue
            lines.append(
                f"| {r.size.name} | {r.size.people:,} | {d.people:,} | {d.edges:,} | "
                f"{_s(d.read)} | {_s(d.ours)} | {_s(d.networkx)} | {_s(d.igraph)} | "
                f"{_s(r.api_deal_analysis)} |"
            )
        return [*lines, ""]

    def _memory(self) -> list[str]:
        lines = [
            "## Memory peaks (resident)",
            "",
            "| size | API process | Neo4j (JVM: heap, page cache and the rest) |",
            "|---|---:|---:|",
        ]
        for r in self.results:
            lines.append(f"| {r.size.name} | {_gib(r.api_peak)} | {_gib(r.neo4j_peak)} |")
        return [*lines, ""]
