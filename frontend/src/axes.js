// The sticky axes of the status map: the names of the status levels down the left edge and the
// organisations and departments along the top. They are HTML laid over the map and follow its
// pan and zoom, so they never scroll out of sight and are never cut by the map's edge.

import { h } from './dom.js';
import { cut, fitLines } from './text-fit.js';

const AXIS_W = 100; // px of the left edge given to the level names (a long name wraps)
const HEADER_H = 50; // px of the top edge: an organisation's line, then two for a column's name
export const HEADER_LINES = 2; // a column's name wraps to this many lines before it is cut
export const HEADER_ORG_Y = 2; // px from the top: the organisations' line (13px bold)
export const HEADER_COLUMN_Y = 19; // px from the top: a column's first line (12px)
export const HEADER_LINE_H = 14; // px between a column's lines
const HEADER_PAD = 8; // px of a header's width kept free, so neighbours' names never touch

export class LadderAxis {
  constructor(container) {
    this.container = container;
    container.style.setProperty('--axis-w', `${AXIS_W}px`); // the stylesheet's width of the axis
    container.style.setProperty('--header-h', `${HEADER_H}px`); // and height of the headers
    this.layout = null;
    this.left = h('div', { class: 'ladder-axis', 'data-testid': 'ladder-axis', 'aria-hidden': 'true' });
    // not hidden from assistive technology: a folded department's count is a button to open it
    this.top = h('div', { class: 'column-axis', 'data-testid': 'column-axis' });
    this.onOpen = null; // a folded department's count was clicked (its group key; set by the map)
    this.corner = h('div', { class: 'axis-corner', 'aria-hidden': 'true' }, 'Status level');
  }

  /** Put the axes over the Cytoscape canvas (again after a new instance replaced it). */
  attach() {
    this.container.append(this.left, this.top, this.corner);
  }

  setLayout(layout) {
    this.layout = layout;
  }

  /** Pixels of the map the axes cover (left, top); `drawn`: once a layout is drawn, as now or not. */
  inset({ drawn = false } = {}) {
    return this.layout || drawn ? { left: AXIS_W, top: HEADER_H } : { left: 0, top: 0 };
  }

  /**
   * Where the axes' parts sit on screen for `cy`'s viewport, in rendered pixels of the map: the
   * page draws them as HTML (update) and the view's export as SVG (snapshot.js), from this one
   * computation. Null without a layout.
   */
  geometry(cy) {
    return this.geometryAt({ zoom: cy.zoom(), pan: cy.pan(), width: cy.width(), height: cy.height() });
  }

  /** The same for a viewport `{zoom, pan, width, height}` other than the screen's (the brief's). */
  geometryAt({ zoom, pan, width, height }) {
    const layout = this.layout;
    if (!layout) return null;
    const bands = layout.bands.map((band, i) => {
      const y0 = band.y0 * zoom + pan.y;
      const y1 = (band.y0 + band.height) * zoom + pan.y;
      // The name sits in the visible part of its band, so it stays in sight while that band is.
      const top = Math.max(y0, HEADER_H);
      const bottom = Math.min(y1, height);
      return { rank: band.rank, label: band.label, odd: i % 2 === 1, y0, y1, labelTop: top, labelBottom: bottom };
    });
    // A column's name wraps within its column (the full name is its title, on hover); a
    // department folded in part says how many more it holds.
    const columns = layout.groups.map((g) => ({
      x0: g.x0 * zoom + pan.x,
      width: g.width * zoom,
      side: g.side,
      label: g.label,
      lines: columnLines(g, g.width * zoom - HEADER_PAD),
      title: `${g.header} · ${g.label}${g.more ? ` · ${moreText(g.more.count)}: click to open` : ''}`,
      more: g.more,
    }));
    const headers = layout.headers.flatMap((hd) => {
      const x0 = hd.x0 * zoom + pan.x;
      const w = (hd.x1 - hd.x0) * zoom;
      // The organisation's name stays readable while any of its columns is in view.
      const left = Math.max(x0, AXIS_W);
      const right = Math.min(x0 + w, width);
      if (right - left < 40) return []; // a sliver at the edge would show a cut-off letter
      return [{ left, width: right - left, side: hd.side, label: hd.label, text: cut(hd.label, 13, right - left - HEADER_PAD, 'bold') }];
    });
    return { axisWidth: AXIS_W, headerHeight: HEADER_H, width, height, bands, columns, headers };
  }

  update(cy) {
    const geometry = this.geometry(cy);
    for (const el of [this.left, this.top, this.corner]) el.hidden = !geometry;
    if (!geometry) return;
    const rows = geometry.bands.map((band) =>
      h(
        'div',
        {
          class: `axis-band ${band.odd ? 'odd' : 'even'}`,
          style: `top:${band.y0}px;height:${Math.max(0, band.y1 - band.y0)}px`,
          dataset: { rank: String(band.rank) },
        },
        h(
          'span',
          {
            class: 'axis-label',
            style: `top:${Math.max(0, band.labelTop - band.y0)}px;height:${Math.max(0, band.labelBottom - band.labelTop)}px`,
          },
          h('strong', {}, band.rank > 0 ? String(band.rank) : ''),
          ' ',
          band.label,
        ),
      ),
    );
    this.left.replaceChildren(...rows);
    const cols = geometry.columns.map((c) => {
      const lines = c.lines.map((line) => h('span', {}, line));
      const style = `left:${c.x0}px;width:${c.width}px`;
      if (!c.more) return h('div', { class: `axis-column side-${c.side}`, style, title: c.title, 'aria-hidden': 'true' }, lines);
      const open = h('button', { type: 'button', class: `axis-column axis-more side-${c.side}`, style, title: c.title, 'aria-label': `Open ${c.label}: ${moreText(c.more.count)}`, dataset: { testid: 'folded-count', group: c.more.groupKey, count: String(c.more.count) } }, lines);
      open.addEventListener('click', () => this.onOpen?.(c.more.groupKey));
      return open;
    });
    const heads = geometry.headers.map((hd) =>
      h('div', { class: `axis-header side-${hd.side}`, style: `left:${hd.left}px;width:${hd.width}px`, title: hd.label, 'aria-hidden': 'true' }, hd.text),
    );
    this.top.replaceChildren(...heads, ...cols);
  }
}

/** "14 more" people of a department folded in part. */
function moreText(count) {
  return `${count} more`;
}

/**
 * A column's header lines within `width` px: its name (in HEADER_LINES lines), and for a
 * department folded in part its count, on the name's last line when it fits there, else on a
 * line of its own (the name then has one line less): the count is never cut away.
 */
function columnLines(g, width) {
  if (!g.more) return fitLines(g.label, 12, width, HEADER_LINES);
  const more = moreText(g.more.count);
  const joined = fitLines(`${g.label} · ${more}`, 12, width, HEADER_LINES);
  const last = joined[joined.length - 1];
  if (last.endsWith(` · ${more}`)) return joined;
  if (last === more) return [...joined.slice(0, -1).map((line, i, all) => (i === all.length - 1 ? line.replace(/ ·$/, '') : line)), more];
  return [...fitLines(g.label, 12, width, HEADER_LINES - 1), cut(more, 12, width)];
}
