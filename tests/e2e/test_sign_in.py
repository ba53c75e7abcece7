"""Signing in: against a server in token mode the page asks for a token, refuses a wrong one
with a message next to the field, opens the workspaces with the right one, and signs out."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from neo4j import AsyncGraphDatabase
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from graph.database.connection import Neo4jTarget
from graph.database.store import Store
from graph.repository.auth import issue_token
from tests.e2e.conftest import watched_page
from tests.e2e.scenario import api_client, create_workspace

TOKEN_KEY = "statusmap.token"


async def _issue(target: Neo4jTarget, user: str) -> str:
    auth = (target.user, target.password) if target.password else None
    async with AsyncGraphDatabase.driver(target.uri, auth=auth) as driver:
        issued = await issue_token(Store(driver), user, superuser=True)
    return issued.token


@pytest.fixture(scope="module")
def signed_in_user(token_server: str, neo4j_target: Neo4jTarget) -> tuple[str, str]:
    """A superuser's token, and the name of a workspace made with it through GraphQL."""
    user = f"e2e-{uuid.uuid4().hex[:8]}"
    # Playwright's sync API keeps an event loop running in this thread: mint it in another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        token = pool.submit(asyncio.run, _issue(neo4j_target, user)).result()
    name = f"Signed-in {user}"
    with api_client(token_server, token) as client:
        create_workspace(client, f"{user}-ws", name)
    return token, name


def _refused_token(message: ConsoleMessage) -> bool:
    """Chromium logs the 401 that answers a wrong token: the test sends one on purpose."""
    return "/graphql" in str(message.location.get("url", "")) and "status of 401" in message.text


@pytest.fixture
def token_page(browser: Browser, token_server: str) -> Iterator[Page]:
    with watched_page(browser, token_server, expected=_refused_token) as pg:
        yield pg


def stored_token(page: Page) -> str | None:
    token: str | None = page.evaluate("key => localStorage.getItem(key)", TOKEN_KEY)
    return token


def test_sign_in_refuses_a_wrong_token_and_accepts_the_right_one(
    token_page: Page, signed_in_user: tuple[str, str]
) -> None:
    page = token_page
    token, workspace_name = signed_in_user
    page.goto("/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    field = page.get_by_label("API token")
    expect(field).to_be_focused()
    expect(page.get_by_role("combobox", name="Workspace", exact=True)).to_be_hidden()
    expect(page.get_by_text("Single-user mode")).to_be_hidden()

    field.fill("smt_0000_not-a-real-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#token-error")).to_contain_text("That token was not accepted")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert stored_token(page) is None

    field.fill(token)
    field.press("Enter")
    workspace = page.get_by_role("combobox", name="Workspace", exact=True)
    expect(workspace.locator("option:checked")).to_have_text(workspace_name)
    expect(page.get_by_role("heading", name="Sign in")).to_be_hidden()
    assert stored_token(page) == token

    # The token is kept: a reload goes straight to the workspace.
    page.reload()
    expect(workspace.locator("option:checked")).to_have_text(workspace_name)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(workspace).to_be_hidden()
    assert stored_token(page) is None


def test_a_revoked_or_wrong_stored_token_brings_the_form_back(token_page: Page) -> None:
    page = token_page
    page.goto("/")
    # the page asks for a token (and forgets any stored) first; the token is stored after that
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.evaluate("key => localStorage.setItem(key, 'smt_0000_revoked')", TOKEN_KEY)
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.locator("#token-error")).to_contain_text("Please sign in again")
    assert stored_token(page) is None
