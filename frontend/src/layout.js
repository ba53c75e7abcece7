// Where each person sits on the status map, computed from the domain (no force layout):
// one horizontal band per status level (most senior at the top), one column per
// organisation/department: our own people, then partners, then the customer's departments (those
// holding the deal's key people first), so that routes in from us run a short way. Within a band,
// people are ordered to reduce line crossings (barycenter sweeps, as in Sugiyama's layered
// drawing), and lines that would pass through a card are routed through the gaps between cards.

export const ORG_LEVELS = [
  [7, 'Board / owner'],
  [6, 'C-suite'],
  [5, 'VP / head of'],
  [4, 'Director'],
  [3, 'Manager'],
  [2, 'Senior individual contributor'],
  [1, 'Individual contributor'],
];
export const UNKNOWN_LEVEL = 0;

// A person is a card; cards sit on a grid of cells with gaps between them that lines run through.
// A column's cards are as wide as its widest card's text (CARD_MIN_W to CARD_W): a column of
// short names and titles gives its width to the others, so more columns open at a readable zoom.
export const CARD_W = 146;
export const CARD_MIN_W = 104;
export const CARD_WIDE_W = 230; // a card widens to this for its full text where the room is wide
export const CARD_H = 62;
const CELL_GAP = 16; // between two cards of one column (a channel for lines)
export const CELL_W = CARD_W + CELL_GAP;
export const CELL_H = 84;
const ROW_GAP = CELL_H - CARD_H; // between two rows of cards (a channel for lines)
const COLS_MAX = 4; // cards side by side in one band of one column before wrapping
const BAND_PAD = 14;
const GROUP_PAD = 6; // between a column's edge and its cards
const GROUP_GAP = 8;
const SIDE_GAP = 20; // us | partners | customers
const SWEEPS = 8;
// A department of the whole-account view folded with nobody of it on the map is a chip in one
// strip under the bands ("Engineering · 4 more"); one with somebody on the map says its count in
// its column's header instead, so folding costs the drawing no column and no band of its own.
export const CHIP_W = 124;
export const CHIP_H = 40;
const CHIP_GAP = 10;

/** 'home' (us), 'partner', or 'customer' (customers and prospects). */
export function sideOf(person) {
  const kind = String(person.organisation?.kind || '').toLowerCase();
  if (kind === 'home') return 'home';
  if (kind === 'partner') return 'partner';
  return 'customer';
}

/**
 * The column a person belongs to: customers by organisation and department; ours and partners'
 * by organisation, or all in one column when `oneOurs` (the whole-account view, where they are
 * only those who know its people: their card's shape and tint still tell us from partners).
 */
export function groupOf(person, oneOurs = false) {
  const side = sideOf(person);
  if (oneOurs && side !== 'customer') return { key: 'ours', label: 'us & partners', header: 'Our side', side: 'home' };
  const org = person.organisation?.name || 'No organisation';
  if (side === 'customer') {
    const department = person.department || 'No department';
    return { key: `${side}|${org}|${department}`, label: department, header: org, side };
  }
  return { key: `${side}|${org}`, label: org, header: side === 'home' ? 'Us' : 'Partners', side };
}

export function levelRank(person) {
  const rank = person.level?.rank;
  return Number.isFinite(rank) ? rank : UNKNOWN_LEVEL;
}

export function levelName(rank) {
  if (rank === UNKNOWN_LEVEL) return 'Level unknown';
  if (rank < UNKNOWN_LEVEL) return 'Not opened yet';
  return new Map(ORG_LEVELS).get(rank) || `Level ${rank}`;
}

function compareInCell(a, b) {
  return (b.influenceRank ?? 0) - (a.influenceRank ?? 0) || a.name.localeCompare(b.name);
}

