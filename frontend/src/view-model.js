// Turns GraphQL answers into what the map and panels draw: people (with their part in the deal)
// and edges (influence, reporting, acquaintance), deduplicated.

import { sideOf } from './layout.js';

const low = (v) => (v === null || v === undefined ? v : String(v).toLowerCase());

/** A person from the PersonCard fragment, with room for deal and analytics facts. */
export function personOf(card) {
  const person = {
    id: card.id,
    key: card.key,
    name: card.name,
    title: card.title || null,
    department: card.department || null,
    organisation: card.organisation ? { ...card.organisation, kind: low(card.organisation.kind) } : null,
    level: card.level || null,
    roles: [],
    stance: null,
    stage: null,
    journey: [],
    member: false,
    influenceRank: null,
    brokerage: null,
  };
  person.side = sideOf(person);
  return person;
}

class ViewBuilder {
  constructor() {
    this.people = new Map();
    this.edges = new Map();
  }

  person(card) {
    if (!card || !card.id) return null;
    if (!this.people.has(card.id)) this.people.set(card.id, personOf(card));
    return this.people.get(card.id);
  }

  edge(kind, source, target, weight = null, influenceKind = null, extra = {}) {
    const id = `${kind}:${source}>${target}`;
    if (!this.edges.has(id)) this.edges.set(id, { id, kind, source, target, weight, influenceKind, ...extra });
  }

  /** An influence line as the API gives it: disputed or not, with each observer's report. */
  influence(source, target, inf) {
    this.edge('influence', source, target, inf.weight, low(inf.kind), { disputed: Boolean(inf.disputed), reports: inf.reports || [] });
  }

  /** A reporting line; a matrix line (a second manager) is drawn apart. */
  reports(person, manager, line) {
    this.edge('reports', person, manager, null, null, { matrix: String(line).toUpperCase() === 'MATRIX' });
  }

  build(extra = {}) {
    return { people: this.people, edges: [...this.edges.values()], ...extra };
  }
}

/** The map of a deal: its buying centre and the people one step from each member. */
export function dealView(deal) {
  const b = new ViewBuilder();
  for (const member of deal.buyingCentre || []) {
    const p = b.person(member.person);
    Object.assign(p, {
      member: true,
      roles: (member.roles || []).map(low),
      stance: low(member.stance) || 'unknown',
      stage: low(member.stage),
      journey: member.journey || [],
      motive: low(member.motive) || 'unknown',
      outcome: low(member.outcome) || 'unknown',
      evidence: member.evidence || '',
      aspiration: Number.isFinite(member.aspiration) ? member.aspiration : null,
    });
  }
  for (const member of deal.buyingCentre || []) {
    const m = member.person;
    for (const inf of m.influencers || []) {
      if (b.person(inf.person)) b.influence(inf.person.id, m.id, inf);
    }
    for (const inf of m.influences || []) {
      if (b.person(inf.person)) b.influence(m.id, inf.person.id, inf);
    }
    for (const { line, person: manager } of m.managers || []) {
      if (b.person(manager)) b.reports(m.id, manager.id, line);
    }
    for (const k of m.knownBy || []) {
      if (b.person(k.person)) b.edge('knows', k.person.id, m.id, k.strength);
    }
  }
  return b.build({
    deal: { id: deal.id, key: deal.key, name: deal.name, organisation: deal.organisation },
  });
}

/** The map of an account without a deal: all its people and who of ours knows them. */
export function accountView(nodes) {
  const b = new ViewBuilder();
  for (const n of nodes) b.person(n);
  for (const n of nodes) {
    for (const inf of n.influences || []) {
      if (b.people.has(inf.person.id)) b.influence(n.id, inf.person.id, inf);
    }
    for (const { line, person: manager } of n.managers || []) {
      if (b.people.has(manager.id)) b.reports(n.id, manager.id, line);
    }
    for (const k of n.knownBy || []) {
      if (b.person(k.person)) b.edge('knows', k.person.id, n.id, k.strength);
    }
  }
  return b.build({ deal: null });
}

/**
 * "Hanna Berg 0.20 · Paul Weiss 0.80": who reported an influence tie and what, from the API's
 * reports (an observer of ours by name from `view`, else the user who recorded it).
 */
export function reportsText(reports, view) {
  const who = (r) => (r.reportedBy ? byKey(view, r.reportedBy)?.name || r.reportedBy : r.user ? `${r.user} (user)` : 'a user');
  return reports.map((r) => `${who(r)} ${Number(r.weight).toFixed(2)}`).join(' · ');
}

/** The person of a view with stable key `key` (analytics speak in keys). */
export function byKey(view, key) {
  if (!view.byKey) view.byKey = new Map([...view.people.values()].map((p) => [p.key, p]));
  return view.byKey.get(key) || null;
}

/**
 * Put analytics on the people of a view (influence rank drives node size), and add the people
 * and influence edges of the deal's scope that are more than one step from its members, each
 * disputed or not with its observers' reports as the API gives them (`reportedTies`: the lines
 * two or more observers reported; any other line has one report at most and is not disputed).
 */
