"""The GraphQL schema (Strawberry) served at ``/graphql``."""

from api.graphql.schema import schema

__all__ = ["schema"]
