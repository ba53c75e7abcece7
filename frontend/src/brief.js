// The deal brief: one printable page for the meeting — the map of the deal's key people across
// the page's width (names readable on paper, with the level axis), its legend, the buying centre
// by status level with roles and stances, the coverage warnings, and the approach plan with its
// reasons. It is shown over the page first; printing
// (or "Save as PDF") prints the brief alone (style.css, @media print).

import { fill, formatGap, h, words } from './dom.js';
import { levelName, levelRank } from './layout.js';
import { routeOf } from './deal-panel.js';
import { renderLegend } from './legend.js';
import { READABLE_ZOOM } from './map.js';
import { keyPeopleSvgElement } from './snapshot.js';
import { ROLE_PRIORITY, primaryRole } from './styles.js';

// The printable area of an A4 page with 10 mm margins (style.css @page), in CSS pixels: the
// brief is laid out at this width on screen too, so its height there is its height in print.
const PAGE_HEIGHT = (277 / 25.4) * 96;
const FEWEST_STEPS = 3;
const FEWEST_MEMBERS = 8;
const FEWEST_WARNINGS = 4;
// The map is drawn MAP_WIDTH pixels wide and printed across the page's 190 mm (718 CSS px): at
// BRIEF_ZOOM or closer (the screen's readable zoom) a card's 13px name prints at 5.7 pt or more.
const MAP_WIDTH = 880;
const MAP_MAX_HEIGHT = 600;
const BRIEF_ZOOM = READABLE_ZOOM;
const BRIEF_MAX_ZOOM = 1.1;

/** "Azure rollout · Contoso · 3 December 2026": the title the view's exports carry too. */
export function viewTitle(app) {
  const deal = app.state.view?.deal;
  const scope = deal ? `${deal.name} · ${deal.organisation?.name || app.state.accountName}` : app.state.accountName;
  const date = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return `${scope || 'statusmap'} · ${date}`;
}

/**
 * The first `shown` members of the buying centre by weight on the decision (role, then level),
 * in bands of status level, highest first.
 */
function membersByLevel(members, shown = members.length) {
  const bands = new Map();
  for (const p of members.slice(0, shown)) {
    const rank = levelRank(p);
    if (!bands.has(rank)) bands.set(rank, { rank, name: p.level?.name || levelName(rank), people: [] });
    bands.get(rank).people.push(p);
  }
  const ordered = [...bands.values()].sort((a, b) => b.rank - a.rank);
  for (const band of ordered) band.people.sort((a, b) => a.name.localeCompare(b.name));
  return ordered;
}

/** The buying centre, those who weigh most on the decision first (the order a short page keeps). */
function membersOf(view) {
  const weight = (p) => {
    const i = ROLE_PRIORITY.indexOf(primaryRole(p.roles));
    return i < 0 ? ROLE_PRIORITY.length : i;
  };
  return [...view.people.values()].filter((p) => p.member).sort((a, b) => weight(a) - weight(b) || levelRank(b) - levelRank(a) || a.name.localeCompare(b.name));
}

