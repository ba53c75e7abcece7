// The panes beside the map (the People list on the left, the panels on the right) fold to a
// narrow rail and open again with one button; each remembers its state in this browser. The
// People list starts folded on screens too narrow to give the map room for a deal's columns
// (a laptop's 1440 px), open on wider ones; the user's own choice then wins. The panels' width
// is the user's too: their left edge can be dragged.

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

const PANELS_W = { min: 260, start: 350, max: 640 }; // px of the panels on the right
const STEP = 20; // px an arrow key moves the panels' edge

/**
 * The panels' left edge, dragged (or moved with the arrow keys) to make them wider or
 * narrower; the width is remembered in this browser.
 */
class PanelsEdge {
  constructor(layout, handle) {
    this.layout = layout;
    this.handle = handle;
    this.key = 'statusmap.width.panels';
    this.set(Number(window.localStorage.getItem(this.key)) || PANELS_W.start);
    handle.setAttribute('aria-valuemin', String(PANELS_W.min));
    handle.setAttribute('aria-valuemax', String(PANELS_W.max));
    handle.addEventListener('pointerdown', (e) => {
      handle.setPointerCapture(e.pointerId);
      const [x, width] = [e.clientX, this.width]; // the edge follows the pointer from where it took it
      const move = (m) => this.set(width + x - m.clientX);
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        this.keep();
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    handle.addEventListener('keydown', (e) => {
      const by = { ArrowLeft: STEP, ArrowRight: -STEP }[e.key];
      if (!by) return;
      e.preventDefault();
      this.set(this.width + by);
      this.keep();
    });
  }

  set(width) {
    this.width = Math.round(Math.min(PANELS_W.max, Math.max(PANELS_W.min, width)));
    this.layout.style.setProperty('--panels-w', `${this.width}px`);
    this.handle.setAttribute('aria-valuenow', String(this.width));
  }

  keep() {
    window.localStorage.setItem(this.key, String(this.width));
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
  const edge = new PanelsEdge(layout, document.getElementById('panels-edge'));
  return { people, panels, edge };
}
