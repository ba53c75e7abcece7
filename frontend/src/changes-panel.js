// "What changed since": pick a moment (a date, last week, or the last review), see what changed
// for the deal (or the account) since then, grouped by kind, each with who made it, when and
// through what; the people and edges concerned are highlighted on the map.

import { fill, h } from './dom.js';
import { gql } from './api.js';
import { ACCOUNT_CHANGES, DEAL_CHANGES } from './queries.js';
import { byKey } from './view-model.js';

const DAY = 86_400_000;

// Groups in the order a reader wants them: people first, then what they hold, then the analyses.
const GROUPS = [
  ['People who joined or left', ['MAP_JOINED', 'MAP_LEFT', 'MEMBER_JOINED', 'MEMBER_LEFT', 'PERSON_ADDED', 'PERSON_REMOVED']],
  ['Roles, stance and stage', ['ROLES_CHANGED', 'STANCE_CHANGED', 'STAGE_CHANGED', 'STAKE_CHANGED']],
  ['Levels and jobs', ['LEVEL_CHANGED', 'EMPLOYMENT_STARTED', 'EMPLOYMENT_CHANGED', 'EMPLOYMENT_ENDED', 'PERSON_CHANGED']],
  ['Edges', ['INFLUENCE_ADDED', 'INFLUENCE_REMOVED', 'INFLUENCE_CHANGED', 'KNOWS_ADDED', 'KNOWS_REMOVED', 'KNOWS_CHANGED', 'REPORTING_ADDED', 'REPORTING_REMOVED', 'REPORTING_CHANGED']],
  ['Coverage warnings', ['WARNING_GAINED', 'WARNING_LOST']],
  ['Approach plan', ['PLAN_STEP_MOVED']],
];
const EDGE_KINDS = { INFLUENCES: 'influence', KNOWS: 'knows', REPORTS_TO: 'reports' };

function reviewKey(scope) {
  return `statusmap.review.${scope}`;
}

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

export class ChangesPanel {
  constructor(container, app) {
    this.el = container;
    this.app = app;
  }

  /** The scope the panel speaks of: the deal on the map, else the account. */
  scope() {
    const { workspaceId, dealId, accountId } = this.app.state;
    return dealId ? { kind: 'deal', workspaceId, id: dealId } : { kind: 'account', workspaceId, id: accountId };
  }

  render() {
    const scope = this.scope();
    const lastReview = localStorage.getItem(reviewKey(scope.id));
    const date = h('input', { id: 'changes-since', type: 'date', max: isoDate(new Date()), value: isoDate(new Date(Date.now() - 7 * DAY)) });
    this.result = h('div', { id: 'changes-result', 'aria-live': 'polite', 'data-testid': 'changes-result' });
    const show = (since) => this.show(since).catch((e) => fill(this.result, h('p', { class: 'error' }, e.message)));
    fill(
      this.el,
      h('h2', {}, 'What changed since'),
      h('p', { class: 'muted' }, scope.kind === 'deal' ? 'For the deal on the map.' : 'For the account on the map.'),
      h(
        'form',
        { class: 'edit changes-form', onsubmit: (e) => { e.preventDefault(); show(new Date(`${date.value}T00:00:00`)); } },
        h('label', { for: 'changes-since' }, 'Since'),
        date,
        h('div', { class: 'buttons' },
          h('button', { type: 'submit' }, 'Show'),
          h('button', { type: 'button', class: 'secondary', onclick: () => show(new Date(Date.now() - 7 * DAY)) }, 'Last week'),
          h('button', {
            type: 'button',
            class: 'secondary',
            disabled: !lastReview,
            title: lastReview ? `Marked ${new Date(lastReview).toLocaleString()}` : 'No review marked yet',
            onclick: () => show(new Date(lastReview)),
          }, 'Last review'),
          h('button', {
            type: 'button',
            class: 'secondary',
            onclick: () => { localStorage.setItem(reviewKey(scope.id), new Date().toISOString()); this.render(); },
          }, 'Mark reviewed now'),
        ),
      ),
      this.result,
    );
  }

