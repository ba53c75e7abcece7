import { CHIP_H, CHIP_W } from './layout.js';

// The map's visual language: each person is a card; its stripe colour = buying-centre role,
// border = stance, shape and tint = whose person (customer, partner, us). Shared by the map and
// its legend.

// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
export const ROLE_COLOURS = {
  decider: '#D55E00',
  approver: '#CC79A7',
  buyer: '#E69F00',
  champion: '#009E73',
  influencer: '#0072B2',
  gatekeeper: '#56B4E9',
  initiator: '#F0E442',
  user: '#A6761D',
};
export const NO_ROLE_COLOUR = '#D9D9D9';
export const HOME_COLOUR = '#1F3B73';
export const PARTNER_COLOUR = '#6A3D9A';
export const HYPOTHETICAL_COLOUR = '#8250DF'; // the what-if's colour: imagined ties and contacts
export const DISPUTED_COLOUR = '#B45309'; // an influence its observers disagree on

/** When a person holds several roles, the node shows the one that weighs most on the decision. */
export const ROLE_PRIORITY = [
  'decider',
  'approver',
  'buyer',
  'champion',
  'influencer',
  'gatekeeper',
  'initiator',
  'user',
];

export const STANCE_BORDERS = {
  champion: { colour: '#1A7F37', width: 5, style: 'solid' },
  supporter: { colour: '#7BC96F', width: 4, style: 'solid' },
  neutral: { colour: '#6E7781', width: 3, style: 'solid' },
  sceptic: { colour: '#F08C00', width: 4, style: 'solid' },
  blocker: { colour: '#CF222E', width: 6, style: 'double' },
  unknown: { colour: '#8C959F', width: 2, style: 'dashed' },
};

export const SIDE_SHAPES = { customer: 'round-rectangle', partner: 'cut-rectangle', home: 'rectangle' };
export const SIDE_TINTS = { customer: '#FFFFFF', partner: '#F1EAF8', home: '#E8EFFA' };

export function primaryRole(roles) {
  return ROLE_PRIORITY.find((r) => roles.includes(r)) || null;
}

export function fillOf(person) {
  if (person.side === 'home') return HOME_COLOUR;
  if (person.side === 'partner') return PARTNER_COLOUR;
  const role = primaryRole(person.roles);
  return role ? ROLE_COLOURS[role] : NO_ROLE_COLOUR;
}

