"""The command line's own surface: --version, and choices checked by the parser."""

from __future__ import annotations

from importlib.metadata import version

from typer.testing import CliRunner

from api.cli import app
from graph.exports.writers import EXPORT_FORMATS

runner = CliRunner()


def test_version_is_the_installed_distributions() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"statusmap {version('statusmap')}"


def test_a_bad_export_format_exits_2_naming_the_choices(tmp_path: object) -> None:
    result = runner.invoke(app, ["export", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "'xml' is not one of" in message
    for name in EXPORT_FORMATS:
        assert f"'{name}'" in message


def test_export_help_lists_the_formats() -> None:
    result = runner.invoke(app, ["export", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "|".join(EXPORT_FORMATS) in result.output
