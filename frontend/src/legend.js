// The map's key, built from the same tables the map uses. `LEGEND` is the key as data: the page
// draws it as HTML (renderLegend), the view's export as SVG (snapshot.js).

import { fill, h } from './dom.js';
import {
  DISPUTED_COLOUR,
  HOME_COLOUR,
  HYPOTHETICAL_COLOUR,
  NO_ROLE_COLOUR,
  PARTNER_COLOUR,
  ROLE_COLOURS,
  ROLE_PRIORITY,
  STANCE_BORDERS,
} from './styles.js';

/**
 * Groups of entries. A mark is a `dot` (fill), a `card` (fill and border, shape customer |
 * partner | home) or a `line` (colour, width, dash solid | dashed | dotted).
 */
export const LEGEND = [
  {
    title: 'Colour · role',
    className: 'roles',
    items: [
      ...ROLE_PRIORITY.map((role) => ({ label: role, mark: 'dot', fill: ROLE_COLOURS[role] })),
      { label: 'no role', mark: 'dot', fill: NO_ROLE_COLOUR },
    ],
  },
  {
    title: 'Border · stance',
    className: 'stances',
    items: Object.entries(STANCE_BORDERS).map(([stance, b]) => ({
      label: stance,
      mark: 'dot',
      fill: '#fff',
      border: { width: Math.min(b.width, 4), style: b.style, colour: b.colour },
    })),
  },
  {
    title: 'Who',
    items: [
      { label: 'customer', mark: 'card', shape: 'customer', fill: '#fff', border: { width: 1, style: 'solid', colour: '#57606a' } },
      { label: 'partner', mark: 'card', shape: 'partner', fill: '#F1EAF8', border: { width: 2, style: 'solid', colour: PARTNER_COLOUR } },
      { label: 'us', mark: 'card', shape: 'home', fill: '#E8EFFA', border: { width: 2, style: 'solid', colour: HOME_COLOUR } },
      { label: 'hypothetical (what-if)', mark: 'card', shape: 'customer', fill: '#fff', border: { width: 2, style: 'dashed', colour: HYPOTHETICAL_COLOUR } },
    ],
  },
  {
    title: 'Lines',
    items: [
      { label: 'influence (width = weight)', mark: 'line', kind: 'influence', colour: '#4b5563', width: 3, dash: 'solid' },
      { label: 'disputed influence', mark: 'line', kind: 'disputed', colour: DISPUTED_COLOUR, width: 3, dash: 'dashed' },
      { label: 'reports to', mark: 'line', kind: 'reports', colour: '#8c959f', width: 2, dash: 'solid' },
      { label: 'matrix line (2nd manager)', mark: 'line', kind: 'matrix', colour: '#8c959f', width: 2, dash: 'dashed' },
      { label: 'knows (ours)', mark: 'line', kind: 'knows', colour: '#0969da', width: 2, dash: 'dotted' },
      { label: 'plan route hop', mark: 'line', kind: 'route', colour: '#bf8700', width: 2, dash: 'dotted' },
      { label: 'imagined tie (what-if)', mark: 'line', kind: 'imagined', colour: '#8250df', width: 2, dash: 'dashed' },
    ],
  },
];

const CARD_CSS = {
  customer: 'border-radius:4px',
  partner: 'clip-path:polygon(25% 0,75% 0,100% 25%,100% 75%,75% 100%,25% 100%,0 75%,0 25%)',
  home: 'border-radius:0',
};

function htmlItem(item) {
  if (item.mark === 'line') {
    return h('li', {}, h('span', { class: `line ${item.kind}`, 'aria-hidden': 'true' }), item.label);
  }
  const border = item.border ? `;border:${item.border.width}px ${item.border.style} ${item.border.colour}` : '';
  const shape = item.mark === 'card' ? `;${CARD_CSS[item.shape]}` : '';
  return h('li', {}, h('span', { class: 'swatch', style: `background:${item.fill}${border}${shape}`, 'aria-hidden': 'true' }), item.label);
}

/**
 * The key under the map. In a short window (see style.css) it folds to one "Legend" button, so
 * that the map keeps its height; the button opens and folds it.
 */
export function renderLegend(container) {
  const toggle = h('button', { type: 'button', class: 'legend-toggle secondary', 'aria-expanded': 'false' }, 'Legend');
  toggle.addEventListener('click', () => {
    const open = container.classList.toggle('open');
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  fill(
    container,
    toggle,
    LEGEND.map((group) =>
      h(
        'div',
        { class: ['legend-group', group.className].filter(Boolean).join(' ') },
        h('h3', {}, group.title),
        h('ul', {}, group.items.map(htmlItem)),
      ),
    ),
  );
}
