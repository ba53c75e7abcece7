// Analytics of a deal (influence map, coverage, approach plan, what-if), asked for only when the
// API has them: until then the deal panel says they are not available.

import { gql } from './api.js';
import { DEAL_ANALYTICS } from './queries.js';

/** {influenceMap, coverage, approachPlan} for the deal in `state`, or null when unavailable. */
export async function loadDealAnalytics(schema, state) {
  if (!schema.hasPath('Deal', 'approachPlan') || !schema.hasPath('Deal', 'coverage')) return null;
  const data = await gql(DEAL_ANALYTICS, { workspaceId: state.workspaceId, dealId: state.dealId });
  return data.workspace.deal;
}
