"""A generated size written straight into a fresh database by ``neo4j-admin database import``.

The import path and LOAD CSV write 1M people and 10M edges in hours on a small machine; the
offline bulk importer does it in minutes, which is what a whole-CRM analysis benchmark needs
(:mod:`benchmarks.crm`). It writes what the import path writes for the part of the map the
analytics read: the workspace, its organisational ladder and levels, organisations, people
with ``WORKS_AT`` and ``AT_LEVEL``, ``REPORTS_TO``, ``INFLUENCES`` and ``KNOWS``, partnerships,
deals and buying-centre memberships (journey stages are left out). Every node carries its
``workspace`` and ``id`` as the import path sets them; the schema (constraints and indexes) is
applied once the server runs on the imported store.

The importer is Neo4j's own (``org.neo4j.cli.AdminTool``, from the ``neo4j-import-tool`` jar on
the local server's Maven class path): no other download.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import time
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.sizes import Size
from graph.database.local.runner import NEO4J_VERSION, check_tools, resolve_classpath
from graph.model.workspace import DEFAULT_ORG_LEVELS
from seed.generator import generate
from seed.records import (
    BuyingCentreRow,
    DealRow,
    InfluenceRow,
    KnowsRow,
    OrganisationRow,
    PartnershipRow,
    PersonRow,
    Record,
    ReportingRow,
)

__all__ = ["BulkFiles", "bulk_import", "write_bulk_files"]

# File name -> (labels or relationship type, header). ``:ID`` spaces keep ids of different
# labels apart, as the unique constraints per label do. People carry PersonKey too, the label
# whose constraint keeps ids and aliases one set per workspace (schema/person_keys_unique).
_NODES: dict[str, tuple[str, tuple[str, ...]]] = {
    "workspace": ("Workspace", ("id:ID(Workspace)", "workspace", "name", "icp")),
    "ladder": ("Ladder", ("id:ID(Ladder)", "workspace", "name", "default:boolean")),
    "levels": (
        "StatusLevel",
        ("id:ID(StatusLevel)", "workspace", "ladder", "rank:int", "name"),
    ),
    "organisations": (
        "Organisation",
        (
            "id:ID(Organisation)",
            "workspace",
            "name",
            "kind",
            "industry",
            "employees:long",
            "size_band",
            "revenue_band",
            "country",
            "region",
            "technologies:string[]",
        ),
    ),
    "people": (
        "Person:PersonKey",
        (
            "id:ID(Person)",
            "workspace",
            "name",
            "first_name",
            "last_name",
            "title",
            "department",
            "email",
            "needs:string[]",
            "tags:string[]",
        ),
    ),
    "deals": (
        "Deal",
        ("id:ID(Deal)", "workspace", "name", "amount:double", "close_date:date"),
    ),
}
_RELATIONSHIPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "on": ("ON", (":START_ID(StatusLevel)", ":END_ID(Ladder)")),
    "works_at": (
        "WORKS_AT",
        (":START_ID(Person)", ":END_ID(Organisation)", "title", "department"),
    ),
    "at_level": ("AT_LEVEL", (":START_ID(Person)", ":END_ID(StatusLevel)", "inferred:boolean")),
    "reporting": ("REPORTS_TO", (":START_ID(Person)", ":END_ID(Person)", "line")),
    "influences": (
        "INFLUENCES",
        (":START_ID(Person)", ":END_ID(Person)", "weight:double", "kind", "evidence"),
    ),
    "knows": (
        "KNOWS",
        (":START_ID(Person)", ":END_ID(Person)", "strength:double", "last_contact:date"),
    ),
    "partnerships": (
        "PARTNERS_WITH",
        (":START_ID(Organisation)", ":END_ID(Organisation)"),
    ),
    "deal_for": ("FOR", (":START_ID(Deal)", ":END_ID(Organisation)")),
    "buying_centre": (
        "IN_BUYING_CENTRE",
        (":START_ID(Person)", ":END_ID(Deal)", "roles:string[]", "stance"),
    ),
}


@dataclass(frozen=True)
class BulkFiles:
    """The importer's CSV files in ``directory`` and their row counts per file."""

    directory: Path
    counts: dict[str, int]

    @property
    def people(self) -> int:
        """Rows of people."""
        return self.counts["people"]

    @property
    def edges(self) -> int:
        """Relationships between people (reporting, influence, knows)."""
        return sum(self.counts[k] for k in ("reporting", "influences", "knows"))


