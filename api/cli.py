"""The ``statusmap`` command line."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from pydantic import SecretStr
from rich.console import Console

from api import cli_data
from api.cli_history import prune_history_command
from api.cli_tokens import app as tokens_app
from api.logs import configure_logging
from api.settings import LOOPBACK, Settings, get_settings
from api.tracing import configure_tracing
from graph.database.connection import Neo4jTarget, local_neo4j, open_driver
from graph.database.local import LocalNeo4j, running_server
from graph.database.store import Store
from graph.errors import StatusmapError

app = typer.Typer(help="statusmap: influence and buying-centre explorer.", no_args_is_help=True)
console = Console(stderr=True)


def _print_version(wanted: bool) -> None:
    if wanted:
        print(f"statusmap {version('statusmap')}")
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """statusmap: influence and buying-centre explorer."""


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (STATUSMAP_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="HTTP port (STATUSMAP_PORT).")] = None,
    single_user: Annotated[
        bool,
        typer.Option(
            "--single-user",
            help="No tokens: one local user, admin everywhere; loopback only (STATUSMAP_AUTH).",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="API worker processes. Each opens its own driver; a local Neo4j is started "
            "once, here, and handed to them.",
        ),
    ] = 1,
) -> None:
    """Run the API and front end; starts a local Neo4j unless NEO4J_URI is set."""
    from api.app import create_app

    settings = get_settings()
    if settings.demo is None:  # serve loads a small demo into an empty database by default
        settings = settings.model_copy(update={"demo": True})
    host = host or settings.host
    if single_user:
        settings = settings.model_copy(update={"auth": "single-user"})
    if settings.auth == "single-user":
        if host not in LOOPBACK:
            console.print(
                f"[red]error:[/red] single-user mode binds to loopback only, not {host!r}; "
                "use API tokens (statusmap token create) to serve others."
            )
            raise typer.Exit(2)
        console.print(
            "[yellow]SINGLE-USER MODE[/yellow]: no token needed on this machine; "
            "every workspace is yours."
        )
    settings = settings.model_copy(update={"host": host})
    configure_logging(settings)
    configure_tracing(settings)
    if not settings.neo4j_uri:
        console.print(f"Starting a local Neo4j (data in {settings.data_dir / 'neo4j'}) ...")
    try:
        if workers > 1:
            _serve_workers(settings, port or settings.port, workers)
        else:
            # log_config=None: uvicorn's lines go through statusmap's handler (api/logs.py).
            uvicorn.run(
                create_app(settings), host=host, port=port or settings.port, log_config=None
            )
    except StatusmapError as e:
        console.print(f"[red]error:[/red] {e.message}")
        raise typer.Exit(1) from e


def _serve_workers(settings: Settings, port: int, workers: int) -> None:
    """``workers`` uvicorn processes on one Neo4j, which they find in their environment.

    Without ``NEO4J_URI`` the local Neo4j is started here (or the one another statusmap process
    runs on the data directory is used), once for all workers, and stopped when they are. The
    demo is loaded here too, so that workers do not race to load it.
    """
    local: LocalNeo4j | None = None
    if settings.neo4j_uri:
        secret = settings.neo4j_password
        target = Neo4jTarget(
            settings.neo4j_uri, settings.neo4j_user, secret.get_secret_value() if secret else None
        )
    elif (shared := running_server(settings.data_dir / "neo4j")) is not None:
        target = Neo4jTarget(*shared)
    else:
        local = local_neo4j(settings)
        local.start()
        target = Neo4jTarget(local.uri, local.user, local.password)
    try:
        settings = settings.model_copy(
            update={
                "neo4j_uri": target.uri,
                "neo4j_user": target.user,
                "neo4j_password": SecretStr(target.password) if target.password else None,
            }
        )
        if settings.demo:
            asyncio.run(_load_demo(settings))
        os.environ.update(
            {
                "NEO4J_URI": target.uri,
                "NEO4J_USER": target.user,
                "STATUSMAP_AUTH": settings.auth,
                "STATUSMAP_HOST": settings.host,
                "STATUSMAP_DEMO": "false",
            }
        )
        if target.password:
            os.environ["NEO4J_PASSWORD"] = target.password
        uvicorn.run(
            "api.app:create_logged_app",
            factory=True,
            host=settings.host,
            port=port,
            workers=workers,
            log_config=None,
        )
    finally:
        if local is not None:
            local.stop()


async def _load_demo(settings: Settings) -> None:
    from seed.demo import load_demo_if_empty

    async with open_driver(settings) as (driver, _):
        store = Store.from_settings(driver, settings)
        await store.apply_schema()
        await load_demo_if_empty(store)


@app.command("neo4j")
def neo4j_server(
    data: Annotated[
        Path | None, typer.Option(help="Data directory (default: STATUSMAP_DATA_DIR/neo4j).")
    ] = None,
    resolve_only: Annotated[
        bool, typer.Option("--resolve-only", help="Only fetch the jars, then exit.")
    ] = False,
) -> None:
    """Run the local Neo4j on its own (for tools and benchmarks) until Ctrl-C."""
    settings = get_settings()
    server = local_neo4j(settings, data)
    try:
        if resolve_only:
            server.command()
            console.print("Neo4j jars resolved and launcher compiled.")
            return
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        server.start()
        print(f"NEO4J_URI={server.uri}", flush=True)
        print(f"NEO4J_USER={server.user}", flush=True)
        print(f"NEO4J_PASSWORD={server.password}", flush=True)
        signal.pause() if hasattr(signal, "pause") else input()
    except StatusmapError as e:
        console.print(f"[red]error:[/red] {e.message}")
        raise typer.Exit(1) from e
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


app.command("seed")(cli_data.seed_command)
app.command("import")(cli_data.import_command)
app.command("export")(cli_data.export_command)
app.command("reinfer-levels")(cli_data.reinfer_levels_command)
app.command("prune-history")(prune_history_command)


app.add_typer(tokens_app, name="token")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    app()
