// Mutations from forms: send, then show each validation error next to its field.

import { gql } from './api.js';
import { h } from './dom.js';

/** The API's enum values (e.g. CHAMPION), falling back to the domain's own list. */
export function enumOptions(schema, enumName, fallback) {
  return schema.enumValues(enumName) || fallback.map((v) => v.toUpperCase());
}

/** A <select> of enum values; `current` is compared case-insensitively. */
export function enumSelect({ id, name, values, current, label }) {
  const select = h(
    'select',
    { id, name, 'aria-describedby': `${id}-error` },
    values.map((v) =>
      h('option', { value: v, selected: String(current || '').toLowerCase() === v.toLowerCase() }, label(v)),
    ),
  );
  return select;
}

/** The place next to a field where its error appears (announced by screen readers). */
export function fieldError(id) {
  return h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
}

function lastSegment(path) {
  return String(path).split('.').pop().replace(/\[\d+\]$/, '');
}

/**
 * Run a mutation whose result is a union with ValidationError/NotFoundError/ConflictError.
 * `fields` maps input field names to the ids of their error elements. Returns the success
 * member of the union (truthy) or false.
 */
export async function submitMutation({ document, input, resultField, fields, status }) {
  for (const id of Object.values(fields)) {
    const el = document_(id);
    if (el) el.textContent = '';
  }
  status.textContent = 'Saving…';
  status.classList.remove('error');
  let result;
  try {
    const data = await gql(document, { input });
    result = data[resultField];
  } catch (e) {
    status.textContent = `Not saved: ${e.message}`;
    status.classList.add('error');
    return false;
  }
  if (result.__typename === 'ValidationError' || result.__typename === 'NotFoundError' || result.__typename === 'ConflictError') {
    const problems = result.fields || (result.field ? [{ field: result.field, message: result.message }] : []);
    const unplaced = [];
    for (const problem of problems) {
      const target = fields[lastSegment(problem.field)];
      const el = target && document_(target);
      if (el) el.textContent = problem.message;
      else unplaced.push(`${problem.field}: ${problem.message}`);
    }
    status.textContent = `Not saved: ${unplaced.length ? unplaced.join('; ') : result.message}`;
    status.classList.add('error');
    return false;
  }
  status.textContent = 'Saved.';
  return result;
}

function document_(id) {
  return window.document.getElementById(id);
}
