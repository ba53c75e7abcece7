// The "New" panel: create a workspace, an organisation (customer, prospect, partner or us), a
// deal, and a person (optionally straight into the open deal's buying centre), through the
// API's create mutations. The API's validation messages appear next to their fields.

import { enumOptions, enumSelect, fieldError, submitMutation } from './forms.js';
import { fill, h, words } from './dom.js';
import { mutationDocument } from './queries.js';
import { ORG_LEVELS } from './layout.js';
import { ROLE_PRIORITY } from './styles.js';
import { ORG_KINDS, STANCES } from './vocabulary.js';


const KIND_LABELS = { home: 'us (home)' };

function textField(id, label, { required = false, placeholder = '' } = {}) {
  const input = h('input', { id, name: id, type: 'text', required, placeholder, autocomplete: 'off', 'aria-describedby': `${id}-error` });
  return { input, parts: [h('label', { for: id }, label), input, fieldError(id)] };
}

function selectField(id, label, options) {
  const select = h('select', { id, name: id, 'aria-describedby': `${id}-error` }, options.map(([value, text]) => h('option', { value }, text)));
  return { input: select, parts: [h('label', { for: id }, label), select, fieldError(id)] };
}

/** A form that runs one create mutation and hands its success member to `done`. */
function createForm({ id, title, fields, submit, label = 'Create' }) {
  const status = h('p', { class: 'form-status', id: `${id}-status`, 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'block edit',
      'aria-labelledby': `${id}-title`,
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        await submit(status, form);
      },
    },
    h('h3', { id: `${id}-title` }, title),
    fields.flatMap((f) => f.parts),
    h('button', { type: 'submit' }, label),
    status,
  );
  return form;
}

const blank = (input) => input.value.trim() || null;

export class CreatePanel {
  constructor(container, app) {
    this.el = container;
    this.app = app;
  }

  render() {
    const { state } = this.app;
    if (!this.app.schema) return;
    fill(
      this.el,
      h('h2', {}, 'New'),
      h('p', { class: 'muted' }, 'Add to the workspace open above. Nothing is written until you press Create.'),
      state.workspaceId ? [this.personForm(), this.dealForm(), this.organisationForm()] : null,
      this.workspaceForm(),
    );
  }

  run(name, success, input, fields, status) {
    return submitMutation({ document: mutationDocument(this.app.schema, name, success), resultField: name, input, fields, status });
  }

  workspaceForm() {
    const name = textField('new-workspace-name', 'Name', { required: true });
    const key = textField('new-workspace-key', 'Key (optional)', { placeholder: 'made from the name' });
    return createForm({
      id: 'new-workspace',
      title: 'Workspace',
      fields: [name, key],
      submit: async (status) => {
        const result = await this.run(
          'createWorkspace',
          '... on WorkspaceSuccess { workspace { id key name } }',
          { name: name.input.value.trim(), id: blank(key.input) },
          { name: 'new-workspace-name-error', id: 'new-workspace-key-error' },
          status,
        );
        if (result) await this.app.openWorkspace(result.workspace.id);
      },
    });
  }

  organisationForm() {
    const kinds = enumOptions(this.app.schema, 'OrganisationKind', ORG_KINDS);
    const name = textField('new-org-name', 'Name', { required: true });
    const kind = { input: enumSelect({ id: 'new-org-kind', name: 'kind', values: kinds, current: 'customer', label: (v) => KIND_LABELS[v.toLowerCase()] || words(v) }) };
    kind.parts = [h('label', { for: 'new-org-kind' }, 'Kind'), kind.input, fieldError('new-org-kind')];
    const industry = textField('new-org-industry', 'Industry (optional)');
    const country = textField('new-org-country', 'Country (optional)');
    return createForm({
      id: 'new-org',
      title: 'Organisation',
      fields: [name, kind, industry, country],
      submit: async (status) => {
        const result = await this.run(
          'createOrganisation',
          '... on OrganisationSuccess { organisation { id key name kind } }',
          {
            workspaceId: this.app.state.workspaceId,
            name: name.input.value.trim(),
            kind: kind.input.value,
            industry: blank(industry.input),
            country: blank(country.input),
          },
          { name: 'new-org-name-error', kind: 'new-org-kind-error', industry: 'new-org-industry-error', country: 'new-org-country-error' },
          status,
        );
        if (result) await this.app.organisationCreated(result.organisation);
      },
    });
  }

