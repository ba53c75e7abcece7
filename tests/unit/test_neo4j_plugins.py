"""The local Neo4j's plugin directory holds links to the GDS jars of its class path, only them."""

from __future__ import annotations

import os
from pathlib import Path

from graph.database.local.runner import link_plugins


def _jar(repo: Path, group: str, artifact: str) -> Path:
    jar = repo / group / artifact / "1" / f"{artifact}-1.jar"
    jar.parent.mkdir(parents=True)
    jar.write_bytes(b"PK")
    return jar


def test_plugins_link_the_gds_jars_and_nothing_else(tmp_path: Path) -> None:
    repo = tmp_path / "m2"
    kernel = _jar(repo, "org/neo4j", "neo4j-kernel")
    proc = _jar(repo, "org/neo4j/gds", "proc-centrality")
    core = _jar(repo, "org/neo4j/gds", "core")
    plugins = tmp_path / "home" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "stale.jar").symlink_to(kernel)  # left by another class path

    link_plugins(plugins, os.pathsep.join(map(str, [kernel, proc, core])))
    assert {p.name: p.resolve() for p in plugins.iterdir()} == {
        proc.name: proc.resolve(),
        core.name: core.resolve(),
    }

    # A class path without one of them (another version, say) takes its link away.
    link_plugins(plugins, os.pathsep.join(map(str, [kernel, proc])))
    assert [p.name for p in plugins.iterdir()] == [proc.name]
