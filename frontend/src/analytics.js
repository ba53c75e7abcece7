// Analytics of a deal (influence map, coverage, approach plan, what-if), asked for only when the
// API has them: until then the deal panel says they are not available.

import { gql } from './api.js';
import { DEAL_ANALYTICS, PERSON_ANALYTICS, WHAT_IF } from './queries.js';

export function hasDealAnalytics(schema) {
  return schema.hasPath('Deal', 'approachPlan') && schema.hasPath('Deal', 'coverage');
}

/** Can the API's what-if take imagined "knows" ties? */
export function hasHypotheticalTies(schema) {
  return schema.hasQuery('whatIf') && schema.hasArg('Query', 'whatIf', 'addKnows');
}

/** Can the API's what-if take hypothetical contacts? */
export function hasHypotheticalPeople(schema) {
  return schema.hasQuery('whatIf') && schema.hasArg('Query', 'whatIf', 'addPeople');
}

/** A hypothetical contact as the API's what-if takes it (the fields given). */
function personInput(p) {
  const input = { id: p.id, name: p.name };
  for (const field of ['title', 'department', 'organisationId', 'levelRank', 'stance']) {
    if (p[field] !== null && p[field] !== undefined && p[field] !== '') input[field] = p[field];
  }
  if (p.roles?.length) input.roles = p.roles;
  return input;
}

/**
 * The what-if's inputs from the page's state: people hidden, ties imagined (`kind` knows,
 * influence or reports; `strength` is a knows tie's strength or an influence's weight) and
 * hypothetical contacts. Index i of each list is the API's `addKnows[i]` etc. in its errors.
 */
export function whatIfInputs(schema, { hidden, imagined, hypothetical = [] }) {
  const ties = hasHypotheticalTies(schema) ? imagined : [];
  const of = (kind) => ties.filter((t) => (t.kind || 'knows') === kind);
  return {
    removePeople: [...hidden],
    addKnows: of('knows').map(({ sourceId, targetId, strength }) => ({ sourceId, targetId, strength })),
    addInfluences: of('influence').map(({ sourceId, targetId, strength }) => ({ sourceId, targetId, weight: strength })),
    addReportsTo: of('reports').map(({ sourceId, targetId }) => ({ personId: sourceId, managerId: targetId })),
    addPeople: hasHypotheticalPeople(schema) ? hypothetical.map(personInput) : [],
  };
}

/**
 * {influenceMap, coverage, approachPlan, baseline, hypotheticalPeople} for the deal in `state`,
 * or null when the API has no analytics. With people hidden, ties imagined or hypothetical
 * contacts (what-if), coverage and plan are those of that changed deal and `baseline` is the
 * plan before. A what-if the API refuses rejects with its GraphQLRequestError (fields named).
 */
export async function loadDealAnalytics(schema, state) {
  if (!hasDealAnalytics(schema)) return null;
  const { workspaceId, dealId } = state;
  const data = await gql(DEAL_ANALYTICS, { workspaceId, dealId });
  const deal = data.workspace.deal;
  const inputs = whatIfInputs(schema, state);
  const changed = Object.values(inputs).some((list) => list.length);
  if (!changed || !schema.hasQuery('whatIf')) return { ...deal, baseline: null, hypotheticalPeople: [] };
  const variables = { workspaceId, dealId };
  for (const [name, list] of Object.entries(inputs)) variables[name] = list.length ? list : null;
  const answer = await gql(WHAT_IF, variables);
  const w = answer.whatIf;
  return { ...deal, coverage: w.coverageAfter, approachPlan: w.planAfter, baseline: w.planBefore, hypotheticalPeople: w.hypotheticalPeople };
}

/** {gapsToOurs, higherStatusInfluencers} of a person, or null when the API has no analytics. */
export async function loadPersonAnalytics(schema, workspaceId, personId) {
  if (!schema.hasPath('Person', 'gapsToOurs') || !schema.hasPath('Person', 'higherStatusInfluencers')) {
    return null;
  }
  const data = await gql(PERSON_ANALYTICS, { workspaceId, personId });
  return data.workspace.person;
}