/**
 * Positions for `people` (objects with id, name, level, organisation, department, and
 * optionally influenceRank), ordered against `edges` ({id, source, target}) to cross little.
 * `cardWidth(person)` is the width the person's card needs (its text's); columns take their
 * widest card's, within CARD_MIN_W..CARD_W. Every card is `cardHeight` high (rows keep one
 * height: a card's lines are the same for every person of a view). `room` ({width, height, maxScale}, model units; maxScale: the closest zoom over the readable one): when the
 * drawing is taller than no more than room.height but wider than room.width, its widest cards
 * narrow (not below CARD_MIN_W, their text cut to fit) so that it fits whole; when even that
 * is too wide they keep their width.
 * Returns {positions: Map id → {x, y}, cellOf: Map id → {group, band, row, col}, cardWidth:
 * Map id → width, bands, groups (columns), headers (organisations over their columns), width,
 * height, cardHeight, cellH (a row's height), narrowed (whether cards were narrowed to fit `room`), crossings: {before, after}}.
 * `folded` (departments folded into counts: {id, organisation, department, count}): each whose
 * column is drawn gives the column its `more` ({id, groupKey, count}); the others are chips in a strip
 * under the bands (`chips`: {id, x, y} each, `strip`: the strip's band; the columns' own height is
 * `columnsHeight`). `oneOurs`: ours and partners' people share one column (see groupOf).
 * `fullWidth(person)`: the width the card would need to cut no text; where the drawing is read
 * whole with width to spare, columns widen towards it (up to CARD_WIDE_W).
 * `tallCard` ({height, needs(person, cardW)}): cards `height` high (`tall` true) when some card
 * needs it (`wantsTall`) at its column's width and the drawing, so, still fits `room` (or there is no room).
 */
