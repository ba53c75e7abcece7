// Every GraphQL document the page sends, in one place. Optional parts (analytics, imports)
// are added only when the API's schema has them; see schema.js.

export const PERSON_CARD = `
  fragment PersonCard on Person {
    id key name title department
    organisation { id key name kind }
    level { rank name inferred }
  }
`;

export const WORKSPACES = `
  query Workspaces { workspaces(first: 100) { edges { node { id key name } } } }
`;

export const ACCOUNTS = `
  query Accounts($workspaceId: ID!) {
    workspace(id: $workspaceId) {
      id
      organisations(first: 500) { edges { node { id key name kind } } }
    }
  }
`;

export const DEALS = `
  query Deals($workspaceId: ID!, $organisationId: ID) {
    workspace(id: $workspaceId) {
      id
      deals(organisationId: $organisationId, first: 200) { edges { node { id key name } } }
    }
  }
`;

/** The deal, its buying centre and one hop around each member: enough to draw the map. */
export const DEAL_MAP = `
  query DealMap($workspaceId: ID!, $dealId: ID!) {
    workspace(id: $workspaceId) {
      id
      deal(id: $dealId) {
        id key name
        organisation { id key name kind }
        buyingCentre {
          roles stance stage
          journey { stage at note }
          person {
            ...PersonCard
            influencers { weight kind person { ...PersonCard } }
            influences { weight kind person { ...PersonCard } }
            reportsTo { ...PersonCard }
            knownBy { strength lastContact person { ...PersonCard } }
          }
        }
      }
    }
  }
  ${PERSON_CARD}
`;

/** All people of one account with their relations: the map without a deal. */
export const ACCOUNT_MAP = `
  query AccountMap($workspaceId: ID!, $organisationId: ID!, $after: String) {
    workspace(id: $workspaceId) {
      id
      people(organisationId: $organisationId, first: 500, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            ...PersonCard
            influences { weight kind person { id } }
            reportsTo { id }
            knownBy { strength person { ...PersonCard } }
          }
        }
      }
    }
  }
  ${PERSON_CARD}
`;

export const PERSON_DETAIL = `
  query PersonDetail($workspaceId: ID!, $personId: ID!) {
    workspace(id: $workspaceId) {
      id
      person(id: $personId) {
        ...PersonCard
        higher: influencers(higherStatusOnly: true) { weight kind person { ...PersonCard } }
        influencers { weight kind person { ...PersonCard } }
        reportsTo { ...PersonCard }
        directReports { ...PersonCard }
        knownBy { strength lastContact person { ...PersonCard } }
      }
    }
  }
  ${PERSON_CARD}
`;

const FAILURES = `
  ... on ValidationError { message fields { field message } }
  ... on NotFoundError { message field }
  ... on ConflictError { message field }
`;

/**
 * A mutation taking one `input` and answering a union (success or a typed failure). The input
 * type's name is read from the schema, so the document follows the API as it is.
 */
export function mutationDocument(schema, name) {
  const inputType = schema.argType('Mutation', name, 'input');
  if (!inputType) throw new Error(`this API has no mutation ${name}`);
  return `
    mutation ${name.charAt(0).toUpperCase()}${name.slice(1)}($input: ${inputType}!) {
      ${name}(input: $input) { __typename ${FAILURES} }
    }
  `;
}

/** Analytics of a deal; `whatIf` variants pass the people to leave out. */
export const DEAL_ANALYTICS = `
  query DealAnalytics($workspaceId: ID!, $dealId: ID!) {
    workspace(id: $workspaceId) {
      id
      deal(id: $dealId) {
        id
        influenceMap { people { influenceRank brokerage person { id } } }
        coverage {
          roles { role filled members { stance knownToUs person { id name } } }
          warnings { code message people { id name } }
        }
        approachPlan {
          order score reasons roles introPath { id name } introKind statusGap stance
          person { id name title } ourPerson { id name }
        }
      }
    }
  }
`;
