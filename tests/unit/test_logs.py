"""Log lines in both formats carry the request id (the served app's logs: tests/integration)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from api.logs import REQUEST_ID, configure_logging
from api.settings import Settings


@pytest.fixture
def root() -> Iterator[logging.Logger]:
    """The root logger, given back as it was (handlers and level) after the test."""
    logger = logging.getLogger()
    handlers, level = list(logger.handlers), logger.level
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


def _log_in_a_request(message: str) -> None:
    token = REQUEST_ID.set("req-42")
    try:
        logging.getLogger("statusmap.test").warning(message, extra={"incident": "abc123"})
    finally:
        REQUEST_ID.reset(token)
    logging.getLogger("statusmap.test").warning("outside")


def test_text_lines_name_the_request(
    root: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(Settings(log_format="text", log_level="info"))
    _log_in_a_request("inside")
    inside, outside = capsys.readouterr().out.splitlines()
    assert inside.endswith("WARNING statusmap.test [req-42] inside")
    assert outside.endswith("WARNING statusmap.test [-] outside")


def test_json_lines_parse_and_carry_the_request_and_extra_fields(
    root: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(Settings(log_format="json", log_level="warning"))
    logging.getLogger("statusmap.test").info("below the level")
    _log_in_a_request("inside")
    inside, outside = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert inside["request_id"] == "req-42" and inside["incident"] == "abc123"
    assert (inside["level"], inside["logger"], inside["message"]) == (
        "WARNING",
        "statusmap.test",
        "inside",
    )
    assert "request_id" not in outside


def test_configuring_again_replaces_the_handler(root: logging.Logger) -> None:
    configure_logging(Settings())
    configure_logging(Settings(log_format="json"))
    ours = [h for h in root.handlers if type(h).__module__ == "api.logs"]
    assert len(ours) == 1
