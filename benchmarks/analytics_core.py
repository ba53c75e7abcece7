"""Benchmark of the analytics core against plain NetworkX and igraph on the same graphs.

Run from the repository root::

    python -m benchmarks.analytics_core              # timings, Markdown table
    python -m benchmarks.analytics_core --accuracy   # sampled vs exact brokerage
    python benchmarks/analytics_core.py --sizes 100 1000 --runs 3

The graphs are generated (seeded) to look like account maps: customer and prospect accounts
of 20-150 people with a reporting tree and a pyramid of levels, most influence inside an
account and some across accounts, a home organisation and partners whose people know
contacts, and one deal of eight members. About ten influence edges per person, reporting
lines included.

"ours" times ``influence_rank + brokerage + deal_coverage + approach_plan`` (the graphs are
built beforehand); each figure is the median of ``--runs`` runs, except NetworkX's exact
betweenness on graphs above 1,000 people, which is run once (``--nx-runs``) because a single
run takes minutes. Figures are CPU time (everything measured is single-threaded, so on an idle
machine it equals wall time, and it stays comparable when the machine is shared); the wall
time of "ours" is shown next to it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import igraph as ig
import networkx as nx
from scipy.stats import spearmanr

from graph.analytics import (
    InfluenceEdge,
    KnowsEdge,
    Member,
    PersonNode,
    access_graph,
    approach_plan,
    brokerage,
    deal_coverage,
    influence_graph,
    influence_rank,
)

EDGES_PER_PERSON = 10
KINDS = ("advice", "peer", "sponsor", "social", "external")


@dataclass(frozen=True)
class Scenario:
    """A generated scope: influence graph, access graph and one deal's buying centre."""

    G: nx.DiGraph
    K: nx.DiGraph
    members: list[Member]


def _level(rng: random.Random) -> int:
    # A pyramid: many individual contributors, few board members.
    return rng.choices(range(1, 8), weights=[30, 25, 18, 12, 8, 5, 2])[0]


