"""``statusmap token``: make, list and revoke API tokens."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.cli_output import JsonFlag, print_json
from api.settings import get_settings
from graph.database.connection import open_driver
from graph.database.store import Store
from graph.errors import NotFound, StatusmapError
from graph.repository.auth import Role, TokenAuthority, issue_token
from graph.repository.workspaces import create_workspace

app = typer.Typer(help="API tokens: create (shown once), list, revoke.", no_args_is_help=True)
console = Console(stderr=True)


async def _with_store(work: Callable[[Store], Awaitable[None]]) -> None:
    settings = get_settings()
    async with open_driver(settings) as (driver, _):
        store = Store.from_settings(driver, settings)
        await store.apply_schema()
        await work(store)


def _run(work: Callable[[Store], Awaitable[None]]) -> None:
    try:
        asyncio.run(_with_store(work))
    except StatusmapError as e:
        console.print(f"[red]error:[/red] {e.message}")
        raise typer.Exit(1) from e


@app.command("create")
def create(
    user: Annotated[str, typer.Option(help="User id (made if new).")],
    workspace: Annotated[
        str | None, typer.Option(help="Workspace to grant a role in (made if new).")
    ] = None,
    role: Annotated[Role, typer.Option(help="Role in the workspace.")] = Role.ADMIN,
    name: Annotated[str | None, typer.Option(help="Display name of a new user.")] = None,
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    superuser: Annotated[
        bool, typer.Option("--superuser", help="May create workspaces (no data access by itself).")
    ] = False,
) -> None:
    """Make a token; it is printed once and stored only as a hash."""

    async def work(store: Store) -> None:
        issued = await issue_token(store, user, name=name, label=label, superuser=superuser)
        if workspace:
            authority = TokenAuthority(store)
            try:
                await authority.grant(user, workspace, role)
            except NotFound:
                await create_workspace(store, {"id": workspace, "name": workspace})
                await authority.grant(user, workspace, role)
        console.print(
            f"Token {issued.token_id} for {user}"
            + (f", {role} of {workspace}" if workspace else "")
            + ". It is shown once; keep it safe:"
        )
        print(issued.token)

    _run(work)


@app.command("list")
def list_tokens(
    user: Annotated[str | None, typer.Option(help="Only this user's.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List tokens (ids and labels, never secrets)."""

    async def work(store: Store) -> None:
        tokens = await TokenAuthority(store).tokens(user)
        if as_json:
            keys = ("id", "user_id", "label", "created_at", "revoked_at")
            print_json([{key: t[key] for key in keys} for t in tokens])
            return
        table = Table("id", "user", "label", "created", "revoked")
        for t in tokens:
            table.add_row(
                t["id"], t["user_id"], t["label"] or "", t["created_at"], t["revoked_at"] or ""
            )
        Console().print(table)

    _run(work)


@app.command("revoke")
def revoke(token_id: Annotated[str, typer.Argument(help="The token's id (smt_<id>_…).")]) -> None:
    """Revoke a token at once."""

    async def work(store: Store) -> None:
        if not await TokenAuthority(store).revoke(token_id):
            raise NotFound(f"no active token {token_id!r}")
        console.print(f"Token {token_id} revoked.")

    _run(work)
