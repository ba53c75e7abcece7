"""Settings come from the environment, with Neo4j's own variable names accepted."""

from __future__ import annotations

import pytest

from api.settings import Settings


def test_neo4j_variables_and_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("STATUSMAP_PORT", "9001")
    settings = Settings()
    assert settings.neo4j_uri == "neo4j+s://example.databases.neo4j.io"
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() == "s3cret-pass"
    assert "s3cret" not in repr(settings)
    assert settings.port == 9001


def test_invalid_port_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATUSMAP_PORT", "70000")
    with pytest.raises(ValueError, match="port"):
        Settings()
