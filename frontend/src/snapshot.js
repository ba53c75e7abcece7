// The view as a picture: what is on the map's screen (its current pan and zoom), with the sticky
// level axis, the organisation and department headers, a title and the legend, as one SVG with
// real <text> elements (searchable, editable). The PNG is that SVG drawn on a canvas, so both
// exports show the same thing.

import { HEADER_COLUMN_Y, HEADER_LINE_H, HEADER_ORG_Y } from './axes.js';
import { LEGEND } from './legend.js';
import { AXIS_FONT as FONT, textWidth, wrap } from './text-fit.js';

const NS = 'http://www.w3.org/2000/svg';
const TITLE_H = 30;
const LEGEND_ROW_H = 16;
const LEGEND_PAD = 8;
const LEGEND_COLUMNS = 4;

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function round(v) {
  return Math.round(v * 10) / 10;
}

/**
 * The map's own drawing of the viewport (cytoscape-svg), as an <svg> element placed at `y`.
 * cytoscape-svg writes every element, on screen or not; the cards wholly off screen lose their
 * text while it draws, so that the SVG's words are those of the picture.
 */
function mapLayer(map, y) {
  const { cy } = map;
  const [w, hgt] = [cy.width(), cy.height()];
  const text = drawnWithout(map, (b) => b.x2 < 0 || b.y2 < 0 || b.x1 > w || b.y1 > hgt, () => cy.svg({ full: false, scale: 1, bg: '#FFFFFF' }));
  const svg = parsedSvg(text);
  svg.setAttribute('x', '0');
  svg.setAttribute('y', String(y));
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(hgt));
  if (!svg.getAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
  return svg;
}

/**
 * The map at `viewport` ({zoom, pan, width, height}: a picture's, not the screen's) as an <svg>
 * placed at `y`: the whole map drawn at its model size, cut to the viewport by the viewBox.
 */
function framedMapLayer(map, { zoom, pan, width, height }, y) {
  const { cy } = map;
  const toRendered = (b) => ({ x1: b.x1 * zoom + pan.x, x2: b.x2 * zoom + pan.x, y1: b.y1 * zoom + pan.y, y2: b.y2 * zoom + pan.y });
  const all = cy.elements().boundingBox();
  // A maximum width of the map's own width draws it at scale 1 whatever the screen's pixel ratio.
  const draw = () => cy.svg({ full: true, maxWidth: Math.ceil(all.w), bg: '#FFFFFF' });
  const text = drawnWithout(map, (b) => {
    const r = toRendered(b);
    return r.x2 < 0 || r.y2 < 0 || r.x1 > width || r.y1 > height;
  }, draw, false);
  const svg = parsedSvg(text);
  svg.setAttribute('x', '0');
  svg.setAttribute('y', String(y));
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', [-pan.x / zoom - all.x1, -pan.y / zoom - all.y1, width / zoom, height / zoom].map(round).join(' '));
  return svg;
}

/**
 * `draw()` with the text of the cards outside the picture taken off (`outside(box)`, the card's
 * box rendered at the screen's viewport, or in the model when `rendered` is false): cytoscape-svg
 * writes every element, and the SVG's words are to be those of the picture.
 */
function drawnWithout(map, outside, draw, rendered = true) {
  const { cy } = map;
  const off = cy.nodes('.person, .collapsed').filter((n) =>
    outside(rendered ? n.renderedBoundingBox({ includeLabels: false }) : n.boundingBox({ includeLabels: false })),
  );
  const labels = off.map((n) => [n, n.data('label')]);
  cy.batch(() => off.data('label', ''));
  try {
    return map.withAllLabels(draw);
  } finally {
    cy.batch(() => labels.forEach(([n, label]) => n.data('label', label)));
  }
}

function parsedSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  return document.importNode(doc.documentElement, true);
}

