"""The figures of ``python -m benchmarks.crm`` as markdown (``benchmarks/RESULTS-crm.md``).

python -m benchmarks.crm_report benchmarks/RESULTS-crm.json > benchmarks/RESULTS-crm.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["markdown"]

COMMAND = "python -m benchmarks.crm --sizes deal,account,portfolio,crm --work /tmp/statusmap-crm"

_GiB = 2**30


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def _gib(value: int | None) -> str:
    return "-" if value is None else f"{value / _GiB:.2f} GiB"


def _overlap(a: list[str] | None, b: list[str] | None) -> str:
    if not a or not b:
        return "-"
    return f"{len(set(a) & set(b))}/{len(a)}"


def _rank_rows(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| size | people | influence edges | read, cold | read, warm | CPU of the read: API "
        "process / Neo4j (warm) | influence rank | top 50 cross-account influencers | "
        "all three (warm read) | API process peak | load average during the reads |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size in sizes:
        s = size.get("streamed") or {}
        if "rank" not in s:
            lines.append(f"| {size['size']} | not measured: {s.get('error', '')[-200:]!r} |")
            continue
        lines.append(
            f"| {size['size']} | {s['people']:,} | {s['edges']:,} | {_s(s['read_cold'])} | "
            f"{_s(s['read_warm'])} | {_s(s['read_warm_cpu'])} / {_s(s['read_warm_neo4j_cpu'])} | "
            f"{_s(s['rank'])} | {_s(s.get('cross_account'))} | "
            f"{_s(s['read_warm'] + s['rank'] + s.get('cross_account', 0.0))} | "
            f"{_gib(max(s['peak_rank'], s.get('peak_cross_account', 0)))} | "
            f"{s['load_before']} → {s['load_after_read_warm']} |"
        )
    return lines


def _peer_rows(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| size | ours: rank | igraph PageRank (graph build) | NetworkX PageRank (graph build) "
        "| igraph / ours | NetworkX / ours | top 10 shared with ours: igraph, NetworkX, "
        "current scope path | load average |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for size in sizes:
        s, p, old = size.get("streamed") or {}, size.get("peers") or {}, size.get("scope") or {}
        if "rank" not in s:
            continue
        nx_time = p.get("networkx")
        networkx = (
            f"{_s(nx_time)} ({_s(p.get('networkx_build'))})"
            if nx_time is not None
            else "skipped: its graph of Python dicts would need ~8 GiB (10x the 100k peak)"
        )
        igraph = f"{_s(p.get('igraph'))} ({_s(p.get('igraph_build'))})" if "igraph" in p else "-"
        ratio_ig = f"{p['igraph'] / s['rank']:.1f}x" if "igraph" in p else "-"
        ratio_nx = f"{nx_time / s['rank']:.1f}x" if nx_time is not None else "-"
        tops = ", ".join(
            _overlap(s.get("top"), other)
            for other in (p.get("igraph_top"), p.get("networkx_top"), old.get("top"))
        )
        lines.append(
            f"| {size['size']} | {_s(s['rank'])} | {igraph} | {networkx} | {ratio_ig} | "
            f"{ratio_nx} | {tops} | {p.get('load_before', '-')} → {p.get('load_after', '-')} |"
        )
    return lines


def _memory_rows(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| size | API process: read + rank | + sampled brokerage (512 pivots) | brokerage time "
        "| current scope path: read + networkx graph + rank | Neo4j JVM (3 GiB heap + 3 GiB "
        "page cache) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        s, old = size.get("streamed") or {}, size.get("scope") or {}
        if "rank" not in s:
            continue
        if "peak_rank" in old:
            scope = (
                f"{_gib(old['peak_rank'])} ({_s(old['read'] + old['build'] + old['rank'])}: "
                f"read {_s(old['read'])}, graph {_s(old['build'])}, rank {_s(old['rank'])})"
            )
        else:
            scope = "not run: ten times its 100k peak and time is ~9 GiB and ~6 min"
        lines.append(
            f"| {size['size']} | {_gib(s['peak_rank'])} | {_gib(s.get('peak_brokerage'))} | "
            f"{_s(s.get('brokerage'))} | {scope} | {_gib(size.get('neo4j_peak'))} |"
        )
    return lines


def _graphql_rows(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| size | first call (reads the workspace) | API CPU of the first call | next call "
        "(cached arrays) | API process peak | load average |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for size in sizes:
        g = size.get("graphql")
        if g:
            lines.append(
                f"| {size['size']} | {_s(g['first'])} | {_s(g['first_api_cpu'])} | "
                f"{_s(g['cached'])} | {_gib(g['api_peak'])} | {g['load_before']} → "
                f"{g['load_after']} |"
            )
    return lines


def markdown(report: dict[str, Any]) -> str:
    """The report of one run as markdown."""
    machine = report["machine"]
    sizes = report["sizes"]
    loads = ", ".join(f"{s['size']}: {s['load_start']} → {s['load_end']}" for s in sizes)
    out = [
        "# Whole-workspace influence rank at 100k and 1M people",
        "",
        f"Written by `{COMMAND}`; see [README.md](README.md#beyond-one-machine) for what it "
        "measures. The data is the seeded generator's, written by `neo4j-admin database "
        "import` into a throw-away local Neo4j (3 GiB heap, 3 GiB page cache); each "
        "measurement runs in a fresh Python process whose peak resident memory (`VmHWM`) is "
        "the API process's. *Cold* is the first read after the server starts, *warm* the "
        "second. Single runs on a shared 2-core machine: wall times stretch with the load "
        "average, so the CPU seconds of the read (this process, and Neo4j's JVM) are given "
        "beside them.",
        "",
        "The peers get the same reversed, weighted graph: igraph's `pagerank` (PRPACK, its "
        "default) and NetworkX's `pagerank` with its default tolerance (1e-6 per person, "
        "looser than ours, 1e-10: its order below the first few differs on near-ties). "
        "*Current scope path* is what `analyse` does on a workspace: `read_scope` (an object "
        "per edge), the `networkx.DiGraph` and `influence_rank`.",
        "",
        f"Machine: {machine['CPU']}, {machine['RAM']}, Python {machine['Python']}, "
        f"NetworkX {machine['NetworkX']}, igraph {machine['igraph']}. Load average (1/5/15 "
        f"min) at the start and end of each size: {loads}.",
        "",
        "## Read and influence rank (the API's `crossAccountInfluencers` path)",
        "",
        *_rank_rows(sizes),
        "",
        "## Same graph, same run: igraph and NetworkX PageRank",
        "",
        *_peer_rows(sizes),
        "",
        "## Through GraphQL: `crossAccountInfluencers` (first 50) on a real API process",
        "",
        "A uvicorn process of the API on the same server, just started (the first call is "
        "also the server's first read of the workspace).",
        "",
        *_graphql_rows(sizes),
        "",
        "## Memory peaks (resident) and sampled brokerage",
        "",
        *_memory_rows(sizes),
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(markdown(json.loads(Path(sys.argv[1]).read_text())))