export function applyInfluenceMap(view, influenceMap, hidden = new Set()) {
  for (const entry of influenceMap?.people || []) {
    let p = byKey(view, entry.personKey);
    if (!p && entry.person && !hidden.has(entry.person.id)) {
      p = personOf(entry.person);
      view.people.set(p.id, p);
      view.byKey.set(p.key, p);
    }
    if (p) {
      p.influenceRank = entry.influenceRank;
      p.brokerage = entry.brokerage;
    }
  }
  const known = new Set(view.edges.map((e) => e.id));
  const reported = new Map((influenceMap?.reportedTies || []).map((t) => [`${t.sourceKey}>${t.targetKey}`, t]));
  for (const e of mapEdges(influenceMap)) {
    if (String(e.kind).toLowerCase().includes('report')) continue; // drawn as reporting lines
    const source = byKey(view, e.source);
    const target = byKey(view, e.target);
    if (!source || !target) continue;
    const id = `influence:${source.id}>${target.id}`;
    if (known.has(id)) continue;
    known.add(id);
    const tie = reported.get(`${e.source}>${e.target}`);
    view.edges.push({
      id, kind: 'influence', source: source.id, target: target.id, weight: e.weight, influenceKind: low(e.kind),
      disputed: Boolean(tie?.disputed), reports: tie?.reports || [],
    });
  }
}

/**
 * The edges of an influence map as objects, from `edgeColumns` (entry i of each column is edge
 * i: one array per field is far cheaper for the API to send than one object per edge) or from
 * `edges`.
 */
export function mapEdges(influenceMap) {
  const columns = influenceMap?.edgeColumns;
  if (!columns) return influenceMap?.edges || [];
  return columns.source.map((source, i) => ({
    source, target: columns.target[i], weight: columns.weight[i], kind: columns.kind[i],
  }));
}

/** A copy of the view without the given people (and their edges): the what-if map. */
export function withoutPeople(view, hidden) {
  if (!hidden.size) return view;
  const people = new Map([...view.people].filter(([id]) => !hidden.has(id)));
  const edges = view.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target));
  return { ...view, people, edges, byKey: null };
}

/**
 * `view` with the what-if's imagined ties ({kind: knows | influence | reports, sourceId,
 * targetId, strength}; knows when no kind) as lines of their kind, marked imagined; ties whose
 * ends are not in the view are left out.
 */
export function withImagined(view, imagined) {
  const ties = imagined.filter((t) => view.people.has(t.sourceId) && view.people.has(t.targetId));
  if (!ties.length) return view;
  const edges = ties.map((t) => ({
    id: `imagined:${t.kind || 'knows'}:${t.sourceId}>${t.targetId}`,
    kind: t.kind || 'knows',
    imagined: true,
    source: t.sourceId,
    target: t.targetId,
    weight: t.kind === 'reports' ? null : t.strength,
    influenceKind: null,
  }));
  return { ...view, edges: [...view.edges, ...edges] };
}

/**
 * `view` with the what-if's hypothetical contacts as people of their own (`hypothetical`: drawn
 * as dashed cards): their organisation, the level the API gave or inferred, and their part in
 * the deal when they have roles or a stance.
 */
export function withHypothetical(view, hypothetical) {
  if (!hypothetical.length) return view;
  const people = new Map(view.people);
  for (const h of hypothetical) {
    const p = personOf({ id: h.id, key: h.id, name: h.name, title: h.title, department: h.department, organisation: h.organisation, level: h.level });
    const member = Boolean(h.roles?.length || h.stance);
    Object.assign(p, {
      hypothetical: true,
      member,
      roles: (h.roles || []).map(low),
      stance: member ? low(h.stance) || 'unknown' : null,
    });
    people.set(p.id, p);
  }
  return { ...view, people, byKey: null };
}

/** The deal's opening map holds at most this many people and lines (its members always). */
export const MAX_PEOPLE = 60;
export const MAX_LINES = 150;
export const DEFAULT_MIN_WEIGHT = 0.3;
const ROUTED_STEPS = 12; // plan steps whose whole route is drawn from the start

const LINE_PRIORITY = { knows: 0, route: 0, reports: 2, influence: 1 };

/**
 * The deal's own map out of everything loaded for it (`full`: the deal's scope): its buying
 * centre; the people on the approach plan's routes in (`plan` steps' introPath, as the API gives
 * them; beyond the first ROUTED_STEPS steps only the door-opener, the rest drawn on choosing it);
 * our and partners' people who know a member; then the members' influencers of weight at least
 * `minWeight`, strongest first, while there is room; everyone one step from the people in
 * `expanded` ("show who is around this person"); and the people in `shown`. Lines: only between people shown, our
 * "knows" ties and route hops first, then influence on members by weight, at most MAX_LINES.
 */
