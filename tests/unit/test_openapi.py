"""The OpenAPI document declares how to authenticate, so /docs has an Authorize button."""

from __future__ import annotations

from api.app import create_app
from api.settings import Settings


def test_openapi_declares_the_bearer_scheme_on_token_routes() -> None:
    document = create_app(Settings(environment="test")).openapi()
    schemes = document["components"]["securitySchemes"]
    assert schemes["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["HTTPBearer"]["description"],
    }
    imports = [
        op for path, ops in document["paths"].items() if "import" in path for op in ops.values()
    ]
    assert imports
    assert all({"HTTPBearer": []} in op.get("security", []) for op in imports)
    # Health answers without a token.
    for path in ("/health", "/health/live", "/health/ready"):
        assert "security" not in document["paths"][path]["get"]


def test_metrics_need_a_token_and_no_page_needs_a_cdn() -> None:
    app = create_app(Settings(environment="test"))
    document = app.openapi()
    assert {"HTTPBearer": []} in document["paths"]["/metrics"]["get"]["security"]
    # ReDoc's page would load its script from a CDN; Swagger UI at /docs is served from here.
    paths = {getattr(route, "path", None) for route in app.routes}
    assert "/redoc" not in paths and "/docs" in paths
