// The map's visual language: colour = buying-centre role, border = stance, size = influence rank,
// shape = whose person (customer, partner, us). Shared by the map and its legend.

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

export const SIDE_SHAPES = { customer: 'ellipse', partner: 'diamond', home: 'round-rectangle' };

export function primaryRole(roles) {
  return ROLE_PRIORITY.find((r) => roles.includes(r)) || null;
}

export function fillOf(person) {
  if (person.side === 'home') return HOME_COLOUR;
  if (person.side === 'partner') return PARTNER_COLOUR;
  const role = primaryRole(person.roles);
  return role ? ROLE_COLOURS[role] : NO_ROLE_COLOUR;
}

/** Node diameter from influence rank, relative to the most influential person in view. */
export function sizeOf(influenceRank, maxRank) {
  if (!Number.isFinite(influenceRank) || !maxRank) return 34;
  return Math.round(24 + 36 * Math.sqrt(influenceRank / maxRank));
}

export const CY_STYLE = [
  {
    selector: 'node.person',
    style: {
      width: 'data(size)',
      height: 'data(size)',
      shape: 'data(shape)',
      'background-color': 'data(fill)',
      'border-color': 'data(borderColour)',
      'border-width': 'data(borderWidth)',
      'border-style': 'data(borderStyle)',
      label: 'data(label)',
      'font-size': 13,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'wrap',
      'text-max-width': 68,
      'min-zoomed-font-size': 6,
      color: '#1F2328',
      'text-background-color': '#FFFFFF',
      'text-background-opacity': 0.75,
      'text-background-padding': 1,
      'z-index-compare': 'manual',
      'z-index': 10,
    },
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
      'background-opacity': 0.35,
      'border-width': 1,
      'border-color': 'data(borderColour)',
      label: 'data(label)',
      'font-size': 12,
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -4,
      'text-wrap': 'wrap',
      color: '#24292F',
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
  { selector: 'edge.influence.key', style: { 'line-opacity': 0.85 } },
  {
    selector: 'edge.reports',
    style: { width: 1.5, 'line-color': '#8C959F', 'line-style': 'dashed', 'line-dash-pattern': [6, 4] },
  },
  {
    selector: 'edge.knows',
    style: {
      width: 'data(width)',
      'line-color': '#0969DA',
      'line-style': 'dotted',
      'line-opacity': 0.8,
    },
  },
  { selector: '.faded', style: { opacity: 0.15 } },
  {
    selector: 'node.person.on-path',
    style: { 'overlay-color': '#FF7F00', 'overlay-opacity': 0.35, 'overlay-padding': 6, 'z-index': 30 },
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
    style: { 'overlay-color': '#0969DA', 'overlay-opacity': 0.3, 'overlay-padding': 8 },
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
