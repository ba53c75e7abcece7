"""GraphiQL at /graphql and Swagger UI at /docs work on a machine without internet access."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect


def _loopback_only(page: Page) -> list[str]:
    """Abort every request off 127.0.0.1; the list collects their addresses."""
    asked_outside: list[str] = []

    def route(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            asked_outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return asked_outside


def test_graphiql_renders_and_introspects_with_only_loopback_reachable(page: Page) -> None:
    asked_outside = _loopback_only(page)
    with page.expect_response(lambda r: r.url.endswith("/graphql") and r.request.method == "POST"):
        page.goto("/graphql")
    expect(page.get_by_text("Loading...")).to_be_hidden()
    expect(page.locator(".graphiql-query-editor")).to_be_visible()
    # The schema arrived by introspection: the documentation explorer lists the root type.
    page.get_by_role("button", name="Show Documentation Explorer").click()
    expect(page.locator(".graphiql-doc-explorer")).to_contain_text("Query")
    assert asked_outside == []


def test_swagger_ui_renders_with_an_authorize_button_with_only_loopback_reachable(
    page: Page,
) -> None:
    asked_outside = _loopback_only(page)
    page.goto("/docs")
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    expect(page.get_by_text("/health/ready", exact=True)).to_be_visible()
    assert asked_outside == []
