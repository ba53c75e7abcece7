// What-if: add a hypothetical contact (not stored) with the ties that make them matter — who
// knows them, whom they report to, whom they influence — and see coverage and the plan change.
// The API's what-if checks them as it checks a stored person; its messages appear under the
// fields, and only a what-if it accepts is drawn (a dashed card).

import { h, words } from './dom.js';
import { GraphQLRequestError } from './api.js';
import { enumOptions, fieldError } from './forms.js';
import { ORG_LEVELS } from './layout.js';
import { personPicker } from './person-picker.js';
import { ROLE_PRIORITY } from './styles.js';
import { STANCES } from './vocabulary.js';

const KIND_LABELS = { home: 'us', partner: 'partner' };
const OURS = ['home', 'partner'];

/** Where each field of the API's HypotheticalPersonInput is shown in the form. */
const PERSON_FIELDS = {
  id: 'hyp-name',
  name: 'hyp-name',
  title: 'hyp-title',
  department: 'hyp-department',
  organisationId: 'hyp-org',
  levelRank: 'hyp-level',
  roles: 'hyp-role',
  stance: 'hyp-stance',
};

function field(id, label, input) {
  return [h('label', { for: id }, label), input, fieldError(id)];
}

function select(id, options, value = '') {
  const el = h('select', { id, name: id, 'aria-describedby': `${id}-error` }, options.map(([v, text]) => h('option', { value: v }, text)));
  el.value = value;
  return el;
}

/** A key of its own for a hypothetical contact (the API refuses a stored person's). */
function newId() {
  const random = Math.random().toString(36).slice(2, 10);
  return `hypothetical-${Date.now().toString(36)}-${random}`;
}

/**
 * The form's field id for the API's error `path` (e.g. addPeople[2].name, addKnows[0].sourceId),
 * when it is about what this form adds: `at` holds the indexes of the new person and ties.
 */
function placeOf(path, at) {
  const match = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path);
  if (!match) return null;
  const [, list, index, name] = match;
  if (at[list] !== Number(index)) return null;
  if (list === 'addPeople') return PERSON_FIELDS[name] || null;
  if (list === 'addKnows') return name === 'strength' ? 'hyp-knows-strength' : 'hyp-knows';
  if (list === 'addReportsTo') return 'hyp-manager';
  if (list === 'addInfluences') return name === 'weight' ? 'hyp-influence-weight' : 'hyp-influences';
  return null;
}