export function focusDeal(full, { plan = null, minWeight = DEFAULT_MIN_WEIGHT, expanded = new Set(), shown = new Set() } = {}) {
  const people = new Map();
  const take = (p) => {
    if (p && !people.has(p.id)) people.set(p.id, p);
  };
  for (const p of full.people.values()) p.onRoute = false;
  for (const p of full.people.values()) if (p.member) take(p);
  const routes = [];
  // The plan's first steps bring their whole route; later ones (a big buying centre has a step
  // per member) only the person of ours or a partner's who opens the door.
  (plan || []).forEach((step, i) => {
    const path = (step.introPath || []).map((key) => byKey(full, key)).filter(Boolean);
    const ids = i < ROUTED_STEPS ? path : path.slice(0, 1);
    for (const p of ids) {
      p.onRoute = true;
      take(p);
    }
    if (i < ROUTED_STEPS) routes.push(ids.map((p) => p.id));
  });
  for (const e of full.edges) {
    if (e.kind === 'knows' && full.people.get(e.target)?.member) take(full.people.get(e.source));
  }
  const influencers = full.edges
    .filter((e) => e.kind === 'influence' && full.people.get(e.target)?.member && (e.weight ?? 0) >= minWeight)
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  for (const e of influencers) {
    if (people.size >= MAX_PEOPLE) break;
    take(full.people.get(e.source));
  }
  for (const id of shown) take(full.people.get(id));
  for (const id of expanded) {
    if (!people.has(id)) take(full.people.get(id));
    for (const e of full.edges) {
      if (e.source === id) take(full.people.get(e.target));
      if (e.target === id) take(full.people.get(e.source));
    }
  }
  return { ...full, people, edges: linesBetween(full.edges, people, routes), byKey: null };
}

/** Lines between the people shown, with a "route" line for each plan hop not drawn otherwise. */
function linesBetween(edges, people, routes) {
  const lines = edges.filter((e) => people.has(e.source) && people.has(e.target));
  const joined = new Set(lines.map((e) => `${e.source}|${e.target}`));
  for (const ids of routes) {
    for (let i = 0; i + 1 < ids.length; i += 1) {
      const [a, b] = [ids[i], ids[i + 1]];
      if (joined.has(`${a}|${b}`) || joined.has(`${b}|${a}`)) continue;
      joined.add(`${a}|${b}`);
      lines.push({ id: `route:${a}>${b}`, kind: 'route', source: a, target: b, weight: null });
    }
  }
  const touchesMember = (e) => people.get(e.source).member || people.get(e.target).member;
  lines.sort(
    (x, y) =>
      LINE_PRIORITY[x.kind] - LINE_PRIORITY[y.kind] ||
      Number(touchesMember(y)) - Number(touchesMember(x)) ||
      (y.weight ?? 0) - (x.weight ?? 0),
  );
  return lines.slice(0, MAX_LINES);
}

/** Without a deal, the account opens on this many of its most influential people. */
export const ACCOUNT_TOP = 12;

/**
 * The whole account, folded: its `top` most influential people (ranks from the API) and the
 * people of the departments in `open` and those brought onto the map one by one (`shown`, e.g. a
 * person just created); every other department is one card with its head count.
 */
export function foldAccount(full, { ranks = new Map(), open = new Set(), shown = new Set(), top = ACCOUNT_TOP } = {}) {
  for (const p of full.people.values()) {
    if (ranks.has(p.key)) p.influenceRank = ranks.get(p.key);
  }
  const customers = [...full.people.values()].filter((p) => p.side === 'customer');
  const chosen = new Set(
    [...customers].sort((a, b) => (b.influenceRank ?? 0) - (a.influenceRank ?? 0)).slice(0, top).map((p) => p.id),
  );
  const people = new Map();
  const folded = new Map();
  for (const p of full.people.values()) {
    const group = departmentKey(p);
    if (shown.has(p.id)) {
      people.set(p.id, p);
      continue;
    }
    if (p.side !== 'customer' || chosen.has(p.id) || open.has(group)) {
      if (p.side === 'customer' || knowsShown(full, p, chosen)) people.set(p.id, p);
      continue;
    }
    if (!folded.has(group)) {
      folded.set(group, {
        id: `folded:${group}`,
        groupKey: group,
        name: p.department || 'No department',
        department: p.department,
        organisation: p.organisation,
        level: { rank: -1 },
        count: 0,
      });
    }
    folded.get(group).count += 1;
  }
  const edges = full.edges.filter((e) => people.has(e.source) && people.has(e.target)).slice(0, MAX_LINES);
  return { ...full, people, edges, collapsed: [...folded.values()], byKey: null };
}

/** The key of a customer person's department column (as the layout groups them). */
export function departmentKey(p) {
  return `${p.organisation?.name || ''}|${p.department || 'No department'}`;
}

function knowsShown(full, p, chosen) {
  return full.edges.some((e) => e.kind === 'knows' && e.source === p.id && chosen.has(e.target));
}