def write_bulk_files(records: Iterable[Record], directory: Path, workspace: str) -> BulkFiles:
    """Stream generated ``records`` into the importer's files for ``workspace``."""
    directory.mkdir(parents=True, exist_ok=True)
    ladder = f"{workspace}:org"
    counts = dict.fromkeys([*_NODES, *_RELATIONSHIPS], 0)
    with ExitStack() as stack:
        out: dict[str, Any] = {}
        for name, (_, header) in (_NODES | _RELATIONSHIPS).items():
            handle = stack.enter_context(
                (directory / f"{name}.csv").open("w", encoding="utf-8", newline="")
            )
            out[name] = csv.writer(handle, lineterminator="\n")
            out[name].writerow(header)

        def write(name: str, *row: object) -> None:
            out[name].writerow(row)
            counts[name] += 1

        write("workspace", workspace, workspace, workspace, "[]")
        write("ladder", ladder, workspace, "Organisation", "true")
        for rank, level_name in DEFAULT_ORG_LEVELS:
            write("levels", f"{ladder}:{rank}", workspace, ladder, rank, level_name)
            write("on", f"{ladder}:{rank}", ladder)
        for r in records:
            if isinstance(r, InfluenceRow):
                write("influences", r.source_id, r.target_id, r.weight, r.kind, r.evidence)
            elif isinstance(r, PersonRow):
                name = f"{r.first_name} {r.last_name}"
                write("people", r.id, workspace, name, r.first_name, r.last_name, r.title,
                      r.department, r.email, r.needs, r.tags)  # fmt: skip
                write("works_at", r.id, r.organisation_id, r.title, r.department)
                if r.level:
                    write("at_level", r.id, f"{ladder}:{r.level}", "false")
            elif isinstance(r, ReportingRow):
                write("reporting", r.person_id, r.manager_id, r.line)
            elif isinstance(r, KnowsRow):
                write("knows", r.source_id, r.target_id, r.strength, r.last_contact)
            elif isinstance(r, OrganisationRow):
                write("organisations", r.id, workspace, r.name, r.kind, r.industry,
                      r.employees, r.size_band, r.revenue_band, r.country, r.region,
                      r.technologies)  # fmt: skip
            elif isinstance(r, PartnershipRow):
                write("partnerships", r.organisation_id, r.partner_id)
            elif isinstance(r, DealRow):
                write("deals", r.id, workspace, r.name, r.amount, r.close_date)
                write("deal_for", r.id, r.organisation_id)
            elif isinstance(r, BuyingCentreRow):
                write("buying_centre", r.person_id, r.deal_id, r.roles, r.stance)
    return BulkFiles(directory, counts)


def bulk_import(files: BulkFiles, home: Path, *, heap: str = "2g", threads: int = 2) -> float:
    """Import ``files`` as database ``neo4j`` of a Neo4j home ``home`` (not running); seconds.

    ``home`` is then opened by :class:`graph.database.local.LocalNeo4j`, which keeps its data in
    ``home/data`` as the importer does.
    """
    java, _, mvn = check_tools()
    classpath = resolve_classpath(Path.home() / ".cache" / "statusmap", mvn=mvn)
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").touch()
    arguments = [
        *(f"--nodes={label}={files.directory / f'{n}.csv'}" for n, (label, _) in _NODES.items()),
        *(
            f"--relationships={kind}={files.directory / f'{n}.csv'}"
            for n, (kind, _) in _RELATIONSHIPS.items()
        ),
    ]
    command = [
        java,
        f"-Xmx{heap}",
        "-cp",
        classpath,
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        "neo4j",  # before the file lists, which take every value after them
        "--array-delimiter=;",
        f"--threads={threads}",
        "--overwrite-destination=true",
        # Its report of skipped rows goes beside the data, not into the working directory.
        f"--report-file={home / 'import.report'}",
        *arguments,
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"neo4j-admin database import (Neo4j {NEO4J_VERSION}) failed:\n"
            f"{(result.stdout + result.stderr)[-3000:]}"
        )
    return time.perf_counter() - started


def imported_home(
    size: Size, work: Path, workspace: str, prefix: str
) -> tuple[Path, dict[str, Any]]:
    """The Neo4j home of ``size`` under ``work``: generated and bulk-imported unless it is there.

    Returns the home and what making it took (``generate`` and ``import`` seconds, ``files``
    row counts); nothing when an earlier run left it (its ``imported`` marker).
    """
    home = work / size.name / "home"
    if (home / "imported").exists():
        return home, {}
    started = time.perf_counter()
    files = write_bulk_files(generate(size.config(prefix)), work / size.name / "files", workspace)
    took: dict[str, Any] = {"generate": time.perf_counter() - started}
    took["import"] = bulk_import(files, home)
    took["files"] = files.counts
    (home / "imported").write_text(json.dumps(files.counts))
    return home, took
