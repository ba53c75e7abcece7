"""An import racing the API's writes on the same workspace stores every edge once.

The import writes edges in batches while editors may write the same edges through GraphQL; an
edge stored by an editor between the import's check and its batch must be merged with, not
written a second time.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from pathlib import Path

import pytest

from graph.database.store import Store
from graph.imports.run import import_files
from graph.repository.relations import upsert_influence
from graph.repository.workspaces import create_workspace

pytestmark = pytest.mark.integration

PEOPLE = 2_000
EDGES_EACH = 3
BATCH = 500


async def test_edits_during_an_import_leave_one_edge_per_pair(store: Store, tmp_path: Path) -> None:
    workspace = f"race-{uuid.uuid4().hex[:8]}"
    await create_workspace(store, {"id": workspace, "name": "Race"})
    ids = [f"{workspace}-p{i}" for i in range(PEOPLE)]
    rng = random.Random(3)
    pairs = sorted(
        {(a, b) for a in ids for b in rng.sample(ids, EDGES_EACH) if a != b}, key=lambda p: p[0]
    )
    (tmp_path / "people.csv").write_text(
        "id,first_name,last_name\n" + "".join(f"{i},Person,{i}\n" for i in ids),
        encoding="utf-8",
    )
    (tmp_path / "influences.csv").write_text(
        "source_id,target_id,weight,kind\n" + "".join(f"{a},{b},0.5,advice\n" for a, b in pairs),
        encoding="utf-8",
    )
    # Edges of the import's last batches: written by an editor once the people are stored.
    edited = pairs[-4 * BATCH :: 4 * BATCH // 40][:40]
    ws = store.workspace(workspace)
    edits: list[asyncio.Task[list[int]]] = []

    async def edit() -> list[int]:
        return await asyncio.gather(
            *(
                upsert_influence(ws, {"source_id": a, "target_id": b, "weight": 0.9})
                for a, b in edited
            )
        )

    def progress(kind: str, _rows: int) -> None:
        if kind == "influences" and not edits:
            edits.append(asyncio.ensure_future(edit()))

    result = await import_files(
        store,
        workspace,
        [tmp_path / "people.csv", tmp_path / "influences.csv"],
        batch_size=BATCH,
        progress=progress,
    )
    assert result.report.ok, result.report.issues[:3]
    assert result.written["influences"] == len(pairs)
    await edits[0]
    records, _, _ = await store.driver.execute_query(
        "MATCH (a:Person {workspace: $ws})-[r:INFLUENCES]->(b) WITH a, b, count(r) AS n "
        "RETURN count(*) AS pairs, sum(n) AS edges",
        {"ws": workspace},
    )
    assert (records[0]["pairs"], records[0]["edges"]) == (len(pairs), len(pairs))