/** "Add a hypothetical contact": the deal panel's what-if form. */
export function hypotheticalForm(app) {
  const { schema, state } = app;
  const scope = [...(state.scopeView?.people.values() || [])].sort((a, b) => a.name.localeCompare(b.name));
  const organisations = app.organisations || [];
  const name = h('input', { id: 'hyp-name', type: 'text', autocomplete: 'off', 'aria-describedby': 'hyp-name-error' });
  const title = h('input', { id: 'hyp-title', type: 'text', autocomplete: 'off', placeholder: 'e.g. Head of Fleet (sets the level)', 'aria-describedby': 'hyp-title-error' });
  const org = select(
    'hyp-org',
    organisations.map((o) => [o.id, `${o.name} · ${KIND_LABELS[String(o.kind).toLowerCase()] || words(o.kind)}`]),
    state.view?.deal?.organisation?.id || state.accountId || '',
  );
  const department = h('input', { id: 'hyp-department', type: 'text', autocomplete: 'off', 'aria-describedby': 'hyp-department-error' });
  const level = select('hyp-level', [['', 'from the title'], ...[...ORG_LEVELS].map(([rank, label]) => [String(rank), `${rank} ${label}`])]);
  const roles = enumOptions(schema, 'Role', ROLE_PRIORITY);
  const role = select('hyp-role', [['', 'not in the buying centre'], ...roles.map((r) => [r, words(r)])]);
  const stances = enumOptions(schema, 'Stance', STANCES);
  const stance = select('hyp-stance', stances.map((v) => [v, words(v)]), stances.find((v) => v.toLowerCase() === 'unknown'));
  stance.disabled = true; // a stance towards us is a buying-centre member's
  role.addEventListener('change', () => {
    stance.disabled = !role.value;
  });
  const knows = personPicker('hyp-knows', scope);
  const strength = h('input', { id: 'hyp-knows-strength', type: 'number', min: '0', max: '1', step: '0.1', value: '0.8', 'aria-describedby': 'hyp-knows-strength-error' });
  const manager = personPicker('hyp-manager', scope.filter((p) => p.side === 'customer'));
  const influences = personPicker('hyp-influences', scope.filter((p) => p.side === 'customer'));
  const weight = h('input', { id: 'hyp-influence-weight', type: 'number', min: '0', max: '1', step: '0.1', value: '0.6', 'aria-describedby': 'hyp-influence-weight-error' });
  const status = h('p', { class: 'form-status', id: 'hyp-status', role: 'status', 'aria-live': 'polite' });

  const form = h(
    'form',
    {
      class: 'block edit',
      id: 'hypothetical-form',
      'aria-labelledby': 'hyp-form-title',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
        status.classList.remove('error');
        const chosenOrg = organisations.find((o) => o.id === org.value) || null;
        const person = {
          id: newId(),
          name: name.value.trim(),
          title: title.value.trim() || null,
          department: department.value.trim() || null,
          organisationId: chosenOrg?.id || null,
          organisation: chosenOrg,
          levelRank: level.value ? Number(level.value) : null,
          roles: role.value ? [role.value] : [],
          stance: role.value ? stance.value : null,
        };
        // The ties that make them count, with the API's indexes (for its messages).
        const ties = [];
        const at = { addPeople: state.hypothetical.length };
        const count = (kind) => state.imagined.filter((t) => (t.kind || 'knows') === kind).length;
        const other = (id) => state.scopeView.people.get(id);
        if (knows.value) {
          // a "knows" tie starts at one of ours or a partner's: whichever of the two that is
          const ours = OURS.includes(String(chosenOrg?.kind).toLowerCase());
          const [sourceId, targetId] = ours ? [person.id, knows.value] : [knows.value, person.id];
          ties.push({ kind: 'knows', sourceId, targetId, strength: Number(strength.value) });
          at.addKnows = count('knows');
        }
        if (manager.value) {
          ties.push({ kind: 'reports', sourceId: person.id, targetId: manager.value, strength: null });
          at.addReportsTo = count('reports');
        }
        if (influences.value) {
          ties.push({ kind: 'influence', sourceId: person.id, targetId: influences.value, strength: Number(weight.value) });
          at.addInfluences = count('influence');
        }
        for (const t of ties) {
          t.sourceName = t.sourceId === person.id ? person.name : other(t.sourceId)?.name;
          t.targetName = t.targetId === person.id ? person.name : other(t.targetId)?.name;
        }
        status.textContent = 'Trying it…';
        try {
          await app.tryWhatIf({ hypothetical: [...state.hypothetical, person], imagined: [...state.imagined, ...ties] });
        } catch (error) {
          if (!(error instanceof GraphQLRequestError)) throw error;
          const unplaced = [];
          for (const e of error.errors) {
            const problems = e.extensions?.fields || [{ field: '', message: e.message }];
            for (const problem of problems) {
              const target = placeOf(problem.field, at);
              const el = target && document.getElementById(`${target}-error`);
              if (el) el.textContent = problem.message;
              else unplaced.push(problem.message);
            }
          }
          status.textContent = `Not added: ${unplaced.length ? unplaced.join('; ') : 'see the fields above'}`;
          status.classList.add('error');
          return;
        }
        app.say(`What-if: ${person.name} added (hypothetical)`);
      },
    },
    h('h3', { id: 'hyp-form-title' }, 'What-if: add a hypothetical contact'),
    h('p', { class: 'muted' }, 'Someone we might meet or hire: see how coverage and the plan would change. Nothing is stored.'),
    field('hyp-name', 'Name', name),
    field('hyp-title', 'Title', title),
    field('hyp-org', 'Organisation', org),
    field('hyp-department', 'Department (optional)', department),
    field('hyp-level', 'Status level', level),
    field('hyp-role', 'Role in this deal', role),
    field('hyp-stance', 'Stance', stance),
    h('fieldset', { class: 'stack' }, h('legend', {}, 'Ties (optional)'),
      field('hyp-knows', 'Knows (one of ours or a partner\'s, or whom they know if they are ours)', knows),
      field('hyp-knows-strength', 'Strength (0 to 1)', strength),
      field('hyp-manager', 'Reports to', manager),
      field('hyp-influences', 'Influences', influences),
      field('hyp-influence-weight', 'Weight (0 to 1)', weight),
    ),
    h('button', { type: 'submit', id: 'add-hypothetical' }, 'Add a hypothetical contact'),
    status,
  );
  return form;
}
