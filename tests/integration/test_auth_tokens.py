"""Tokens on a real Neo4j: issued once, stored hashed, revocable, roles per workspace."""

from __future__ import annotations

import uuid

import pytest

from graph.database.store import Store
from graph.errors import NotFound, Unauthenticated
from graph.repository.auth import Role, TokenAuthority, issue_token
from graph.repository.workspaces import create_workspace

pytestmark = pytest.mark.integration


async def test_issue_authenticate_grant_revoke(store: Store) -> None:
    await store.apply_schema()
    user, workspace = f"user-{uuid.uuid4().hex[:8]}", f"ws-{uuid.uuid4().hex[:8]}"
    await create_workspace(store, {"id": workspace, "name": "Tokens"})
    issued = await issue_token(store, user, name="Ann")
    authority = TokenAuthority(store, cache_seconds=0)

    principal = await authority.authenticate(issued.token)
    assert principal.user_id == user
    assert principal.role_in(workspace) is None

    await authority.grant(user, workspace, Role.EDITOR)
    assert (await authority.authenticate(issued.token)).role_in(workspace) is Role.EDITOR

    # Only the hash is stored: the plain secret appears nowhere in the database.
    # smt_<id>_<secret>: the id is hex, the secret URL-safe base64 (which may hold "_" too).
    secret = issued.token.split("_", 2)[2]
    assert len(secret) >= 40
    records, _, _ = await store.driver.execute_query(
        "MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS p", {"id": issued.token_id}
    )
    assert secret not in repr(records[0]["p"])

    assert await authority.revoke(issued.token_id) is True
    with pytest.raises(Unauthenticated, match="revoked"):
        await authority.authenticate(issued.token)
    assert await authority.revoke(issued.token_id) is False


async def test_wrong_secret_and_garbage_are_refused(store: Store) -> None:
    issued = await issue_token(store, f"user-{uuid.uuid4().hex[:8]}")
    authority = TokenAuthority(store)
    forged = issued.token[:-4] + ("AAAA" if not issued.token.endswith("AAAA") else "BBBB")
    with pytest.raises(Unauthenticated):
        await authority.authenticate(forged)
    for bad in ("", "Bearer x", "smt_' OR 1=1 //", "smt_0123456789abcdef_short"):
        with pytest.raises(Unauthenticated):
            await authority.authenticate(bad)


async def test_grant_to_missing_workspace_is_not_found(store: Store) -> None:
    issued = await issue_token(store, f"user-{uuid.uuid4().hex[:8]}")
    with pytest.raises(NotFound):
        await TokenAuthority(store).grant(issued.user_id, "no-such-workspace", Role.VIEWER)