export const CY_STYLE = [
  {
    selector: 'node.person',
    style: {
      width: 'data(w)',
      height: 'data(h)',
      shape: 'data(shape)',
      'background-color': '#FFFFFF',
      'border-color': 'data(borderColour)',
      'border-width': 'data(borderWidth)',
      'border-style': 'data(borderStyle)',
      label: 'data(label)',
      'font-family': 'Helvetica, Arial, sans-serif',
      'font-size': 13,
      'line-height': 1.3,
      'text-valign': 'center',
      'text-halign': 'center',
      'text-wrap': 'wrap',
      'text-max-width': 'data(w)',
      'text-margin-x': 3,
      'min-zoomed-font-size': 5,
      color: '#1F2328',
      'z-index-compare': 'manual',
      'z-index': 10,
    },
  },
  // The stripe on the card's left edge carries the role's colour (or whose person it is).
  ...[...Object.entries(ROLE_COLOURS), ['none', NO_ROLE_COLOUR], ['home', HOME_COLOUR], ['partner', PARTNER_COLOUR]].map(([role, colour]) => ({
    selector: `node.person.role-${role}`,
    style: {
      'background-fill': 'linear-gradient',
      'background-gradient-direction': 'to-right',
      'background-gradient-stop-colors': `${colour} ${colour} ${role === 'home' || role === 'partner' ? SIDE_TINTS[role] : '#FFFFFF'}`,
      'background-gradient-stop-positions': '0% 6% 6%',
    },
  })),
  {
    selector: 'node.collapsed',
    style: {
      width: CHIP_W,
      height: CHIP_H,
      shape: 'round-rectangle',
      'background-color': '#F6F8FA',
      'border-width': 1,
      'border-style': 'dashed',
      'border-color': '#8C959F',
      label: 'data(label)',
      'font-family': 'Helvetica, Arial, sans-serif',
      'font-size': 12,
      'text-valign': 'center',
      'text-wrap': 'wrap',
      'text-max-width': CHIP_W,
      'line-height': 1.25,
      color: '#24292F',
    },
  },
  {
    selector: 'node.band-rule',
    style: { shape: 'rectangle', width: 'data(w)', height: 1, 'background-color': '#D0D7DE', 'border-width': 0, events: 'no', 'z-index-compare': 'manual', 'z-index': 2 },
  },
  {
    selector: 'node.band',
    style: {
      shape: 'rectangle',
      width: 'data(w)',
      height: 'data(h)',
      'background-color': 'data(fill)',
      'border-width': 0,
      events: 'no',
      'z-index-compare': 'manual',
      'z-index': 0,
    },
  },
  {
    selector: 'node.group',
    style: {
      shape: 'round-rectangle',
      width: 'data(w)',
      height: 'data(h)',
      'background-color': 'data(fill)',
      'background-opacity': 0.6,
      'border-width': 1,
      'border-color': 'data(borderColour)',
      events: 'no',
      'z-index-compare': 'manual',
      'z-index': 1,
    },
  },
  {
    selector: 'node.header',
    style: {
      shape: 'rectangle',
      width: 1,
      height: 1,
      'background-opacity': 0,
      label: 'data(label)',
      'font-size': 16,
      'font-weight': 'bold',
      'text-valign': 'top',
      'text-wrap': 'ellipsis',
      color: '#1F2328',
      events: 'no',
    },
  },
  {
    selector: 'node.band-label',
    style: {
      shape: 'rectangle',
      width: 1,
      height: 1,
      'background-opacity': 0,
      label: 'data(label)',
      'font-size': 13,
      'text-halign': 'left',
      'text-valign': 'center',
      'text-wrap': 'wrap',
      'text-max-width': 130,
      color: '#57606A',
      events: 'no',
    },
  },
  {
    selector: 'edge',
    style: {
      'curve-style': 'straight',
      'z-index-compare': 'manual',
      'z-index': 5,
      'arrow-scale': 0.9,
    },
  },
  // a line that would cross a card runs through the gaps between cards (layout.js: routeEdges)
  {
    selector: 'edge.routed',
    style: {
      'curve-style': 'round-segments',
      'segment-radius': 12,
      'edge-distances': 'node-position',
      'segment-weights': 'data(weights)',
      'segment-distances': 'data(distances)',
    },
  },
  {
    selector: 'edge.influence',
    style: {
      width: 'data(width)',
      'line-color': '#4B5563',
      'line-opacity': 0.3,
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#4B5563',
    },
  },
  // influence into or out of the buying centre stands out from the rest of the account
  { selector: 'edge.influence.key', style: { 'line-opacity': 0.6 } },
  // an influence its observers disagree on (Influence.disputed), for the drawing to mark
  { selector: 'edge.influence.disputed', style: { 'line-style': 'dashed', 'line-dash-pattern': [3, 3], 'line-color': DISPUTED_COLOUR, 'target-arrow-color': DISPUTED_COLOUR, 'line-opacity': 0.9 } },
  // a reporting line: the first manager's solid, a second manager's (a matrix line) dashed
  { selector: 'edge.reports', style: { width: 1.5, 'line-color': '#8C959F', 'line-style': 'solid' } },
  { selector: 'edge.reports.matrix', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
  {
    selector: 'edge.knows, edge.route',
    style: {
      width: 'data(width)',
      'line-color': '#0969DA',
      'line-style': 'dotted',
      'line-opacity': 0.9,
      'target-arrow-shape': 'circle',
      'target-arrow-color': '#0969DA',
      'arrow-scale': 0.6,
    },
  },
  // a tie imagined in the what-if (not stored)
  { selector: 'edge.imagined', style: { 'line-color': '#8250DF', 'target-arrow-color': '#8250DF', 'line-style': 'dashed', 'line-dash-pattern': [8, 4], 'line-opacity': 1 } },
  // a hop of a plan route that is not an influence or "knows" line drawn already
  { selector: 'edge.route', style: { 'line-color': '#BF8700', 'target-arrow-color': '#BF8700' } },
  // the lines of the person under the pointer or selected
  { selector: 'edge.emphasis, edge:selected', style: { 'line-opacity': 1, 'z-index': 20, 'underlay-color': '#FFD33D', 'underlay-opacity': 0.45, 'underlay-padding': 2 } },
  // a hypothetical contact of the what-if (not stored): a dashed card
  { selector: 'node.person.hypothetical', style: { 'border-style': 'dashed', 'border-color': HYPOTHETICAL_COLOUR, 'border-width': 3, 'background-opacity': 0.8 } },
  // the selected person's higher-status influencers (from the API)
  { selector: 'node.person.higher', style: { 'underlay-color': '#8250DF', 'underlay-opacity': 0.35, 'underlay-padding': 7 } },
  { selector: 'edge.higher', style: { 'line-color': '#8250DF', 'target-arrow-color': '#8250DF', 'line-opacity': 1, 'z-index': 22 } },
  { selector: '.faded', style: { opacity: 0.15 } },
  // people and edges the "What changed since" panel lists
  { selector: 'node.person.changed', style: { 'underlay-color': '#1A7F37', 'underlay-opacity': 0.45, 'underlay-padding': 7 } },
  { selector: 'edge.changed', style: { 'line-color': '#1A7F37', 'target-arrow-color': '#1A7F37', 'line-opacity': 1, width: 4, 'z-index': 21 } },
  {
    selector: 'node.person.on-path',
    style: { 'underlay-color': '#FF7F00', 'underlay-opacity': 0.5, 'underlay-padding': 6, 'z-index': 30 },
  },
  {
    selector: 'edge.on-path',
    style: {
      'line-color': '#FF7F00',
      'target-arrow-color': '#FF7F00',
      width: 5,
      'line-opacity': 1,
      'z-index': 25,
    },
  },
  {
    selector: 'edge.intro',
    style: {
      'line-color': '#FF7F00',
      'line-style': 'solid',
      width: 4,
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#FF7F00',
      'z-index': 25,
    },
  },
  {
    selector: 'node.person:selected',
    style: { 'underlay-color': '#0969DA', 'underlay-opacity': 0.45, 'underlay-padding': 8 },
  },
];

/**
 * Added to CY_STYLE for big maps (hundreds of people): lines without arrows are drawn as cheap
 * "haystack" lines, names appear only once they are large enough to read, and without the
 * backdrop that costs a second fill per label.
 */
export const LARGE_MIN_FONT = 9;
export const CY_STYLE_LARGE = [
  {
    selector: 'node.person',
    style: { 'min-zoomed-font-size': LARGE_MIN_FONT, 'text-background-opacity': 0 },
  },
  { selector: 'edge.reports, edge.knows', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } },
  { selector: 'edge.influence', style: { 'line-opacity': 1, 'line-color': '#C4CAD1', 'target-arrow-color': '#C4CAD1' } },
  { selector: 'edge.influence.key', style: { 'line-color': '#4B5563', 'target-arrow-color': '#4B5563' } },
];