export function statusLayout(people, edges = [], { cardWidth = () => CARD_W, fullWidth = null, cardHeight: shortHeight = CARD_H, tallCard = null, room = null, folded = [], oneOurs = false } = {}) {
  let cardHeight = shortHeight;
  let cellH = cardHeight + ROW_GAP;
  const groups = new Map();
  const ranks = new Set(ORG_LEVELS.map(([rank]) => rank));
  for (const person of people) {
    const g = groupOf(person, oneOurs);
    if (!groups.has(g.key)) groups.set(g.key, { ...g, cells: new Map() });
    const rank = levelRank(person);
    ranks.add(rank);
    const cells = groups.get(g.key).cells;
    if (!cells.has(rank)) cells.set(rank, []);
    cells.get(rank).push(person);
  }
  // Only the levels someone holds get a band (and "unknown" only when someone is unknown).
  const held = new Set(people.map(levelRank));
  const orderedRanks = [...ranks].filter((r) => held.has(r) || (r !== UNKNOWN_LEVEL && !people.length)).sort((a, b) => b - a);
  const sides = { home: [], partner: [], customer: [] };
  for (const g of groups.values()) {
    const widest = Math.max(1, ...[...g.cells.values()].map((c) => c.length));
    // A crowded cell grows down (up to three cards) before it grows across: the map stays narrow
    // enough to be read on one screen.
    g.cols = Math.min(COLS_MAX, Math.ceil(widest / 3));
    const needed = Math.max(...[...g.cells.values()].flat().map((p) => cardWidth(p)));
    g.cardW = Math.round(Math.min(CARD_W, Math.max(CARD_MIN_W, needed)));
    for (const cell of g.cells.values()) cell.sort(compareInCell);
    sides[g.side].push(g);
  }
  for (const list of Object.values(sides)) {
    list.sort((a, b) => a.header.localeCompare(b.header) || holdsMembers(a) - holdsMembers(b) || a.label.localeCompare(b.label));
  }

  /** One band per level held, each as high as its rows of cards `cellH` high; y: their bottom. */
  const bandsAt = (cellH) => {
    const list = [];
    let bottom = 0;
    for (const rank of orderedRanks) {
      let rows = 1;
      for (const g of groups.values()) rows = Math.max(rows, Math.ceil((g.cells.get(rank)?.length || 0) / g.cols));
      const height = rows * cellH + 2 * BAND_PAD;
      list.push({ rank, label: levelName(rank), y0: bottom, height, rows });
      bottom += height;
    }
    return { bands: list, y: bottom };
  };
  let { bands, y } = bandsAt(cellH);
  const chips = [];
  for (const f of folded) {
    const g = groups.get(groupOf(f).key);
    if (g) g.more = { id: f.id, groupKey: f.groupKey, count: f.count };
    else chips.push(f);
  }
  chips.sort((a, b) => groupOf(a).key.localeCompare(groupOf(b).key));
  const stripRows = (width) => Math.ceil(chips.length / Math.max(1, Math.floor((width + CHIP_GAP) / (CHIP_W + CHIP_GAP))));
  const stripHeight = (width) => (chips.length ? stripRows(width) * (CHIP_H + CHIP_GAP) - CHIP_GAP + 2 * BAND_PAD : 0);

  const neighbours = neighbourLists(people, edges);
  const state = { sides, bandOf: new Map(bands.map((b) => [b.rank, b])), orderedRanks, cellH };
  // the strip of chips is laid out under the narrowest drawing the room could ask for
  const narrowed = Boolean(room) && y + stripHeight(Math.min(room.width, drawingWidth(state))) <= room.height && narrowToFit(state, room.width);
  // A drawing read whole with width to spare widens the cards whose text was cut (see widenToFit).
  // Only as far as the width does not bind the zoom more than the height (or the closest zoom) does.
  if (fullWidth && room && !narrowed && y + stripHeight(drawingWidth(state)) <= room.height) {
    const scale = Math.min(room.width / drawingWidth(state), room.height / (y + stripHeight(drawingWidth(state))), room.maxScale ?? Infinity);
    if (scale > 1) widenToFit(state, room.width / scale, fullWidth);
  }
  // Cards a line taller, when a card's title needs two lines at its column's width and the
  // drawing is then still read whole in the room (else titles keep one line, cut).
  let tall = false;
  const wantsTall = Boolean(tallCard) && Object.values(sides).some((list) => list.some((g) => [...g.cells.values()].flat().some((p) => tallCard.needs(p, g.cardW))));
  if (wantsTall) {
    const taller = bandsAt(tallCard.height + ROW_GAP);
    const strip = stripHeight(drawingWidth(state));
    if (!room || (taller.y + strip <= room.height && drawingWidth(state) <= room.width)) {
      ({ bands, y } = taller);
      cardHeight = tallCard.height;
      cellH = cardHeight + ROW_GAP;
      state.cellH = cellH;
      tall = true;
    }
  }
  const bandOf = new Map(bands.map((b) => [b.rank, b]));
  state.bandOf = bandOf;
  const columnsHeight = y;
  let positions = place(state);
  const before = countCrossings(edges, positions);
  let best = { after: before, snapshot: snapshot(state), positions };
  for (let sweep = 0; sweep < SWEEPS && best.after > 0; sweep += 1) {
    const down = sweep % 2 === 0;
    const order = down ? orderedRanks : [...orderedRanks].reverse();
    for (const rank of order) {
      orderBand(state, rank, neighbours, positions, down);
      positions = place(state);
    }
    orderColumns(state, neighbours, positions);
    positions = place(state);
    const crossings = countCrossings(edges, positions);
    if (crossings < best.after) best = { after: crossings, snapshot: snapshot(state), positions };
  }
  restore(state, best.snapshot);
  positions = place(state);

  const columns = [];
  const cellOf = new Map();
  const widths = new Map();
  for (const g of [...sides.home, ...sides.partner, ...sides.customer]) {
    columns.push({ key: g.key, label: g.label, header: g.header, side: g.side, x0: g.x0, width: g.width, cols: g.cols, cardW: g.cardW, more: g.more || null });
    for (const [rank, cell] of g.cells) {
      cell.forEach((person, i) => {
        widths.set(person.id, g.cardW);
        cellOf.set(person.id, { group: columns[columns.length - 1], band: bandOf.get(rank), row: Math.floor(i / g.cols), col: i % g.cols });
      });
    }
  }
  let width = columns.length ? Math.max(...columns.map((c) => c.x0 + c.width)) : 0;
  const chipPositions = new Map();
  let strip = null;
  if (chips.length) {
    width = Math.max(width, CHIP_W);
    const perRow = Math.max(1, Math.floor((width + CHIP_GAP) / (CHIP_W + CHIP_GAP)));
    strip = { rank: -1, label: levelName(-1), y0: y, height: stripHeight(width), rows: stripRows(width) };
    bands.push(strip);
    chips.forEach((chip, i) => {
      chipPositions.set(chip.id, {
        x: (i % perRow) * (CHIP_W + CHIP_GAP) + CHIP_W / 2,
        y: y + BAND_PAD + Math.floor(i / perRow) * (CHIP_H + CHIP_GAP) + CHIP_H / 2,
      });
    });
    y += strip.height;
  }
  // One header over each run of columns of the same organisation (or over partners, over us).
  const headers = [];
  for (const c of columns) {
    const last = headers[headers.length - 1];
    if (last && last.label === c.header && last.side === c.side) last.x1 = c.x0 + c.width;
    else headers.push({ label: c.header, side: c.side, x0: c.x0, x1: c.x0 + c.width });
  }
  return { positions, cellOf, cardWidth: widths, bands, groups: columns, headers, width, height: y, cardHeight, cellH, tall, wantsTall, columnsHeight, chips: chipPositions, strip, narrowed, crossings: { before, after: best.after } };
}

