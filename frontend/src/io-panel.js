// Import and export from the page: CSV upload with the validation report, exports of what is
// on the map (CSV, JSON), and the map itself as PNG or SVG.

import { csv, download, fill, h, words } from './dom.js';
import { uploadCsv } from './imports.js';
import { viewPng, viewSvg } from './snapshot.js';
import { showBrief, viewTitle } from './brief.js';

function slug(text) {
  return String(text || 'map').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'map';
}

export class IoPanel {
  constructor(container, app) {
    this.el = container;
    this.app = app;
  }

  render() {
    fill(this.el, 
      h('h2', {}, 'Import and export'),
      this.importSection(),
      this.exportSection(),
    );
  }

  importSection() {
    const report = h('div', { id: 'import-report', class: 'report', 'aria-live': 'polite', 'data-testid': 'import-report' });
    const file = h('input', {
      id: 'import-file',
      name: 'files',
      type: 'file',
      accept: '.csv,text/csv',
      multiple: true,
      'aria-describedby': 'import-help',
    });
    const goodRowsOnly = h('input', { id: 'import-good-rows', type: 'checkbox', name: 'goodRowsOnly' });
    const form = h(
      'form',
      {
        class: 'edit',
        'aria-labelledby': 'import-title',
        onsubmit: async (e) => {
          e.preventDefault();
          const key = this.app.state.workspaceKey;
          if (!file.files.length) {
            fill(report, h('p', { class: 'error' }, 'Choose one or more CSV files first.'));
            return;
          }
          fill(report, h('p', {}, 'Importing…'));
          try {
            const result = await uploadCsv(key, [...file.files], { goodRowsOnly: goodRowsOnly.checked });
            // Redraw first, so that the report appears with the map already showing the new rows.
            if (result.applied) await this.app.reloadAfterImport();
            fill(report, this.reportView(result));
          } catch (err) {
            fill(report, h('p', { class: 'error' }, `Import failed: ${err.message}`));
          }
        },
      },
      h('h3', { id: 'import-title' }, 'Import CSV'),
      h('label', { for: 'import-file' }, 'CSV files'),
      file,
      h(
        'p',
        { id: 'import-help', class: 'muted' },
        'Files are recognised by name or header: people.csv, organisations.csv, influences.csv, ' +
          'knows.csv, reporting.csv, deals.csv, buying_centre.csv, journey.csv, or CRM exports.',
      ),
      h('label', { class: 'check' }, goodRowsOnly, ' Import the good rows even if some are bad'),
      h('button', { type: 'submit' }, 'Upload and import'),
    );
    return h('section', { class: 'block' }, form, report);
  }

  /** The validation report: what was written, then every bad row with file, row and column. */
  reportView(result) {
    const report = result.report || { issues: [] };
    const written = Object.entries(result.written || {}).filter(([, n]) => n > 0);
    const issues = report.issues || [];
    return [
      h(
        'p',
        { class: result.applied ? 'ok' : 'error', 'data-testid': 'import-summary' },
        result.applied
          ? `Imported: ${written.map(([kind, n]) => `${n} ${words(kind)}`).join(', ') || 'nothing new'}.`
          : `Nothing was imported: ${report.bad_rows} bad row${report.bad_rows === 1 ? '' : 's'}. ` +
              'Fix them, or tick "Import the good rows".',
        result.applied && report.skipped_rows ? ` ${report.skipped_rows} bad rows were skipped.` : null,
        result.applied && report.partial_rows
          ? ` ${report.partial_rows} rows were imported without the values named below.`
          : null,
      ),
      issues.length
        ? h(
            'table',
            { class: 'compact', 'data-testid': 'import-issues' },
            h('caption', {}, 'Validation report'),
            h(
              'thead',
              {},
              h('tr', {}, ['File', 'Row', 'Column', 'Problem'].map((c) => h('th', { scope: 'col' }, c))),
            ),
            h(
              'tbody',
              {},
              issues.map((i) =>
                h('tr', {}, h('td', {}, i.file), h('td', {}, String(i.row ?? '')), h('td', {}, i.column || ''), h('td', {}, result.applied && i.rest_written ? `${i.reason} (the rest of the row was imported)` : i.reason)),
              ),
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
        h('button', { type: 'button', title: 'The map as it is on screen, with the level axis and the legend', onclick: () => this.png(name()) }, 'Map (PNG)'),
        h('button', { type: 'button', title: 'The map as it is on screen, with the level axis and the legend; text stays text', onclick: () => download(`${name()}.svg`, viewSvg(this.app.map, viewTitle(this.app)), 'image/svg+xml') }, 'Map (SVG)'),
        h('button', { type: 'button', onclick: () => showBrief(document.getElementById('brief'), this.app) }, 'Deal brief (print)'),
      ),
    );
  }

  async png(name) {
    try {
      download(`${name}.png`, await viewPng(this.app.map, viewTitle(this.app)));
    } catch (e) {
      this.app.reportError(e);
    }
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
