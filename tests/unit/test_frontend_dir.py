"""Without a built front end the app says so: a warning at start, and / answers 404."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.settings import Settings


async def test_missing_front_end_is_logged_and_answered(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="statusmap"):
        app = create_app(Settings(environment="test", frontend_dir=tmp_path))
    assert f"no front end in {tmp_path}" in caplog.text
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/")
    assert response.status_code == 404
    assert response.json()["error"] == "frontend_not_built"


def test_a_built_front_end_is_served_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>map</title>")
    with caplog.at_level(logging.WARNING, logger="statusmap"):
        create_app(Settings(environment="test", frontend_dir=tmp_path))
    assert "no front end" not in caplog.text
