"""API tokens, users and their roles per workspace.

A token reads ``smt_<id>_<secret>``. Only a SHA-256 hash of the secret is stored (the secret has
256 bits of entropy, so a slow password hash would add nothing but latency); the plain token is
shown once, when it is made. A token is revoked by stamping ``revoked_at``; lookups ignore
revoked tokens at once in this process and within ``cache_seconds`` in others.

Roles rank ``viewer < editor < admin``. A user who is not a member of a workspace is told the
workspace does not exist, so probing ids reveals nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from graph.database.store import Row, Store, WorkspaceStore
from graph.errors import Forbidden, NotFound, Unauthenticated
from graph.history.recorder import Origin
from graph.repository import workspaces
from graph.repository.workspaces import NodeLabel
from graph.repository.writes import Page

__all__ = [
    "SINGLE_USER",
    "CallerStore",
    "IssuedToken",
    "Principal",
    "Role",
    "TokenAuthority",
    "issue_token",
]

_TOKEN = re.compile(r"^smt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")


class Role(StrEnum):
    """What a user may do in a workspace."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


@dataclass(frozen=True)
class Principal:
    """Who is calling, and their role in each workspace they belong to.

    ``superuser`` may create workspaces (and becomes their admin); it grants no access to the
    data of workspaces the user is not a member of. ``single_user`` is the local mode of
    ``serve`` bound to 127.0.0.1, where the one user is admin everywhere.
    """

    user_id: str
    name: str
    roles: Mapping[str, Role] = field(default_factory=dict)
    superuser: bool = False
    single_user: bool = False

    def role_in(self, workspace: str) -> Role | None:
        if self.single_user:
            return Role.ADMIN
        return self.roles.get(workspace)

    def require(self, workspace: str, role: Role = Role.VIEWER) -> None:
        """Raise unless the principal holds at least ``role`` in ``workspace``.

        Not being a member at all reads as :class:`NotFound`, never as :class:`Forbidden`.
        """
        held = self.role_in(workspace)
        if held is None:
            raise NotFound(f"no workspace {workspace!r}")
        if held.rank < role.rank:
            raise Forbidden(f"your role in workspace {workspace!r} is {held}; this needs {role}")


@dataclass(frozen=True)
class IssuedToken:
    """A token as made: the plain text exists only here."""

    token_id: str
    token: str
    user_id: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _parse(token: str) -> tuple[str, str]:
    match = _TOKEN.match(token.strip())
    if not match:
        raise Unauthenticated("the API token is malformed; tokens look like smt_<id>_<secret>")
    return match.group(1), match.group(2)


async def issue_token(
    store: Store,
    user_id: str,
    *,
    name: str | None = None,
    label: str = "",
    superuser: bool = False,
) -> IssuedToken:
    """Make a token for ``user_id`` (creating the user if new)."""
    await store.write(
        "auth/upsert_user", {"user_id": user_id, "name": name or user_id, "superuser": superuser}
    )
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    await store.write(
        "auth/create_token",
        {"user_id": user_id, "token_id": token_id, "hash": _hash(secret), "label": label},
    )
    return IssuedToken(token_id, f"smt_{token_id}_{secret}", user_id)


class TokenAuthority:
    """Turns bearer tokens into principals, with a short cache to spare a round trip per call."""

    def __init__(self, store: Store, *, cache_seconds: float = 5.0) -> None:
        self.store = store
        self.cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Principal]] = {}

    async def authenticate(self, token: str | None) -> Principal:
        """The principal of ``token``; :class:`Unauthenticated` if missing, unknown or revoked."""
        if not token:
            raise Unauthenticated("an API token is required: send 'Authorization: Bearer <token>'")
        token_id, secret = _parse(token)
        cached = self._cache.get(token)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        rows = await self.store.read("auth/find_token", {"token_id": token_id})
        if not rows or not hmac.compare_digest(rows[0]["hash"], _hash(secret)):
            raise Unauthenticated("the API token is unknown or revoked")
        row = rows[0]
        principal = Principal(
            user_id=row["user_id"],
            name=row["name"],
            roles={m["workspace"]: Role(m["role"]) for m in row["memberships"]},
            superuser=row["superuser"],
        )
        self._cache[token] = (time.monotonic() + self.cache_seconds, principal)
        return principal

    def forget(self) -> None:
        """Drop cached principals (e.g. after another process revoked a token)."""
        self._cache.clear()

    async def revoke(self, token_id: str) -> bool:
        """Revoke a token by id; True if it was active."""
        rows = await self.store.write("auth/revoke_token", {"token_id": token_id})
        self._cache = {k: v for k, v in self._cache.items() if _parse(k)[0] != token_id}
        return bool(rows)

    async def grant(self, user_id: str, workspace: str, role: Role) -> None:
        """Give ``user_id`` ``role`` in ``workspace`` (which must exist)."""
        rows = await self.store.write(
            "auth/grant_role", {"user_id": user_id, "workspace": workspace, "role": str(role)}
        )
        if not rows:
            raise NotFound(f"no user {user_id!r} or no workspace {workspace!r}")
        self._cache.clear()

    async def tokens(self, user_id: str | None = None) -> list[dict[str, str | None]]:
        """Tokens (never their secrets), optionally of one user."""
        return await self.store.read("auth/list_tokens", {"user_id": user_id})


