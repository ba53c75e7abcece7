"""Database work of the statements that find people by id or alias, profiled.

    python -m benchmarks.alias_lookup --size portfolio --aliases 10000 --work /tmp/statusmap-alias

On a bulk-imported generated size (:mod:`benchmarks.bulk_load`, kept under ``--work``), the
first ``--aliases`` people are each given one alias through the import's own statement
(``import/add_aliases``). Then every statement that reads people by key (ids and aliases one
set per workspace, :mod:`graph.repository.person_keys`) runs under ``PROFILE`` with three keys:
an alias, a person's id and a key that is neither. The table gives each statement's db hits
(the sum over its plan) and rows, as markdown on stdout. Db hits do not depend on the load of
the machine, so figures of two commits compare directly (before the PersonAlias nodes were
read, ``people/aliases`` answered for keys what ``people/aliases_of`` does now).
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path
from typing import Any, LiteralString, cast

from neo4j import AsyncGraphDatabase

from api.settings import Settings
from benchmarks.bulk_load import imported_home
from benchmarks.sizes import SIZES
from graph.database.local import LocalNeo4j
from graph.database.queries import query
from graph.database.store import Store
from graph.repository.shaped import PersonByIdRead, PersonRead, WorkspaceRead, statement

PEOPLE: LiteralString = (
    "MATCH (p:Person {workspace: $workspace}) RETURN p.id AS id ORDER BY id LIMIT $n"
)


def _hits(plan: Any) -> int:
    """Db hits of a profiled plan and all below it."""
    return int(plan.get("dbHits", 0)) + sum(_hits(c) for c in plan.get("children", []))


def _statements(keys: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each statement that reads people by key, with its parameters for ``keys``."""
    person = PersonRead(("id", "name"))
    nodes = tuple(PersonByIdRead(f"a{i}", person) for i in range(len(keys)))
    return {
        "people/aliases_of": (query("people/aliases_of"), {"keys": keys}),
        "import/alias_clashes": (query("import/alias_clashes"), {"keys": keys}),
        "people/check": (query("people/check"), {"ids": keys, "organisation_ids": []}),
        "Workspace.person, 3 of them (compiled)": (
            statement(WorkspaceRead(("id",), nodes)),
            {f"a{i}": k for i, k in enumerate(keys)},
        ),
    }


async def measure(uri: str, auth: tuple[str, str], workspace: str, aliases: int) -> list[Any]:
    """Rows of (statement, db hits, rows) after giving ``aliases`` people one alias each."""
    async with AsyncGraphDatabase.driver(uri, auth=auth) as driver:
        store = Store(driver).bulk()
        await store.apply_schema()
        await driver.execute_query("CALL db.awaitIndexes(3600)")
        ws = store.workspace(workspace)
        ids = [
            r["id"]
            for r in (await driver.execute_query(PEOPLE, workspace=workspace, n=aliases)).records
        ]
        rows = [{"id": id_, "alias": f"ALIAS-{id_}"} for id_ in ids]
        for start in range(0, len(rows), 2_000):
            await ws.write("import/add_aliases", {"rows": rows[start : start + 2_000]})
        keys = [f"ALIAS-{ids[len(ids) // 2]}", ids[-1], "NO-SUCH-KEY"]
        figures = []
        for name, (text, params) in _statements(keys).items():
            profiled = cast(LiteralString, "PROFILE " + text)
            result = await driver.execute_query(profiled, {**params, "workspace": workspace})
            plan = result.summary.profile or {}
            figures.append((name, _hits(plan), len(result.records)))
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.alias_lookup", description=__doc__)
    parser.add_argument("--size", default="portfolio")
    parser.add_argument("--aliases", type=int, default=10_000)
    parser.add_argument("--work", type=Path, required=True, help="data directory (kept; reused)")
    parser.add_argument("--heap", default=os.environ.get("STATUSMAP_NEO4J_HEAP", "2g"))
    parser.add_argument("--pagecache", default=os.environ.get("STATUSMAP_NEO4J_PAGECACHE", "1g"))
    args = parser.parse_args()
    size = SIZES[args.size]
    workspace = f"bench-{args.size}"
    home, _ = imported_home(size, args.work, workspace, "C-")
    with LocalNeo4j(home, cache_dir=Settings().cache_dir, heap=args.heap,
                    pagecache=args.pagecache, start_timeout=1800) as neo4j:  # fmt: skip
        figures = asyncio.run(
            measure(neo4j.uri, (neo4j.user, neo4j.password), workspace, args.aliases)
        )
    print(
        f"| statement ({size.people:,} people, {args.aliases:,} aliases, 3 keys) | db hits | rows |"
    )
    print("|---|---:|---:|")
    for name, hits, rows in figures:
        print(f"| {name} | {hits:,} | {rows} |")


if __name__ == "__main__":
    main()
