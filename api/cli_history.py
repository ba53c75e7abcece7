"""``statusmap prune-history``: the maintenance job that keeps the change history to its age."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console

from api.cli_data import run_with_store
from api.cli_output import JsonFlag, print_json
from api.settings import get_settings
from graph.database.store import Store
from graph.repository.history import prune_history

__all__ = ["prune_history_command"]

console = Console()


def prune_history_command(
    workspace: Annotated[
        str | None, typer.Option(help="Only this workspace (default: every workspace).")
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            min=1, help="Keep this many days (default: STATUSMAP_HISTORY_RETENTION_DAYS)."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Delete change events older than the retention age, in batches, workspace by workspace.

    Run it from cron (or any scheduler) as often as the history should be trimmed; a read as of
    a moment before the horizon it leaves is refused with a message naming it.
    """
    settings = get_settings()
    keep = days if days is not None else settings.history_retention_days
    if keep is None:
        console.print(
            "[red]error:[/red] no retention age: set STATUSMAP_HISTORY_RETENTION_DAYS or --days"
        )
        raise typer.Exit(2)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=keep)

    pruned: dict[str, int] = {}

    async def work(store: Store) -> None:
        if workspace is not None:
            names = [workspace]
        else:
            names = [r["id"] for r in await store.read("history/workspaces")]
        for name in names:
            pruned[name] = await prune_history(store.workspace(name), before)

    run_with_store(work)
    if as_json:
        print_json({"before": before.isoformat(), "deleted": pruned})
        return
    for name, count in pruned.items():
        console.print(f"{name}: {count} change events before {before:%Y-%m-%d %H:%M} UTC pruned")
