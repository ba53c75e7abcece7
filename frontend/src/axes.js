// The sticky axes of the status map: the names of the status levels down the left edge and the
// organisations and departments along the top. They are HTML laid over the map and follow its
// pan and zoom, so they never scroll out of sight and are never cut by the map's edge.

import { h } from './dom.js';

const AXIS_W = 124; // px of the left edge given to the level names
const HEADER_H = 38; // px of the top edge given to organisations and departments

export class LadderAxis {
  constructor(container) {
    this.container = container;
    this.layout = null;
    this.left = h('div', { class: 'ladder-axis', 'data-testid': 'ladder-axis', 'aria-hidden': 'true' });
    this.top = h('div', { class: 'column-axis', 'data-testid': 'column-axis', 'aria-hidden': 'true' });
    this.corner = h('div', { class: 'axis-corner', 'aria-hidden': 'true' }, 'Status level');
  }

  /** Put the axes over the Cytoscape canvas (again after a new instance replaced it). */
  attach() {
    this.container.append(this.left, this.top, this.corner);
  }

  setLayout(layout) {
    this.layout = layout;
  }

  /** Pixels of the map the axes cover (left, top). */
  inset() {
    return this.layout ? { left: AXIS_W, top: HEADER_H } : { left: 0, top: 0 };
  }

  update(cy) {
    const layout = this.layout;
    for (const el of [this.left, this.top, this.corner]) el.hidden = !layout;
    if (!layout) return;
    const zoom = cy.zoom();
    const pan = cy.pan();
    const height = cy.height();
    const width = cy.width();
    const rows = layout.bands.map((band, i) => {
      const y0 = band.y0 * zoom + pan.y;
      const y1 = (band.y0 + band.height) * zoom + pan.y;
      // The name sits in the visible part of its band, so it stays in sight while that band is.
      const top = Math.max(y0, HEADER_H);
      const bottom = Math.min(y1, height);
      const visible = bottom - top;
      return h(
        'div',
        {
          class: `axis-band ${i % 2 ? 'odd' : 'even'}`,
          style: `top:${y0}px;height:${Math.max(0, y1 - y0)}px`,
          dataset: { rank: String(band.rank) },
        },
        h(
          'span',
          { class: 'axis-label', style: `top:${Math.max(0, top - y0)}px;height:${Math.max(0, visible)}px` },
          h('strong', {}, band.rank > 0 ? String(band.rank) : ''),
          ' ',
          band.label,
        ),
      );
    });
    this.left.replaceChildren(...rows);
    const cols = layout.groups.map((g) => {
      const x0 = g.x0 * zoom + pan.x;
      const w = g.width * zoom;
      return h('div', { class: `axis-column side-${g.side}`, style: `left:${x0}px;width:${w}px`, title: `${g.header} · ${g.label}` }, g.label);
    });
    const heads = layout.headers.flatMap((hd) => {
      const x0 = hd.x0 * zoom + pan.x;
      const w = (hd.x1 - hd.x0) * zoom;
      // The organisation's name stays readable while any of its columns is in view.
      const left = Math.max(x0, AXIS_W);
      const right = Math.min(x0 + w, width);
      if (right - left < 40) return []; // a sliver at the edge would show a cut-off letter
      return [h('div', { class: `axis-header side-${hd.side}`, style: `left:${left}px;width:${right - left}px` }, hd.label)];
    });
    this.top.replaceChildren(...heads, ...cols);
  }
}
