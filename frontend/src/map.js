// The status map: Cytoscape.js renders; positions come from statusLayout (status bands ×
// organisation/department columns), so the picture reads the same way every time.

import cytoscape from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { CARD_H, CARD_W, CHIP_W, cardBox, routeEdges, statusLayout } from './layout.js';
import { LadderAxis } from './axes.js';
import { cut, fitLines, textWidth } from './text-fit.js';
import { CY_STYLE, CY_STYLE_LARGE, LARGE_MIN_FONT, ROLE_PRIORITY, SIDE_SHAPES, STANCE_BORDERS, fillOf, primaryRole } from './styles.js';

cytoscape.use(cytoscapeSvg);

const GROUP_FILLS = { customer: '#FFFFFF', partner: '#F4EEF9', home: '#EEF3FB' };
const GROUP_BORDERS = { customer: '#D0D7DE', partner: '#B79BD3', home: '#8FA9D6' };
const LARGE = 400; // people; above this the map trades detail for speed
const BUSY = 120; // people; above this the map moves as a snapshot while panning and zooming
export const READABLE_ZOOM = 0.72; // 13px card text stays readable (about 9.5px) down to this zoom
const CLOSE_ZOOM = 1.1; // a small buying centre is not blown up beyond this
const HIGHLIGHTS = /on-path|intro|faded|:selected|higher|emphasis/;
const NOTE_NAMES = 3; // people named in the "more around" note; the rest are counted
const KEY_PEOPLE = 12; // without a deal: the most influential of the account
const CARD_FONT_SIZE = 13; // px, in the font the axes and the exports share (text-fit.js)
const CARD_TEXT_PAD = 14; // the card's text stays this far in from its edges (both together)
const CARD_TEXT_W = CARD_W - CARD_TEXT_PAD;
const CARD_BORDER = 3; // half the widest stance border (a blocker's 6px) lies outside the card

/** `compute(key)`, remembered in `cache`: titles, level and role lines repeat across a big account. */
function remembered(cache, key, compute) {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size > 20000) cache.clear();
    cache.set(key, value);
  }
  return value;
}

// Lines already fitted (each cut measures the text once per character taken off), and the
// widths of the fitted lines.
const fitted = new Map();
const lineWidths = new Map();
/** `text` cut with an ellipsis to fit one line of `room` px (the card never wraps a line). */
function fitLine(text, room = CARD_TEXT_W) {
  return text ? remembered(fitted, `${room}|${text}`, () => cut(text, CARD_FONT_SIZE, room)) : '';
}

function measure(text) {
  return textWidth(text, CARD_FONT_SIZE);
}

/**
 * The three lines of a card: name; title; level · roles · stance · journey stage; each cut to
 * `room` px (a card narrowed to fit the map has less room than its text would take). Without a
 * deal (`facts` false) only the first two: no roles, stance or stage, and the level is on the axis.
 */
export function cardLines(person, room = CARD_TEXT_W, facts = true, titleLines = 1) {
  const title = cardTitle(person);
  const titled = titleLines > 1 && title ? fitLines(title, CARD_FONT_SIZE, room, titleLines) : [fitLine(title, room)];
  if (!facts) return [fitLine(person.name, room), ...titled];
  const rank = person.level?.rank;
  const known = [Number.isFinite(rank) ? `L${rank}` : 'L?'];
  if (person.roles?.length) known.push(person.roles.join(', '));
  if (person.member || person.side === 'customer') known.push(person.stance || 'unknown');
  if (person.stage) known.push(person.stage);
  if (person.side !== 'customer') known.push(person.side === 'home' ? 'us' : 'partner');
  return [fitLine(person.name, room), ...titled, fitLine(known.join(' · '), room)];
}

/** The card's second line: the person's title, else their organisation. */
function cardTitle(person) {
  return person.title || person.organisation?.name || '';
}

/** Whether the person's title needs a second line on a card `w` wide. */
function titleWraps(person, w, facts) {
  const title = cardTitle(person);
  return Boolean(title) && remembered(lineWidths, title, measure) > textRoom(person, w, facts);
}

const CARD_LINE_H = 17; // px: 13px text at the cards' line height of 1.3
/** The height of a card of `lines` lines (a three-line card is CARD_H). */
function cardHeight(lines) {
  return CARD_H + (lines - 3) * CARD_LINE_H;
}

/** The width a person's card needs: its longest line and the margins (the layout clamps it). */
function cardWidth(person, facts = true) {
  const widest = Math.max(...cardLines(person, CARD_TEXT_W, facts).map((line) => remembered(lineWidths, line, measure)));
  return Math.ceil(widest) + CARD_TEXT_PAD + CARD_BORDER;
}

/** The width a person's card needs to show every line whole. */
function fullCardWidth(person, facts) {
  const lines = cardLines(person, Infinity, facts);
  return Math.ceil(Math.max(...lines.map((line) => remembered(lineWidths, line, measure)))) + CARD_TEXT_PAD + CARD_BORDER;
}

