// The page: pickers (workspace, account, deal) → map + people list + panels, all through GraphQL.

import './style.css';
import { gql } from './api.js';
import { h } from './dom.js';
import { ApiSchema } from './schema.js';
import { StatusMap } from './map.js';
import { renderLegend } from './legend.js';
import { PeopleList } from './people-list.js';
import { PersonPanel } from './person-panel.js';
import { DealPanel } from './deal-panel.js';
import { IoPanel } from './io-panel.js';
import { ACCOUNTS, ACCOUNT_MAP, DEALS, DEAL_MAP, WORKSPACES } from './queries.js';
import { accountView, applyInfluenceMap, dealView, withoutPeople } from './view-model.js';
import { loadDealAnalytics } from './analytics.js';
import { importer } from './imports.js';

const $ = (id) => document.getElementById(id);

class App {
  constructor() {
    this.state = {
      workspaceId: null,
      accountId: null,
      accountName: null,
      dealId: null,
      fullView: null, // everything loaded for the deal/account
      view: null, // what is drawn: fullView minus hidden people
      hidden: new Set(), // what-if: people taken out of map and plan
      selectedId: null,
      plan: null,
    };
    this.status = $('app-status');
    this.map = new StatusMap($('map'), { onSelect: (id) => this.selectPerson(id) });
    this.list = new PeopleList({
      list: $('people-list'),
      search: $('people-search'),
      count: $('people-count'),
      onSelect: (id) => this.selectPerson(id),
    });
    this.personPanel = new PersonPanel($('person-panel'), this);
    this.dealPanel = new DealPanel($('deal-panel'), this);
    this.ioPanel = new IoPanel($('io-panel'), this);
    renderLegend($('legend'));
    this.wireTabs();
    $('fit').addEventListener('click', () => this.map.fit());
    $('clear-highlight').addEventListener('click', () => this.map.highlightPath([]));
    $('workspace').addEventListener('change', (e) => this.chooseWorkspace(e.target.value));
    $('account').addEventListener('change', (e) => this.chooseAccount(e.target.value));
    $('deal').addEventListener('change', (e) => this.chooseDeal(e.target.value));
  }

  say(message, { error = false } = {}) {
    this.status.textContent = message;
    this.status.classList.toggle('error', error);
  }

  reportError(e) {
    this.say(`Problem: ${e.message}`, { error: true });
  }

  async start() {
    this.say('Connecting…');
    try {
      this.schema = await ApiSchema.load();
    } catch (e) {
      this.reportError(e);
      return;
    }
    this.ioPanel.imports = importer(this.schema, () => this.state.workspaceId);
    this.ioPanel.render();
    if (!this.schema.hasQuery('workspaces')) {
      this.say('This API has no workspaces yet.', { error: true });
      return;
    }
    const wanted = new URLSearchParams(window.location.hash.slice(1));
    const data = await gql(WORKSPACES);
    const workspaces = data.workspaces.edges.map((e) => e.node);
    if (!workspaces.length) {
      this.say('No workspace yet: load the demo (statusmap seed) or import a CSV.');
      this.dealPanel.showEmpty('No workspace yet.');
      return;
    }
    fillSelect($('workspace'), workspaces, (w) => w.name);
    const ws = pick(workspaces, wanted.get('workspace'));
    await this.chooseWorkspace(ws.id, wanted);
  }

  async chooseWorkspace(id, wanted = new URLSearchParams()) {
    this.state.workspaceId = id;
    $('workspace').value = id;
    const data = await gql(ACCOUNTS, { workspaceId: id });
    const accounts = data.workspace.organisations.edges
      .map((e) => e.node)
      .filter((o) => !['home', 'partner'].includes(String(o.kind).toLowerCase()));
    fillSelect($('account'), accounts, (o) => o.name);
    if (!accounts.length) {
      this.say('No customer or prospect in this workspace yet.');
      return;
    }
    await this.chooseAccount(pick(accounts, wanted.get('account')).id, wanted);
  }

  async chooseAccount(id, wanted = new URLSearchParams()) {
    this.state.accountId = id;
    $('account').value = id;
    this.state.accountName = $('account').selectedOptions[0]?.textContent || '';
    const data = await gql(DEALS, { workspaceId: this.state.workspaceId, organisationId: id });
    const deals = data.workspace.deals.edges.map((e) => e.node);
    fillSelect($('deal'), deals, (d) => d.name, { value: '', label: 'Whole account (no deal)' });
    const deal = wanted.has('deal') ? pick(deals, wanted.get('deal'), null) : deals[0];
    await this.chooseDeal(deal ? deal.id : '');
  }

  async chooseDeal(id) {
    this.state.dealId = id || null;
    $('deal').value = id || '';
    this.state.hidden.clear();
    this.state.plan = null;
    this.writeHash();
    await this.load();
  }

