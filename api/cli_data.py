"""``statusmap seed``, ``import``, ``export`` and ``reinfer-levels``: data from the command line."""

from __future__ import annotations

import asyncio
import enum
import json
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from api.cli_output import JsonFlag, print_json
from api.settings import get_settings
from graph.database.connection import open_driver
from graph.database.store import Store
from graph.errors import NotFound, StatusmapError
from graph.exports.run import export_scope
from graph.exports.writers import EXPORT_FORMATS
from graph.imports.formats import FORMATS
from graph.imports.run import ImportOptions, ImportResult, import_files, total_rows
from graph.imports.validate import Duplicates, ValidationReport, merge_lines
from graph.repository.people import reinfer_levels
from graph.repository.workspaces import ensure_workspace, get_workspaces
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate

__all__ = ["export_command", "import_command", "reinfer_levels_command", "seed_command"]

console = Console(stderr=True)
Workspace = Annotated[str, typer.Option(help="Workspace to write to or read from.")]

# The export formats as choices: --help lists them, and another value exits 2 naming them.
ExportFormat = enum.StrEnum("ExportFormat", {name: name for name in EXPORT_FORMATS})  # type: ignore[misc]
CSV = ExportFormat("csv")


def run_with_store(work: Callable[[Store], Awaitable[None]]) -> None:
    """Run ``work`` with a store on the configured Neo4j; a StatusmapError exits 1, named."""

    async def main() -> None:
        settings = get_settings()
        async with open_driver(settings) as (driver, _):
            store = Store.from_settings(driver, settings)
            await store.apply_schema()
            await work(store)

    try:
        asyncio.run(main())
    except StatusmapError as e:
        console.print(f"[red]error:[/red] {e.message}")
        raise typer.Exit(1) from e


def _print_report(report: ValidationReport, limit: int = 200) -> None:
    for note in report.notes:
        console.print(f"[yellow]{note.file}, {note.column}:[/yellow] {note.message}")
    title = f"{report.bad_row_count} bad rows"
    if report.partial:
        title += f" ({len(report.partial)} written without the values named, if good rows only)"
    table = Table("file", "row", "column", "reason", title=title)
    for issue in sorted(report.issues)[:limit]:
        table.add_row(issue.file, str(issue.row), issue.column, issue.reason)
    console.print(table)
    if len(report.issues) > limit:
        console.print(f"... and {len(report.issues) - limit} more (use --report FILE for all)")


class _Rate(ProgressColumn):
    """Items per second of a task, once rich has measured it."""

    def render(self, task: Task) -> Text:
        return Text(
            "" if task.speed is None else f"{task.speed:,.0f}/s", style="progress.data.speed"
        )