/**
 * The room for text on a card `w` px wide: a card as wide as its text needs (or the widest
 * card) has the full room; a card narrowed to fit the map has what it leaves.
 */
function textRoom(person, w, facts) {
  const own = w - CARD_TEXT_PAD - CARD_BORDER;
  return w < Math.min(CARD_W, cardWidth(person, facts)) ? own : Math.max(CARD_TEXT_W, own);
}

function personElement(person, position, w, facts, layout) {
  const lines = cardLines(person, textRoom(person, w, facts), facts, layout.tall ? 2 : 1);
  const stance = STANCE_BORDERS[person.stance] || STANCE_BORDERS.unknown;
  const role = person.side === 'customer' ? primaryRole(person.roles) : null;
  return {
    group: 'nodes',
    data: {
      id: person.id,
      w,
      h: layout.cardHeight,
      label: lines.join('\n'),
      shape: SIDE_SHAPES[person.side],
      fill: fillOf(person),
      borderColour: person.side === 'customer' ? stance.colour : fillOf(person),
      borderWidth: person.side === 'customer' ? stance.width : 2,
      borderStyle: person.side === 'customer' ? stance.style : 'solid',
    },
    position,
    classes: `person side-${person.side} role-${role || (person.side === 'customer' ? 'none' : person.side)}${person.hypothetical ? ' hypothetical' : ''}`,
    grabbable: true, // within their band (StatusMap.keepInBand)
  };
}

function backgroundElements(layout) {
  const elements = [];
  for (const g of layout.groups) {
    elements.push({
      group: 'nodes',
      data: { id: `group:${g.key}`, w: g.width, h: layout.columnsHeight, fill: GROUP_FILLS[g.side], borderColour: GROUP_BORDERS[g.side] },
      position: { x: g.x0 + g.width / 2, y: layout.columnsHeight / 2 },
      classes: `group side-${g.side}`,
      selectable: false,
      grabbable: false,
    });
  }
  // Faint rules between the status bands (the names of the levels are on the sticky axis).
  layout.bands.forEach((band, i) => {
    if (i === 0) return;
    elements.push({
      group: 'nodes',
      data: { id: `rule:${band.rank}`, w: layout.width + 40, h: 1 },
      position: { x: layout.width / 2, y: band.y0 },
      classes: 'band-rule',
      selectable: false,
      grabbable: false,
    });
  });
  return elements;
}

