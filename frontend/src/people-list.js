// The keyboard way into the map: a searchable list of everyone on it; choosing one selects the
// node and opens the person panel.

import { fill, h, words } from './dom.js';

const SHOWN = 200; // rows rendered at once; the search narrows a big account down

export class PeopleList {
  constructor({ list, search, count, onSelect }) {
    this.list = list;
    this.search = search;
    this.count = count;
    this.onSelect = onSelect;
    this.people = [];
    this.selectedId = null;
    search.addEventListener('input', () => this.render());
    list.addEventListener('keydown', (e) => this.onKey(e));
  }

  setPeople(people) {
    this.people = [...people].sort(
      (a, b) => (b.level?.rank ?? 0) - (a.level?.rank ?? 0) || a.name.localeCompare(b.name),
    );
    this.render();
  }

  setSelected(id) {
    this.selectedId = id;
    for (const button of this.list.querySelectorAll('button')) {
      const on = button.dataset.id === id;
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }

  matches() {
    const q = this.search.value.trim().toLowerCase();
    if (!q) return this.people;
    return this.people.filter((p) =>
      [p.name, p.title, p.department, p.organisation?.name]
        .filter(Boolean)
        .some((s) => s.toLowerCase().includes(q)),
    );
  }

  render() {
    const found = this.matches();
    const rows = found.slice(0, SHOWN).map((p) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `person-row side-${p.side}`,
            dataset: { id: p.id },
            'aria-pressed': p.id === this.selectedId ? 'true' : 'false',
            onclick: () => this.onSelect(p.id),
          },
          h('span', { class: 'person-name' }, p.name),
          h(
            'span',
            { class: 'person-meta' },
            [p.level?.rank ? `L${p.level.rank}` : 'L?', p.title, p.roles.map(words).join(', ')]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
      ),
    );
    fill(this.list, ...rows);
    const more = found.length > SHOWN ? ` (first ${SHOWN} shown; search to narrow)` : '';
    this.count.textContent = `${found.length} of ${this.people.length} people${more}`;
  }

  /** Arrow keys move between rows, as in a list box. */
  onKey(e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...this.list.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const next = buttons[e.key === 'ArrowDown' ? Math.min(i + 1, buttons.length - 1) : Math.max(i - 1, 0)];
    next.focus();
    e.preventDefault();
  }
}
