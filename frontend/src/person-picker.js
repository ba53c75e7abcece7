// The one picker of people on the page: a type-ahead combobox. Typing narrows the people by
// name, title, organisation and department; each option reads "Name — Title · Organisation",
// so namesakes can be told apart. Only the matches are built (at most SHOWN of them), so a
// 5,000-person account costs nothing until someone types. Keyboard and mouse both work (the
// WAI-ARIA combobox pattern: arrows, Enter, Escape; aria-activedescendant).

import { h } from './dom.js';

const SHOWN = 50; // options built at once; typing narrows a big account down

/** "Dara Bauer — Head of Fleet · Northwind": how a picker names a person. */
export function personLabel(person) {
  const rest = [person.title, person.organisation?.name].filter(Boolean).join(' · ');
  return rest ? `${person.name} — ${rest}` : person.name;
}

function haystack(person) {
  return [person.name, person.title, person.organisation?.name, person.department].filter(Boolean).join(' ').toLowerCase();
}

/**
 * A picker of `people` whose field has the id `id` (a `<label for=id>` names it; its error
 * goes to `${id}-error`). The returned element has a `value` (the chosen person's id, or ''
 * for `empty`, e.g. "Me") and fires `change` when a person is chosen.
 */
export function personPicker(id, people, { empty = null, placeholder = 'Type a name, title or organisation' } = {}) {
  let chosen = null;
  let matches = [];
  let active = -1;
  let texts = null; // lower-cased search text per person, made on the first search

  const input = h('input', {
    id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: empty ? `${empty} (or type to choose someone)` : placeholder,
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-listbox`,
    'aria-describedby': `${id}-error ${id}-count`,
  });
  const listbox = h('ul', { id: `${id}-listbox`, class: 'picker-list', role: 'listbox', 'aria-label': 'People' });
  listbox.hidden = true;
  const count = h('p', { id: `${id}-count`, class: 'picker-count muted', 'aria-live': 'polite' });
  count.hidden = true;
  const root = h('div', { class: 'person-picker', dataset: { picker: id } }, input, listbox, count);

  function find(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return people;
    texts ||= people.map(haystack);
    return people.filter((_, i) => words.every((w) => texts[i].includes(w)));
  }

  /** What the field reads when nobody is searching: the chosen person, or nothing. */
  const shown = () => (chosen ? personLabel(chosen) : '');

  function setActive(i) {
    const options = listbox.children;
    if (options[active]) options[active].setAttribute('aria-selected', 'false');
    active = i;
    const option = options[active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function open() {
    const searching = input.value !== shown();
    const found = find(searching ? input.value : '');
    matches = found.slice(0, SHOWN);
    listbox.replaceChildren(
      ...matches.map((p, i) =>
        h(
          'li',
          {
            id: `${id}-option-${i}`,
            role: 'option',
            class: 'picker-option',
            'aria-selected': 'false',
            dataset: { id: p.id },
            // keep the focus in the field: the click below chooses
            onmousedown: (e) => e.preventDefault(),
            onclick: () => choose(p),
          },
          h('span', { class: 'person-name' }, p.name),
          p.title || p.organisation?.name ? h('span', { class: 'person-meta' }, ` — ${[p.title, p.organisation?.name].filter(Boolean).join(' · ')}`) : null,
        ),
      ),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    setActive(searching && matches.length ? 0 : matches.indexOf(chosen));
    count.hidden = false;
    count.textContent = !found.length
      ? 'Nobody matches.'
      : found.length > SHOWN
        ? `${found.length} people match; the first ${SHOWN} are shown. Type more to narrow.`
        : `${found.length} ${found.length === 1 ? 'person matches' : 'people match'}.`;
  }

  function close() {
    listbox.hidden = true;
    count.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function choose(person) {
    chosen = person;
    input.value = person ? personLabel(person) : '';
    close();
    root.dispatchEvent(new Event('change', { bubbles: true }));
  }

  // What is typed is a search, not a choice: the choice stays until another is made (or the
  // field is emptied), and the field shows it again when the search is left.
  input.addEventListener('input', () => open());
  input.addEventListener('click', () => (listbox.hidden ? open() : close()));
  input.addEventListener('blur', () => {
    close();
    if (!input.value.trim()) chosen = null;
    input.value = shown();
  });
  input.addEventListener('keydown', (e) => {
    const isOpen = !listbox.hidden;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!isOpen) return open();
      if (!matches.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : matches.length - 1) : (active + step + matches.length) % matches.length);
    } else if (e.key === 'Enter' && isOpen) {
      e.preventDefault(); // choosing is not sending the form
      if (matches[active]) choose(matches[active]);
    } else if (e.key === 'Escape') {
      if (isOpen) {
        e.preventDefault();
        close();
        input.value = shown();
      } else if (input.value) {
        e.preventDefault();
        choose(null);
      }
    }
  });

  Object.defineProperty(root, 'value', {
    get: () => chosen?.id || '',
    set: (value) => {
      chosen = people.find((p) => p.id === value) || null;
      input.value = shown();
    },
  });
  return root;
}
