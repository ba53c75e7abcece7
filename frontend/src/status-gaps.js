// Status at a glance: each person's status gap to each of the deal's deciders and to the colleague of ours
// suggested for them, as the API computes them (Deal.statusGaps: the values of Person.statusGap
// and Person.gapsToOurs, the colleague the approach plan names or whose level fits best). One
// fixed document for any number of people, asked a page at a time.

import { gql } from './api.js';
import { STATUS_GAPS } from './queries.js';

const IDS_PER_REQUEST = 500; // the API's limit on `people` in one request
const PAGE = 100; // people per page of the answer

/**
 * Map person id → {self, deciders: [{name, gap}], ours: {name, gap}} for the customers of `view`:
 * `self` when they are a decider, `deciders` the others (the one furthest above them first)
 * (null when the API lacks the field).
 */
export async function loadStatusGaps(schema, state, view) {
  if (!schema.hasPath('Deal', 'statusGaps')) return null;
  const people = [...view.people.values()].filter((p) => p.side === 'customer').map((p) => p.id);
  if (!people.length || !view.deal) return null;
  const gaps = new Map();
  for (let start = 0; start < people.length; start += IDS_PER_REQUEST) {
    const variables = {
      workspaceId: state.workspaceId,
      dealId: view.deal.id,
      people: people.slice(start, start + IDS_PER_REQUEST),
      first: PAGE,
      after: null,
    };
    for (;;) {
      const page = (await gql(STATUS_GAPS, variables)).workspace?.deal?.statusGaps;
      if (!page) return gaps;
      for (const { node } of page.edges) gaps.set(node.person.id, entryOf(node));
      if (!page.pageInfo.hasNextPage) break;
      variables.after = page.pageInfo.endCursor;
    }
  }
  return gaps;
}

/** Unknown gaps (a level missing) come last; of the known, the decider furthest above first. */
function byGap(a, b) {
  return (a.gap ?? Infinity) - (b.gap ?? Infinity);
}

function entryOf(node) {
  const id = node.person.id;
  // every decider but the person themselves, the one furthest above them first
  const deciders = node.toDeciders
    .filter((d) => d.person && d.person.id !== id)
    .map((d) => ({ name: d.person.name, gap: d.gap }))
    .sort(byGap);
  const entry = { self: node.isDecider, deciders };
  const ours = node.suggestedColleague;
  if (ours?.person) entry.ours = { name: ours.person.name, gap: ours.gap };
  return entry;
}
