// Edit and remove from the person panel: a person's own fields, the person (after a second,
// explicit confirmation), and the ties around them, through the API's mutations. The API's
// messages appear under the fields they are about.

import { fill, h, words } from './dom.js';
import { fieldError, submitMutation } from './forms.js';
import { mutationDocument } from './queries.js';
import { ORG_LEVELS } from './layout.js';

const KIND_LABELS = { home: 'us', partner: 'partner' };

/** The person's own fields, where a change is written with updatePerson. */
const FIELDS = [
  ['name', 'edit-person-name', 'Name'],
  ['title', 'edit-person-title', 'Title (sets the level unless one was given)'],
  ['department', 'edit-person-department', 'Department'],
  ['email', 'edit-person-email', 'Email'],
];

function status(id) {
  return h('p', { class: 'form-status', id, role: 'status', 'aria-live': 'polite' });
}

/** "Details": name, title, department, email, organisation and level, in a fold of the panel. */
export function detailsForm(app, person, detail) {
  const current = { ...person, email: detail?.email ?? null };
  const inputs = Object.fromEntries(
    FIELDS.map(([name, id]) => [name, h('input', { id, type: name === 'email' ? 'email' : 'text', value: current[name] || '', autocomplete: 'off', 'aria-describedby': `${id}-error` })]),
  );
  const organisations = app.organisations || [];
  const org = h(
    'select',
    { id: 'edit-person-org', 'aria-describedby': 'edit-person-org-error' },
    h('option', { value: '' }, 'no organisation'),
    organisations.map((o) => h('option', { value: o.id }, `${o.name} · ${KIND_LABELS[String(o.kind).toLowerCase()] || words(o.kind)}`)),
  );
  org.value = person.organisation?.id || '';
  const rank = person.level?.rank;
  const kept = Number.isFinite(rank) ? `keep L${rank}${person.level.inferred ? ' (inferred from the title)' : ''}` : 'from the title';
  const level = h(
    'select',
    { id: 'edit-person-level', 'aria-describedby': 'edit-person-level-error' },
    h('option', { value: '' }, kept),
    ORG_LEVELS.map(([r, label]) => h('option', { value: String(r) }, `${r} ${label}`)),
  );
  const saved = status('edit-person-status');
  const form = h(
    'form',
    {
      class: 'edit',
      novalidate: true,
      'aria-label': `Details of ${person.name}`,
      onsubmit: async (e) => {
        e.preventDefault();
        // only what changed is sent: a field left out stays as it is
        const input = { workspaceId: app.state.workspaceId, id: person.id };
        for (const [name] of FIELDS) {
          const value = inputs[name].value.trim();
          if (value !== (current[name] || '')) input[name] = value || (name === 'name' ? value : null);
        }
        if (org.value !== (person.organisation?.id || '')) input.organisationId = org.value || null;
        if (level.value) input.levelRank = Number(level.value);
        if (Object.keys(input).length === 2) {
          saved.textContent = 'Nothing changed.';
          return;
        }
        const fields = Object.fromEntries(FIELDS.map(([name, id]) => [name, `${id}-error`]));
        Object.assign(fields, { organisationId: 'edit-person-org-error', levelRank: 'edit-person-level-error', id: 'edit-person-name-error' });
        const ok = await submitMutation({ document: mutationDocument(app.schema, 'updatePerson'), resultField: 'updatePerson', input, fields, status: saved });
        if (ok) await app.afterEdit(person.id);
      },
    },
    FIELDS.map(([name, id, label]) => [h('label', { for: id }, label), inputs[name], fieldError(id)]),
    h('label', { for: 'edit-person-org' }, 'Organisation'),
    org,
    fieldError('edit-person-org'),
    h('label', { for: 'edit-person-level' }, 'Status level'),
    level,
    fieldError('edit-person-level'),
    h('button', { type: 'submit', id: 'save-person' }, 'Save details'),
    saved,
  );
  return h('details', { class: 'block', id: 'person-details' }, h('summary', {}, h('strong', {}, 'Edit details')), form);
}

/** Remove the person from the workspace: one button, then an explicit confirmation. */
export function removePersonBlock(app, person) {
  const block = h('section', { class: 'block', 'aria-label': `Remove ${person.name}` });
  const result = status('remove-person-status');
  const ask = () =>
    fill(
      block,
      h('button', { type: 'button', class: 'secondary danger', id: 'remove-person', onclick: confirm }, `Remove ${person.name}…`),
      result,
    );
  const confirm = () =>
    fill(
      block,
      h(
        'div',
        { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'remove-person-question' },
        h('p', { id: 'remove-person-question' }, h('strong', {}, `Remove ${person.name} from the workspace?`), ' This deletes them with their reporting lines, influence and "knows" ties and their place in every deal. Their history is kept.'),
        h(
          'div',
          { class: 'button-row' },
          h('button', { type: 'button', class: 'danger', id: 'confirm-remove-person', onclick: remove }, `Remove ${person.name} for good`),
          h('button', { type: 'button', class: 'secondary', onclick: ask }, 'Cancel'),
        ),
        result,
      ),
    );
  const remove = async () => {
    const ok = await submitMutation({
      document: mutationDocument(app.schema, 'deletePerson'),
      resultField: 'deletePerson',
      input: { workspaceId: app.state.workspaceId, id: person.id },
      fields: {},
      status: result,
    });
    if (ok) await app.personRemoved(person);
  };
  ask();
  return block;
}

/**
 * A "Remove" button for one tie or membership: runs `mutation` with `input`, says what went
 * wrong beside it, and redraws the panel and the map when it is done.
 */
export function removeButton(app, person, { id, label, mutation, input, text = 'Remove' }) {
  const result = status(`${id}-status`);
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      id,
      'aria-label': label,
      title: label,
      onclick: async () => {
        const ok = await submitMutation({
          document: mutationDocument(app.schema, mutation),
          resultField: mutation,
          input: { workspaceId: app.state.workspaceId, ...input },
          fields: {},
          status: result,
        });
        if (ok) await app.afterEdit(person.id);
      },
    },
    text,
  );
  return h('span', { class: 'remove' }, button, result);
}