#: The principal of the local single-user mode (``STATUSMAP_AUTH=single-user``, loopback only).
SINGLE_USER = Principal("local", "Local user", superuser=True, single_user=True)


class CallerStore:
    """The store as one caller sees it: the only way requests reach workspace data.

    Every workspace store it hands out carries a guard that checks the caller's role before
    each statement, so a forgotten check in a resolver still cannot read or write another
    workspace; cross-workspace reads (listing, locating a node by id) are narrowed to the
    workspaces the caller belongs to.
    """

    def __init__(self, store: Store, principal: Principal, via: str = "graphql") -> None:
        self.store = store
        self.principal = principal
        self.via = via
        """Through what the caller writes (``graphql``, ``page``): recorded with each change."""

    def guard(self, workspace: str, role: Role = Role.VIEWER) -> Callable[[], None]:
        """The check of the caller's ``role`` in ``workspace``, run before each statement."""

        def guard() -> None:
            self.principal.require(workspace, role)

        return guard

    def workspace(self, workspace: str, role: Role = Role.VIEWER) -> WorkspaceStore:
        """``workspace`` for statements needing ``role``; refused (not found) to non-members."""
        return self.store.workspace(
            workspace, self.guard(workspace, role), Origin(self.principal.user_id, self.via)
        )

    def may_view(self, workspace: str) -> bool:
        return self.principal.role_in(workspace) is not None

    @property
    def visible(self) -> list[str] | None:
        """The workspaces the caller belongs to; ``None`` for all (single-user mode)."""
        return None if self.principal.single_user else sorted(self.principal.roles)

    async def locate(self, label: NodeLabel, node_id: str) -> str | None:
        """The workspace of a node, if the caller may see it; ``None`` otherwise."""
        found = await workspaces.locate(self.store, label, node_id)
        return found if found is not None and self.may_view(found) else None

    async def workspaces_page(self, *, first: int | None, after: str | None) -> Page:
        """The caller's workspaces, a page at a time."""
        return await workspaces.workspaces_page(
            self.store, first=first, after=after, allowed=self.visible
        )

    async def delete_workspace(self, authority: TokenAuthority, workspace: str) -> None:
        """Delete a workspace (admins only); nobody's role in it outlives it.

        The roles go from every principal this process holds (the cache, and this request's
        own, for the operations after this one), so no role reaches a new workspace made with
        the same id. Other processes drop theirs within ``cache_seconds``; until then their
        writes find no workspace (:meth:`graph.database.store.WorkspaceStore.transaction`).
        """
        try:
            await workspaces.delete_workspace(self.workspace(workspace, Role.ADMIN))
        finally:
            authority.forget()
            roles = {k: v for k, v in self.principal.roles.items() if k != workspace}
            self.principal = replace(self.principal, roles=roles)

    async def create_workspace(self, authority: TokenAuthority, data: Mapping[str, Any]) -> Row:
        """Create a workspace (superusers only) and make its creator its admin."""
        if not self.principal.superuser:
            raise Forbidden("only a superuser may create workspaces")
        row = await workspaces.create_workspace(self.store, data)
        if not self.principal.single_user:
            await authority.grant(self.principal.user_id, row["id"], Role.ADMIN)
            # Later operations of the same request may use the new workspace at once.
            roles = {**self.principal.roles, row["id"]: Role.ADMIN}
            self.principal = replace(self.principal, roles=roles)
        return row