  writeHash() {
    const params = new URLSearchParams({ workspace: this.state.workspaceId, account: this.state.accountId });
    if (this.state.dealId) params.set('deal', this.state.dealId);
    window.history.replaceState(null, '', `#${params}`);
  }

  /** (Re)load the deal or account from the API and draw it. */
  async load() {
    const { workspaceId, dealId, accountId } = this.state;
    this.say('Loading…');
    try {
      if (dealId) {
        const data = await gql(DEAL_MAP, { workspaceId, dealId });
        this.state.fullView = dealView(data.workspace.deal);
      } else {
        const nodes = [];
        let after = null;
        do {
          const data = await gql(ACCOUNT_MAP, { workspaceId, organisationId: accountId, after });
          const page = data.workspace.people;
          nodes.push(...page.edges.map((e) => e.node));
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        this.state.fullView = accountView(nodes);
      }
    } catch (e) {
      this.reportError(e);
      return;
    }
    await this.redraw({ reloadPlan: true });
    const n = this.state.view.people.size;
    $('map-caption').textContent = `${n} people · ${this.state.view.edges.length} lines`;
    this.say(this.state.dealId ? `Deal loaded: ${this.state.view.deal.name}` : `Account loaded: ${this.state.accountName}`);
  }

  /** Draw fullView minus hidden people; fetch analytics for what is drawn. */
  async redraw({ reloadPlan }) {
    const { fullView, hidden } = this.state;
    const view = withoutPeople(fullView, hidden);
    this.state.view = view;
    let analytics = null;
    let analyticsError = null;
    if (view.deal) {
      try {
        analytics = await loadDealAnalytics(this.schema, this.state);
      } catch (e) {
        analyticsError = `Analytics failed: ${e.message}`;
      }
      if (analytics?.influenceMap) applyInfluenceMap(view, analytics.influenceMap);
    }
    this.map.render(view);
    this.list.setPeople(view.people.values());
    if (view.deal) {
      const baseline = hidden.size ? this.state.plan : null;
      if (reloadPlan && !hidden.size) this.state.plan = analytics?.approachPlan || null;
      this.dealPanel.render({ view, analytics, analyticsError, baseline });
    } else {
      this.dealPanel.showEmpty('Choose a deal to see its coverage and approach plan.');
    }
    const selected = this.state.selectedId;
    if (selected && view.people.has(selected)) {
      this.map.select(selected, { centre: false });
      this.list.setSelected(selected);
    }
  }

  async selectPerson(id) {
    if (!this.state.view?.people.has(id)) return;
    this.state.selectedId = id;
    this.map.select(id);
    this.list.setSelected(id);
    this.showTab('person');
    await this.personPanel.show(id);
  }

  /** After a successful edit: reload map and plan, keep the person open. */
  async afterEdit(personId) {
    const status = this.state.hidden.size;
    await this.load();
    if (status) await this.redraw({ reloadPlan: false });
    if (this.state.view.people.has(personId)) await this.personPanel.show(personId);
  }

  async reloadAfterImport() {
    await this.load();
  }

  async toggleHidden(id) {
    if (this.state.hidden.has(id)) this.state.hidden.delete(id);
    else this.state.hidden.add(id);
    await this.redraw({ reloadPlan: false });
    this.showTab('deal');
    this.say(this.state.hidden.size ? `What-if: ${this.state.hidden.size} hidden` : 'Everyone shown');
  }

  async clearHidden() {
    this.state.hidden.clear();
    await this.redraw({ reloadPlan: false });
    this.say('Everyone shown');
  }

  wireTabs() {
    const tabs = [...document.querySelectorAll('[role=tab]')];
    for (const tab of tabs) {
      tab.addEventListener('click', () => this.showTab(tab.id.replace('tab-', '')));
      tab.addEventListener('keydown', (e) => {
        const i = tabs.indexOf(tab);
        let next = null;
        if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
        if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
        if (!next) return;
        e.preventDefault();
        this.showTab(next.id.replace('tab-', ''));
        next.focus();
      });
    }
  }

  showTab(name) {
    for (const tab of document.querySelectorAll('[role=tab]')) {
      const on = tab.id === `tab-${name}`;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      $(tab.getAttribute('aria-controls')).hidden = !on;
    }
  }
}

function fillSelect(select, items, label, empty = null) {
  const options = items.map((item) => h('option', { value: item.id }, label(item)));
  if (empty) options.unshift(h('option', { value: empty.value }, empty.label));
  select.replaceChildren(...options);
}

/** The item whose id or key is `wanted`, else the first (or `fallback`). */
function pick(items, wanted, fallback = items[0]) {
  return items.find((i) => i.id === wanted || i.key === wanted) || fallback;
}

const app = new App();
window.statusmap = app; // for the browser console and the end-to-end tests
app.start().catch((e) => app.reportError(e));
