// Import and export from the page: CSV upload with the validation report, exports of what is
// on the map (CSV, JSON), and the map itself as PNG or SVG.

import { csv, download, fill, h, words } from './dom.js';

function slug(text) {
  return String(text || 'map').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'map';
}

export class IoPanel {
  constructor(container, app) {
    this.el = container;
    this.app = app;
    this.imports = null; // set by main when the API offers CSV import
  }

  render() {
    fill(this.el, 
      h('h2', {}, 'Import and export'),
      this.importSection(),
      this.exportSection(),
    );
  }

  importSection() {
    const imports = this.imports;
    if (!imports) {
      return h(
        'section',
        { class: 'block', 'aria-labelledby': 'import-title' },
        h('h3', { id: 'import-title' }, 'Import CSV'),
        h('p', { class: 'muted', 'data-testid': 'import-missing' }, 'CSV import is not available from this API yet.'),
      );
    }
    const report = h('div', { id: 'import-report', class: 'report', 'aria-live': 'polite', 'data-testid': 'import-report' });
    const kind = h(
      'select',
      { id: 'import-kind', name: 'kind' },
      imports.kinds.map((k) => h('option', { value: k }, words(k))),
    );
    const file = h('input', { id: 'import-file', name: 'file', type: 'file', accept: '.csv,text/csv', required: true });
    const dryRun = h('input', { id: 'import-dry-run', type: 'checkbox', name: 'dryRun' });
    const form = h(
      'form',
      {
        class: 'edit',
        'aria-labelledby': 'import-title',
        onsubmit: async (e) => {
          e.preventDefault();
          if (!file.files.length) {
            fill(report, h('p', { class: 'error' }, 'Choose a CSV file first.'));
            return;
          }
          fill(report, h('p', {}, 'Importing…'));
          const text = await file.files[0].text();
          try {
            const result = await imports.run({ kind: kind.value, csv: text, dryRun: dryRun.checked, filename: file.files[0].name });
            fill(report, ...this.reportView(result));
            if (!dryRun.checked && result.written > 0) await this.app.reloadAfterImport();
          } catch (err) {
            fill(report, h('p', { class: 'error' }, `Import failed: ${err.message}`));
          }
        },
      },
      h('h3', { id: 'import-title' }, 'Import CSV'),
      h('label', { for: 'import-kind' }, 'What the file holds'),
      kind,
      h('label', { for: 'import-file' }, 'CSV file'),
      file,
      h('label', { class: 'check' }, dryRun, ' Check only (write nothing)'),
      h('button', { type: 'submit' }, 'Upload'),
      imports.templates ? h('p', { class: 'muted' }, imports.templates) : null,
    );
    return h('section', { class: 'block' }, form, report);
  }

  /** The validation report: counts, then every rejected row with field and message. */
  reportView(result) {
    const rows = result.errors || [];
    return [
      h(
        'p',
        { class: rows.length ? 'error' : 'ok' },
        `${result.written} row${result.written === 1 ? '' : 's'} ${result.dryRun ? 'would be written' : 'written'}, ` +
          `${result.rejected} rejected.`,
      ),
      rows.length
        ? h(
            'table',
            { class: 'compact', 'data-testid': 'import-errors' },
            h('caption', {}, 'Rows with problems'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Row'), h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Problem'))),
            h(
              'tbody',
              {},
              rows.map((r) => h('tr', {}, h('td', {}, String(r.row ?? '')), h('td', {}, r.field || ''), h('td', {}, r.message))),
            ),
          )
        : null,
    ];
  }

  exportSection() {
    const name = () => slug(this.app.state.view?.deal?.name || this.app.state.accountName);
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'export-title' },
      h('h3', { id: 'export-title' }, 'Export this view'),
      h(
        'div',
        { class: 'button-row' },
        h('button', { type: 'button', onclick: () => download(`${name()}-people.csv`, this.peopleCsv(), 'text/csv') }, 'People (CSV)'),
        h('button', { type: 'button', onclick: () => download(`${name()}-edges.csv`, this.edgesCsv(), 'text/csv') }, 'Edges (CSV)'),
        h('button', { type: 'button', onclick: () => download(`${name()}.json`, this.json(), 'application/json') }, 'View (JSON)'),
        h('button', { type: 'button', onclick: () => download(`${name()}.png`, this.app.map.png()) }, 'Map (PNG)'),
        h('button', { type: 'button', onclick: () => download(`${name()}.svg`, this.app.map.svg(), 'image/svg+xml') }, 'Map (SVG)'),
      ),
    );
  }

  peopleCsv() {
    const header = ['key', 'name', 'title', 'organisation', 'department', 'side', 'level_rank', 'level_inferred', 'roles', 'stance', 'stage', 'influence_rank'];
    const rows = [...(this.app.state.view?.people.values() || [])].map((p) => [
      p.key, p.name, p.title, p.organisation?.name, p.department, p.side, p.level?.rank, p.level?.inferred,
      p.roles.join(';'), p.stance, p.stage, p.influenceRank,
    ]);
    return csv([header, ...rows]);
  }

  edgesCsv() {
    const view = this.app.state.view;
    const key = (id) => view.people.get(id)?.key ?? id;
    const rows = (view?.edges || []).map((e) => [e.kind, key(e.source), key(e.target), e.weight, e.influenceKind]);
    return csv([['relation', 'source', 'target', 'weight', 'kind'], ...rows]);
  }

  json() {
    const view = this.app.state.view;
    return JSON.stringify({ deal: view?.deal || null, people: [...(view?.people.values() || [])], edges: view?.edges || [] }, null, 2);
  }
}