const NARROW_STEP = 2; // px a time the widest cards give up when the drawing must narrow

/** The width of the drawing as `state`'s columns are now (placing them). */
function drawingWidth(state) {
  place(state);
  const groups = Object.values(state.sides).flat();
  return groups.length ? Math.max(...groups.map((g) => g.x0 + g.width)) : 0;
}

/**
 * Narrow the widest columns' cards, step by step down to CARD_MIN_W, until the drawing is no
 * wider than `width`. True when it then fits; else every column keeps its own width.
 */
function narrowToFit(state, width) {
  if (drawingWidth(state) <= width) return false;
  const groups = Object.values(state.sides).flat();
  const own = new Map(groups.map((g) => [g, g.cardW]));
  for (let cap = Math.max(...own.values()) - NARROW_STEP; cap >= CARD_MIN_W; cap -= NARROW_STEP) {
    for (const g of groups) g.cardW = Math.min(own.get(g), cap);
    if (drawingWidth(state) <= width) return true;
  }
  for (const g of groups) g.cardW = own.get(g);
  return false;
}

/**
 * Widen the columns whose cards' full text (`fullWidth(person)`) is wider than their cards, up to
 * CARD_WIDE_W, as far as the drawing stays no wider than `width`: all the way when it can, else
 * each to a common cap, the largest that fits.
 */
function widenToFit(state, width, fullWidth) {
  const groups = Object.values(state.sides).flat();
  const own = new Map(groups.map((g) => [g, g.cardW]));
  const want = new Map(groups.map((g) => [g, Math.min(CARD_WIDE_W, Math.max(g.cardW, ...[...g.cells.values()].flat().map((p) => Math.ceil(fullWidth(p)))))]));
  const top = Math.max(...want.values());
  for (let cap = top; cap > CARD_W; cap -= NARROW_STEP) {
    for (const g of groups) g.cardW = Math.max(own.get(g), Math.min(want.get(g), cap));
    if (drawingWidth(state) <= width) return;
  }
  for (const g of groups) g.cardW = own.get(g);
}

/** Set x0/width of every column and return each person's centre. */
function place({ sides, bandOf, cellH }) {
  const positions = new Map();
  let x = 0;
  let first = true;
  for (const side of ['home', 'partner', 'customer']) {
    if (!sides[side].length) continue;
    if (!first) x += SIDE_GAP - GROUP_GAP;
    first = false;
    for (const g of sides[side]) {
      g.x0 = x;
      const cellW = g.cardW + CELL_GAP;
      g.width = g.cols * cellW - CELL_GAP + 2 * GROUP_PAD;
      for (const [rank, cell] of g.cells) {
        const band = bandOf.get(rank);
        cell.forEach((person, i) => {
          positions.set(person.id, {
            x: x + GROUP_PAD + (i % g.cols) * cellW + g.cardW / 2,
            y: band.y0 + BAND_PAD + Math.floor(i / g.cols) * cellH + cellH / 2,
          });
        });
      }
      x += g.width + GROUP_GAP;
    }
  }
  return positions;
}