def generate(n: int, seed: int = 0, *, flat: bool = False) -> Scenario:
    """An account map of about ``n`` people and ``EDGES_PER_PERSON * n`` influence edges.

    People differ in how much they talk: each has an activity drawn from a Pareto law (a few
    connectors, many quiet people; seniors somewhat more active), and edge ends are drawn in
    proportion to it. ``flat=True`` gives everyone the same activity -- a harder case for
    sampled brokerage, because no one stands out.
    """
    rng = random.Random(seed)
    people: list[PersonNode] = []
    accounts: list[list[PersonNode]] = []
    home_size = max(3, n // 50)
    partner_size = max(2, n // 40)
    for i in range(home_size):
        people.append(PersonNode(f"h{i}", f"Home {i}", _level(rng), "home", "home"))
    for i in range(partner_size):
        people.append(
            PersonNode(f"q{i}", f"Partner {i}", _level(rng), f"partner{i % 3}", "partner")
        )
    while len(people) < n:
        a = len(accounts)
        size = min(rng.randint(20, 150), n - len(people))
        kind = "customer" if a % 3 else "prospect"
        staff = [
            PersonNode(f"a{a}p{j}", f"Person {a}.{j}", _level(rng), f"acct{a}", kind)
            for j in range(size)
        ]
        staff.sort(key=lambda p: -(p.level or 0))
        accounts.append(staff)
        people.extend(staff)

    reports_to: list[tuple[str, str]] = []
    for staff in accounts:
        for j, p in enumerate(staff[1:], 1):
            seniors = [m for m in staff[:j] if (m.level or 0) > (p.level or 0)] or staff[:1]
            reports_to.append((p.id, rng.choice(seniors[-8:]).id))

    activity = {
        p.id: 1.0 if flat else rng.paretovariate(2.0) * (1 + (p.level or 1) / 4) for p in people
    }
    everyone = [p.id for p in people]
    everyone_cum = list(accumulate(activity[p] for p in everyone))
    staff_ids = [[p.id for p in staff] for staff in accounts]
    staff_cum = [list(accumulate(activity[p] for p in ids)) for ids in staff_ids]
    account_cum = list(accumulate(cum[-1] for cum in staff_cum))
    level = {p.id: p.level or 0 for p in people}

    influences: list[InfluenceEdge] = []
    target = EDGES_PER_PERSON * n - len(reports_to)
    seen: set[tuple[str, str]] = set(reports_to)
    while len(influences) < target:
        if rng.random() < 0.85:
            # Inside an account; views tend to travel down the ladder.
            k = rng.choices(range(len(accounts)), cum_weights=account_cum)[0]
            source, dest = rng.choices(staff_ids[k], cum_weights=staff_cum[k], k=2)
            if level[dest] > level[source] and rng.random() < 0.5:
                source, dest = dest, source
        else:
            source, dest = rng.choices(everyone, cum_weights=everyone_cum, k=2)
        if source == dest or (source, dest) in seen or (dest, source) in seen:
            continue
        seen.add((source, dest))
        weight = round(rng.uniform(0.1, 1.0), 2)
        influences.append(InfluenceEdge(source, dest, weight, rng.choice(KINDS)))

    G = influence_graph(people, influences, reports_to)
    sides = [p.id for p in people if p.org_kind in ("home", "partner")]
    contacts = [p.id for p in people if p.org_kind in ("customer", "prospect")]
    knows = [
        KnowsEdge(s, c, round(rng.uniform(0.2, 1.0), 2))
        for s in sides
        for c in rng.sample(contacts, min(len(contacts), 15))
    ]
    K = access_graph(G, knows)

    deal_account = accounts[0]
    roles = [
        ("decider",),
        ("approver",),
        ("influencer", "champion"),
        ("buyer", "gatekeeper"),
        ("user",),
        ("user", "initiator"),
        ("influencer",),
        ("user",),
    ]
    stances = ["neutral", "supporter", "champion", "unknown", "sceptic", "blocker", "neutral"]
    members = [
        Member(p.id, frozenset(r), stances[i % len(stances)])
        for i, (p, r) in enumerate(zip(deal_account, roles, strict=False))
    ]
    return Scenario(G, K, members)


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU seconds of a few runs."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return _ms(self.cpu)


def _median(fn: Callable[[], object], runs: int) -> Timing:
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


def _to_igraph(G: nx.DiGraph) -> ig.Graph:
    index = {v: i for i, v in enumerate(G)}
    return ig.Graph(n=len(index), edges=[(index[a], index[b]) for a, b in G.edges], directed=True)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def _ours(s: Scenario) -> None:
    """What a planner's page costs: ranks, brokerage, coverage and plan of one deal."""
    ranks = influence_rank(s.G)
    brokerage(s.G)
    deal_coverage(s.G, s.K, s.members, ranks=ranks)
    approach_plan(s.G, s.K, s.members, ranks=ranks)


def timings(sizes: list[int], runs: int, nx_runs: int) -> None:
    """Print the timing table."""
    print(
        "| people | edges | influence_rank | brokerage | coverage | plan | **ours total** "
        "| ours exact betweenness | igraph exact betweenness | nx exact betweenness "
        "| nx exact / ours total | nx exact / ours brokerage | igraph / ours exact |"
    )
    print("|" + "---|" * 13)
    for n in sizes:
        s = generate(n)
        print(f"# {n} people, {s.G.number_of_edges():,} influence edges", file=sys.stderr)
        ranks = influence_rank(s.G)
        result = brokerage(s.G)
        mode = "exact" if result.exact else f"{result.samples_used} pivots"
        rank_t = _median(partial(influence_rank, s.G), runs)
        brok_t = _median(partial(brokerage, s.G), runs)
        cov_t = _median(partial(deal_coverage, s.G, s.K, s.members, ranks=ranks), runs)
        plan_t = _median(partial(approach_plan, s.G, s.K, s.members, ranks=ranks), runs)
        total_t = _median(partial(_ours, s), runs)
        exact_t = _median(partial(brokerage, s.G, exact_limit=10**9), runs)
        ig_t = _median(partial(_to_igraph(s.G).betweenness, directed=True), runs)
        nx_t = _median(
            partial(nx.betweenness_centrality, s.G, normalized=True, weight=None),
            runs if n <= 1000 else nx_runs,
        )
        print(
            f"| {n:,} | {s.G.number_of_edges():,} | {rank_t} | {brok_t} ({mode}) | {cov_t} "
            f"| {plan_t} | **{total_t}** (wall {_ms(total_t.wall)}) | {exact_t} | {ig_t} "
            f"| {nx_t} | {nx_t.cpu / total_t.cpu:,.0f}x | {nx_t.cpu / brok_t.cpu:,.0f}x "
            f"| {ig_t.cpu / exact_t.cpu:.2f}x |",
            flush=True,
        )


def _top(values: dict[str, float], k: int) -> set[str]:
    return set(sorted(values, key=lambda v: (-values[v], v))[:k])


def accuracy(sizes: list[int], pivots: list[int], seeds: int) -> None:
    """Print top-k overlap and rank correlation of sampled against exact brokerage."""
    print(
        "| graph | people | pivots | top-20 overlap (mean, min) | top-50 overlap (mean, min) "
        "| sampled top-20 within exact top-50 | Spearman (all people) "
        "| CPU sampled | CPU exact |"
    )
    print("|" + "---|" * 9)
    for flat in (False, True):
        for n in sizes:
            graphs = [generate(n, seed, flat=flat) for seed in range(seeds)]
            exact = []
            exact_times = []
            for s in graphs:
                start = time.process_time()
                exact.append(brokerage(s.G, exact_limit=10**9).values)
                exact_times.append(time.process_time() - start)
            for k in pivots:
                o20, o50, within, rho, times = [], [], [], [], []
                for seed, (s, ex) in enumerate(zip(graphs, exact, strict=True)):
                    start = time.process_time()
                    est = brokerage(s.G, exact_limit=0, samples=k, seed=seed).values
                    times.append(time.process_time() - start)
                    o20.append(len(_top(est, 20) & _top(ex, 20)) / 20)
                    o50.append(len(_top(est, 50) & _top(ex, 50)) / 50)
                    within.append(len(_top(est, 20) & _top(ex, 50)) / 20)
                    nodes = list(ex)
                    rho.append(spearmanr([ex[v] for v in nodes], [est[v] for v in nodes]).statistic)
                print(
                    f"| {'flat' if flat else 'heavy-tailed'} | {n:,} | {k} "
                    f"| {statistics.mean(o20):.2f} ({min(o20):.2f}) "
                    f"| {statistics.mean(o50):.2f} ({min(o50):.2f}) "
                    f"| {statistics.mean(within):.2f} | {statistics.mean(rho):.3f} "
                    f"| {_ms(statistics.median(times))} "
                    f"| {_ms(statistics.median(exact_times))} |",
                    flush=True,
                )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--nx-runs", type=int, default=1)
    parser.add_argument("--accuracy", action="store_true")
    parser.add_argument("--pivots", type=int, nargs="+", default=[128, 256, 512, 1024])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.accuracy:
        accuracy(
            args.sizes if args.sizes != [100, 1000, 5000] else [2000, 5000], args.pivots, args.seeds
        )
    else:
        timings(args.sizes, args.runs, args.nx_runs)


if __name__ == "__main__":
    main()
