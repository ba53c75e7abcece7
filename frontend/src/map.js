// The status map: Cytoscape.js renders; positions come from statusLayout (status bands ×
// organisation/department columns), so the picture reads the same way every time.

import cytoscape from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { statusLayout } from './layout.js';
import { CY_STYLE, CY_STYLE_LARGE, LARGE_MIN_FONT, ROLE_PRIORITY, SIDE_SHAPES, STANCE_BORDERS, fillOf, primaryRole, sizeOf } from './styles.js';

cytoscape.use(cytoscapeSvg);

const BAND_FILLS = ['#F6F8FA', '#FFFFFF'];
const GROUP_FILLS = { customer: '#FFFFFF', partner: '#EFE6F7', home: '#E3ECF9' };
const GROUP_BORDERS = { customer: '#D0D7DE', partner: '#B79BD3', home: '#8FA9D6' };
const LARGE = 400; // people; above this the map trades detail for speed while moving
const READABLE_ZOOM = 0.75; // 13px names stay readable (about 10px) down to this zoom
const CLOSE_ZOOM = 1; // a small buying centre is not blown up beyond this
const HIGHLIGHTS = /on-path|intro|faded|:selected/;
const KEY_PEOPLE = 12; // without a deal: the most influential of the account

function personElement(person, position, maxRank) {
  const stance = STANCE_BORDERS[person.stance] || STANCE_BORDERS.unknown;
  return {
    group: 'nodes',
    data: {
      id: person.id,
      label: person.name,
      size: sizeOf(person.influenceRank, maxRank),
      shape: SIDE_SHAPES[person.side],
      fill: fillOf(person),
      borderColour: person.side === 'customer' ? stance.colour : '#FFFFFF',
      borderWidth: person.side === 'customer' ? stance.width : 2,
      borderStyle: person.side === 'customer' ? stance.style : 'solid',
    },
    position,
    classes: `person side-${person.side}`,
    grabbable: false,
  };
}

function backgroundElements(layout) {
  const left = -150;
  const right = layout.width + 40;
  const elements = [];
  layout.bands.forEach((band, i) => {
    elements.push({
      group: 'nodes',
      data: { id: `band:${band.rank}`, w: right - left, h: band.height, fill: BAND_FILLS[i % 2] },
      position: { x: (left + right) / 2, y: band.y0 + band.height / 2 },
      classes: 'band',
      selectable: false,
      grabbable: false,
    });
    elements.push({
      group: 'nodes',
      data: { id: `band-label:${band.rank}`, label: `${band.rank || '?'} · ${band.label}` },
      position: { x: -12, y: band.y0 + band.height / 2 },
      classes: 'band-label',
      selectable: false,
      grabbable: false,
    });
  });
  for (const g of layout.groups) {
    elements.push({
      group: 'nodes',
      data: {
        id: `group:${g.key}`,
        label: g.label,
        w: g.width,
        h: layout.height,
        fill: GROUP_FILLS[g.side],
        borderColour: GROUP_BORDERS[g.side],
      },
      position: { x: g.x0 + g.width / 2, y: layout.height / 2 },
      classes: `group side-${g.side}`,
      style: { 'text-max-width': Math.max(60, g.width - 8) },
      selectable: false,
      grabbable: false,
    });
  }
  layout.headers.forEach((header, i) => {
    elements.push({
      group: 'nodes',
      data: { id: `header:${i}`, label: header.label },
      position: { x: (header.x0 + header.x1) / 2, y: -44 },
      classes: `header side-${header.side}`,
      style: { 'text-max-width': Math.max(80, header.x1 - header.x0) },
      selectable: false,
      grabbable: false,
    });
  });
  return elements;
}