/** The level names down the left edge and the columns along the top, as the page shows them. */
function axesLayer(geometry, y, id) {
  const { axisWidth: aw, headerHeight: hh, width, height } = geometry;
  const g = el('g', { transform: `translate(0 ${y})`, 'font-family': FONT });
  const clip = el('clipPath', { id: `${id}-left` });
  clip.append(el('rect', { x: 0, y: 0, width: aw, height }));
  const clipTop = el('clipPath', { id: `${id}-top` });
  clipTop.append(el('rect', { x: aw, y: 0, width: width - aw, height: hh }));
  g.append(el('defs'));
  g.firstChild.append(clip, clipTop);

  const left = el('g', { 'clip-path': `url(#${id}-left)` });
  left.append(el('rect', { x: 0, y: 0, width: aw, height, fill: '#FFFFFF', 'fill-opacity': 0.92 }));
  for (const band of geometry.bands) {
    const bandH = band.y1 - band.y0;
    if (bandH <= 0) continue;
    left.append(
      el('rect', { x: 0, y: round(band.y0), width: aw, height: round(bandH), fill: band.odd ? '#FFFFFF' : '#F6F8FA', stroke: '#E1E4E8', 'stroke-width': 1 }),
    );
    const visible = band.labelBottom - band.labelTop;
    if (visible < 14) continue;
    // As on the page: the rank, then the level's name wrapped beside it within the axis.
    const rank = band.rank > 0 ? String(band.rank) : '';
    const indent = rank ? 8 + textWidth(rank, 15, 'bold') + 5 : 8;
    const lines = wrap(band.label, 12, aw - indent - 6).slice(0, Math.max(1, Math.floor(visible / 15)));
    const mid = (band.labelTop + band.labelBottom) / 2;
    const label = el('text', { x: 8, y: round(mid + 5), 'font-size': 12, fill: '#24292F' });
    if (rank) label.append(el('tspan', { 'font-size': 15, 'font-weight': 700, fill: '#57606A' }, rank));
    const first = mid + 4 - ((lines.length - 1) * 15) / 2;
    lines.forEach((line, i) => label.append(el('tspan', { x: round(indent), y: round(first + i * 15) }, line)));
    left.append(label);
  }
  left.append(el('line', { x1: aw, y1: 0, x2: aw, y2: height, stroke: '#D0D7DE' }));

  const top = el('g', { 'clip-path': `url(#${id}-top)` });
  top.append(el('rect', { x: aw, y: 0, width: width - aw, height: hh, fill: '#FFFFFF', 'fill-opacity': 0.94 }));
  const headerColour = { partner: '#6A3D9A', home: '#1F3B73', customer: '#1F2328' };
  for (const head of geometry.headers) {
    top.append(
      el('text', { x: round(head.left + head.width / 2), y: HEADER_ORG_Y + 13, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 700, fill: headerColour[head.side] || '#1F2328' }, head.text),
    );
  }
  for (const col of geometry.columns) {
    if (col.x0 + col.width < aw || col.x0 > width) continue;
    top.append(el('line', { x1: round(col.x0), y1: HEADER_COLUMN_Y, x2: round(col.x0), y2: hh, stroke: '#E1E4E8' }));
    // as on the page: the column's name in the lines the axis fitted it to
    const label = el('text', { 'text-anchor': 'middle', 'font-size': 12, fill: '#57606A' });
    col.lines.forEach((line, i) => label.append(el('tspan', { x: round(col.x0 + col.width / 2), y: HEADER_COLUMN_Y + 11 + i * HEADER_LINE_H }, line)));
    top.append(label);
  }
  top.append(el('line', { x1: aw, y1: hh, x2: width, y2: hh, stroke: '#D0D7DE' }));

  const corner = el('g');
  corner.append(el('rect', { x: 0, y: 0, width: aw, height: hh, fill: '#FFFFFF', stroke: '#D0D7DE' }));
  corner.append(el('text', { x: 8, y: round(hh / 2 + 4), 'font-size': 11, fill: '#57606A' }, 'Status level'));
  g.append(left, top, corner);
  return g;
}

const DASHES = { solid: null, dashed: '6 4', dotted: '2 3', double: null };

function legendMark(item, x, y) {
  if (item.mark === 'line') {
    return el('line', { x1: x, y1: y, x2: x + 22, y2: y, stroke: item.colour, 'stroke-width': item.width, 'stroke-dasharray': DASHES[item.dash] });
  }
  const border = item.border || { width: 0, colour: 'none', style: 'solid' };
  const common = { fill: item.fill, stroke: border.colour, 'stroke-width': border.width, 'stroke-dasharray': DASHES[border.style] };
  if (item.mark === 'card') return el('rect', { x: x + 2, y: y - 6, width: 14, height: 12, rx: item.shape === 'customer' ? 3 : 0, ...common });
  return el('circle', { cx: x + 7, cy: y, r: 6, ...common });
}

