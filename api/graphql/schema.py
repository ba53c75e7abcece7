"""The root GraphQL types."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.graphql.context import Context


@strawberry.type(description="The database behind the API.")
class Neo4jStatus:
    state: str = strawberry.field(description="'up' when Neo4j answers a query, else 'down'.")
    version: str | None
    edition: str | None


@strawberry.type(description="Whether statusmap and its database answer.")
class Health:
    status: str = strawberry.field(description="'ok' or 'degraded'.")
    neo4j: Neo4jStatus


@strawberry.type
class Query:
    @strawberry.field(description="Service health; needs no token.")
    async def health(self, info: Info[Context, None]) -> Health:
        db = await info.context.store.health()
        return Health(
            status="ok" if db.state == "up" else "degraded",
            neo4j=Neo4jStatus(state=db.state, version=db.version, edition=db.edition),
        )


schema = strawberry.Schema(query=Query)