function distance(a, b) {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Cytoscape's segment weights and distances for waypoints between `s` and `t` (node centres). */
function segmentData(s, t, points) {
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const len2 = dx * dx + dy * dy || 1;
  const len = Math.sqrt(len2);
  const round = (v) => Math.round(v * 1000) / 1000;
  return {
    weights: points.map((p) => round(((p.x - s.x) * dx + (p.y - s.y) * dy) / len2)).join(' '),
    distances: points.map((p) => round(((p.y - s.y) * dx - (p.x - s.x) * dy) / len)).join(' '),
  };
}

const PARALLEL_GAP = 10; // model px between lines that join the same two cards

/**
 * Edge id → how far (model px, to the left of source → target) a line joining the same two
 * cards as another is drawn beside the straight one, so that the pointer can reach each.
 */
function parallelOffsets(edges) {
  const pairs = new Map();
  for (const e of edges) {
    const key = e.source < e.target ? `${e.source}|${e.target}` : `${e.target}|${e.source}`;
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  }
  const offsets = new Map();
  for (const group of pairs.values()) {
    if (group.length < 2) continue;
    group.forEach((e, i) => {
      const offset = (i - (group.length - 1) / 2) * PARALLEL_GAP;
      offsets.set(e.id, e.source < e.target ? offset : -offset); // the same side whichever way it runs
    });
  }
  return offsets;
}

/**
 * The waypoints of a line from `s` to `t` (node centres) moved `offset` to the left of s → t: a
 * routed line's own (`route`), else one at the middle.
 */
function offsetRoute(s, t, route, offset) {
  const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
  const n = { x: -(t.y - s.y) / len, y: (t.x - s.x) / len };
  const points = route || [{ x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 }];
  return points.map((p) => ({ x: p.x + n.x * offset, y: p.y + n.y * offset }));
}

/** An edge; those that touch the buying centre (`key`) are drawn stronger than the rest. */
function edgeElement(edge, key, given, positions, offset = 0) {
  const route = offset ? offsetRoute(positions.get(edge.source), positions.get(edge.target), given, offset) : given;
  const width =
    edge.kind === 'influence'
      ? 1 + 5 * (edge.weight ?? 0.5)
      : edge.kind === 'knows' || edge.kind === 'route'
        ? 1 + 3 * (edge.weight ?? 0.5)
        : 1.5;
  const classes = [edge.kind, key ? 'key' : null, route ? 'routed' : null, edge.imagined ? 'imagined' : null, edge.matrix ? 'matrix' : null, edge.disputed ? 'disputed' : null].filter(Boolean).join(' ');
  const data = { id: edge.id, source: edge.source, target: edge.target, width };
  if (route) Object.assign(data, segmentData(positions.get(edge.source), positions.get(edge.target), route));
  return { group: 'edges', data, classes };
}

export class StatusMap {
  constructor(container, { onSelect }) {
    this.onSelect = onSelect;
    this.container = container;
    this.large = null;
    this.cy = null;
    this.view = null;
    this.layout = null;
    this.keyIds = [];
    this.axis = new LadderAxis(container);
    this.axis.onOpen = (group) => this.onOpenGroup?.(group); // a folded department's count in its header
    this.describe = () => ''; // a person's status gaps, for the hover tip (set by the page)
    this.describeLine = () => ''; // who reported a disputed influence what (set by the page)
    this.tip = document.createElement('div');
    this.tip.className = 'map-tip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.dataset.testid = 'map-tip';
    this.tip.hidden = true;
    container.addEventListener('mouseleave', () => (this.tip.hidden = true));
    // "→ 2 more around X: A, B": people just brought onto the map whom the view could not take
    this.note = document.createElement('button');
    this.note.type = 'button';
    this.note.className = 'around-note';
    this.note.dataset.testid = 'around-note';
    this.note.hidden = true;
    this.note.addEventListener('click', () => this.bringIn());
    // the note lies over the map: a press on it is not a tap on the card beneath
    for (const type of ['mousedown', 'touchstart', 'pointerdown']) this.note.addEventListener(type, (e) => e.stopPropagation());
    this.create(0);
    // A pane folded or opened beside the map changes its size: a view the user has not moved
    // since it was framed is framed again for the new size.
    this.framed = null;
    new ResizeObserver(() => {
      if (!this.cy || !this.layout) return;
      const untouched = this.framed && this.sameViewport(this.framed);
      this.cy.resize();
      if (!untouched) return;
      // cards narrowed for the old size (or that could narrow for the new one) are laid out again
      if (this.view && !this.fitsRoomAsIs(this.room())) this.render(this.view, { frame: true, moved: this.moved });
      else this.frame();
    }).observe(container);
  }

  /** The model box the free part of the map shows at the readable zoom: the room a drawing has to be read whole. */
  room() {
    // the axes' room too, before the first drawing has put them up
    const box = this.viewBox(16, { drawn: true });
    return { width: (box.x2 - box.x1) / READABLE_ZOOM, height: (box.y2 - box.y1) / READABLE_ZOOM, maxScale: CLOSE_ZOOM / READABLE_ZOOM };
  }

  /**
   * Whether the drawing's cards would be as wide and high in `room` as they are: false when they
   * were narrowed to fit, when narrowing them might make the drawing fit now, or when their
   * titles' second line might come or go.
   */
  fitsRoomAsIs(room) {
    const { layout } = this;
    if (!layout) return true;
    // cards a line taller for their titles are kept only while the drawing reads whole with them;
    // a title cut for want of room may get its second line in a larger one
    if (layout.tall && (layout.height > room.height || layout.width > room.width)) return false;
    if (layout.wantsTall && !layout.tall) return false;
    if (layout.height > room.height) return true;
    return !layout.narrowed && layout.width <= room.width;
  }

  sameViewport({ zoom, pan }) {
    const now = this.cy.pan();
    return Math.abs(this.cy.zoom() - zoom) < 1e-6 && Math.abs(now.x - pan.x) < 0.5 && Math.abs(now.y - pan.y) < 0.5;
  }

  /**
   * A Cytoscape instance for `count` people: busy maps move as a snapshot (lines hidden while
   * panning and zooming); large ones also trade detail for speed at rest.
   */
  create(count) {
    const large = count > LARGE;
    const busy = count > BUSY;
    if (this.cy && this.large === large && this.busy === busy) return;
    if (this.cy) this.cy.destroy();
    this.large = large;
    this.busy = busy;
    this.cy = cytoscape({
      container: this.container,
      hideEdgesOnViewport: busy,
      textureOnViewport: busy,
      pixelRatio: large ? 1 : 'auto',
      // Highlights (path, selection, fading) come last again so that they win over both.
      style: large ? [...CY_STYLE, ...CY_STYLE_LARGE, ...CY_STYLE.filter((r) => HIGHLIGHTS.test(r.selector))] : CY_STYLE,
      elements: [],
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node.person', (evt) => this.onSelect(evt.target.id()));
    // A card dragged stays in the band of its level; where it is dropped is kept (onMove).
    this.cy.on('drag', 'node.person', (evt) => this.keepInBand(evt.target));
    this.cy.on('dragfree', 'node.person', (evt) => this.onMove?.(evt.target.id(), { ...evt.target.position() }));
    this.cy.on('tap', 'node.collapsed', (evt) => this.onOpenGroup?.(evt.target.data('group')));
    // Lines of the person under the pointer stand out; the card's title says their status gaps.
    this.cy.on('mouseover', 'node.person', (evt) => {
      evt.target.connectedEdges().addClass('emphasis');
      this.showTip(evt.target);
    });
    this.cy.on('mouseout', 'node.person', (evt) => {
      const node = evt.target;
      if (!node.selected()) node.connectedEdges().removeClass('emphasis');
      this.tip.hidden = true;
    });
    // A disputed influence line says, on hover and while selected, who reported what.
    this.cy.on('mouseover', 'edge.influence.disputed', (evt) => this.showLineTip(evt.target));
    this.cy.on('mouseout', 'edge.influence.disputed', (evt) => {
      if (evt.target.selected()) this.showLineTip(evt.target);
      else this.tip.hidden = true;
    });
    this.cy.on('select', 'edge.influence.disputed', (evt) => this.showLineTip(evt.target));
    this.cy.on('unselect', 'edge.influence.disputed', () => (this.tip.hidden = true));
    this.cy.on('viewport resize', () => {
      this.axis.update(this.cy);
      this.tip.hidden = true;
    });
    this.axis.attach(this.cy);
    this.container.append(this.tip, this.note);
  }

  /** Bounds of the centre of `id`'s card: inside its band, across the map's width. */
  bandBounds(id) {
    const band = this.layout?.cellOf.get(id)?.band;
    if (!band) return null;
    const half = this.layout.cardHeight / 2 + 4;
    const w = (this.layout.cardWidth.get(id) ?? CARD_W) / 2;
    return { x1: w, x2: Math.max(w, this.layout.width - w), y1: band.y0 + half, y2: band.y0 + band.height - half };
  }

  keepInBand(node) {
    const b = this.bandBounds(node.id());
    if (!b) return;
    const p = node.position();
    const x = Math.min(b.x2, Math.max(b.x1, p.x));
    const y = Math.min(b.y2, Math.max(b.y1, p.y));
    if (x !== p.x || y !== p.y) node.position({ x, y });
  }

  /** The hover tip under a card: name, title, and the status gaps the API gave for them. */
  showTip(node) {
    // in full: the card may have cut them to fit
    const person = this.view?.people.get(node.id());
    const [name, title] = person ? [person.name, person.title || person.organisation?.name || ''] : node.data('label').split('\n');
    const gaps = this.describe(node.id());
    this.tip.textContent = '';
    const strong = document.createElement('strong');
    strong.textContent = name;
    this.tip.append(strong, ` · ${title}`);
    if (gaps) {
      const line = document.createElement('div');
      line.textContent = gaps;
      this.tip.append(line);
    }
    const box = node.renderedBoundingBox({ includeLabels: false });
    const spots = [
      { x: box.x1, y: box.y2 + 4 },
      { x: box.x1, y: box.y1 - 4, above: true },
      { x: box.x2 + 4, y: box.y1 },
      { x: box.x1 - 4, y: box.y1, before: true },
    ];
    this.placeTip(spots, [box], this.otherCards(node));
  }

  /** The rendered boxes of the cards but `nodes`'. */
  otherCards(nodes) {
    return this.cy
      .nodes('.person')
      .not(nodes)
      .map((n) => n.renderedBoundingBox({ includeLabels: false }));
  }

  /**
   * Show the tip at the first of `spots` ({x, y} its top left corner, or with `above` its bottom
   * left, `before` its top right) where, kept inside the map, it covers none of the rendered boxes
   * `avoid` and least of the boxes `spare` (other cards, covered only when nothing else serves).
   */
  placeTip(spots, avoid, spare = []) {
    this.tip.hidden = false;
    const w = this.tip.offsetWidth;
    const hgt = this.tip.offsetHeight;
    const [width, height] = [this.container.clientWidth, this.container.clientHeight];
    const inside = (v, size, room) => Math.max(0, Math.min(v, room - size));
    const area = (r, boxes) =>
      boxes.reduce((sum, b) => sum + Math.max(0, Math.min(r.x2, b.x2) - Math.max(r.x1, b.x1)) * Math.max(0, Math.min(r.y2, b.y2) - Math.max(r.y1, b.y1)), 0);
    const covered = (r) => area(r, avoid) * 1e6 + area(r, spare);
    let best = null;
    for (const spot of spots) {
      const x1 = inside(spot.before ? spot.x - w : spot.x, w, width);
      const y1 = inside(spot.above ? spot.y - hgt : spot.y, hgt, height);
      const cover = covered({ x1, y1, x2: x1 + w, y2: y1 + hgt });
      if (!best || cover < best.cover) best = { x1, y1, cover };
      if (cover === 0) break;
    }
    this.tip.style.left = `${best.x1}px`;
    this.tip.style.top = `${best.y1}px`;
  }

  /** The tip at a disputed influence line's middle: its two ends and each observer's report. */
  showLineTip(edge) {
    const line = this.view?.edges.find((e) => e.id === edge.id());
    if (!line) return;
    const name = (id) => this.view.people.get(id)?.name || '?';
    this.tip.textContent = '';
    const strong = document.createElement('strong');
    strong.textContent = `Disputed: ${name(line.source)} → ${name(line.target)}`;
    const reports = document.createElement('div');
    reports.textContent = this.describeLine(line);
    this.tip.append(strong, reports);
    // Beside the line's middle, never over the card at either end (nor off the map).
    const mid = edge.renderedMidpoint();
    const ends = [edge.source(), edge.target()].map((n) => n.renderedBoundingBox({ includeLabels: false }));
    const others = this.otherCards(edge.connectedNodes());
    const gap = 8;
    this.placeTip(
      [
        { x: mid.x, y: mid.y + gap },
        { x: mid.x, y: mid.y - gap, above: true },
        { x: mid.x - gap, y: mid.y + gap, before: true },
        { x: mid.x - gap, y: mid.y - gap, before: true, above: true },
        ...ends.flatMap((b) => [
          { x: b.x1, y: b.y2 + gap },
          { x: b.x1, y: b.y1 - gap, above: true },
          { x: b.x2 + gap, y: b.y1 },
          { x: b.x1 - gap, y: b.y1, before: true },
        ]),
      ],
      ends,
      others,
    );
  }

  /**
   * Draw `view` ({people: Map, edges: [], collapsed: []}); keeps the selection when the person
   * stays. `frame`: zoom to the key people (a new deal or account); else the view stays where
   * it was.
   */
  render(view, { frame = true, moved = new Map() } = {}) {
    const started = performance.now();
    const viewport = this.view && !frame ? { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } } : null;
    this.view = view;
    this.moved = moved;
    const people = [...view.people.values()];
    const drawn = view.edges.filter((e) => view.people.has(e.source) && view.people.has(e.target));
    // Cards are as wide as their column's widest text; folded departments are counts in their
    // column's header or chips under the bands.
    // Without a deal a card has no roles, stance or stage to say: its name and title only.
    const facts = Boolean(view.deal);
    const layout = statusLayout(people, drawn, {
      cardWidth: (p) => cardWidth(p, facts),
      fullWidth: (p) => fullCardWidth(p, facts),
      cardHeight: cardHeight(facts ? 3 : 2),
      // a title cut on one line gets a second when the drawing still reads whole with it
      tallCard: { height: cardHeight(facts ? 4 : 3), needs: (p, w) => titleWraps(p, w, facts) },
      room: this.room(),
      folded: view.collapsed || [],
      oneOurs: !view.deal,
    });
    const laidOut = performance.now();
    this.layout = layout;
    // Cards the user moved sit where they were dropped (still inside their band); their lines
    // are drawn straight, the others routed around every card where it now is.
    const kept = new Set();
    for (const [id, p] of moved) {
      const b = layout.positions.has(id) && this.bandBounds(id);
      if (b && p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2) {
        layout.positions.set(id, { x: p.x, y: p.y });
        kept.add(id);
      }
    }
    const selected = this.cy.$('node.person:selected').map((n) => n.id());
    this.create(people.length);

    const routes = this.large ? new Map() : routeEdges(layout, drawn.filter((e) => !kept.has(e.source) && !kept.has(e.target)));
    const routed = performance.now();
    const elements = backgroundElements(layout);
    for (const person of view.people.values()) elements.push(personElement(person, layout.positions.get(person.id), layout.cardWidth.get(person.id), facts, layout));
    for (const group of view.collapsed || []) {
      if (layout.chips.has(group.id)) elements.push(collapsedElement(group, layout.chips.get(group.id)));
    }
    const offsets = parallelOffsets(drawn);
    for (const edge of drawn) {
      const key = view.people.get(edge.source).member || view.people.get(edge.target).member;
      elements.push(edgeElement(edge, key, routes.get(edge.id), layout.positions, offsets.get(edge.id)));
    }
    const made = performance.now();
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    const added = performance.now();
    this.axis.setLayout(layout);
    if (viewport) this.cy.viewport(viewport);
    else this.frame();
    if (!viewport) this.noteAround(null, '', []); // a new deal or account: nothing is pending
    const framed = performance.now();
    for (const id of selected) this.cy.getElementById(id).select();
    this.axis.update(this.cy);
    this.lastLayout = { crossings: layout.crossings, routed: routes.size, lines: drawn.length, people: view.people.size };
    // How long drawing took, for the console and the benchmark (see lastDraw).
    const built = performance.now();
    this.cy.one('render', () => {
      const now = performance.now();
      this.lastDraw = {
        people: people.length,
        elements: elements.length,
        layoutMs: laidOut - started,
        routeMs: routed - laidOut,
        elementsMs: made - routed,
        addMs: added - made,
        frameMs: framed - added,
        buildMs: built - started,
        firstFrameMs: now - started,
        at: now,
      };
    });
    return layout;
  }

  /**
   * Resolves once the map has drawn its next frame (or after `wait` ms in a tab that draws no
   * frames): work that can wait, such as the panels, comes after the first picture.
   */
  painted(wait = 1000) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, wait);
      // Cytoscape's own frame, not the next animation frame: a new instance draws a few later.
      this.cy.one('render', () =>
        setTimeout(() => {
          clearTimeout(timer);
          resolve();
        }, 0),
      );
    });
  }

  select(id, { centre = true } = {}) {
    const node = this.cy.getElementById(id);
    if (!node.nonempty()) return;
    this.cy.elements().removeClass('emphasis higher');
    this.cy.$(':selected').unselect();
    node.select();
    node.connectedEdges().addClass('emphasis');
    if (centre) {
      const bb = this.cy.extent();
      const p = node.position();
      const inside = p.x > bb.x1 && p.x < bb.x2 && p.y > bb.y1 && p.y < bb.y2;
      if (!inside) this.cy.center(node);
    }
  }

  /** Nobody is selected: the next drawing keeps no selection. */
  unselect() {
    this.cy.elements().removeClass('emphasis higher');
    this.cy.$(':selected').unselect();
  }

  /** Mark the higher-status influencers of the selected person (ids from the API's answer). */
  markHigher(personId, ids) {
    const node = this.cy.getElementById(personId);
    if (node.empty() || !node.selected()) return;
    for (const id of ids) {
      const other = this.cy.getElementById(id);
      if (other.empty()) continue;
      other.addClass('higher');
      other.edgesTo(node).addClass('higher');
    }
  }

  /** Emphasise a path of person ids (an approach step's route); an empty path clears. */
  highlightPath(ids) {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('on-path faded');
      cy.remove('edge.intro');
      if (!ids || ids.length === 0) return;
      const nodes = ids.map((id) => cy.getElementById(id)).filter((n) => n.nonempty());
      let onPath = cy.collection(nodes);
      for (let i = 0; i + 1 < ids.length; i += 1) {
        const a = cy.getElementById(ids[i]);
        const b = cy.getElementById(ids[i + 1]);
        if (a.empty() || b.empty()) continue;
        const between = a.edgesWith(b);
        if (between.nonempty()) {
          onPath = onPath.union(between);
        } else {
          onPath = onPath.union(
            cy.add({
              group: 'edges',
              data: { id: `intro:${ids[i]}>${ids[i + 1]}`, source: ids[i], target: ids[i + 1] },
              classes: 'intro',
            }),
          );
        }
      }
      cy.elements('node.person, node.collapsed, edge').difference(onPath).addClass('faded');
      onPath.addClass('on-path');
    });
    // Bring the route into view, never further out than names can be read.
    const path = cy.$('node.on-path');
    if (path.nonempty()) this.frameNodes(path, { minZoom: READABLE_ZOOM, maxZoom: CLOSE_ZOOM });
  }

  /** Mark people and edges `ids` as changed (the "What changed since" panel); [] clears. */
  highlightChanged(ids) {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements('.changed').removeClass('changed');
      for (const id of ids || []) cy.getElementById(id).addClass('changed');
    });
  }

  /** The part of the map not covered by the sticky axes, in rendered pixels. */
  viewBox(pad = 16, { drawn = false } = {}) {
    const inset = this.axis.inset({ drawn });
    return { x1: inset.left + pad, y1: inset.top + pad, x2: this.cy.width() - pad, y2: this.cy.height() - pad };
  }

  /** Zoom and pan so that `nodes` fill the free part of the map, within [minZoom, maxZoom]. */
  frameNodes(nodes, limits = {}) {
    // Labels sit inside their cards (cardLines cuts every line to fit), so the cards' own box
    // is the box to show, and reading it measures no text.
    this.frameBox(nodes.boundingBox({ includeLabels: false, includeEdges: false }), limits);
  }

  /** Zoom and pan so that the model box `model` ({x1, y1, x2, y2}) fills the free part of the map. */
  frameBox(model, limits = {}) {
    this.cy.viewport(this.framing(model, this.viewBox(), limits));
  }

  /**
   * The zoom and pan that show the model box `model` in the rendered box `box` (a screen's or a
   * picture's free part), within [minZoom, maxZoom].
   */
  framing(model, box, { minZoom = 0.05, maxZoom = CLOSE_ZOOM } = {}) {
    const bb = { ...model, w: model.x2 - model.x1, h: model.y2 - model.y1 };
    const w = box.x2 - box.x1;
    const hgt = box.y2 - box.y1;
    const zoom = Math.max(minZoom, Math.min(maxZoom, w / Math.max(bb.w, 1), hgt / Math.max(bb.h, 1)));
    const cx = (bb.x1 + bb.x2) / 2;
    const cyy = (bb.y1 + bb.y2) / 2;
    const pan = { x: (box.x1 + box.x2) / 2 - cx * zoom, y: (box.y1 + box.y2) / 2 - cyy * zoom };
    // No empty margin beside the map while more of it could be shown there instead.
    if (this.layout) {
      const clamp = (v, lo, hi) => (hi < lo ? hi : Math.min(hi, Math.max(lo, v)));
      const [left, top] = [box.x1 - 8, box.y1 - 8];
      pan.x = clamp(pan.x, box.x2 + 8 - this.layout.width * zoom, left);
      pan.y = clamp(pan.y, box.y2 + 8 - this.layout.height * zoom, top);
      // the framed people stay inside whatever the clamp did
      pan.x = Math.max(pan.x, box.x1 - bb.x1 * zoom);
      pan.y = Math.max(pan.y, box.y1 - bb.y1 * zoom);
    }
    return { zoom, pan };
  }

  fit() {
    if (this.cy.elements().nonempty()) this.frameNodes(this.cy.nodes('.person, .collapsed, .group'), { maxZoom: CLOSE_ZOOM });
  }

  /** The buying centre and the people on the plan's routes, else the account's most influential. */
  keyPeople() {
    const people = [...(this.view?.people.values() || [])];
    const members = people.filter((p) => p.member || p.onRoute);
    if (members.length) return members;
    return people
      .filter((p) => p.side === 'customer')
      .sort((a, b) => (b.influenceRank ?? 0) - (a.influenceRank ?? 0))
      .slice(0, KEY_PEOPLE);
  }

  /**
   * The first view. A drawing that can be read whole is shown whole: every column (ours and
   * partners' included) and every level in sight. Else zoom to the key people, close enough to
   * read their cards: when they do not all fit at a readable zoom, those nearest the most
   * important of them (the decider first) are shown.
   */
  frame() {
    const whole = this.wholeBox();
    const bb = whole && this.zoomToShow(whole) >= READABLE_ZOOM ? whole : this.keyBox(this.viewBox(), READABLE_ZOOM);
    if (!bb) return this.fit();
    this.frameBox(bb, { minZoom: READABLE_ZOOM, maxZoom: CLOSE_ZOOM });
    this.framed = { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } };
  }

  /** The model box of the whole drawing: all its columns, all its bands. Null without a layout. */
  wholeBox() {
    const groups = this.layout?.groups || [];
    if (!groups.length) return null;
    return { x1: Math.min(...groups.map((g) => g.x0)), y1: 0, x2: this.layout.width, y2: this.layout.height };
  }

  /** The zoom at which the model box `model` just fits the free part of the map. */
  zoomToShow(model) {
    const box = this.viewBox();
    return Math.min((box.x2 - box.x1) / Math.max(model.x2 - model.x1, 1), (box.y2 - box.y1) / Math.max(model.y2 - model.y1, 1));
  }

  /**
   * The model box of the key people that fit the rendered box `box` at `minZoom` or closer:
   * the most important of them (the decider first) and those nearest them. Null without key
   * people.
   */
  keyBox(box, minZoom) {
    const cy = this.cy;
    const key = this.keyPeople();
    if (!key.length) return null;
    const weight = (p) => {
      const i = ROLE_PRIORITY.indexOf(primaryRole(p.roles));
      return (p.member ? 0 : 100) + (i < 0 ? ROLE_PRIORITY.length : i) - (p.influenceRank ?? 0);
    };
    const anchorPerson = [...key].sort((a, b) => weight(a) - weight(b))[0];
    const anchor = cy.getElementById(anchorPerson.id).position();
    // Members first (nearest the anchor first), then the people on the routes in.
    const order = (n) => (this.view.people.get(n.id())?.member ? 0 : 1);
    const nodes = key
      .map((p) => cy.getElementById(p.id))
      .filter((n) => n.nonempty())
      .sort((a, b) => order(a) - order(b) || distance(a.position(), anchor) - distance(b.position(), anchor));
    return this.growBox(nodes, box, minZoom);
  }

  /**
   * The model box of the cards `nodes` (most wanted first) that fit the rendered box `box` at
   * `minZoom` or closer: each card in turn joins the box if the box still fits with it, else it is
   * left out. The first card is always in. Null without cards.
   */
  growBox(nodes, box, minZoom) {
    // The box grows one card at a time, from the cards' positions: a collection's bounding box
    // per trial was quadratic in the people and measured every label (most of the first
    // drawing's time with 200 members).
    let bb = null;
    for (const node of nodes) {
      const b = cardBox(node.position(), CARD_BORDER, this.layout.cardWidth.get(node.id()), this.layout.cardHeight);
      const trial = bb ? { x1: Math.min(bb.x1, b.x1), y1: Math.min(bb.y1, b.y1), x2: Math.max(bb.x2, b.x2), y2: Math.max(bb.y2, b.y2) } : b;
      const zoom = Math.min((box.x2 - box.x1) / (trial.x2 - trial.x1), (box.y2 - box.y1) / (trial.y2 - trial.y1));
      if (bb && zoom < minZoom) continue;
      bb = trial;
    }
    return bb;
  }

  /** Ids of the cards wholly inside the free part of the map now. */
  inView() {
    const box = this.viewBox(0);
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    return this.cy
      .nodes('.person')
      .filter((n) => {
        const b = cardBox(n.position(), CARD_BORDER, this.layout.cardWidth.get(n.id()), this.layout.cardHeight);
        const [x1, y1, x2, y2] = [b.x1 * zoom + pan.x, b.y1 * zoom + pan.y, b.x2 * zoom + pan.x, b.y2 * zoom + pan.y];
        return x1 >= box.x1 && x2 <= box.x2 && y1 >= box.y1 && y2 <= box.y2;
      })
      .map((n) => n.id());
  }

  /**
   * Bring `added` (people just drawn around `id`) into view: with the people that were in view
   * before (`before`, ids) when all fit at a readable zoom; else the person and the added ones
   * nearest them first, then those seen before. Never zooms in closer than the view was.
   */
  reveal(id, added, before) {
    const person = this.cy.getElementById(id);
    if (person.empty()) return;
    const anchor = person.position();
    const near = (ids) =>
      ids
        .map((i) => this.cy.getElementById(i))
        .filter((n) => n.nonempty() && n.id() !== id)
        .sort((a, b) => distance(a.position(), anchor) - distance(b.position(), anchor));
    const nodes = [person, ...near(added), ...near(before.filter((i) => !added.includes(i)))];
    const bb = this.growBox(nodes, this.viewBox(), READABLE_ZOOM);
    const maxZoom = Math.min(CLOSE_ZOOM, Math.max(this.cy.zoom(), READABLE_ZOOM));
    this.frameBox(bb, { minZoom: READABLE_ZOOM, maxZoom });
  }

  /**
   * Name the people of `added` (just drawn around `id`, called `name`) who are outside the view
   * in a note whose click brings them in; no note when all are in view.
   */
  noteAround(id, name, added) {
    const seen = new Set(added.length ? this.inView() : []);
    const outside = added.filter((p) => !seen.has(p) && this.view?.people.has(p));
    this.around = outside.length ? { id, name, outside } : null;
    this.note.hidden = !this.around;
    if (!this.around) return;
    const names = outside.map((p) => this.view.people.get(p).name);
    const shown = names.slice(0, NOTE_NAMES).join(', ') + (names.length > NOTE_NAMES ? ` and ${names.length - NOTE_NAMES} more` : '');
    this.note.textContent = `→ ${outside.length} more around ${name}: ${shown}`;
    this.note.title = `${names.join(', ')}: click to bring them into view`;
  }

  /** The note's click: the people it names come into view (nearest the person first), the person too when all fit. */
  bringIn() {
    if (!this.around) return;
    const { id, name, outside } = this.around;
    const person = this.cy.getElementById(id);
    const anchor = person.nonempty() ? person.position() : null;
    const nodes = outside
      .map((i) => this.cy.getElementById(i))
      .filter((n) => n.nonempty())
      .sort((a, b) => (anchor ? distance(a.position(), anchor) - distance(b.position(), anchor) : 0));
    if (!nodes.length) return this.noteAround(null, '', []);
    const bb = this.growBox(person.nonempty() ? [...nodes.slice(0, 1), person, ...nodes.slice(1)] : nodes, this.viewBox(), READABLE_ZOOM);
    this.frameBox(bb, { minZoom: READABLE_ZOOM, maxZoom: Math.min(CLOSE_ZOOM, Math.max(this.cy.zoom(), READABLE_ZOOM)) });
    this.noteAround(id, name, outside); // those still out of view, if any
  }

  clear() {
    this.noteAround(null, '', []);
    this.view = null;
    this.cy.elements().remove();
    this.axis.setLayout(null);
    this.axis.update(this.cy);
  }

  /** Run `draw` with every label shown: an export is read at full size, not at screen zoom. */
  withAllLabels(draw) {
    const style = this.cy.style();
    style.selector('node.person').style('min-zoomed-font-size', 0).update();
    try {
      return draw();
    } finally {
      style.selector('node.person').style('min-zoomed-font-size', this.large ? LARGE_MIN_FONT : 6).update();
    }
  }
}

/** A department folded into a chip: "Finance" over "23 more people"; a tap opens it. */
function collapsedElement(group, position) {
  const count = `${group.count} more ${group.count === 1 ? 'person' : 'people'}`;
  return {
    group: 'nodes',
    data: { id: group.id, label: [group.name, count].map((line) => fitLine(line, CHIP_W - CARD_TEXT_PAD)).join('\n'), group: group.groupKey, count: group.count },
    position,
    classes: 'collapsed',
    grabbable: false,
  };
}
