"""The GraphQL schema served at ``/graphql``, with limits on depth, tokens, aliases and cost.

Depth, tokens and aliases are checked when a document is validated (and cached with it); the
cost, the list items an operation resolves, needs the variables and is checked when it runs
(:mod:`api.graphql.cost`).
"""

from __future__ import annotations

from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.types import ExecutionContext

from api.graphql.context import Context
from api.graphql.cost import CostedExecution
from api.graphql.mutations.deal import DealMutations
from api.graphql.mutations.organisation import OrganisationMutations
from api.graphql.mutations.person import PersonMutations
from api.graphql.mutations.relations import RelationMutations
from api.graphql.mutations.view import ViewMutations
from api.graphql.mutations.workspace import WorkspaceMutations
from api.graphql.query import Query
from api.graphql.types.analytics import COLUMN_SCALARS
from api.graphql.types.deal import Deal
from api.graphql.types.organisation import Organisation
from api.graphql.types.person import Person
from api.graphql.types.workspace import Workspace
from api.metrics import GraphQLMetrics
from api.tracing import GraphQLTracing

MAX_DEPTH = 12
MAX_TOKENS = 5000
MAX_ALIASES = 30
DOCUMENT_CACHE = 512  # the caches live at module level in Strawberry, shared by requests
"""Parsed and validated documents kept: clients send the same few queries over and over, and
parsing plus validating one costs more than the database work of a typical request."""


class ReleaseLoaders(SchemaExtension):
    """Releases the request's DataLoaders when its operation has been answered."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context.context
        if isinstance(context, Context):
            context.loaders.release()


class KeptNames(NameConverter):
    """Strawberry's names, each camel-cased once.

    Strawberry converts every argument's Python name to its GraphQL name again on each call of
    a resolver (``higher_status_only`` for each member's ``influencers``, say): a dozen string
    rebuilds per request for names fixed when the schema is built.
    """

    def __init__(self) -> None:
        super().__init__()
        self._names: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self._names.get(name)
        if converted is None:
            converted = self._names[name] = super().apply_naming_config(name)
        return converted


@strawberry.type
class Mutation(
    WorkspaceMutations,
    OrganisationMutations,
    PersonMutations,
    RelationMutations,
    DealMutations,
    ViewMutations,
):
    """Every write; expected failures come back as typed results, never as 500s."""


LIMIT_RULES = (
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)
"""The depth and alias limits as validation rules, made once. Strawberry's limiter extensions
make a new rule class per instance, that is per request; the rules are part of the validation
cache's key, so built per request they missed the cache every time and every request was
validated afresh (about a fifth of a buying-centre request's CPU)."""


class StatusmapSchema(strawberry.Schema):
    """The schema, without Strawberry's log of each error.

    Strawberry logs every error of an operation at ERROR with a traceback, a client's typo as
    much as a bug; statusmap logs each one once, at the level it deserves, as it makes the
    error public (:func:`api.graphql.router.public_error`).
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None


schema = StatusmapSchema(
    query=Query,
    mutation=Mutation,
    types=[Workspace, Organisation, Person, Deal],
    config=StrawberryConfig(scalar_map=COLUMN_SCALARS, name_converter=KeptNames()),
    execution_context_class=CostedExecution,
    extensions=[
        GraphQLTracing,
        GraphQLMetrics,
        ReleaseLoaders,
        lambda: ParserCache(maxsize=DOCUMENT_CACHE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE),
        lambda: AddValidationRules(list(LIMIT_RULES)),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
    ],
)
