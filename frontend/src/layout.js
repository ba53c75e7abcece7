// Where each person sits on the status map, computed from the domain (no force layout):
// one horizontal band per status level (most senior at the top), one column per
// organisation/department, customers first, then partners, then our own people.

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

export const CELL = 70; // distance between neighbouring people
const COLS_MAX = 6; // people side by side in one band of one column before wrapping
const BAND_PAD = 16;
const GROUP_PAD = 10;
const GROUP_GAP = 16;
const SIDE_GAP = 90; // customers | partners | us
const SIDE_ORDER = { customer: 0, partner: 1, home: 2 };

/** 'home' (us), 'partner', or 'customer' (customers and prospects). */
export function sideOf(person) {
  const kind = String(person.organisation?.kind || '').toLowerCase();
  if (kind === 'home') return 'home';
  if (kind === 'partner') return 'partner';
  return 'customer';
}

/** The column a person belongs to: customers by organisation and department. */
export function groupOf(person) {
  const side = sideOf(person);
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

function compareGroups(a, b) {
  return (
    SIDE_ORDER[a.side] - SIDE_ORDER[b.side] ||
    a.header.localeCompare(b.header) ||
    a.label.localeCompare(b.label)
  );
}

function compareInCell(a, b) {
  return (b.influenceRank ?? 0) - (a.influenceRank ?? 0) || a.name.localeCompare(b.name);
}

/**
 * Positions for `people` (objects with id, name, level, organisation, department, and
 * optionally influenceRank). Returns {positions: Map id → {x, y}, bands, groups (columns),
 * headers (organisations over their columns), width, height}.
 */
export function statusLayout(people) {
  const groups = new Map();
  const ranks = new Set(ORG_LEVELS.map(([rank]) => rank));
  for (const person of people) {
    const g = groupOf(person);
    if (!groups.has(g.key)) groups.set(g.key, { ...g, cells: new Map() });
    const rank = levelRank(person);
    ranks.add(rank);
    const cells = groups.get(g.key).cells;
    if (!cells.has(rank)) cells.set(rank, []);
    cells.get(rank).push(person);
  }
  const orderedRanks = [...ranks].sort((a, b) => b - a);
  const orderedGroups = [...groups.values()].sort(compareGroups);

  for (const g of orderedGroups) {
    const widest = Math.max(1, ...[...g.cells.values()].map((c) => c.length));
    g.cols = Math.min(COLS_MAX, widest);
    for (const cell of g.cells.values()) cell.sort(compareInCell);
  }

  const levelNames = new Map(ORG_LEVELS);
  const bands = [];
  let y = 0;
  for (const rank of orderedRanks) {
    let rows = 1;
    for (const g of orderedGroups) {
      const n = g.cells.get(rank)?.length || 0;
      rows = Math.max(rows, Math.ceil(n / g.cols));
    }
    const height = rows * CELL + 2 * BAND_PAD;
    const label = rank === UNKNOWN_LEVEL ? 'Level unknown' : levelNames.get(rank) || `Level ${rank}`;
    bands.push({ rank, label, y0: y, height });
    y += height;
  }
  const height = y;

  let x = 0;
  let previousSide = null;
  const columns = [];
  for (const g of orderedGroups) {
    if (previousSide !== null && g.side !== previousSide) x += SIDE_GAP - GROUP_GAP;
    previousSide = g.side;
    const width = g.cols * CELL + 2 * GROUP_PAD;
    columns.push({ key: g.key, label: g.label, header: g.header, side: g.side, x0: x, width });
    g.x0 = x;
    x += width + GROUP_GAP;
  }
  const width = Math.max(0, x - GROUP_GAP);

  const positions = new Map();
  const bandOf = new Map(bands.map((b) => [b.rank, b]));
  for (const g of orderedGroups) {
    for (const [rank, cell] of g.cells) {
      const band = bandOf.get(rank);
      cell.forEach((person, i) => {
        const col = i % g.cols;
        const row = Math.floor(i / g.cols);
        positions.set(person.id, {
          x: g.x0 + GROUP_PAD + col * CELL + CELL / 2,
          y: band.y0 + BAND_PAD + row * CELL + CELL / 2,
        });
      });
    }
  }
  // One header over each run of columns of the same organisation (or over partners, over us).
  const headers = [];
  for (const c of columns) {
    const last = headers[headers.length - 1];
    if (last && last.label === c.header && last.side === c.side) last.x1 = c.x0 + c.width;
    else headers.push({ label: c.header, side: c.side, x0: c.x0, x1: c.x0 + c.width });
  }
  return { positions, bands, groups: columns, headers, width, height };
}
