// File exports for other tools: GET /workspaces/{key}/export?format=…&account=…|deal=…, the
// route the command line's `statusmap export` shares. Lossless: every person of the scope, ours
// and partners' included, and every relation, parallel ones too.

import { authHeaders, refuse } from './api.js';
import { download } from './dom.js';

/** The formats the route writes, as the page offers them. */
export const EXPORT_FORMATS = [
  { format: 'gexf', label: 'GEXF (Gephi)' },
  { format: 'graphml', label: 'GraphML' },
  { format: 'kumu', label: 'Kumu JSON' },
  { format: 'csv', label: 'CSV (zip of the import files)' },
  { format: 'json', label: 'JSON' },
];

function fileName(response, fallback) {
  const disposition = response.headers.get('content-disposition') || '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] || fallback;
}

/**
 * Download the export of workspace `workspaceKey` (or one `account` or `deal` of it, by key) in
 * `format`. Resolves to the file's name; rejects with the API's message.
 */
export async function downloadExport(workspaceKey, format, { account = null, deal = null } = {}) {
  const query = new URLSearchParams({ format });
  if (deal) query.set('deal', deal);
  else if (account) query.set('account', account);
  const response = await fetch(`/workspaces/${encodeURIComponent(workspaceKey)}/export?${query}`, {
    headers: authHeaders(),
  });
  if (response.status === 401) await refuse(response);
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const answer = await response.json();
      message = answer.message || answer.detail || message;
    } catch {
      // not JSON: the status will do
    }
    throw new Error(message);
  }
  const name = fileName(response, `${workspaceKey}.${format}`);
  download(name, await response.blob());
  return name;
}