function buyingCentre(members, shown = members.length) {
  const rows = membersByLevel(members, shown).flatMap((band) =>
    band.people.map((p, i) =>
      h(
        'tr',
        { class: i === 0 ? 'band-start' : '' },
        i === 0 ? h('th', { scope: 'rowgroup', rowspan: band.people.length }, band.rank > 0 ? `${band.rank} ${band.name}` : band.name) : null,
        h('td', {}, h('strong', {}, p.name), p.title ? h('span', { class: 'muted' }, ` · ${p.title}`) : null),
        h('td', {}, p.roles.map(words).join(', ') || '—'),
        h('td', { class: `stance stance-${p.stance || 'unknown'}` }, words(p.stance || 'unknown')),
        h('td', {}, p.stage ? words(p.stage) : '—'),
      ),
    ),
  );
  return h(
    'section',
    { class: 'brief-block' },
    h('h2', {}, 'Buying centre by status level'),
    h(
      'table',
      { class: 'brief-table', 'data-testid': 'brief-members' },
      h('thead', {}, h('tr', {}, ['Level', 'Person', 'Roles', 'Stance', 'Stage'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows),
    ),
    shown < members.length
      ? h('p', { class: 'muted', 'data-testid': 'brief-more-members' }, `${members.length - shown} more member${members.length - shown === 1 ? '' : 's'} in statusmap.`)
      : null,
  );
}

function warnings(coverage, shown = coverage?.warnings?.length ?? 0) {
  const all = coverage?.warnings || [];
  const list = all.slice(0, shown);
  const missing = (coverage?.roles || []).filter((r) => !r.filled).map((r) => words(r.role));
  return h(
    'section',
    { class: 'brief-block' },
    h('h2', {}, 'Coverage'),
    missing.length ? h('p', {}, h('strong', {}, 'Roles nobody holds: '), missing.join(', ')) : null,
    list.length
      ? h('ul', { class: 'brief-warnings', 'data-testid': 'brief-warnings' }, list.map((w) => h('li', {}, h('strong', {}, `${words(w.code)}: `), w.message)))
      : h('p', { class: 'muted' }, 'No coverage warnings.'),
    list.length < all.length
      ? h('p', { class: 'muted', 'data-testid': 'brief-more-warnings' }, `${all.length - list.length} more warning${all.length - list.length === 1 ? '' : 's'} in statusmap.`)
      : null,
  );
}

function plan(steps, view, shown = steps?.length ?? 0) {
  if (!steps) return h('section', { class: 'brief-block' }, h('h2', {}, 'Approach plan'), h('p', { class: 'muted' }, 'No plan from the API.'));
  const items = steps.slice(0, shown).map((step) => {
    const meta = [
      step.ourPerson ? `ours: ${step.ourPerson.name}` : null,
      Number.isFinite(step.statusGap) ? `gap ${formatGap(step.statusGap)}` : null,
      step.stance ? words(step.stance) : null,
      (step.roles || []).map(words).join(', ') || null,
    ].filter(Boolean);
    return h(
      'li',
      {},
      h('strong', {}, step.person?.name || step.personKey),
      meta.length ? h('span', { class: 'muted' }, ` · ${meta.join(' · ')}`) : null,
      h('div', { class: 'brief-route', 'data-testid': 'brief-route' }, routeOf(step, view)),
      (step.reasons || []).length ? h('div', { class: 'brief-reasons' }, `Why: ${step.reasons.join('; ')}`) : null,
      step.framing?.text ? h('div', { class: 'brief-framing' }, step.framing.text) : null,
    );
  });
  return h(
    'section',
    { class: 'brief-block' },
    h('h2', {}, 'Approach plan'),
    items.length ? h('ol', { class: 'brief-plan', 'data-testid': 'brief-plan' }, items) : h('p', { class: 'muted' }, 'Nobody to approach: no route in from our people or partners.'),
    shown < steps.length ? h('p', { class: 'muted', 'data-testid': 'brief-more' }, `${steps.length - shown} more step${steps.length - shown === 1 ? '' : 's'} in statusmap.`) : null,
  );
}

/** The map of the deal's key people, at most `maxHeight` of MAP_WIDTH high. */
function briefMap(statusMap, maxHeight) {
  const map = keyPeopleSvgElement(statusMap, { width: MAP_WIDTH, maxHeight, minZoom: BRIEF_ZOOM, maxZoom: BRIEF_MAX_ZOOM });
  map.removeAttribute('width');
  map.removeAttribute('height');
  map.setAttribute('class', 'brief-map');
  map.setAttribute('role', 'img');
  map.setAttribute('aria-label', "The map of the deal's key people");
  return map;
}

/** Build the brief for the deal open in `app` into `container` and show it. */
export function showBrief(container, app) {
  const view = app.state.view;
  const scope = app.state.scopeView || view;
  const analytics = app.state.analytics;
  const map = briefMap(app.map, MAP_MAX_HEIGHT);
  const legend = h('div', { class: 'legend brief-legend' });
  renderLegend(legend);
  const hidden = [...app.state.hidden].map((id) => app.state.fullView?.people.get(id)?.name).filter(Boolean);
  const steps = analytics?.approachPlan || null;
  const planBlock = h('div', {}, plan(steps, scope));
  const members = membersOf(scope);
  const membersBlock = h('div', {}, buyingCentre(members));
  const coverage = analytics?.coverage;
  const warningsBlock = h('div', {}, warnings(coverage));
  const page = h(
    'article',
    { class: 'brief-page', 'aria-labelledby': 'brief-title' },
    h('h1', { id: 'brief-title' }, `Deal brief: ${view.deal?.name || app.state.accountName}`),
    h('p', { class: 'brief-sub' }, viewTitle(app), hidden.length ? ` · what-if without ${hidden.join(', ')}` : ''),
    map,
    legend,
    h('div', { class: 'brief-columns' }, h('div', {}, membersBlock, warningsBlock), planBlock),
  );
  fill(
    container,
    h(
      'div',
      { class: 'brief-actions' },
      h('button', { type: 'button', onclick: () => window.print() }, 'Print or save as PDF'),
      h('button', { type: 'button', class: 'secondary', onclick: () => hideBrief(container) }, 'Close'),
    ),
    h('div', { class: 'brief-sheet' }, page),
  );
  container.hidden = false;
  fitOnePage(page, { map, statusMap: app.map }, { planBlock, steps, view: scope }, { membersBlock, members }, { warningsBlock, coverage });
  container.querySelector('button').focus();
}

/**
 * Keep the brief to one page: the plan's last steps give way first (the brief says how many
 * more there are), down to FEWEST_STEPS; then the members who weigh least on the decision, down
 * to FEWEST_MEMBERS; then the last coverage warnings, down to FEWEST_WARNINGS (each counted);
 * then the map shows fewer rows (never smaller names).
 */
function fitOnePage(page, { map, statusMap }, { planBlock, steps, view }, { membersBlock, members }, { warningsBlock, coverage }) {
  const fits = () => page.scrollHeight <= PAGE_HEIGHT;
  mostThatFit(fits, FEWEST_STEPS, steps?.length ?? 0, (n) => fill(planBlock, plan(steps, view, n)));
  mostThatFit(fits, FEWEST_MEMBERS, members.length, (n) => fill(membersBlock, buyingCentre(members, n)));
  mostThatFit(fits, FEWEST_WARNINGS, coverage?.warnings?.length ?? 0, (n) => fill(warningsBlock, warnings(coverage, n)));
  let drawn = map;
  let height = MAP_MAX_HEIGHT;
  while (page.scrollHeight > PAGE_HEIGHT && height > MAP_MAX_HEIGHT / 3) {
    height -= 40;
    const smaller = briefMap(statusMap, height);
    drawn.replaceWith(smaller);
    drawn = smaller;
  }
}

/**
 * Show the most of `most` items (at least `fewest`) with which the page `fits()`, by bisection:
 * a deal of 200 members would otherwise lay the page out 200 times.
 */
function mostThatFit(fits, fewest, most, show) {
  if (most <= fewest || fits()) return;
  let [lo, hi] = [fewest, most - 1]; // the answer lies in [lo, hi]; `most` does not fit
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    show(mid);
    if (fits()) lo = mid;
    else hi = mid - 1;
  }
  show(lo);
}

export function hideBrief(container) {
  container.hidden = true;
  fill(container);
}
