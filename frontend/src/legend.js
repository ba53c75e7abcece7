// The map's key, built from the same tables the map uses.

import { fill, h } from './dom.js';
import {
  HOME_COLOUR,
  NO_ROLE_COLOUR,
  PARTNER_COLOUR,
  ROLE_COLOURS,
  ROLE_PRIORITY,
  STANCE_BORDERS,
} from './styles.js';

function swatch(style, label) {
  return h('li', {}, h('span', { class: 'swatch', style, 'aria-hidden': 'true' }), label);
}

export function renderLegend(container) {
  fill(container, 
    h(
      'div',
      { class: 'legend-group roles' },
      h('h3', {}, 'Colour · role'),
      h(
        'ul',
        {},
        ROLE_PRIORITY.map((role) => swatch(`background:${ROLE_COLOURS[role]}`, role)),
        swatch(`background:${NO_ROLE_COLOUR}`, 'no role'),
      ),
    ),
    h(
      'div',
      { class: 'legend-group stances' },
      h('h3', {}, 'Border · stance'),
      h(
        'ul',
        {},
        Object.entries(STANCE_BORDERS).map(([stance, b]) =>
          swatch(`background:#fff;border:${Math.min(b.width, 4)}px ${b.style} ${b.colour}`, stance),
        ),
      ),
    ),
    h(
      'div',
      { class: 'legend-group' },
      h('h3', {}, 'Who'),
      h(
        'ul',
        {},
        swatch(`background:#fff;border:1px solid #57606a;border-radius:4px`, 'customer'),
        swatch(`background:#F1EAF8;border:2px solid ${PARTNER_COLOUR};clip-path:polygon(25% 0,75% 0,100% 25%,100% 75%,75% 100%,25% 100%,0 75%,0 25%)`, 'partner'),
        swatch(`background:#E8EFFA;border:2px solid ${HOME_COLOUR};border-radius:0`, 'us'),
      ),
    ),
    h(
      'div',
      { class: 'legend-group' },
      h('h3', {}, 'Lines'),
      h(
        'ul',
        {},
        h('li', {}, h('span', { class: 'line influence', 'aria-hidden': 'true' }), 'influence (width = weight)'),
        h('li', {}, h('span', { class: 'line reports', 'aria-hidden': 'true' }), 'reports to'),
        h('li', {}, h('span', { class: 'line knows', 'aria-hidden': 'true' }), 'knows (ours)'),
        h('li', {}, h('span', { class: 'line route', 'aria-hidden': 'true' }), 'plan route hop'),
      ),
    ),
  );
}
