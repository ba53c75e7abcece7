"""``/docs``: FastAPI's Swagger UI page, its script and style served by statusmap, not a CDN.

FastAPI's page loads ``swagger-ui-dist`` from cdn.jsdelivr.net; offline it stays blank. The
same package, pinned in ``frontend/package.json``, is copied into ``frontend/dist/swagger-ui/``
by the front end's build (``frontend/offline-assets.mjs``) and served with the page at ``/``.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

__all__ = ["ASSETS_PATH", "add_offline_docs"]

ASSETS_PATH = "/swagger-ui/swagger-ui-dist/"
"""Where the front end's build puts Swagger UI's files."""


def add_offline_docs(app: FastAPI, path: str = "/docs") -> None:
    """Serve Swagger UI at ``path`` from local assets (build the app with ``docs_url=None``)."""

    @app.get(path, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"{ASSETS_PATH}swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_PATH}swagger-ui.css",
            swagger_favicon_url="data:,",  # no request for an icon off this machine
        )
