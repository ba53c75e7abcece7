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
          roles stance stage motive outcome evidence aspiration
          journey { stage at note }
          person {
            ...PersonCard
            influencers { weight kind disputed reports { reportedBy user weight } person { ...PersonCard } }
            influences { weight kind disputed reports { reportedBy user weight } person { ...PersonCard } }
            managers { line person { ...PersonCard } }
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
            influences { weight kind disputed person { id } }
            managers { line person { id } }
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
        email
        aliases
        influencers { weight kind basis basisRecorded disputed reports { reportedBy user weight } person { ...PersonCard } }
        managers { line person { ...PersonCard } }
        directReports { ...PersonCard }
        knownBy { strength lastContact person { ...PersonCard } }
      }
    }
  }
  ${PERSON_CARD}
`;

/**
 * Status gaps of many people of a deal (Deal.statusGaps): one fixed document, paged. Each
 * person's gap to the deal's deciders and to the colleague of ours the API suggests for them.
 */
export const STATUS_GAPS = `
  query StatusGaps($workspaceId: ID!, $dealId: ID!, $people: [ID!], $first: Int, $after: String) {
    workspace(id: $workspaceId) {
      id
      deal(id: $dealId) {
        id
        statusGaps(people: $people, first: $first, after: $after) {
          pageInfo { hasNextPage endCursor }
          edges {
            node {
              person { id }
              isDecider
              toDeciders { gap person { id name } }
              suggestedColleague { gap person { id name } }
            }
          }
        }
      }
    }
  }
`;

const FAILURES = `
  ... on ValidationError { message fields { field message } }
  ... on NotFoundError { message field }
  ... on ConflictError { message field }
`;

/**
 * A mutation taking one `input` and answering a union (success or a typed failure). The input
 * type's name is read from the schema, so the document follows the API as it is. `success`
 * selects fields of the success member (e.g. `... on DealSuccess { deal { id } }`).
 */
export function mutationDocument(schema, name, success = '') {
  const inputType = schema.argType('Mutation', name, 'input');
  if (!inputType) throw new Error(`this API has no mutation ${name}`);
  return `
    mutation ${name.charAt(0).toUpperCase()}${name.slice(1)}($input: ${inputType}!) {
      ${name}(input: $input) { __typename ${success} ${FAILURES} }
    }
  `;
}

const PLAN_STEP = `
  order score reasons roles introPath introKind statusGap stance personKey ourPersonKey
  person { id key name title } ourPerson { id key name }
  route { kind text } motive outcome framing { motive text }
  reachOn { decider probability } reachExact reachError
`;

const COVERAGE = `
  roles { role filled holders { personKey stance knownToUs strength person { id key name } } }
  warnings { code message people }
`;

/** Analytics of a deal: measures per person, coverage, and the approach plan. */
export const DEAL_ANALYTICS = `
  query DealAnalytics($workspaceId: ID!, $dealId: ID!) {
    workspace(id: $workspaceId) {
      id
      deal(id: $dealId) {
        id
        influenceMap {
          people { personKey influenceRank brokerage person { ...PersonCard } }
          edgeColumns { source target weight kind }
          reportedTies { sourceKey targetKey disputed reports { reportedBy user weight } }
        }
        coverage { ${COVERAGE} }
        approachPlan { ${PLAN_STEP} }
      }
    }
  }
  ${PERSON_CARD}
`;

/**
 * The deal as it would be without some people, with imagined ties (knows, influence, reporting
 * lines) and hypothetical contacts: nothing is stored.
 */
export const WHAT_IF = `
  query WhatIf($workspaceId: ID!, $dealId: ID!, $removePeople: [ID!], $addKnows: [HypotheticalKnowsInput!],
               $addInfluences: [HypotheticalInfluenceInput!], $addReportsTo: [HypotheticalReportsToInput!],
               $addPeople: [HypotheticalPersonInput!]) {
    whatIf(workspaceId: $workspaceId, dealId: $dealId, removePeople: $removePeople, addKnows: $addKnows,
           addInfluences: $addInfluences, addReportsTo: $addReportsTo, addPeople: $addPeople) {
      coverageAfter { ${COVERAGE} }
      planBefore { ${PLAN_STEP} }
      planAfter { ${PLAN_STEP} }
      moved { personKey orderBefore orderAfter }
      hypotheticalPeople { key levelRank levelInferred }
    }
  }
`;

/** The saved views of a deal, shared by the workspace's team (at most 100 per deal). */
export const DEAL_VIEWS = `
  query DealViews($workspaceId: ID!, $dealId: ID!) {
    workspace(id: $workspaceId) {
      id
      deal(id: $dealId) { id views(first: 100) { edges { node { id name state savedBy } } } }
    }
  }
`;

/** Status measures of one person from the analytics (when the API has them). */
export const PERSON_ANALYTICS = `
  query PersonAnalytics($workspaceId: ID!, $personId: ID!) {
    workspace(id: $workspaceId) {
      id
      person(id: $personId) {
        id
        gapsToOurs { personKey level gap person { id key name organisation { kind } } }
        higherStatusInfluencers(hops: 2) {
          personKey level gap strength via person { id key name }
        }
      }
    }
  }
`;

/** What the API knows about an account as a whole: ICP fit, influence ranks, cross-account reach. */
export const ACCOUNT_SUMMARY = `
  query AccountSummary($workspaceId: ID!, $organisationId: ID!) {
    workspace(id: $workspaceId) {
      id
      organisation(id: $organisationId) {
        id key name
        icpFit { score matched missed }
        influenceMap { peopleColumns { personKey influenceRank } }
      }
      crossAccountInfluencers(first: 50) {
        personKey totalWeight
        person { id key name title organisation { name kind } }
        accounts { organisationKey people weight }
      }
    }
  }
`;

// What changed since a moment: the net changes (facts, then who joined or left the map, warnings
// and plan steps), and the events of the window for who made each change, when and through what.
const CHANGED_FIELDS = `
  changedSince(since: $since) { kind fact key before after }
  changes(since: $since, first: 500) { edges { node { at kind key actor via file row } } }
`;

export const DEAL_CHANGES = `
  query DealChanges($workspaceId: ID!, $dealId: ID!, $since: DateTime!) {
    workspace(id: $workspaceId) { id deal(id: $dealId) { id ${CHANGED_FIELDS} } }
  }
`;

export const ACCOUNT_CHANGES = `
  query AccountChanges($workspaceId: ID!, $organisationId: ID!, $since: DateTime!) {
    workspace(id: $workspaceId) { id organisation(id: $organisationId) { id ${CHANGED_FIELDS} } }
  }
`;
