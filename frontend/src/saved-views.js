// Named views of a deal, kept in this browser (localStorage) per workspace: what the map shows
// (the influence threshold, people brought in, the what-if's hidden people and imagined ties),
// where the user moved cards, and the pan and zoom. Nothing of a view is sent to the server.

import { fill, h } from './dom.js';

const STORE_KEY = 'statusmap.views';

function readAll(storage) {
  try {
    return JSON.parse(storage.getItem(STORE_KEY) || '{}') || {};
  } catch {
    return {}; // a damaged entry is not worth a broken page: start again
  }
}

export class SavedViews {
  constructor(app, storage = window.localStorage) {
    this.app = app;
    this.storage = storage;
    this.current = null; // the name of the view open now, if one is
  }

  /** The saved views of the deal open now, by name. */
  list() {
    const { workspaceKey, dealId } = this.app.state;
    return (readAll(this.storage)[workspaceKey] || []).filter((v) => v.dealId === dealId).sort((a, b) => a.name.localeCompare(b.name));
  }

  write(update) {
    const all = readAll(this.storage);
    const key = this.app.state.workspaceKey;
    all[key] = update(all[key] || []);
    this.storage.setItem(STORE_KEY, JSON.stringify(all));
  }

  /** Save what the map shows now as `name` (replacing a view of that name of this deal). */
  save(name) {
    const { state, map } = this.app;
    const view = {
      name,
      dealId: state.dealId,
      accountId: state.accountId,
      minWeight: state.minWeight,
      expanded: [...state.expanded],
      shown: [...state.shown],
      hidden: [...state.hidden],
      imagined: state.imagined,
      moved: [...state.moved],
      viewport: { zoom: map.cy.zoom(), pan: { ...map.cy.pan() } },
      savedAt: new Date().toISOString(),
    };
    this.write((views) => [...views.filter((v) => !(v.dealId === view.dealId && v.name === name)), view]);
    this.current = name;
  }

  remove(name) {
    const { dealId } = this.app.state;
    this.write((views) => views.filter((v) => !(v.dealId === dealId && v.name === name)));
    if (this.current === name) this.current = null;
  }

  /** The deal panel's block: choose a saved view, save this one under a name, delete one. */
  block() {
    if (!this.app.state.dealId) return null;
    const views = this.list();
    const status = h('p', { class: 'form-status', id: 'saved-view-status', 'aria-live': 'polite' });
    const select = h(
      'select',
      { id: 'saved-view', 'aria-label': 'Open a saved view' },
      h('option', { value: '' }, views.length ? 'Open a saved view…' : 'No saved views yet'),
      views.map((v) => h('option', { value: v.name }, v.name)),
    );
    if (views.some((v) => v.name === this.current)) select.value = this.current;
    select.addEventListener('change', async () => {
      const view = views.find((v) => v.name === select.value);
      if (view) await this.app.openView(view);
    });
    const name = h('input', { id: 'saved-view-name', type: 'text', placeholder: 'Name of this view', 'aria-label': 'Name of this view', autocomplete: 'off' });
    const form = h(
      'form',
      {
        class: 'saved-views',
        onsubmit: (e) => {
          e.preventDefault();
          const chosen = name.value.trim();
          if (!chosen) {
            status.textContent = 'Give the view a name first.';
            return;
          }
          this.save(chosen);
          this.app.dealPanel.refreshViews(`Saved "${chosen}" in this browser.`);
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
        onclick: () => {
          if (!select.value) {
            status.textContent = 'Choose the view to delete.';
            return;
          }
          this.remove(select.value);
          this.app.dealPanel.refreshViews(`Deleted "${select.value}".`);
        },
      },
      'Delete',
    );
    const block = h('section', { class: 'saved-views-block', 'aria-label': 'Saved views', 'data-testid': 'saved-views' }, h('div', { class: 'saved-views' }, select, remove), form, status);
    return block;
  }
}

/** Put `block` (SavedViews.block) in place of the old one inside `container`, with a message. */
export function replaceBlock(container, block, message) {
  const old = container.querySelector('[data-testid=saved-views]');
  if (old && block) old.replaceWith(block);
  const status = block?.querySelector('.form-status');
  if (status) fill(status, message);
}
