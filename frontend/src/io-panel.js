// Import and export from the page: CSV upload with the validation report, file exports of the
// workspace, the account or the deal for other tools (GEXF, GraphML, Kumu, CSV, JSON), exports of
// what is on the map (CSV, JSON), and the map itself as PNG or SVG.

import { csv, download, fill, h, words } from './dom.js';
import { EXPORT_FORMATS, downloadExport } from './exports.js';
import { uploadCsv } from './imports.js';
import { viewPng, viewSvg } from './snapshot.js';
import { showBrief, viewTitle } from './brief.js';
import { IMPORT_DUPLICATES } from './vocabulary.js';

const REPORT_PAGE = 50; // bad rows shown at a time
/** How the import panel words each choice for likely duplicates (the choices: IMPORT_DUPLICATES). */
const DUPLICATE_CHOICES = {
  hold: 'Hold back and report (import nothing)',
  keep: 'Keep both',
  skip: 'Skip them, import the rest',
  merge: 'Merge into the person already there',
};

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
      this.fileExportSection(),
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
    const duplicates = h(
      'select',
      { id: 'import-duplicates', name: 'duplicates', 'aria-describedby': 'import-duplicates-help' },
      IMPORT_DUPLICATES.map((choice) => h('option', { value: choice }, DUPLICATE_CHOICES[choice] || choice)),
    );
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
          // Busy from the upload until the report is shown (assistive technology, and the
          // page's tests, wait on it rather than on a time).
          report.setAttribute('aria-busy', 'true');
          try {
            const result = await uploadCsv(key, [...file.files], {
              goodRowsOnly: goodRowsOnly.checked,
              duplicates: duplicates.value,
            });
            // Redraw first, so that the report appears with the map already showing the new rows.
            if (result.applied) await this.app.reloadAfterImport();
            fill(report, this.reportView(result));
          } catch (err) {
            fill(report, h('p', { class: 'error' }, `Import failed: ${err.message}`));
          } finally {
            report.setAttribute('aria-busy', 'false');
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
      h('label', { for: 'import-duplicates' }, 'Likely duplicates'),
      duplicates,
      h(
        'p',
        { id: 'import-duplicates-help', class: 'muted' },
        'A person with the same name at the same organisation as one already there, under another id. ' +
          'Merging keeps their values, fills what they lack and lists what differs.',
      ),
      h('button', { type: 'submit' }, 'Upload and import'),
    );
    return h('section', { class: 'block' }, form, report);
  }

  /**
   * The validation report: what was written, the notes on many rows with one cause, then every
   * bad row with file, row and column; the table wraps inside the panel and downloads as CSV.
   */
  reportView(result) {
    const report = result.report || { issues: [] };
    const written = Object.entries(result.written || {}).filter(([, n]) => n > 0);
    const issues = report.issues || [];
    const notes = report.notes || [];
    const problem = (i) => (result.applied && i.rest_written ? `${i.reason} (the rest of the row was imported)` : i.reason);
    const reportCsv = () =>
      csv([['file', 'row', 'column', 'problem'], ...issues.map((i) => [i.file, i.row, i.column, problem(i)])]);
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
      notes.length
        ? h(
            'ul',
            { class: 'notes', 'data-testid': 'import-notes' },
            notes.map((n) => h('li', {}, h('strong', {}, `${n.file}, ${n.column}: `), n.message)),
          )
        : null,
      this.duplicatesView(report.duplicates || []),
      issues.length
        ? h(
            'button',
            { type: 'button', 'data-testid': 'import-report-download', onclick: () => download('import-report.csv', reportCsv(), 'text/csv') },
            'Download the report (CSV)',
          )
        : null,
      issues.length ? this.issuesTable(issues, problem) : null,
    ];
  }

  /** The likely duplicates and what was done with each; a merge with the values it filled and those that differ. */
  duplicatesView(duplicates) {
    if (!duplicates.length) return null;
    const done = (d) => (d.action === 'merged' ? `merged into ${d.merged_into}` : d.action);
    return h(
      'ul',
      { class: 'notes', 'data-testid': 'import-duplicates-report' },
      duplicates.map((d) =>
        h(
          'li',
          {},
          h('strong', {}, `${d.file}, row ${d.row}: `),
          `${d.name || d.id} (${d.id}) ${done(d)}`,
          d.filled?.length ? `; filled ${d.filled.join(', ')}` : null,
          d.conflicts?.length
            ? h(
                'ul',
                {},
                d.conflicts.map((c) =>
                  h(
                    'li',
                    {},
                    `${c.column} differs: kept "${c.kept}"${c.kept_from ? ` (from ${c.kept_from})` : ''}, the file has "${c.incoming}"`,
                  ),
                ),
              )
            : null,
        ),
      ),
    );
  }

  /** The bad rows, a page of REPORT_PAGE at a time. */
  issuesTable(issues, problem) {
    const pages = Math.ceil(issues.length / REPORT_PAGE);
    const body = h('tbody');
    const where = h('span', { class: 'muted', 'data-testid': 'import-page' });
    const previous = h('button', { type: 'button', onclick: () => show(page - 1) }, 'Previous');
    const next = h('button', { type: 'button', onclick: () => show(page + 1) }, 'Next');
    let page = 0;
    const show = (n) => {
      page = Math.max(0, Math.min(pages - 1, n));
      const rows = issues.slice(page * REPORT_PAGE, (page + 1) * REPORT_PAGE);
      fill(body, rows.map((i) => h('tr', {}, h('td', {}, i.file), h('td', {}, String(i.row ?? '')), h('td', {}, i.column || ''), h('td', {}, problem(i)))));
      fill(where, `Rows ${page * REPORT_PAGE + 1}-${page * REPORT_PAGE + rows.length} of ${issues.length}`);
      previous.disabled = page === 0;
      next.disabled = page === pages - 1;
    };
    show(0);
    return [
      h(
        'table',
        { class: 'compact report-table', 'data-testid': 'import-issues' },
        h('caption', {}, 'Validation report'),
        h('thead', {}, h('tr', {}, ['File', 'Row', 'Column', 'Problem'].map((c) => h('th', { scope: 'col' }, c)))),
        body,
      ),
      pages > 1 ? h('div', { class: 'button-row' }, previous, where, next) : null,
    ];
  }

  /** Files for other tools, through the API's export route: the same files as the command line's. */
  fileExportSection() {
    const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'file-export-status' });
    const scope = h(
      'select',
      { id: 'file-export-scope', 'aria-label': 'What to export' },
      h('option', { value: 'workspace' }, 'The whole workspace'),
      h('option', { value: 'account' }, 'The account on the map'),
      h('option', { value: 'deal' }, 'The deal on the map'),
    );
    const run = async (format) => {
      const { workspaceKey, accountKey, accountName, dealKey, dealName } = this.app.state;
      const chosen = scope.value;
      if (chosen === 'deal' && !dealKey) {
        fill(status, h('span', { class: 'error' }, 'No deal is on the map: choose one, or export the account.'));
        return;
      }
      const what = { workspace: 'the workspace', account: accountName, deal: dealName }[chosen];
      fill(status, `Exporting ${what}…`);
      try {
        const name = await downloadExport(workspaceKey, format, {
          account: chosen === 'account' ? accountKey : null,
          deal: chosen === 'deal' ? dealKey : null,
        });
        fill(status, `Exported ${what}: ${name}`);
      } catch (err) {
        fill(status, h('span', { class: 'error' }, `Export failed: ${err.message}`));
      }
    };
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'file-export-title', 'data-testid': 'file-export' },
      h('h3', { id: 'file-export-title' }, 'Export for Gephi, Kumu and spreadsheets'),
      h(
        'p',
        { class: 'muted' },
        'Every person of the scope (ours and partners\' too) and every relation, with levels, roles, stances and stakes.',
      ),
      h('label', { for: 'file-export-scope' }, 'Export'),
      scope,
      h(
        'div',
        { class: 'button-row' },
        EXPORT_FORMATS.map(({ format, label }) =>
          h('button', { type: 'button', 'data-format': format, onclick: () => run(format) }, label),
        ),
      ),
      status,
    );
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