/** The legend as rows of columns, one group after the other; returns [group, height]. */
function legendLayer(width, y) {
  const g = el('g', { transform: `translate(0 ${y})`, 'font-family': FONT, 'font-size': 11, fill: '#1F2328' });
  const colW = (width - 2 * LEGEND_PAD) / LEGEND_COLUMNS;
  let tallest = 0;
  LEGEND.forEach((group, i) => {
    const x0 = LEGEND_PAD + i * colW;
    g.append(el('text', { x: x0, y: LEGEND_PAD + 10, 'font-weight': 700, fill: '#57606A' }, group.title.toUpperCase()));
    // as many entries a row as the widest of the group's labels leaves room for
    const widest = Math.max(...group.items.map((item) => textWidth(item.label, 11) + (item.mark === 'line' ? 27 : 18) + 12));
    const perRow = Math.max(1, Math.floor(colW / widest));
    group.items.forEach((item, j) => {
      const x = x0 + (j % perRow) * (colW / perRow);
      const cy = LEGEND_PAD + 10 + LEGEND_ROW_H * (1 + Math.floor(j / perRow)) - 4;
      g.append(legendMark(item, x, cy), el('text', { x: x + (item.mark === 'line' ? 27 : 18), y: cy + 4 }, item.label));
    });
    tallest = Math.max(tallest, LEGEND_ROW_H * (1 + Math.ceil(group.items.length / perRow)));
  });
  const height = tallest + 2 * LEGEND_PAD;
  g.prepend(el('rect', { x: 0, y: 0, width, height, fill: '#F6F8FA', stroke: '#D0D7DE' }));
  return [g, height];
}

/**
 * The current view as an <svg> element: `title` above, the map's viewport with its axes, the
 * legend below. Sizes are the map's on-screen pixels.
 */
export function viewSvgElement(map, title) {
  const geometry = map.axis.geometry(map.cy);
  const width = map.cy.width();
  const mapH = map.cy.height();
  const svg = el('svg', { xmlns: NS, version: '1.1' });
  const heading = el('text', { x: 10, y: 20, 'font-family': FONT, 'font-size': 15, 'font-weight': 700, fill: '#1F2328' }, title);
  const [legend, legendH] = legendLayer(width, TITLE_H + mapH);
  const height = TITLE_H + mapH + legendH;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.append(el('rect', { x: 0, y: 0, width, height, fill: '#FFFFFF' }), heading, mapLayer(map, TITLE_H));
  if (geometry) svg.append(axesLayer(geometry, TITLE_H, `axes-${Math.random().toString(36).slice(2, 8)}`));
  svg.append(legend);
  return svg;
}

/**
 * The deal's key people framed on a picture `width` pixels wide (at most `maxHeight` high) with
 * the level axis and the column headers, whatever the screen shows: the brief's map. Cards are
 * drawn at `minZoom` or closer, so their names stay readable when the picture is printed at
 * the width of a page; the key people who do not fit at that zoom are left out, as on screen.
 */
export function keyPeopleSvgElement(map, { width, maxHeight, minZoom, maxZoom }) {
  const inset = map.axis.inset();
  const pad = 12;
  const free = (height) => ({ x1: inset.left + pad, y1: inset.top + pad, x2: width - pad, y2: height - pad });
  const model = map.keyBox(free(maxHeight), minZoom) || map.cy.nodes('.person, .collapsed').boundingBox({ includeLabels: false });
  const { zoom } = map.framing(model, free(maxHeight), { minZoom, maxZoom });
  // No more height than the framed people need.
  const height = Math.min(maxHeight, Math.ceil(inset.top + 2 * pad + (model.y2 - model.y1) * zoom));
  const view = map.framing(model, free(height), { minZoom: zoom, maxZoom: zoom });
  const viewport = { zoom, pan: view.pan, width, height };
  const svg = el('svg', { xmlns: NS, version: '1.1', width, height, viewBox: `0 0 ${width} ${height}` });
  svg.append(framedMapLayer(map, viewport, 0));
  const geometry = map.axis.geometryAt(viewport);
  if (geometry) svg.append(axesLayer(geometry, 0, `axes-${Math.random().toString(36).slice(2, 8)}`));
  return svg;
}

/** The current view as SVG text. */
export function viewSvg(map, title) {
  return new XMLSerializer().serializeToString(viewSvgElement(map, title));
}

/** The current view as a PNG Blob, at `scale` times the screen's pixels. */
export async function viewPng(map, title, scale = 2) {
  const svg = viewSvgElement(map, title);
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise((resolve, reject) => {
      image.onload = resolve;
      image.onerror = () => reject(new Error('the view could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the view could not be saved as PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
