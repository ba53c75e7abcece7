"""The GraphQL schema served at ``/graphql``, with limits on depth, tokens and aliases."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter

from api.graphql.mutations.deal import DealMutations
from api.graphql.mutations.organisation import OrganisationMutations
from api.graphql.mutations.person import PersonMutations
from api.graphql.mutations.relations import RelationMutations
from api.graphql.mutations.workspace import WorkspaceMutations
from api.graphql.query import Query
from api.graphql.types.deal import Deal
from api.graphql.types.organisation import Organisation
from api.graphql.types.person import Person
from api.graphql.types.workspace import Workspace

MAX_DEPTH = 12
MAX_TOKENS = 5000
MAX_ALIASES = 30


@strawberry.type
class Mutation(
    WorkspaceMutations, OrganisationMutations, PersonMutations, RelationMutations, DealMutations
):
    """Every write; expected failures come back as typed results, never as 500s."""


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    types=[Workspace, Organisation, Person, Deal],
    extensions=[
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ],
)