def _progress_bar() -> Progress:
    """The bar of a long command, on stderr: what it does, done of total, rate, and time."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _Rate(),
        TimeElapsedColumn(), console=console,
    )  # fmt: skip


async def _import(
    store: Store,
    workspace: str,
    paths: list[Path],
    good_rows_only: bool,
    report_file: Path | None,
    *,
    create_workspace: bool,
    options: ImportOptions | None = None,
) -> ImportResult:
    with _progress_bar() as bar:
        task = bar.add_task("validating", total=None)

        def advance(kind: str, rows: int) -> None:
            bar.update(task, description=f"writing {kind}", advance=rows)

        def checked(report: ValidationReport) -> None:  # validated: the total, before the writes
            bar.update(task, description="writing", total=total_rows(report))

        if create_workspace and await ensure_workspace(store, workspace):
            console.print(f"Created workspace {workspace!r}")
        elif not create_workspace and not await get_workspaces(store, [workspace]):
            raise NotFound(f"no workspace {workspace!r}: create it, or add --create-workspace")
        result = await import_files(
            store,
            workspace,
            paths,
            good_rows_only=good_rows_only,
            options=options,
            progress=advance,
            checked=checked,
            actor="cli",  # recorded as the author of its changes (no token on the command line)
        )
    if report_file is not None:
        text = json.dumps(result.report.as_dict(), indent=1) + "\n"
        await asyncio.to_thread(report_file.write_text, text)
    return result


def import_command(
    paths: Annotated[list[Path], typer.Argument(help="CSV files, or directories of them.")],
    workspace: Workspace = "default",
    good_rows_only: Annotated[
        bool, typer.Option("--good-rows-only", help="Import the good rows even if others are bad.")
    ] = False,
    report: Annotated[Path | None, typer.Option(help="Write the full report as JSON.")] = None,
    create_workspace: Annotated[
        bool,
        typer.Option("--create-workspace", help="Create the workspace first if it does not exist."),
    ] = False,
    organisation_map: Annotated[
        list[str] | None,
        typer.Option(
            "--organisation-map",
            help="Read an organisation id of the files as one of the workspace: "
            "<id in the file>=<organisation id> (e.g. a Salesforce AccountId); repeat for more.",
        ),
    ] = None,
    duplicates: Annotated[
        Duplicates,
        typer.Option(
            "--duplicates",
            help="A person who looks like one already there (same name and organisation, "
            "another id): hold (report, write nothing), keep (write both), skip (leave them "
            "and the rows naming them out), or merge (into the other person, whose alias the "
            "id becomes; differing values are kept and reported).",
        ),
    ] = Duplicates.HOLD,
    as_json: JsonFlag = False,
) -> None:
    """Import CSV files (statusmap's own, or Salesforce/HubSpot exports) into a workspace.

    Every row is validated first; with any bad row nothing is written unless --good-rows-only.
    Re-running the same files gives the same graph and resumes an interrupted import.
    """
    files = sorted(p for path in paths for p in (path.glob("*.csv") if path.is_dir() else [path]))

    async def work(store: Store) -> None:
        options = ImportOptions.given(organisation_map or [], duplicates=duplicates)
        result = await _import(
            store,
            workspace,
            files,
            good_rows_only,
            report,
            create_workspace=create_workspace,
            options=options,
        )
        if as_json:
            print_json(
                {
                    "workspace": workspace,
                    "applied": result.applied,
                    "written": result.written,
                    "run_id": result.run_id,
                    "report": result.report.as_dict(),
                }
            )
        elif not result.report.ok:
            _print_report(result.report)
        if not result.applied:
            console.print("[red]Nothing was imported[/red]: fix the bad rows, or re-run with "
                          "--good-rows-only to import the good rows.")  # fmt: skip
            raise typer.Exit(2)
        written = ", ".join(f"{k} {n}" for k, n in result.written.items() if n)
        console.print(f"Imported into {workspace!r}: {written}")
        if not as_json:
            for line in merge_lines(result.report):
                console.print(line, markup=False, highlight=False, soft_wrap=True)

    run_with_store(work)


def seed_command(
    accounts: Annotated[int, typer.Option(help="Customer and prospect accounts.")] = 10,
    people: Annotated[int, typer.Option(help="People in total.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same data.")] = 1,
    influences: Annotated[float, typer.Option(help="Influence edges per person.")] = 3.0,
    out: Annotated[
        Path | None, typer.Option(help="Write the CSV files here instead of importing them.")
    ] = None,
    workspace: Workspace = "demo",
    as_json: JsonFlag = False,
) -> None:
    """Generate a realistic demo workspace: write its CSV files, or import it."""
    config = SeedConfig(
        accounts=accounts, people=people, seed=seed, influences_per_person=influences
    )
    if out is not None:
        counts = write_csv_files(generate(config), out)
        if as_json:
            print_json({"directory": str(out), "rows": counts})
        else:
            console.print(f"Wrote {out}: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
        return

    async def work(store: Store) -> None:
        with tempfile.TemporaryDirectory(prefix="statusmap-seed-") as directory:
            write_csv_files(generate(config), Path(directory))
            paths = [Path(directory) / f.file_name for f in FORMATS.values()]
            result = await _import(store, workspace, paths, False, None, create_workspace=True)
        if as_json:
            print_json({"workspace": workspace, "written": result.written})
        else:
            console.print(f"Seeded {workspace!r}: {result.written}")

    run_with_store(work)


def export_command(
    target: Annotated[Path, typer.Argument(help="Directory (csv) or file to write.")],
    workspace: Workspace = "default",
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = CSV,
    account: Annotated[str | None, typer.Option(help="Only this organisation's id.")] = None,
    deal: Annotated[str | None, typer.Option(help="Only this deal's id.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Export a workspace, an account or a deal as CSV, JSON, GraphML, GEXF or Kumu JSON."""

    async def work(store: Store) -> None:
        with _progress_bar() as bar:
            task = bar.add_task("counting", total=None)

            def counted(rows: int) -> None:
                bar.update(task, description="reading", total=rows)

            def advance(kind: str, rows: int) -> None:
                bar.update(task, description=f"exporting {kind}", advance=rows)

            written = await export_scope(
                store.workspace(workspace),
                fmt.value,
                target,
                account=account,
                deal=deal,
                progress=advance,
                total=counted,
            )
            bar.update(task, description="exported")
        if as_json:
            print_json(
                {"workspace": workspace, "format": fmt.value, "files": list(map(str, written))}
            )
        else:
            console.print(f"Exported {workspace!r} to {', '.join(map(str, written))}")

    run_with_store(work)


def reinfer_levels_command(workspace: Workspace = "default", as_json: JsonFlag = False) -> None:
    """Infer every level that was inferred from a title again, with today's title rule.

    Levels stay marked inferred and are capped by the org chart again; explicit levels are
    kept as given. Prints each person whose level changed.
    """

    async def work(store: Store) -> None:
        changes = await reinfer_levels(store.workspace(workspace))
        if as_json:
            keys = ("person", "title", "was", "now")
            print_json([dict(zip(keys, change, strict=True)) for change in changes])
            return
        table = Table("person", "title", "was", "now", title=f"{len(changes)} levels changed")
        for person_id, title, old, new in changes:
            table.add_row(person_id, title or "", str(old), str(new))
        console.print(table)

    run_with_store(work)