function neighbourLists(people, edges) {
  const shown = new Set(people.map((p) => p.id));
  const lists = new Map(people.map((p) => [p.id, []]));
  for (const e of edges) {
    if (!shown.has(e.source) || !shown.has(e.target) || e.source === e.target) continue;
    lists.get(e.source).push(e.target);
    lists.get(e.target).push(e.source);
  }
  return lists;
}

/**
 * Barycenter step for one band: each person's key is the mean x of their neighbours in the
 * bands already swept (above on a downward sweep, below on an upward one), else of all their
 * neighbours; people without neighbours keep their place.
 */
function orderBand({ sides, bandOf }, rank, neighbours, positions, down) {
  const band = bandOf.get(rank);
  for (const list of Object.values(sides)) {
    for (const g of list) {
      const cell = g.cells.get(rank);
      if (!cell || cell.length < 2) continue;
      const key = new Map();
      cell.forEach((person, i) => {
        const all = neighbours.get(person.id).map((id) => positions.get(id));
        const swept = all.filter((p) => (down ? p.y < band.y0 : p.y > band.y0 + band.height));
        const use = swept.length ? swept : all;
        key.set(person.id, use.length ? use.reduce((s, p) => s + p.x, 0) / use.length : positions.get(person.id).x + i * 1e-6);
      });
      cell.sort((a, b) => key.get(a.id) - key.get(b.id));
    }
  }
}

/** Columns of one organisation (departments) ordered by the barycenter of their people's ties. */
function orderColumns({ sides }, neighbours, positions) {
  for (const list of Object.values(sides)) {
    const key = new Map();
    for (const g of list) {
      const xs = [];
      for (const cell of g.cells.values()) {
        for (const person of cell) for (const id of neighbours.get(person.id)) xs.push(positions.get(id).x);
      }
      key.set(g.key, xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : g.x0 + g.width / 2);
    }
    // Departments move only within their organisation (its header stays one run); those with
    // members of the buying centre come first, so that the deal opens in one readable view.
    list.sort((a, b) => a.header.localeCompare(b.header) || holdsMembers(a) - holdsMembers(b) || key.get(a.key) - key.get(b.key));
  }
}

/** 0 for a column holding members of the buying centre, 1 for people on a route in, else 2. */
function holdsMembers(g) {
  const people = [...g.cells.values()].flat();
  if (people.some((p) => p.member)) return 0;
  return people.some((p) => p.onRoute) ? 1 : 2;
}

function snapshot({ sides }) {
  return Object.values(sides).map((list) => list.map((g) => [g, [...g.cells].map(([rank, cell]) => [rank, [...cell]])]));
}

function restore(state, snap) {
  const names = Object.keys(state.sides);
  snap.forEach((list, i) => {
    state.sides[names[i]] = list.map(([g, cells]) => {
      for (const [rank, cell] of cells) g.cells.set(rank, cell);
      return g;
    });
  });
}

/** Pairs of straight centre-to-centre lines that cross (lines sharing a person do not count). */
export function countCrossings(edges, positions) {
  const segments = [];
  const seen = new Set();
  for (const e of edges) {
    const a = positions.get(e.source);
    const b = positions.get(e.target);
    if (!a || !b || e.source === e.target) continue;
    const pair = e.source < e.target ? `${e.source}|${e.target}` : `${e.target}|${e.source}`;
    if (seen.has(pair)) continue; // two lines between the same two people are drawn as one
    seen.add(pair);
    segments.push({ s: e.source, t: e.target, a, b });
  }
  let crossings = 0;
  for (let i = 0; i < segments.length; i += 1) {
    for (let j = i + 1; j < segments.length; j += 1) {
      const p = segments[i];
      const q = segments[j];
      if (p.s === q.s || p.s === q.t || p.t === q.s || p.t === q.t) continue;
      if (segmentsCross(p.a, p.b, q.a, q.b)) crossings += 1;
    }
  }
  return crossings;
}

function orient(a, b, c) {
  const v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  return Math.abs(v) < 1e-9 ? 0 : Math.sign(v);
}

