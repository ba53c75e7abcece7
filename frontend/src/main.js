// The page: pickers (workspace, account, deal) → map + people list + panels, all through GraphQL.

import './style.css';
import { UNAUTHENTICATED_EVENT, UnauthenticatedError, apiToken, gql, health, setApiToken } from './api.js';
import { SignIn } from './sign-in.js';
import { formatWeight, h } from './dom.js';
import { ApiSchema } from './schema.js';
import { StatusMap } from './map.js';
import { renderLegend } from './legend.js';
import { PeopleList } from './people-list.js';
import { PersonPanel } from './person-panel.js';
import { DealPanel } from './deal-panel.js';
import { IoPanel } from './io-panel.js';
import { ChangesPanel } from './changes-panel.js';
import { hideBrief, showBrief } from './brief.js';
import { CreatePanel } from './create-panel.js';
import { SavedViews } from './saved-views.js';
import { sidePanes } from './side-panes.js';
import { ACCOUNTS, ACCOUNT_MAP, ACCOUNT_SUMMARY, DEALS, DEAL_MAP, WORKSPACES } from './queries.js';
import { DEFAULT_MIN_WEIGHT, accountView, applyInfluenceMap, dealView, focusDeal, foldAccount, reportsText, withHypothetical, withImagined, withoutPeople } from './view-model.js';
import { loadDealAnalytics } from './analytics.js';
import { loadStatusGaps } from './status-gaps.js';
import { gapText } from './person-panel.js';

const $ = (id) => document.getElementById(id);
const TIP_DECIDERS = 3; // deciders named in a card's hover tip; the rest are counted

