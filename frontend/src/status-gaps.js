// Status at a glance: each person's status gap to the deal's decider and to the colleague of ours
// suggested for them, as the API computes them (Person.statusGap, Person.gapsToOurs, and the
// approach plan's own gap for the people it plans to approach). One request for the whole map.

import { gql } from './api.js';

const MAX_ASKED = 80; // people per request: the deal's map holds about 60

/**
 * Map person id → {decider: {name, gap, self}, ours: {name, gap}} for the customers of `view`
 * (null when the API lacks the fields or the deal has no decider).
 */
export async function loadStatusGaps(schema, state, view, plan) {
  if (!schema.hasPath('Person', 'statusGap') || !schema.hasPath('Person', 'gapsToOurs')) return null;
  const people = [...view.people.values()].filter((p) => p.side === 'customer').slice(0, MAX_ASKED);
  const decider = [...view.people.values()].find((p) => p.member && p.roles.includes('decider'));
  if (!people.length) return null;
  const params = people.map((_, i) => `$p${i}: ID!`).join(', ');
  const fields = people
    .map(
      (_, i) =>
        `p${i}: person(id: $p${i}) { id ${decider ? 'toDecider: statusGap(to: $decider)' : ''} gapsToOurs { gap person { name } } }`,
    )
    .join('\n');
  const document = `query StatusGaps($workspaceId: ID!${decider ? ', $decider: ID!' : ''}, ${params}) {
    workspace(id: $workspaceId) { id ${fields} }
  }`;
  const variables = { workspaceId: state.workspaceId };
  if (decider) variables.decider = decider.id;
  people.forEach((p, i) => (variables[`p${i}`] = p.id));
  const data = await gql(document, variables);
  const steps = new Map((plan || []).map((s) => [s.personKey, s]));
  const gaps = new Map();
  people.forEach((p, i) => {
    const answer = data.workspace[`p${i}`];
    if (!answer) return;
    const entry = {};
    if (decider) entry.decider = { name: decider.name, gap: answer.toDecider, self: decider.id === p.id };
    const step = steps.get(p.key);
    const closest = (answer.gapsToOurs || [])[0];
    if (step?.ourPerson && Number.isFinite(step.statusGap)) entry.ours = { name: step.ourPerson.name, gap: step.statusGap };
    else if (closest?.person) entry.ours = { name: closest.person.name, gap: closest.gap };
    gaps.set(p.id, entry);
  });
  return gaps;
}
