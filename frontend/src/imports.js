// CSV import: the API takes file uploads at POST /workspaces/{key}/imports (multipart), the one
// call outside GraphQL, because GraphQL has no file type. The answer is the validation report.

import { authHeaders, refuse } from './api.js';

/**
 * Upload `files` into the workspace with key `workspaceKey`. Resolves to
 * {applied, written: {kind: rows}, report: {ok, good_rows, bad_rows, notes: [{file, column, rows, message}],
 * issues: [{file, row, column, reason}]}}.
 */
export async function uploadCsv(workspaceKey, files, { goodRowsOnly = false, duplicates = 'hold' } = {}) {
  const body = new FormData();
  for (const file of files) body.append('files', file, file.name);
  const headers = authHeaders({ Accept: 'application/json' });
  const params = new URLSearchParams();
  if (goodRowsOnly) params.set('good_rows_only', 'true');
  if (duplicates !== 'hold') params.set('duplicates', duplicates);
  const query = params.size ? `?${params}` : '';
  const response = await fetch(`/workspaces/${encodeURIComponent(workspaceKey)}/imports${query}`, {
    method: 'POST',
    headers,
    body,
  });
  if (response.status === 401) await refuse(response);
  let answer;
  try {
    answer = await response.json();
  } catch {
    throw new Error(`statusmap answered HTTP ${response.status}`);
  }
  // 422 carries the validation report (nothing written); other failures carry a message.
  if (!response.ok && response.status !== 422) {
    throw new Error(answer.message || answer.detail || `HTTP ${response.status}`);
  }
  return answer;
}
