"""``--json``: the commands that print results print one JSON document on stdout."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from graph.database.connection import Neo4jTarget
from tests.integration.conftest import run_statusmap

pytestmark = pytest.mark.integration

_cli = run_statusmap


def test_import_and_export_report_as_json(neo4j_target: Neo4jTarget, tmp_path: Path) -> None:
    ws = f"cli-json-{uuid.uuid4().hex[:6]}"
    bad = tmp_path / "people.csv"
    bad.write_text("id,first_name,last_name\nann,Ann,Lee\nnot an id!,Bob,Ray\n")
    refused = _cli(
        neo4j_target, "import", str(bad), "--workspace", ws, "--create-workspace", "--json"
    )
    assert refused.returncode == 2, refused.stderr
    report = json.loads(refused.stdout)
    assert report["workspace"] == ws
    assert report["applied"] is False
    assert (report["report"]["ok"], report["report"]["bad_rows"]) == (False, 1)
    assert report["report"]["issues"][0]["row"] == 3

    good = _cli(neo4j_target, "import", str(bad), "--workspace", ws, "--good-rows-only", "--json")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["written"]["people"] == 1

    out = tmp_path / "export.json"
    exported = _cli(
        neo4j_target, "export", str(out), "--workspace", ws, "--format", "json", "--json"
    )
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == {"workspace": ws, "format": "json", "files": [str(out)]}
    # The progress bar, on stderr, counted the rows to read first and reached that count.
    rows = sum(len(v) for k, v in json.loads(out.read_text()).items() if k != "workspace")
    assert rows > 0
    assert f"{rows}/{rows}" in exported.stderr, exported.stderr


def test_token_list_as_json_has_no_secret(neo4j_target: Neo4jTarget) -> None:
    user = f"cli-json-{uuid.uuid4().hex[:6]}"
    made = _cli(neo4j_target, "token", "create", "--user", user, "--label", "for scripts")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    listed = _cli(neo4j_target, "token", "list", "--user", user, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["id"], r["user_id"], r["label"], r["revoked_at"]) for r in rows] == [
        (token.split("_")[1], user, "for scripts", None)
    ]
    assert token.split("_", 2)[2] not in listed.stdout