function distance(a, b) {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** An edge; those that touch the buying centre (`key`) are drawn stronger than the rest. */
function edgeElement(edge, key) {
  const width =
    edge.kind === 'influence'
      ? 1 + 5 * (edge.weight ?? 0.5)
      : edge.kind === 'knows'
        ? 1 + 3 * (edge.weight ?? 0.5)
        : 1.5;
  return {
    group: 'edges',
    data: { id: edge.id, source: edge.source, target: edge.target, width },
    classes: key ? `${edge.kind} key` : edge.kind,
  };
}

export class StatusMap {
  constructor(container, { onSelect }) {
    this.onSelect = onSelect;
    this.container = container;
    this.large = null;
    this.cy = null;
    this.view = null;
    this.create(false);
  }

  /** A Cytoscape instance; big maps get one that hides edges and detail while moving. */
  create(large) {
    if (this.cy && this.large === large) return;
    if (this.cy) this.cy.destroy();
    this.large = large;
    this.cy = cytoscape({
      container: this.container,
      hideEdgesOnViewport: large,
      textureOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      // Highlights (path, selection, fading) come last again so that they win over both.
      style: large ? [...CY_STYLE, ...CY_STYLE_LARGE, ...CY_STYLE.filter((r) => HIGHLIGHTS.test(r.selector))] : CY_STYLE,
      elements: [],
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: true,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node.person', (evt) => this.onSelect(evt.target.id()));
  }

  /**
   * Draw `view` ({people: Map, edges: []}); keeps the selection when the person stays. `frame`:
   * zoom to the key people (a new deal or account); else the view stays where it was.
   */
  render(view, { frame = true } = {}) {
    const started = performance.now();
    const viewport = this.view && !frame ? { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } } : null;
    this.view = view;
    const people = [...view.people.values()];
    const layout = statusLayout(people);
    const maxRank = Math.max(0, ...people.map((p) => p.influenceRank ?? 0));
    const selected = this.cy.$('node.person:selected').map((n) => n.id());
    this.create(people.length > LARGE);

    const elements = backgroundElements(layout);
    for (const person of people) {
      elements.push(personElement(person, layout.positions.get(person.id), maxRank));
    }
    for (const edge of view.edges) {
      if (view.people.has(edge.source) && view.people.has(edge.target)) {
        const key = view.people.get(edge.source).member || view.people.get(edge.target).member;
        elements.push(edgeElement(edge, key));
      }
    }
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    if (viewport) this.cy.viewport(viewport);
    else this.frame();
    for (const id of selected) this.cy.getElementById(id).select();
    // How long drawing took, for the console and the browser tests (see lastDraw).
    const built = performance.now();
    this.cy.one('render', () => {
      const now = performance.now();
      this.lastDraw = { people: people.length, elements: elements.length, buildMs: built - started, firstFrameMs: now - started, at: now };
    });
    return layout;
  }

  select(id, { centre = true } = {}) {
    const node = this.cy.getElementById(id);
    if (!node.nonempty()) return;
    this.cy.$(':selected').unselect();
    node.select();
    if (centre) {
      const bb = this.cy.extent();
      const p = node.position();
      const inside = p.x > bb.x1 && p.x < bb.x2 && p.y > bb.y1 && p.y < bb.y2;
      if (!inside) this.cy.center(node);
    }
  }

  /** Emphasise a path of person ids (an approach step's intro path); an empty path clears. */
  highlightPath(ids) {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('on-path faded');
      cy.remove('edge.intro');
      if (!ids || ids.length === 0) return;
      const nodes = ids.map((id) => cy.getElementById(id)).filter((n) => n.nonempty());
      let onPath = cy.collection(nodes);
      for (let i = 0; i + 1 < ids.length; i += 1) {
        const a = cy.getElementById(ids[i]);
        const b = cy.getElementById(ids[i + 1]);
        if (a.empty() || b.empty()) continue;
        const between = a.edgesWith(b);
        if (between.nonempty()) {
          onPath = onPath.union(between);
        } else {
          // The plan may route through an edge outside this view (e.g. KNOWS from a partner).
          onPath = onPath.union(
            cy.add({
              group: 'edges',
              data: { id: `intro:${ids[i]}>${ids[i + 1]}`, source: ids[i], target: ids[i + 1] },
              classes: 'intro',
            }),
          );
        }
      }
      cy.elements('node.person, edge').difference(onPath).addClass('faded');
      onPath.addClass('on-path');
    });
    // Bring the path into view, close enough to read the names on it.
    const path = cy.$('.on-path');
    if (path.nonempty()) {
      cy.fit(path, 80);
      if (cy.zoom() > 1.2) {
        cy.zoom(1.2);
        cy.center(path);
      }
    }
  }

  fit() {
    this.cy.fit(undefined, 30);
  }

  /** The buying centre, else the account's most influential people. */
  keyPeople() {
    const people = [...(this.view?.people.values() || [])];
    const members = people.filter((p) => p.member);
    if (members.length) return members;
    return people
      .filter((p) => p.side === 'customer')
      .sort((a, b) => (b.influenceRank ?? 0) - (a.influenceRank ?? 0))
      .slice(0, KEY_PEOPLE);
  }

  /**
   * Zoom to the key people, close enough to read their names: when they do not all fit at a
   * readable zoom, those nearest the most important of them (the decider first) are shown.
   */
  frame() {
    const cy = this.cy;
    const key = this.keyPeople();
    if (!key.length) return this.fit();
    const weight = (p) => {
      const i = ROLE_PRIORITY.indexOf(primaryRole(p.roles));
      return (i < 0 ? ROLE_PRIORITY.length : i) - (p.influenceRank ?? 0);
    };
    const anchorPerson = [...key].sort((a, b) => weight(a) - weight(b))[0];
    const anchor = cy.getElementById(anchorPerson.id).position();
    const nodes = key
      .map((p) => cy.getElementById(p.id))
      .filter((n) => n.nonempty())
      .sort((a, b) => distance(a.position(), anchor) - distance(b.position(), anchor));
    const pad = 40;
    let shown = cy.collection();
    for (const node of nodes) {
      const trial = shown.union(node);
      const bb = trial.boundingBox({ includeLabels: true });
      const zoom = Math.min((cy.width() - 2 * pad) / bb.w, (cy.height() - 2 * pad) / bb.h);
      if (shown.nonempty() && zoom < READABLE_ZOOM) break;
      shown = trial;
    }
    cy.fit(shown, pad);
    if (cy.zoom() > CLOSE_ZOOM) {
      cy.zoom(CLOSE_ZOOM);
      cy.center(shown);
    }
  }

  clear() {
    this.view = null;
    this.cy.elements().remove();
  }

  /** Run `draw` with every label shown: an export is read at full size, not at screen zoom. */
  withAllLabels(draw) {
    const style = this.cy.style();
    style.selector('node.person').style('min-zoomed-font-size', 0).update();
    try {
      return draw();
    } finally {
      style.selector('node.person').style('min-zoomed-font-size', this.large ? LARGE_MIN_FONT : 6).update();
    }
  }

  /** The map as a PNG Blob (the whole map, not only what is in view). */
  png() {
    return this.withAllLabels(() => this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#FFFFFF' }));
  }

  /** The map as SVG text. */
  svg() {
    return this.withAllLabels(() => this.cy.svg({ full: true, scale: 1, bg: '#FFFFFF' }));
  }
}