class App {
  constructor() {
    this.state = {
      workspaceId: null,
      workspaceKey: null, // CSV upload addresses the workspace by key
      accountId: null,
      accountKey: null, // exports address the account and the deal by key, as the CSV files do
      accountName: null,
      dealId: null,
      dealKey: null,
      dealName: null,
      fullView: null, // everything loaded for the deal/account
      view: null, // what is drawn: fullView minus hidden people
      hidden: new Set(), // what-if: people taken out of map and plan
      imagined: [], // what-if: ties imagined ({kind, sourceId, targetId, strength}), never stored
      hypothetical: [], // what-if: contacts imagined (hypothetical.js), never stored
      moved: new Map(), // person id → {x, y}: cards the user dragged in this deal's view
      expanded: new Set(), // people whose neighbours are brought onto the map
      shown: new Set(), // people brought onto the map one by one (a chosen plan step's route)
      openGroups: new Set(), // departments of the whole-account view shown person by person
      account: null, // the API's summary of the account (ICP fit, ranks, cross-account influencers)
      minWeight: DEFAULT_MIN_WEIGHT, // influencers of the members drawn from this weight up
      scopeView: null, // the deal's whole scope (fullView minus hidden, with its analytics)
      selectedId: null,
      plan: null,
    };
    this.status = $('app-status');
    this.timings = {}; // how long the last answers took (ms), for the console and the tests
    this.signIn = new SignIn({
      section: $('sign-in'),
      replaces: [document.querySelector('main'), $('scope')],
      form: $('sign-in-form'),
      input: $('token'),
      error: $('token-error'),
      onSignedIn: () => this.signedIn(),
    });
    // Any call answered 401 (no token, a wrong or revoked one) brings the form back.
    window.addEventListener(UNAUTHENTICATED_EVENT, (e) => {
      if (!this.signIn.shown) this.askForToken(`Please sign in again: ${e.detail.message}`);
    });
    $('sign-out').addEventListener('click', () => this.signOut());
    this.panes = sidePanes(document.querySelector('main.layout'));
    document.querySelector('.skip').addEventListener('click', () => this.panes.people.open()); // its target is in the list
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
    this.changesPanel = new ChangesPanel($('changes-panel'), this);
    this.createPanel = new CreatePanel($('new-panel'), this);
    this.views = new SavedViews(this);
    renderLegend($('legend'));
    this.wireTabs();
    $('fit').addEventListener('click', () => this.map.fit());
    $('frame').addEventListener('click', () => this.map.frame());
    $('clear-highlight').addEventListener('click', () => this.map.highlightPath([]));
    $('open-brief').addEventListener('click', () => showBrief($('brief'), this));
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !$('brief').hidden) hideBrief($('brief'));
    });
    const weight = $('min-weight');
    this.weightFor(false); // until a deal is open
    weight.value = String(this.state.minWeight);
    $('min-weight-value').textContent = this.state.minWeight.toFixed(2);
    weight.addEventListener('input', () => {
      this.state.minWeight = Number(weight.value);
      $('min-weight-value').textContent = this.state.minWeight.toFixed(2);
      this.refocus();
    });
    this.map.onOpenGroup = (group) => this.openGroup(group);
    this.map.onMove = (id, position) => {
      this.state.moved.set(id, position);
      this.draw(); // lines follow the card
    };
    this.gaps = null; // person id → status gaps to the deciders and to ours (status-gaps.js)
    this.map.describe = (id) => {
      const gaps = this.gaps?.get(id);
      return gaps ? gapText(gaps, { most: TIP_DECIDERS }) : ''; // all of them in the person's panel
    };
    // The account map asks only whether a tie is disputed (its reports would cost a list per line);
    // the deal map and the person panel carry who reported what.
    this.map.describeLine = (line) =>
      line.reports?.length
        ? `Reported by ${reportsText(line.reports, this.state.scopeView || this.state.view)}; weighed by their median ${formatWeight(line.weight)}`
        : `Its observers disagree; weighed by their median ${formatWeight(line.weight)}. Open the person to see who reported what.`;
    $('workspace').addEventListener('change', (e) => this.chooseWorkspace(e.target.value));
    $('account').addEventListener('change', (e) => this.chooseAccount(e.target.value));
    $('deal').addEventListener('change', (e) => this.chooseDeal(e.target.value));
  }

  say(message, { error = false } = {}) {
    this.status.textContent = message;
    this.status.classList.toggle('error', error);
  }

  reportError(e) {
    if (e instanceof UnauthenticatedError) return; // the sign-in form says why
    this.say(`Problem: ${e.message}`, { error: true });
  }

  /** Ask the server how it signs callers in, then sign in or open the workspaces. */
  async start() {
    this.say('Connecting…');
    let answer;
    try {
      answer = await health();
    } catch (e) {
      this.reportError(e);
      return;
    }
    this.authMode = answer.auth || null; // older servers do not say; a 401 then tells
    const mode = $('auth-mode');
    mode.hidden = this.authMode !== 'single-user';
    mode.textContent = 'Single-user mode (this machine only)';
    mode.title = 'No token needed: the server answers only on this machine';
    if (this.authMode === 'token' && !apiToken()) {
      this.askForToken('');
      return;
    }
    $('sign-out').hidden = this.authMode !== 'token';
    await this.open();
  }

  askForToken(message) {
    $('sign-out').hidden = true;
    this.say('Sign in to continue.');
    this.signIn.show(message);
  }

  async signedIn() {
    $('sign-out').hidden = false;
    await this.open().catch((e) => this.reportError(e));
  }

  signOut() {
    setApiToken(null);
    this.loadSeq = (this.loadSeq || 0) + 1; // answers still on their way are dropped
    this.drawSeq = (this.drawSeq || 0) + 1;
    Object.assign(this.state, { fullView: null, view: null, selectedId: null, plan: null });
    this.state.hidden.clear();
    for (const id of ['workspace', 'account', 'deal']) $(id).replaceChildren();
    this.map.clear();
    this.list.setPeople([]);
    this.personPanel.showEmpty();
    this.dealPanel.showEmpty('Sign in to see a deal.');
    this.askForToken('');
    this.say('Signed out.');
  }

  /** Read the API's schema and workspaces, and open the one named in the address (or the first). */
  async open() {
    this.say('Connecting…');
    try {
      this.schema = await ApiSchema.load();
    } catch (e) {
      this.reportError(e);
      return;
    }
    this.ioPanel.render();
    if (!this.schema.hasQuery('workspaces')) {
      this.say('This API has no workspaces yet.', { error: true });
      return;
    }
    await this.openWorkspace(null, new URLSearchParams(window.location.hash.slice(1)));
  }

  /** Fill the workspace picker and open workspace `id` (else the one `wanted`, else the first). */
  async openWorkspace(id, wanted = new URLSearchParams()) {
    const data = await gql(WORKSPACES);
    const workspaces = data.workspaces.edges.map((e) => e.node);
    this.workspaces = workspaces;
    if (!workspaces.length) {
      this.say('No workspace yet: create one (New), load the demo (statusmap seed) or import a CSV.');
      this.dealPanel.showEmpty('No workspace yet.');
      this.createPanel.render();
      return;
    }
    fillSelect($('workspace'), workspaces, (w) => w.name);
    const ws = pick(workspaces, id || wanted.get('workspace'));
    await this.chooseWorkspace(ws.id, wanted);
  }

  async chooseWorkspace(id, wanted = new URLSearchParams()) {
    this.state.workspaceId = id;
    this.state.workspaceKey = this.workspaces.find((w) => w.id === id)?.key;
    $('workspace').value = id;
    const data = await gql(ACCOUNTS, { workspaceId: id });
    const accounts = customersOf(data);
    this.organisations = data.workspace.organisations.edges.map((e) => e.node);
    this.accounts = accounts;
    fillSelect($('account'), accounts, (o) => o.name);
    this.accounts = accounts;
    if (!accounts.length) {
      this.loadSeq = (this.loadSeq || 0) + 1; // a map still on its way (another workspace's) is dropped
      Object.assign(this.state, { accountId: null, dealId: null, fullView: null, view: null, scopeView: null });
      $('deal').replaceChildren();
      this.map.clear();
      this.list.setPeople([]);
      this.dealPanel.showEmpty('No account yet: create an organisation (New).');
      this.createPanel.render();
      this.say('No customer or prospect in this workspace yet.');
      return;
    }
    await this.chooseAccount(pick(accounts, wanted.get('account')).id, wanted);
  }

  async chooseAccount(id, wanted = new URLSearchParams()) {
    this.state.accountId = id;
    $('account').value = id;
    this.state.accountName = $('account').selectedOptions[0]?.textContent || '';
    this.state.accountKey = (this.accounts || []).find((a) => a.id === id)?.key ?? null;
    const data = await gql(DEALS, { workspaceId: this.state.workspaceId, organisationId: id });
    const deals = data.workspace.deals.edges.map((e) => e.node);
    this.deals = deals;
    fillSelect($('deal'), deals, (d) => d.name, NO_DEAL);
    const deal = wanted.has('deal') ? pick(deals, wanted.get('deal'), null) : deals[0];
    await this.chooseDeal(deal ? deal.id : '');
  }

  async chooseDeal(id) {
    this.state.dealId = id || null;
    const deal = (this.deals || []).find((d) => d.id === id);
    this.state.dealKey = deal?.key ?? null;
    this.state.dealName = deal?.name ?? null;
    $('deal').value = id || '';
    this.state.hidden.clear();
    this.state.imagined = [];
    this.state.hypothetical = [];
    this.state.moved = new Map();
    this.views.current = null;
    this.views.dealId = null; // read the team's views of the deal afresh
    this.state.expanded.clear();
    this.state.shown.clear();
    this.state.openGroups.clear();
    this.state.plan = null;
    this.previousPlan = null;
    this.state.selectedId = null;
    // the person open belonged to the deal before: the panel and the list forget them
    this.personPanel.showEmpty();
    this.list.setSelected(null);
    this.map.unselect();
    this.writeHash();
    await this.load();
  }

  writeHash() {
    const params = new URLSearchParams({ workspace: this.state.workspaceId, account: this.state.accountId });
    if (this.state.dealId) params.set('deal', this.state.dealId);
    window.history.replaceState(null, '', `#${params}`);
  }

  /** (Re)load the deal or account from the API and draw it. */
  async load({ compare = false } = {}) {
    const { workspaceId, dealId, accountId } = this.state;
    // Only the latest choice is drawn: an answer for an earlier pick is dropped.
    const seq = (this.loadSeq = (this.loadSeq || 0) + 1);
    this.say('Loading…');
    // A new deal or account is framed afresh; a reload after an edit keeps the view where it is.
    const scope = `${workspaceId}|${accountId}|${dealId || ''}`;
    const frame = this.framedScope !== scope;
    // The analytics take longest: ask for them while the map's own data is on its way.
    const analytics = dealId ? this.askAnalytics() : null;
    let fullView;
    try {
      if (dealId) {
        const asked = performance.now();
        const data = await gql(DEAL_MAP, { workspaceId, dealId });
        this.timings.mapDataMs = performance.now() - asked;
        fullView = dealView(data.workspace.deal);
      } else {
        const summary = gql(ACCOUNT_SUMMARY, { workspaceId, organisationId: accountId }).catch(() => null);
        const nodes = [];
        let after = null;
        do {
          const data = await gql(ACCOUNT_MAP, { workspaceId, organisationId: accountId, after });
          const page = data.workspace.people;
          nodes.push(...page.edges.map((e) => e.node));
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        fullView = accountView(nodes);
        this.state.account = accountSummary(await summary, accountId);
      }
    } catch (e) {
      if (seq === this.loadSeq) this.reportError(e);
      return;
    }
    if (seq !== this.loadSeq) return;
    this.state.fullView = fullView;
    await this.redraw({ compare, analytics, frame });
    if (seq !== this.loadSeq) return;
    const { view } = this.state;
    if (!view) return;
    this.framedScope = scope;
    this.say(view.deal ? `Deal loaded: ${view.deal.name}` : `Account loaded: ${this.state.accountName}`);
  }

  /** The deal's analytics as {analytics, error}; never rejects (the panel shows the error). */
  async askAnalytics() {
    const asked = performance.now();
    try {
      const analytics = await loadDealAnalytics(this.schema, this.state);
      this.timings.analyticsMs = performance.now() - asked;
      return { analytics, error: null };
    } catch (e) {
      return { analytics: null, error: e };
    }
  }

  /**
   * Draw fullView minus hidden people, with the analytics of what is drawn (`analytics`: an
   * answer of askAnalytics already asked for, else asked here). `frame`: show the buying centre.
   */
  async redraw({ compare, analytics: asked = null, frame = false }) {
    const { fullView, hidden, imagined, hypothetical } = this.state;
    const seq = (this.drawSeq = (this.drawSeq || 0) + 1);
    const view = withImagined(withHypothetical(withoutPeople(fullView, hidden), hypothetical), imagined);
    let analytics = null;
    let analyticsError = null;
    if (view.deal) {
      const answer = await (asked || this.askAnalytics());
      if (seq !== this.drawSeq) return; // a newer draw has started
      analytics = answer.analytics;
      if (answer.error) {
        if (answer.error instanceof UnauthenticatedError) return;
        analyticsError = `Analytics failed: ${answer.error.message}`;
      }
      if (analytics?.influenceMap) applyInfluenceMap(view, analytics.influenceMap, hidden);
    }
    this.state.scopeView = view;
    this.state.plan = view.deal ? analytics?.approachPlan || null : null;
    this.state.analytics = analytics;
    this.draw({ frame });
    // The map is drawn before the panels are built (a big deal's plan and pickers take longer
    // than the map itself).
    await this.map.painted();
    if (seq !== this.drawSeq) return;
    if (view.deal) {
      // The plan to compare with: the what-if's own "before", else the plan before this edit.
      const baseline = analytics?.baseline || (compare ? this.previousPlan : null);
      this.previousPlan = this.state.plan;
      this.dealPanel.render({ view: this.state.view, analytics, analyticsError, baseline });
    } else {
      this.dealPanel.renderAccount(this.state.account);
    }
    const selected = this.state.selectedId;
    if (selected && this.state.view.people.has(selected)) {
      this.map.select(selected, { centre: false });
      this.list.setSelected(selected);
    }
  }

  /** Draw the deal's own part of its scope (or the account, folded): see focusDeal. */
  draw({ frame = false } = {}) {
    const { scopeView, plan, minWeight, expanded, moved, hypothetical } = this.state;
    const { account, openGroups } = this.state;
    // hypothetical contacts are always drawn: they are what the user is trying out
    const shown = new Set([...this.state.shown, ...hypothetical.map((p) => p.id)]);
    const view = scopeView.deal
      ? focusDeal(scopeView, { plan, minWeight, expanded, shown })
      : foldAccount(scopeView, { ranks: account?.ranks, open: openGroups, shown: this.state.shown });
    this.state.view = view;
    this.weightFor(Boolean(view.deal));
    this.map.render(view, { frame, moved });
    this.list.setPeople(view.people.values());
    if (view.deal) this.loadGaps(view);
    $('map-caption').textContent = `${view.people.size} people · ${this.map.lastLayout.lines} lines`;
  }

  /** Ask the API for the status gaps of the people drawn (shown on hover and in the panel). */
  async loadGaps(view) {
    const seq = (this.gapsSeq = (this.gapsSeq || 0) + 1);
    try {
      const gaps = await loadStatusGaps(this.schema, this.state, view);
      if (seq === this.gapsSeq) this.gaps = gaps;
    } catch {
      if (seq === this.gapsSeq) this.gaps = null; // the map stays usable without them
    }
  }

  /** The influence weight picks a deal's influencers: without a deal it has nothing to pick. */
  weightFor(deal) {
    const weight = $('min-weight');
    weight.disabled = !deal;
    weight.closest('label').title = deal
      ? WEIGHT_TIP
      : 'Choose a deal first: this weight picks which influencers of its buying centre are drawn';
  }

  /** The weight threshold changed: draw again, keeping the view where it is. */
  refocus() {
    if (!this.state.scopeView?.deal) return;
    this.draw();
    const selected = this.state.selectedId;
    if (selected && this.state.view.people.has(selected)) this.map.select(selected, { centre: false });
  }

  /** Unfold one department of the whole-account view. */
  openGroup(group) {
    this.state.openGroups.add(group);
    this.draw();
    this.say('Department opened');
  }

  /** Bring people of the deal's scope onto its map (a chosen plan step's route). */
  showPeople(ids) {
    const missing = ids.filter((id) => this.state.scopeView?.people.has(id) && !this.state.view.people.has(id));
    if (!missing.length) return;
    for (const id of missing) this.state.shown.add(id);
    this.refocus();
  }

  /** "Show who is around this person": their neighbours join the map (one step). */
  expand(id) {
    const name = this.state.view?.people.get(id)?.name || 'them';
    this.state.expanded.add(id);
    let added = [];
    if (this.state.scopeView?.deal) {
      const before = new Set(this.state.view.people.keys());
      const seen = this.map.inView();
      this.refocus();
      // the view moves to show who joined, with who was in sight when that still reads
      added = [...this.state.view.people.keys()].filter((p) => !before.has(p));
      if (added.length) this.map.reveal(id, added, seen);
    }
    // those the view could not take at a readable zoom are named in a note that brings them in
    this.map.noteAround(id, name, added);
    this.say(
      added.length
        ? `${added.length} ${added.length === 1 ? 'person' : 'people'} around ${name} added`
        : `Nobody more is around ${name}`,
    );
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
    await this.load({ compare: true });
    if (this.state.view.people.has(personId)) await this.personPanel.show(personId);
    else this.personPanel.showEmpty(); // e.g. taken out of the buying centre, off the map now
  }

  /** A person created from the page: drawn at once (in the buying centre or not) and opened. */
  async personCreated(person) {
    this.state.shown.add(person.id);
    await this.load({ compare: true });
    await this.selectPerson(person.id);
    this.say(`Person created: ${person.name}`);
  }

  /** A person was deleted: nobody is selected, the map and plan are read again. */
  async personRemoved(person) {
    this.state.selectedId = null;
    this.state.hidden.delete(person.id);
    this.personPanel.showEmpty();
    await this.load({ compare: true });
    this.say(`Removed ${person.name}`);
  }

  /** New rows may add accounts and deals: refresh the pickers, keep what is open. */
  async reloadAfterImport() {
    const { workspaceId, accountId, dealId } = this.state;
    const [accounts, deals] = await Promise.all([
      gql(ACCOUNTS, { workspaceId }),
      gql(DEALS, { workspaceId, organisationId: accountId }),
    ]);
    fillSelect($('account'), customersOf(accounts), (o) => o.name);
    $('account').value = accountId;
    fillSelect($('deal'), deals.workspace.deals.edges.map((e) => e.node), (d) => d.name, NO_DEAL);
    $('deal').value = dealId || '';
    await this.load({ compare: true });
  }

  /** A new organisation: the pickers learn it; a new account is opened. */
  async organisationCreated(org) {
    const wanted = new URLSearchParams();
    const account = ['customer', 'prospect'].includes(String(org.kind).toLowerCase());
    wanted.set('account', account ? org.id : this.state.accountId || '');
    if (this.state.dealId && !account) wanted.set('deal', this.state.dealId);
    await this.chooseWorkspace(this.state.workspaceId, wanted);
    this.createPanel.render();
    this.say(`Organisation created: ${org.name}`);
  }

  /** A new deal: open it (on its account). */
  async dealCreated(accountId, deal) {
    await this.chooseWorkspace(this.state.workspaceId, new URLSearchParams({ account: accountId, deal: deal.id }));
    this.createPanel.render();
    this.say(`Deal created: ${deal.name}`);
  }

  async toggleHidden(id) {
    if (this.state.hidden.has(id)) this.state.hidden.delete(id);
    else this.state.hidden.add(id);
    await this.redraw({ compare: false });
    this.showTab('deal');
    this.say(this.state.hidden.size ? `What-if: ${this.state.hidden.size} hidden` : 'Everyone shown');
  }

  /** What-if: suppose `tie.sourceId` (ours or a partner's) knows `tie.targetId`; nothing is stored. */
  async imagine(tie) {
    const same = (t) => t.sourceId === tie.sourceId && t.targetId === tie.targetId;
    this.state.imagined = [...this.state.imagined.filter((t) => !same(t)), tie];
    await this.redraw({ compare: false });
    $('deal-panel').scrollTop = 0; // the what-if's note and the plan it changed
    this.say(`What-if: ${tie.sourceName} knows ${tie.targetName}`);
  }

  /** Open a saved view of the deal open now (saved-views.js): its filters, what-if, cards and viewport. */
  async openView(saved) {
    const { state } = this;
    // a view keeps what the page saved; what it lacks takes the page's defaults
    state.minWeight = Number.isFinite(saved.minWeight) ? saved.minWeight : DEFAULT_MIN_WEIGHT;
    $('min-weight').value = String(state.minWeight);
    $('min-weight-value').textContent = state.minWeight.toFixed(2);
    state.expanded = new Set(saved.expanded || []);
    state.shown = new Set(saved.shown || []);
    state.hidden = new Set((saved.hidden || []).filter((id) => state.fullView?.people.has(id)));
    state.imagined = saved.imagined || [];
    state.hypothetical = saved.hypothetical || [];
    state.moved = new Map(saved.moved || []);
    this.views.current = saved.name;
    await this.redraw({ compare: false });
    if (saved.viewport) this.map.cy.viewport(saved.viewport);
    this.say(`View opened: ${saved.name}`);
  }

  /**
   * Try a what-if with `changes` ({imagined, hypothetical}) in place of the current ones: the API
   * answers first, and only an answer it accepts is drawn. Rejects with the API's error (its
   * fields named) and leaves the map as it was.
   */
  async tryWhatIf(changes) {
    const analytics = await loadDealAnalytics(this.schema, { ...this.state, ...changes });
    // the levels the API gave the hypothetical contacts (inferred from the title, capped by a manager)
    const levels = new Map((analytics?.hypotheticalPeople || []).map((p) => [p.key, p]));
    const hypothetical = (changes.hypothetical || this.state.hypothetical).map((p) => {
      const answer = levels.get(p.id);
      return answer ? { ...p, level: { rank: answer.levelRank, inferred: answer.levelInferred } } : p;
    });
    Object.assign(this.state, changes, { hypothetical });
    await this.redraw({ compare: false, analytics: { analytics, error: null } });
  }

  /** Take a hypothetical contact out of the what-if, with the ties imagined to them. */
  async removeHypothetical(id) {
    const { state } = this;
    const name = state.hypothetical.find((p) => p.id === id)?.name || 'them';
    state.hypothetical = state.hypothetical.filter((p) => p.id !== id);
    state.imagined = state.imagined.filter((t) => t.sourceId !== id && t.targetId !== id);
    if (state.selectedId === id) {
      state.selectedId = null;
      this.personPanel.showEmpty();
    }
    await this.redraw({ compare: false });
    this.showTab('deal');
    this.say(`What-if: ${name} taken out`);
  }

  /** Leave the what-if: everyone back, no imagined ties or contacts. */
  async clearWhatIf() {
    this.state.hidden.clear();
    this.state.imagined = [];
    this.state.hypothetical = [];
    await this.redraw({ compare: false });
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
    if (name === 'new') this.createPanel.render();
    if (name === 'changes') this.changesPanel.render();
    else this.map.highlightChanged([]);
  }
}

const WEIGHT_TIP = 'Influencers of the buying centre are drawn from this weight up, strongest first';
const NO_DEAL = { value: '', label: 'Whole account (no deal)' };

/** The API's account summary: ranks by person key, ICP fit, and who reaches across accounts. */
function accountSummary(data, accountId) {
  const org = data?.workspace?.organisation;
  if (!org) return null;
  const cols = org.influenceMap?.peopleColumns;
  const ranks = new Map((cols?.personKey || []).map((key, i) => [key, cols.influenceRank[i]]));
  const cross = (data.workspace.crossAccountInfluencers || []).filter(
    (c) => c.accounts.some((a) => a.organisationKey === org.key),
  );
  return { id: accountId, name: org.name, icpFit: org.icpFit, ranks, cross };
}

/** Accounts are customers and prospects: not partners, not us. */
function customersOf(data) {
  return data.workspace.organisations.edges
    .map((e) => e.node)
    .filter((o) => !['home', 'partner'].includes(String(o.kind).toLowerCase()));
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
