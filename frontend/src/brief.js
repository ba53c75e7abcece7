// The deal brief: one printable page for the meeting — the map as it is on screen (with its
// axes and legend), the buying centre by status level with roles and stances, the coverage
// warnings, and the approach plan with its reasons. It is shown over the page first; printing
// (or "Save as PDF") prints the brief alone (style.css, @media print).

import { fill, formatGap, h, words } from './dom.js';
import { levelName, levelRank } from './layout.js';
import { routeOf } from './deal-panel.js';
import { viewSvgElement } from './snapshot.js';

// The printable area of an A4 page with 10 mm margins (style.css @page), in CSS pixels: the
// brief is laid out at this width on screen too, so its height there is its height in print.
const PAGE_HEIGHT = (277 / 25.4) * 96;
const FEWEST_STEPS = 3;

/** "Azure rollout · Contoso · 3 December 2026": the title the view's exports carry too. */
export function viewTitle(app) {
  const deal = app.state.view?.deal;
  const scope = deal ? `${deal.name} · ${deal.organisation?.name || app.state.accountName}` : app.state.accountName;
  const date = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return `${scope || 'statusmap'} · ${date}`;
}

/** The members of the deal's buying centre in bands of status level, highest first. */
function membersByLevel(view) {
  const bands = new Map();
  for (const p of view.people.values()) {
    if (!p.member) continue;
    const rank = levelRank(p);
    if (!bands.has(rank)) bands.set(rank, { rank, name: p.level?.name || levelName(rank), people: [] });
    bands.get(rank).people.push(p);
  }
  const ordered = [...bands.values()].sort((a, b) => b.rank - a.rank);
  for (const band of ordered) band.people.sort((a, b) => a.name.localeCompare(b.name));
  return ordered;
}

function buyingCentre(view) {
  const rows = membersByLevel(view).flatMap((band) =>
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
  );
}

function warnings(coverage) {
  const list = coverage?.warnings || [];
  const missing = (coverage?.roles || []).filter((r) => !r.filled).map((r) => words(r.role));
  return h(
    'section',
    { class: 'brief-block' },
    h('h2', {}, 'Coverage'),
    missing.length ? h('p', {}, h('strong', {}, 'Roles nobody holds: '), missing.join(', ')) : null,
    list.length
      ? h('ul', { class: 'brief-warnings', 'data-testid': 'brief-warnings' }, list.map((w) => h('li', {}, h('strong', {}, `${words(w.code)}: `), w.message)))
      : h('p', { class: 'muted' }, 'No coverage warnings.'),
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

/** Build the brief for the deal open in `app` into `container` and show it. */
export function showBrief(container, app) {
  const view = app.state.view;
  const scope = app.state.scopeView || view;
  const analytics = app.state.analytics;
  const map = viewSvgElement(app.map, viewTitle(app));
  map.removeAttribute('width');
  map.removeAttribute('height');
  map.setAttribute('class', 'brief-map');
  map.setAttribute('role', 'img');
  map.setAttribute('aria-label', 'The map as it is on screen');
  const hidden = [...app.state.hidden].map((id) => app.state.fullView?.people.get(id)?.name).filter(Boolean);
  const steps = analytics?.approachPlan || null;
  const planBlock = h('div', {}, plan(steps, scope));
  const page = h(
    'article',
    { class: 'brief-page', 'aria-labelledby': 'brief-title' },
    h('h1', { id: 'brief-title' }, `Deal brief: ${view.deal?.name || app.state.accountName}`),
    h('p', { class: 'brief-sub' }, viewTitle(app), hidden.length ? ` · what-if without ${hidden.join(', ')}` : ''),
    map,
    h('div', { class: 'brief-columns' }, h('div', {}, buyingCentre(scope), warnings(analytics?.coverage)), planBlock),
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
  fitOnePage(page, map, planBlock, steps, scope);
  container.querySelector('button').focus();
}

/**
 * Keep the brief to one page: the plan's last steps give way first (the brief says how many
 * more there are), down to FEWEST_STEPS; then the map shrinks.
 */
function fitOnePage(page, map, planBlock, steps, view) {
  let shown = steps?.length ?? 0;
  while (page.scrollHeight > PAGE_HEIGHT && shown > FEWEST_STEPS) {
    shown -= 1;
    fill(planBlock, plan(steps, view, shown));
  }
  let height = map.getBoundingClientRect().height;
  while (page.scrollHeight > PAGE_HEIGHT && height > 120) {
    height -= 20;
    map.style.maxHeight = `${height}px`;
  }
}

export function hideBrief(container) {
  container.hidden = true;
  fill(container);
}