  async show(since) {
    if (Number.isNaN(since.getTime())) throw new Error('Choose a date first.');
    const scope = this.scope();
    fill(this.result, h('p', {}, 'Loading…'));
    const vars = { workspaceId: scope.workspaceId, since: since.toISOString() };
    const data = scope.kind === 'deal'
      ? (await gql(DEAL_CHANGES, { ...vars, dealId: scope.id })).workspace.deal
      : (await gql(ACCOUNT_CHANGES, { ...vars, organisationId: scope.id })).workspace.organisation;
    const latest = new Map(); // fact key → its latest event in the window (who, when, through what)
    for (const { node } of data.changes.edges) {
      const key = node.key.join('|');
      if (!latest.has(key)) latest.set(key, node);
    }
    const changes = data.changedSince;
    this.app.map.highlightChanged(this.mapIds(changes));
    if (!changes.length) {
      fill(this.result, h('p', { class: 'muted' }, `Nothing changed since ${since.toLocaleString()}.`));
      return;
    }
    const sections = [];
    for (const [title, kinds] of GROUPS) {
      const items = changes.filter((c) => kinds.includes(c.kind));
      if (!items.length) continue;
      sections.push(
        h('section', { class: 'changes-group', 'data-testid': 'changes-group' },
          h('h3', {}, `${title} (${items.length})`),
          h('ul', { class: 'changes-list' }, items.map((c) => this.item(c, latest.get(c.key.join('|'))))),
        ),
      );
    }
    fill(this.result, h('p', { class: 'muted' }, `${changes.length} changes since ${since.toLocaleString()}; highlighted on the map.`), sections);
  }

  name(key) {
    const view = this.app.state.fullView;
    const person = view ? byKey(view, key) : null;
    return person ? person.name : key;
  }

  describe(c) {
    const [fact, a, b, third] = c.key;
    const kind = c.kind.toLowerCase().replace(/_/g, ' ');
    const value = (v, field) => (v && typeof v === 'object' ? v[field] : v);
    if (fact === 'map') return `${this.name(a)} ${c.kind === 'MAP_JOINED' ? 'joined' : 'left'} the map`;
    if (fact === 'warning') return `${c.kind === 'WARNING_GAINED' ? 'New warning' : 'Warning gone'}: ${value(c.after || c.before, 'message')}`;
    if (fact === 'plan_step') {
      const from = value(c.before, 'order');
      const to = value(c.after, 'order');
      return `${this.name(a)}: ${from ? `step ${from}` : 'not in the plan'} → ${to ? `step ${to}` : 'out of the plan'}`;
    }
    if (fact === 'member') {
      const field = c.kind === 'STANCE_CHANGED' ? 'stance' : c.kind === 'STAGE_CHANGED' ? 'stage' : c.kind === 'ROLES_CHANGED' ? 'roles' : null;
      const show = (v) => (Array.isArray(v) ? v.join(', ') : v ?? '—');
      const change = field ? `: ${show(value(c.before, field))} → ${show(value(c.after, field))}` : '';
      return `${this.name(b)} ${kind}${change}`;
    }
    if (fact in EDGE_KINDS) {
      const weight = (v) => value(v, 'weight') ?? value(v, 'strength');
      const w = c.before && c.after ? ` ${weight(c.before)} → ${weight(c.after)}` : '';
      return `${this.name(a)} → ${this.name(b)}: ${kind}${w}`;
    }
    if (fact === 'level') return `${this.name(a)}: level ${c.before ?? '—'} → ${c.after ?? '—'}`;
    return `${this.name(a)}${third ? ` (${third})` : ''}: ${kind}`;
  }

  item(c, event) {
    const made = event
      ? `${new Date(event.at).toLocaleString()} · ${event.actor} · ${event.via}${event.file ? ` (${event.file}, row ${event.row})` : ''}`
      : 'follows from the changes above';
    return h('li', { class: 'change', 'data-kind': c.kind.toLowerCase() },
      h('span', { class: 'change-what' }, this.describe(c)),
      h('span', { class: 'change-made muted' }, made));
  }

  /** The map's ids of the people and edges the changes concern (those drawn). */
  mapIds(changes) {
    const view = this.app.state.fullView;
    if (!view) return [];
    const id = (key) => byKey(view, key)?.id;
    const ids = new Set();
    for (const c of changes) {
      const [fact, ...rest] = c.key;
      if (fact in EDGE_KINDS) {
        const [a, b] = rest.map(id);
        if (a && b) ids.add(`${EDGE_KINDS[fact]}:${a}>${b}`);
        for (const p of [a, b]) if (p) ids.add(p);
      } else if (fact === 'warning') {
        for (const p of rest.slice(1).map(id)) if (p) ids.add(p);
      } else {
        const person = id(fact === 'member' ? rest[1] : rest[0]);
        if (person) ids.add(person);
      }
    }
    return [...ids];
  }
}