function segmentsCross(a, b, c, d) {
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** Does the segment a→b pass through the box {x1, y1, x2, y2}? (Liang–Barsky clipping.) */
export function segmentHitsBox(a, b, box) {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const checks = [
    [-dx, a.x - box.x1],
    [dx, box.x2 - a.x],
    [-dy, a.y - box.y1],
    [dy, box.y2 - a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The card of the person at `p` (a centre), `w` wide, as a box, grown by `margin`. */
export function cardBox(p, margin = 0, w = CARD_W, h = CARD_H) {
  return { x1: p.x - w / 2 - margin, x2: p.x + w / 2 + margin, y1: p.y - h / 2 - margin, y2: p.y + h / 2 + margin };
}

/**
 * Waypoints for each edge whose straight line would cross a card it does not connect: out of
 * the source's cell to the channel between rows, along it to the gap beside the target's cell,
 * along that gap to the target's row, and in. Channels hold no cards, so the route crosses
 * none. Returns Map edge id → [{x, y}, ...] (edges absent from the map are drawn straight).
 */
export function routeEdges(layout, edges) {
  const { positions, cellOf, cardWidth, cellH } = layout;
  const grid = cardGrid(positions, cardWidth, layout.cardHeight);
  const routes = new Map();
  let lane = 0;
  for (const e of edges) {
    const a = positions.get(e.source);
    const b = positions.get(e.target);
    if (!a || !b || e.source === e.target) continue;
    if (!grid.blocked(a, b, e.source, e.target)) continue;
    const ca = cellOf.get(e.source);
    const cb = cellOf.get(e.target);
    const offset = ((lane % 5) - 2) * 2; // parallel lines in one channel stay apart
    lane += 1;
    const rowTop = (c) => c.band.y0 + BAND_PAD + c.row * cellH;
    let ya;
    let yb;
    if (a.y < b.y) {
      ya = rowTop(ca) + cellH;
      yb = rowTop(cb);
    } else if (a.y > b.y) {
      ya = rowTop(ca);
      yb = rowTop(cb) + cellH;
    } else {
      ya = rowTop(ca);
      yb = ya;
    }
    const towards = a.x <= b.x ? -1 : 1; // the side of the target's cell that faces the source
    const gx = b.x + (towards * (cb.group.cardW + CELL_GAP)) / 2 + offset;
    const startX = a.x + ((gx < a.x ? -1 : 1) * (ca.group.cardW + CELL_GAP)) / 2; // the corner of the source's cell
    const points = [
      { x: startX, y: ya + offset },
      { x: gx, y: ya + offset },
      { x: gx, y: yb + offset },
    ];
    routes.set(e.id, dedupe(points));
  }
  return routes;
}

function dedupe(points) {
  return points.filter((p, i) => i === 0 || Math.abs(p.x - points[i - 1].x) > 0.5 || Math.abs(p.y - points[i - 1].y) > 0.5);
}

/** Cards bucketed by cell for quick "does this line cross a card" checks on big maps. */
function cardGrid(positions, widths, height) {
  const buckets = new Map();
  const cellKey = (cx, cy) => `${cx},${cy}`;
  for (const [id, p] of positions) {
    const k = cellKey(Math.floor(p.x / CELL_W), Math.floor(p.y / CELL_H));
    if (!buckets.has(k)) buckets.set(k, []);
    buckets.get(k).push([id, p]);
  }
  return {
    blocked(a, b, sid, tid) {
      const x1 = Math.floor(Math.min(a.x, b.x) / CELL_W) - 1;
      const x2 = Math.floor(Math.max(a.x, b.x) / CELL_W) + 1;
      const y1 = Math.floor(Math.min(a.y, b.y) / CELL_H) - 1;
      const y2 = Math.floor(Math.max(a.y, b.y) / CELL_H) + 1;
      for (let cx = x1; cx <= x2; cx += 1) {
        for (let cy = y1; cy <= y2; cy += 1) {
          for (const [id, p] of buckets.get(cellKey(cx, cy)) || []) {
            if (id === sid || id === tid) continue;
            if (segmentHitsBox(a, b, cardBox(p, 6, widths.get(id), height))) return true;
          }
        }
      }
      return false;
    },
  };
}