  dealForm() {
    const accounts = this.app.accounts || [];
    const name = textField('new-deal-name', 'Name', { required: true });
    const account = selectField('new-deal-account', 'Account', accounts.map((o) => [o.id, o.name]));
    account.input.value = this.app.state.accountId || '';
    return createForm({
      id: 'new-deal',
      title: 'Deal',
      fields: [name, account],
      submit: async (status) => {
        const result = await this.run(
          'createDeal',
          '... on DealSuccess { deal { id key name } }',
          { workspaceId: this.app.state.workspaceId, name: name.input.value.trim(), organisationId: account.input.value },
          { name: 'new-deal-name-error', organisationId: 'new-deal-account-error' },
          status,
        );
        if (result) await this.app.dealCreated(account.input.value, result.deal);
      },
    });
  }

  personForm() {
    const { state } = this.app;
    const organisations = this.app.organisations || [];
    const name = textField('new-person-name', 'Name', { required: true });
    const title = textField('new-person-job-title', 'Title', { placeholder: 'e.g. Head of IT (sets the level)' });
    const org = selectField(
      'new-person-org',
      'Organisation',
      organisations.map((o) => [o.id, `${o.name} · ${KIND_LABELS[String(o.kind).toLowerCase()] || words(o.kind)}`]),
    );
    org.input.value = state.accountId || '';
    const department = textField('new-person-department', 'Department (optional)');
    const level = selectField('new-person-level', 'Status level', [
      ['', 'from the title'],
      ...[...ORG_LEVELS].sort((a, b) => b[0] - a[0]).map(([rank, label]) => [String(rank), `${rank} ${label}`]),
    ]);
    const deal = state.view?.deal;
    const roleOptions = enumOptions(this.app.schema, 'Role', ROLE_PRIORITY);
    const role = selectField('new-person-role', deal ? `Role in ${deal.name}` : 'Role in the deal', [
      ['', deal ? 'not in this deal' : 'open a deal first'],
      ...roleOptions.map((v) => [v, words(v)]),
    ]);
    role.input.disabled = !deal;
    const stanceOptions = enumOptions(this.app.schema, 'Stance', STANCES);
    const stance = selectField('new-person-stance', 'Stance', stanceOptions.map((v) => [v, words(v)]));
    stance.input.value = stanceOptions.find((v) => v.toLowerCase() === 'unknown') || stanceOptions[0];
    return createForm({
      id: 'new-person',
      title: 'Person',
      fields: [name, title, org, department, level, role, stance],
      submit: async (status, form) => {
        const result = await this.run(
          'createPerson',
          '... on PersonSuccess { person { id key name } }',
          {
            workspaceId: state.workspaceId,
            name: name.input.value.trim(),
            title: blank(title.input),
            organisationId: org.input.value || null,
            department: blank(department.input),
            levelRank: level.input.value ? Number(level.input.value) : null,
          },
          {
            name: 'new-person-name-error',
            title: 'new-person-job-title-error',
            organisationId: 'new-person-org-error',
            department: 'new-person-department-error',
            levelRank: 'new-person-level-error',
          },
          status,
        );
        if (!result) return;
        const person = result.person;
        if (deal && role.input.value) {
          const joined = await this.run(
            'setBuyingCentreMember',
            '',
            { workspaceId: state.workspaceId, dealId: state.dealId, personId: person.id, roles: [role.input.value], stance: stance.input.value },
            { roles: 'new-person-role-error', stance: 'new-person-stance-error' },
            status,
          );
          if (!joined) return;
        }
        // ready for the next person: blank fields, the defaults chosen again
        form.reset();
        org.input.value = state.accountId || '';
        status.textContent = `Created ${person.name}.`;
        await this.app.personCreated(person);
      },
    });
  }
}
