// Named views of a deal, saved on the server under the workspace and shared by its team
// (GraphQL Deal.views, saveView, deleteView): what the map shows (the influence threshold,
// people brought in, the what-if's hidden people, imagined ties and contacts), where the user
// moved cards, and the pan and zoom. Saving a name again replaces that view.

import { gql } from './api.js';
import { fill, h } from './dom.js';
import { fieldError, submitMutation } from './forms.js';
import { DEAL_VIEWS, mutationDocument } from './queries.js';

export class SavedViews {
  constructor(app) {
    this.app = app;
    this.current = null; // the name of the view open now, if one is
    this.views = []; // the deal's views as last read: {id, name, ...state}
    this.dealId = null; // the deal they were read for; null: read them again
    this.problem = null; // why they could not be read
  }

  /** Read the saved views of the deal open now from the server. */
  async load() {
    const { workspaceId, dealId } = this.app.state;
    this.dealId = dealId;
    this.problem = null;
    let views = [];
    try {
      const data = await gql(DEAL_VIEWS, { workspaceId, dealId });
      views = (data.workspace?.deal?.views.edges || []).map(({ node }) => ({ ...node.state, id: node.id, name: node.name, savedBy: node.savedBy }));
    } catch (e) {
      this.problem = `Saved views could not be read: ${e.message}`;
    }
    if (this.app.state.dealId !== dealId) return; // another deal was opened meanwhile
    this.views = views.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** What the map shows now, as a view's state. */
  state() {
    const { state, map } = this.app;
    return {
      accountId: state.accountId,
      minWeight: state.minWeight,
      expanded: [...state.expanded],
      shown: [...state.shown],
      hidden: [...state.hidden],
      imagined: state.imagined,
      hypothetical: state.hypothetical,
      moved: [...state.moved],
      viewport: { zoom: map.cy.zoom(), pan: { ...map.cy.pan() } },
    };
  }

  /** Save what the map shows now as `name` on the server (replacing a view of that name). */
  async save(name, status) {
    const { workspaceId, dealId } = this.app.state;
    const saved = await submitMutation({
      document: mutationDocument(this.app.schema, 'saveView', '... on SaveViewSuccess { view { id name } }'),
      resultField: 'saveView',
      input: { workspaceId, dealId, name, state: this.state() },
      fields: { name: 'saved-view-name-error', state: 'saved-view-name-error', dealId: 'saved-view-name-error' },
      status,
    });
    if (!saved) return false;
    this.current = saved.view.name;
    await this.load();
    return saved.view.name;
  }

  async remove(view, status) {
    const done = await submitMutation({
      document: mutationDocument(this.app.schema, 'deleteView'),
      resultField: 'deleteView',
      input: { workspaceId: this.app.state.workspaceId, id: view.id },
      fields: {},
      status,
    });
    if (!done) return false;
    if (this.current === view.name) this.current = null;
    await this.load();
    return true;
  }

  /** The deal panel's block: choose a saved view, save this one under a name, delete one. */
  block() {
    const { dealId } = this.app.state;
    if (!dealId || !this.app.schema?.hasMutation('saveView')) return null;
    const status = h('p', { class: 'form-status', id: 'saved-view-status', 'aria-live': 'polite' });
    if (this.dealId !== dealId) {
      // read them for this deal, then show them
      this.load().then(() => {
        if (this.app.state.dealId === dealId) this.app.dealPanel.refreshViews('');
      });
      return h('section', { class: 'saved-views-block', 'aria-label': 'Saved views', 'data-testid': 'saved-views' }, h('p', { class: 'muted' }, 'Reading the saved views…'));
    }
    const views = this.views;
    const select = h(
      'select',
      { id: 'saved-view', 'aria-label': 'Open a saved view' },
      h('option', { value: '' }, views.length ? 'Open a saved view…' : 'No saved views yet'),
      views.map((v) => h('option', { value: v.name, title: v.savedBy ? `saved by ${v.savedBy}` : null }, v.name)),
    );
    if (views.some((v) => v.name === this.current)) select.value = this.current;
    select.addEventListener('change', async () => {
      const view = views.find((v) => v.name === select.value);
      if (view) await this.app.openView(view);
    });
    const name = h('input', { id: 'saved-view-name', type: 'text', placeholder: 'Name of this view', 'aria-label': 'Name of this view', autocomplete: 'off', maxlength: '200', 'aria-describedby': 'saved-view-name-error' });
    const form = h(
      'form',
      {
        class: 'saved-views',
        novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          const chosen = name.value.trim();
          if (!chosen) {
            status.textContent = 'Give the view a name first.';
            return;
          }
          const saved = await this.save(chosen, status);
          if (saved) this.app.dealPanel.refreshViews(`Saved "${saved}" for the team.`);
        },
      },
      name,
      h('button', { type: 'submit', class: 'secondary' }, 'Save view'),
    );
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        disabled: !views.length,
        onclick: async () => {
          const view = views.find((v) => v.name === select.value);
          if (!view) {
            status.textContent = 'Choose the view to delete.';
            return;
          }
          if (await this.remove(view, status)) this.app.dealPanel.refreshViews(`Deleted "${view.name}".`);
        },
      },
      'Delete',
    );
    if (this.problem) fill(status, this.problem);
    return h(
      'section',
      { class: 'saved-views-block', 'aria-label': 'Saved views', 'data-testid': 'saved-views' },
      h('div', { class: 'saved-views' }, select, remove),
      form,
      fieldError('saved-view-name'),
      status,
    );
  }
}

/** Put `block` (SavedViews.block) in place of the old one inside `container`, with a message. */
export function replaceBlock(container, block, message) {
  const old = container.querySelector('[data-testid=saved-views]');
  if (old && block) old.replaceWith(block);
  const status = block?.querySelector('.form-status');
  if (status && message) fill(status, message);
}
