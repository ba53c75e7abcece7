"""Roles and membership rules of a principal (no database)."""

from __future__ import annotations

import pytest

from graph.errors import Forbidden, NotFound
from graph.repository.auth import Principal, Role


def test_role_order() -> None:
    assert Role.VIEWER.rank < Role.EDITOR.rank < Role.ADMIN.rank


def test_non_member_sees_not_found_not_forbidden() -> None:
    principal = Principal("u1", "Ann", {"ws-a": Role.ADMIN})
    with pytest.raises(NotFound):
        principal.require("ws-b")


def test_viewer_cannot_edit_but_can_read() -> None:
    principal = Principal("u1", "Ann", {"ws-a": Role.VIEWER})
    principal.require("ws-a", Role.VIEWER)
    with pytest.raises(Forbidden, match="viewer"):
        principal.require("ws-a", Role.EDITOR)


def test_superuser_gets_no_data_access_by_itself() -> None:
    principal = Principal("root", "Root", {}, superuser=True)
    with pytest.raises(NotFound):
        principal.require("ws-a")


def test_single_user_mode_is_admin_everywhere() -> None:
    principal = Principal("local", "Local", single_user=True)
    principal.require("any", Role.ADMIN)
