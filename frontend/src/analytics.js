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

/**
 * {influenceMap, coverage, approachPlan, baseline} for the deal in `state`, or null when the API
 * has no analytics. With people hidden or "knows" ties imagined (what-if), coverage and plan are
 * those of that changed deal and `baseline` is the plan before.
 */
export async function loadDealAnalytics(schema, state) {
  if (!hasDealAnalytics(schema)) return null;
  const { workspaceId, dealId, hidden, imagined } = state;
  const data = await gql(DEAL_ANALYTICS, { workspaceId, dealId });
  const deal = data.workspace.deal;
  const addKnows = hasHypotheticalTies(schema) ? imagined.map(({ sourceId, targetId, strength }) => ({ sourceId, targetId, strength })) : [];
  if ((!hidden.size && !addKnows.length) || !schema.hasQuery('whatIf')) return { ...deal, baseline: null };
  const removePeople = [...hidden];
  const answer = await gql(WHAT_IF, { workspaceId, dealId, removePeople, addKnows: addKnows.length ? addKnows : null });
  const w = answer.whatIf;
  return { ...deal, coverage: w.coverageAfter, approachPlan: w.planAfter, baseline: w.planBefore };
}

/** {gapsToOurs, higherStatusInfluencers} of a person, or null when the API has no analytics. */
export async function loadPersonAnalytics(schema, workspaceId, personId) {
  if (!schema.hasPath('Person', 'gapsToOurs') || !schema.hasPath('Person', 'higherStatusInfluencers')) {
    return null;
  }
  const data = await gql(PERSON_ANALYTICS, { workspaceId, personId });
  return data.workspace.person;
}
