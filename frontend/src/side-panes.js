// The panes beside the map (the People list on the left, the panels on the right) fold to a
// narrow rail and open again with one button; each remembers its state in this browser. The
// People list starts folded on screens too narrow to give the map room for a deal's columns
// (a laptop's 1440 px), open on wider ones; the user's own choice then wins.

const ROOM_FOR_PEOPLE = 1600; // px of window width from which the People list starts open

export class SidePane {
  /**
   * `layout`: the grid holding the pane; `button`: its fold toggle; `name`: the pane's class
   * name on `layout` when folded (`${name}-folded`) and its key in localStorage.
   */
  constructor({ layout, button, name, label, foldedAtFirst = false }) {
    this.layout = layout;
    this.button = button;
    this.name = name;
    this.label = label;
    this.key = `statusmap.folded.${name}`;
    const stored = window.localStorage.getItem(this.key);
    this.set(stored === null ? foldedAtFirst : stored === '1');
    button.addEventListener('click', () => {
      this.set(!this.folded);
      window.localStorage.setItem(this.key, this.folded ? '1' : '0');
    });
  }

  set(folded) {
    this.folded = folded;
    this.layout.classList.toggle(`${this.name}-folded`, folded);
    this.button.setAttribute('aria-expanded', String(!folded));
    this.button.title = `${folded ? 'Show' : 'Hide'} ${this.label}`;
    this.button.setAttribute('aria-label', this.button.title);
  }

  open() {
    if (this.folded) this.button.click();
  }
}

/** The two panes of the page; the map reframes itself when they change its size (map.js). */
export function sidePanes(layout) {
  const people = new SidePane({
    layout,
    button: document.getElementById('people-toggle'),
    name: 'people',
    label: 'the People list',
    foldedAtFirst: window.innerWidth < ROOM_FOR_PEOPLE,
  });
  const panels = new SidePane({ layout, button: document.getElementById('panels-toggle'), name: 'panels', label: 'the panels' });
  return { people, panels };
}
