// The person panel: who they are, their part in the deal, who moves them, how far their status
// is from ours, who of ours knows them; roles, stance, stage and influence edited in place.

import { gql } from './api.js';
import { fill, formatGap, formatWeight, h, words } from './dom.js';
import { enumOptions, enumSelect, fieldError, submitMutation } from './forms.js';
import { PERSON_DETAIL, mutationDocument } from './queries.js';
import { loadPersonAnalytics } from './analytics.js';
import { detailsForm, removeButton, removePersonBlock } from './person-edit.js';
import { personPicker } from './person-picker.js';
import { reportsText } from './view-model.js';
import {
  INFLUENCE_BASES as BASES,
  INFLUENCE_KINDS as KINDS,
  JOURNEY_STAGES as STAGES,
  MOTIVES,
  OUTCOMES,
  ROLES,
  STANCES,
} from './vocabulary.js';

/** "Stands out · gains (would present the results to the board) · aspires to level 6". */
function stakeText(person) {
  const parts = [words(person.motive || 'unknown'), words(person.outcome || 'unknown')];
  if (person.evidence) parts[1] += ` (${person.evidence})`;
  if (Number.isFinite(person.aspiration)) parts.push(`aspires to level ${person.aspiration}`);
  return parts.join(' · ');
}

function levelText(level) {
  if (!level || !Number.isFinite(level.rank)) return 'unknown';
  return `${level.rank} · ${level.name || ''}${level.inferred ? ' (inferred from title)' : ''}`;
}

/** The external ids merged into the person (their aliases), small, under who they are. */
function aliasesLine(detail) {
  const aliases = detail?.aliases || [];
  if (!aliases.length) return null;
  return h(
    'p',
    { class: 'person-aliases muted', 'data-testid': 'person-aliases', title: 'External ids merged into this person by an import' },
    `Also imported as ${aliases.join(', ')}`,
  );
}

function personLink(app, card, extra) {
  return h(
    'button',
    { type: 'button', class: 'link', onclick: () => app.selectPerson(card.id) },
    card.name,
    extra ? h('span', { class: 'muted' }, ` ${extra}`) : null,
  );
}

/**
 * "Gap to the decider Fiona Marsh: -1 · to Sam Ortiz (ours, suggested): +1" from the API's gaps;
 * with several deciders each one's gap, the furthest above first ("Gaps to the 3 deciders: Fiona
 * Marsh -2, Carl Engel -1, Olivia Brandt 0"). `most`: deciders named, the rest counted ("+1 more").
 */
export function gapText(gaps, { most = Infinity } = {}) {
  const parts = [];
  const { deciders = [] } = gaps;
  if (gaps.self) parts.push(deciders.length ? 'A decider' : 'The decider');
  const to = gaps.self ? 'the other' : 'the';
  if (deciders.length === 1) {
    parts.push(`${gaps.self ? 'gap' : 'Gap'} to ${to} decider ${deciders[0].name}: ${formatGap(deciders[0].gap)}`);
  } else if (deciders.length > 1) {
    const named = deciders.slice(0, most).map((d) => `${d.name} ${formatGap(d.gap)}`);
    if (deciders.length > most) named.push(`+${deciders.length - most} more`);
    parts.push(`${gaps.self ? 'gaps' : 'Gaps'} to ${to} ${deciders.length} deciders: ${named.join(', ')}`);
  }
  if (gaps.ours) parts.push(`to ${gaps.ours.name} (ours, suggested): ${formatGap(gaps.ours.gap)}`);
  return parts.join(' · ');
}

export class PersonPanel {
  constructor(container, app) {
    this.el = container;
    this.app = app;
    this.personId = null;
    this.showEmpty();
  }

  showEmpty() {
    this.personId = null; // a person still loading is not shown after all
    fill(this.el, 
      h('h2', {}, 'Person'),
      h('p', { class: 'muted' }, 'Click a person on the map, or choose one from the list on the left.'),
    );
  }

  async show(personId) {
    this.personId = personId;
    const { state } = this.app;
    const person = state.view?.people.get(personId);
    if (!person) return this.showEmpty();
    if (person.hypothetical) return this.renderHypothetical(person);
    // After an edit the panel is drawn again: keep the keyboard where it was.
    const focused = this.el.contains(document.activeElement) ? document.activeElement.id : null;
    fill(this.el, h('h2', {}, person.name), h('p', { class: 'muted' }, 'Loading…'));
    let detail = null;
    let measures = null;
    try {
      const [data, analytics] = await Promise.all([
        gql(PERSON_DETAIL, { workspaceId: state.workspaceId, personId }),
        loadPersonAnalytics(this.app.schema, state.workspaceId, personId).catch(() => null),
      ]);
      detail = data.workspace?.person || null;
      measures = analytics;
    } catch (e) {
      this.app.reportError(e);
    }
    if (this.personId !== personId) return; // another person was chosen meanwhile
    this.render(person, detail, measures);
    // On the map: the people of higher status who influence them, as the API answers.
    const higher = measures
      ? measures.higherStatusInfluencers.filter((i) => i.person && !i.via).map((i) => i.person.id)
      : (detail?.higher || []).map((i) => i.person.id);
    this.app.map.markHigher(personId, higher);
    if (focused) document.getElementById(focused)?.focus();
  }

  render(person, detail, measures) {
    const app = this.app;
    const inDeal = Boolean(app.state.view?.deal);
    const sections = [
      h('h2', { id: 'person-name' }, person.name),
      h(
        'p',
        { class: 'person-sub' },
        [person.title, person.organisation?.name, person.department].filter(Boolean).join(' · '),
      ),
      aliasesLine(detail),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Status level'),
        h('dd', { 'data-testid': 'person-level' }, levelText(person.level)),
        inDeal ? [h('dt', {}, 'Roles'), h('dd', { 'data-testid': 'person-roles' }, person.roles.map(words).join(', ') || 'none')] : null,
        inDeal ? [h('dt', {}, 'Stance'), h('dd', { 'data-testid': 'person-stance' }, words(person.stance || 'unknown'))] : null,
        inDeal ? [h('dt', {}, 'Journey stage'), h('dd', { 'data-testid': 'person-stage' }, words(person.stage || 'none yet'))] : null,
        inDeal ? [h('dt', {}, 'Status stake'), h('dd', { 'data-testid': 'person-stake' }, stakeText(person))] : null,
        person.influenceRank !== null
          ? [h('dt', {}, 'Influence rank'), h('dd', {}, person.influenceRank.toFixed(3))]
          : null,
        person.brokerage !== null ? [h('dt', {}, 'Brokerage'), h('dd', {}, person.brokerage.toFixed(3))] : null,
      ),
      h(
        'div',
        { class: 'button-row' },
        this.hideButton(person),
        inDeal
          ? h('button', { type: 'button', class: 'secondary', onclick: () => this.app.expand(person.id) }, 'Show who is around this person')
          : null,
      ),
      this.gapsSection(person),
      this.app.schema.hasMutation('updatePerson') ? detailsForm(app, person, detail) : null,
    ];
    if (detail) {
      sections.push(
        this.influencersSection(detail, measures),
        this.oursSection(person, detail, measures),
      );
    }
    if (inDeal && person.side === 'customer') sections.push(this.memberForm(person), this.stageForm(person));
    if (detail && person.side === 'customer') {
      sections.push(this.influenceForm(person, detail), this.reportingForm(person, detail), this.knowsForm(person, detail));
    }
    if (this.app.schema.hasMutation('deletePerson')) sections.push(removePersonBlock(app, person));
    fill(this.el, ...sections);
  }

  /** A what-if's hypothetical contact: what the what-if took them as, and a way out of it. */
  renderHypothetical(person) {
    fill(
      this.el,
      h('h2', { id: 'person-name' }, person.name),
      h('p', { class: 'person-sub' }, [person.title, person.organisation?.name, person.department].filter(Boolean).join(' · ')),
      h('p', { class: 'what-if', 'data-testid': 'hypothetical-note' }, 'Hypothetical contact of the what-if: not stored, in no other view.'),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Status level'),
        h('dd', { 'data-testid': 'person-level' }, levelText(person.level)),
        person.member ? [h('dt', {}, 'Roles'), h('dd', { 'data-testid': 'person-roles' }, person.roles.map(words).join(', ') || 'none')] : null,
        person.member ? [h('dt', {}, 'Stance'), h('dd', { 'data-testid': 'person-stance' }, words(person.stance))] : null,
      ),
      h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'secondary', onclick: () => this.app.removeHypothetical(person.id) }, 'Take out of the what-if')),
    );
  }

  /** Their status gap to each decider and to the colleague of ours suggested (from the API). */
  gapsSection(person) {
    const gaps = this.app.gaps?.get(person.id);
    if (!gaps) return null;
    return h('p', { class: 'gaps', 'data-testid': 'person-gaps' }, gapText(gaps));
  }

  hideButton(person) {
    const hidden = this.app.state.hidden.has(person.id);
    return h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-pressed': hidden ? 'true' : 'false',
        onclick: () => this.app.toggleHidden(person.id),
      },
      hidden ? 'Show again (undo what-if)' : 'What if they were gone? Hide from map and plan',
    );
  }

  influencersSection(detail, measures) {
    // From the analytics: up to two hops, with the gap; else the direct influencers above them.
    const items = measures
      ? measures.higherStatusInfluencers.filter((i) => i.person).map((i) => {
          const via = i.via ? this.app.state.view && [...this.app.state.view.people.values()].find((p) => p.key === i.via) : null;
          const extra = [`L${i.level} (${formatGap(i.gap)})`, `strength ${formatWeight(i.strength)}`, via ? `via ${via.name}` : i.via ? 'via 1 person' : null];
          return h('li', {}, personLink(this.app, i.person, extra.filter(Boolean).join(' · ')));
        })
      : (detail.higher || []).map((i) =>
          h('li', {}, personLink(this.app, i.person, `L${i.person.level?.rank ?? '?'} · ${words(i.kind)} · weight ${formatWeight(i.weight)}`)),
        );
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'higher-title' },
      h('h3', { id: 'higher-title' }, 'Higher-status influencers'),
      items.length
        ? h('ul', { class: 'plain', 'data-testid': 'higher-status-influencers' }, items)
        : h('p', { class: 'muted' }, 'Nobody of higher status is known to influence them.'),
    );
  }

  oursSection(person, detail, measures) {
    const rank = person.level?.rank;
    const knownBy = new Map((detail.knownBy || []).map((k) => [k.person.id, k]));
    if (measures) {
      // The analytics' status gap to each of our people; partners who know them are added.
      const gaps = new Map(measures.gapsToOurs.filter((g) => g.person).map((g) => [g.person.id, { person: g.person, gap: g.gap }]));
      for (const k of detail.knownBy || []) {
        if (!gaps.has(k.person.id)) {
          const gap = Number.isFinite(rank) && Number.isFinite(k.person.level?.rank) ? rank - k.person.level.rank : NaN;
          gaps.set(k.person.id, { person: k.person, gap });
        }
      }
      return this.oursTable([...gaps.values()], knownBy);
    }
    const ours = new Map();
    for (const p of this.app.state.view.people.values()) if (p.side !== 'customer') ours.set(p.id, p);
    for (const k of detail.knownBy || []) if (!ours.has(k.person.id)) ours.set(k.person.id, k.person);
    const entries = [...ours.values()]
      .filter((p) => String(p.organisation?.kind || '').toLowerCase() === 'home' || knownBy.has(p.id))
      .map((p) => ({
        person: p,
        gap: Number.isFinite(rank) && Number.isFinite(p.level?.rank) ? rank - p.level.rank : NaN,
      }));
    return this.oursTable(entries, knownBy);
  }

  /** Our people (and partners' who know them): status gap and how well they know them. */
  oursTable(entries, knownBy) {
    const rows = entries
      .sort((a, b) => (knownBy.get(b.person.id)?.strength ?? -1) - (knownBy.get(a.person.id)?.strength ?? -1))
      .map(({ person: p, gap }) => {
        const k = knownBy.get(p.id);
        const partner = String(p.organisation?.kind || '').toLowerCase() === 'partner';
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, personLink(this.app, p), partner ? h('span', { class: 'tag' }, 'partner') : null),
          h('td', {}, formatGap(gap)),
          h('td', {}, k ? `knows them (${formatWeight(k.strength)})${k.lastContact ? `, last ${k.lastContact}` : ''}` : '—'),
        );
      });
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'ours-title' },
      h('h3', { id: 'ours-title' }, 'Our people'),
      rows.length
        ? h(
            'table',
            { class: 'compact', 'data-testid': 'our-people' },
            h('caption', { class: 'visually-hidden' }, 'Status gap (their level minus ours) and acquaintance'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Gap'), h('th', { scope: 'col' }, 'Knows them'))),
            h('tbody', {}, rows),
          )
        : h('p', { class: 'muted' }, 'None of our people is on this map.'),
    );
  }

  memberForm(person) {
    const { schema, state } = this.app;
    const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
    const roles = enumOptions(schema, 'Role', ROLES);
    const stance = enumSelect({
      id: 'edit-stance',
      name: 'stance',
      values: enumOptions(schema, 'Stance', STANCES),
      current: person.stance,
      label: words,
    });
    const motive = enumSelect({
      id: 'edit-motive',
      name: 'motive',
      values: enumOptions(schema, 'Motive', MOTIVES),
      current: person.motive,
      label: words,
    });
    const outcome = enumSelect({
      id: 'edit-outcome',
      name: 'outcome',
      values: enumOptions(schema, 'Outcome', OUTCOMES),
      current: person.outcome,
      label: words,
    });
    const evidence = h('input', { id: 'edit-evidence', name: 'evidence', type: 'text', value: person.evidence || '', maxlength: '2000' });
    const aspiration = h('input', {
      id: 'edit-aspiration',
      name: 'aspiration',
      type: 'number',
      min: '1',
      max: '7',
      value: Number.isFinite(person.aspiration) ? String(person.aspiration) : '',
    });
    const form = h(
      'form',
      {
        class: 'block edit',
        'aria-labelledby': 'member-title',
        onsubmit: async (e) => {
          e.preventDefault();
          const chosen = [...form.querySelectorAll('input[name=roles]:checked')].map((i) => i.value);
          const ok = await submitMutation({
            document: mutationDocument(schema, 'setBuyingCentreMember'),
            resultField: 'setBuyingCentreMember',
            input: {
              workspaceId: state.workspaceId,
              dealId: state.dealId,
              personId: person.id,
              roles: chosen,
              stance: stance.value,
              motive: motive.value,
              outcome: outcome.value,
              evidence: evidence.value.trim() || null,
              aspiration: aspiration.value === '' ? null : Number(aspiration.value),
            },
            fields: {
              roles: 'edit-roles-error',
              stance: 'edit-stance-error',
              motive: 'edit-motive-error',
              outcome: 'edit-outcome-error',
              evidence: 'edit-evidence-error',
              aspiration: 'edit-aspiration-error',
              personId: 'edit-stance-error',
              dealId: 'edit-stance-error',
            },
            status,
          });
          if (ok) await this.app.afterEdit(person.id);
        },
      },
      h('h3', { id: 'member-title' }, 'Part in this deal'),
      h(
        'fieldset',
        { 'aria-describedby': 'edit-roles-error' },
        h('legend', {}, 'Roles'),
        h(
          'div',
          { class: 'checks' },
          roles.map((r) =>
            h(
              'label',
              {},
              h('input', { type: 'checkbox', name: 'roles', value: r, checked: person.roles.includes(r.toLowerCase()) }),
              ` ${words(r)}`,
            ),
          ),
        ),
        fieldError('edit-roles'),
      ),
      h('label', { for: 'edit-stance' }, 'Stance'),
      stance,
      fieldError('edit-stance'),
      h('label', { for: 'edit-motive' }, 'What they want from it: fit in or stand out'),
      motive,
      fieldError('edit-motive'),
      h('label', { for: 'edit-outcome' }, 'What the deal does to their standing'),
      outcome,
      fieldError('edit-outcome'),
      h('label', { for: 'edit-evidence' }, 'Why we think so'),
      evidence,
      fieldError('edit-evidence'),
      h('label', { for: 'edit-aspiration' }, 'Level they reach for (1-7, optional)'),
      aspiration,
      fieldError('edit-aspiration'),
      h('button', { type: 'submit', id: 'save-member' }, 'Save part in this deal'),
      status,
      person.member
        ? removeButton(this.app, person, {
            id: 'remove-member',
            label: `Take ${person.name} out of this deal's buying centre`,
            mutation: 'removeBuyingCentreMember',
            input: { dealId: state.dealId, personId: person.id },
            text: 'Take out of the buying centre',
          })
        : null,
    );
    return form;
  }

  stageForm(person) {
    const { schema, state } = this.app;
    const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
    const stage = enumSelect({
      id: 'edit-stage',
      name: 'stage',
      values: enumOptions(schema, 'JourneyStage', STAGES),
      current: person.stage,
      label: words,
    });
    const note = h('input', { id: 'edit-note', name: 'note', type: 'text', 'aria-describedby': 'edit-note-error' });
    // the day the stage was reached (today unless told otherwise), stored as midnight UTC
    const at = h('input', { id: 'edit-stage-at', name: 'at', type: 'date', value: new Date().toISOString().slice(0, 10), 'aria-describedby': 'edit-stage-at-error' });
    const history = (person.journey || []).map((j) =>
      h('li', {}, `${words(j.stage)}${j.at ? ` · ${String(j.at).slice(0, 10)}` : ''}${j.note ? ` · ${j.note}` : ''}`),
    );
    return h(
      'form',
      {
        class: 'block edit',
        'aria-labelledby': 'stage-title',
        onsubmit: async (e) => {
          e.preventDefault();
          const input = { workspaceId: state.workspaceId, dealId: state.dealId, personId: person.id, stage: stage.value };
          if (note.value.trim()) input.note = note.value;
          if (at.value) input.at = `${at.value}T00:00:00Z`;
          const ok = await submitMutation({
            document: mutationDocument(schema, 'recordJourneyStage'),
            resultField: 'recordJourneyStage',
            input,
            fields: { stage: 'edit-stage-error', note: 'edit-note-error', at: 'edit-stage-at-error', personId: 'edit-stage-error' },
            status,
          });
          if (ok) await this.app.afterEdit(person.id);
        },
      },
      h('h3', { id: 'stage-title' }, 'Journey'),
      history.length ? h('ol', { class: 'journey' }, history) : h('p', { class: 'muted' }, 'No stage recorded yet.'),
      h('label', { for: 'edit-stage' }, 'Stage reached'),
      stage,
      fieldError('edit-stage'),
      h('label', { for: 'edit-stage-at' }, 'Reached on'),
      at,
      fieldError('edit-stage-at'),
      h('label', { for: 'edit-note' }, 'Note (optional)'),
      note,
      fieldError('edit-note'),
      h('button', { type: 'submit', id: 'record-stage' }, 'Record stage'),
      status,
    );
  }

  /** Everyone loaded for this deal or account but `person`, by name (the pickers' choices). */
  candidates(person, side = null) {
    const { scopeView, view } = this.app.state;
    return [...(scopeView || view).people.values()]
      .filter((p) => p.id !== person.id && (!side || side.includes(p.side)))
      .sort((a, b) => a.name.localeCompare(b.name) || String(a.title).localeCompare(String(b.title)));
  }

  /**
   * Who they report to, each line with its kind (the first manager's solid, a second one's a
   * matrix line) and a way to remove it; who reports to them; a form to add a manager.
   */
  reportingForm(person, detail) {
    const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
    const manager = personPicker('new-manager', this.candidates(person, ['customer']));
    const line = h(
      'select',
      { id: 'new-manager-line', 'aria-describedby': 'new-manager-line-error' },
      h('option', { value: '' }, 'solid if the first, else matrix'),
      h('option', { value: 'SOLID' }, 'solid line'),
      h('option', { value: 'MATRIX' }, 'matrix line (dotted)'),
    );
    const names = (list) => list.map((p, i) => [i ? ', ' : '', personLink(this.app, p, p.title || '')]);
    const managers = detail.managers || [];
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'reporting-title' },
      h('h3', { id: 'reporting-title' }, 'Reporting lines'),
      h(
        'div',
        { 'data-testid': 'reports-to' },
        'Reports to: ',
        managers.length
          ? h(
              'ul',
              { class: 'plain', 'data-testid': 'manager-lines' },
              managers.map((m, i) => {
                const matrix = String(m.line).toUpperCase() === 'MATRIX';
                return h(
                  'li',
                  { dataset: { line: matrix ? 'matrix' : 'solid' } },
                  personLink(this.app, m.person, m.person.title || ''),
                  h('span', { class: `tag line-kind${matrix ? ' matrix' : ''}` }, matrix ? 'matrix line' : 'solid line'),
                  ' ',
                  removeButton(this.app, person, {
                    id: `remove-manager-${i}`,
                    label: `Remove the reporting line from ${person.name} to ${m.person.name}`,
                    mutation: 'removeReportsTo',
                    input: { personId: person.id, managerId: m.person.id },
                  }),
                );
              }),
            )
          : h('span', { class: 'muted' }, 'nobody recorded'),
      ),
      detail.directReports?.length ? h('p', {}, 'Direct reports: ', names(detail.directReports)) : null,
      h(
        'form',
        {
          class: 'inline-form',
          'aria-label': `Add a manager of ${person.name}`,
          onsubmit: async (e) => {
            e.preventDefault();
            const input = { workspaceId: this.app.state.workspaceId, personId: person.id, managerId: manager.value };
            if (line.value) input.line = line.value;
            const ok = await submitMutation({
              document: mutationDocument(this.app.schema, 'addReportsTo'),
              resultField: 'addReportsTo',
              input,
              fields: { managerId: 'new-manager-error', personId: 'new-manager-error', line: 'new-manager-line-error', input: 'new-manager-error' },
              status,
            });
            if (ok) await this.app.afterEdit(person.id);
          },
        },
        h('label', { for: 'new-manager' }, 'Add a manager'),
        manager,
        fieldError('new-manager'),
        h('label', { for: 'new-manager-line' }, 'Line'),
        line,
        fieldError('new-manager-line'),
        h('button', { type: 'submit', id: 'add-manager' }, 'Add reporting line'),
        status,
      ),
    );
  }

  /** Who of ours knows them (each tie removable), and a form to record one more. */
  knowsForm(person, detail) {
    const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
    const ours = personPicker('new-knows-source', this.candidates(person, ['home', 'partner']));
    const strength = h('input', { id: 'new-knows-strength', type: 'number', step: '0.05', value: '0.5', 'aria-describedby': 'new-knows-strength-error' });
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'knows-title' },
      h('h3', { id: 'knows-title' }, `Who of ours knows ${person.name}`),
      detail?.knownBy?.length
        ? h(
            'ul',
            { class: 'plain', 'data-testid': 'known-by' },
            detail.knownBy.map((k, i) =>
              h(
                'li',
                {},
                personLink(this.app, k.person, `(${formatWeight(k.strength)})`),
                ' ',
                removeButton(this.app, person, {
                  id: `remove-knows-${i}`,
                  label: `Remove: ${k.person.name} knows ${person.name}`,
                  mutation: 'deleteKnows',
                  input: { sourceId: k.person.id, targetId: person.id },
                }),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'Nobody of ours is recorded as knowing them.'),
      h(
        'form',
        {
          class: 'inline-form',
          'aria-label': `Add who of ours knows ${person.name}`,
          onsubmit: async (e) => {
            e.preventDefault();
            const ok = await submitMutation({
              document: mutationDocument(this.app.schema, 'upsertKnows'),
              resultField: 'upsertKnows',
              input: { workspaceId: this.app.state.workspaceId, sourceId: ours.value, targetId: person.id, strength: Number(strength.value) },
              fields: { sourceId: 'new-knows-source-error', strength: 'new-knows-strength-error', input: 'new-knows-source-error' },
              status,
            });
            if (ok) await this.app.afterEdit(person.id);
          },
        },
        h('label', { for: 'new-knows-source' }, 'Our or a partner\'s person'),
        ours,
        fieldError('new-knows-source'),
        h('label', { for: 'new-knows-strength' }, 'Strength (0–1)'),
        strength,
        fieldError('new-knows-strength'),
        h('button', { type: 'submit', id: 'add-knows' }, 'Add "knows"'),
        status,
      ),
    );
  }

  influenceForm(person, detail) {
    const { schema, state } = this.app;
    const kinds = enumOptions(schema, 'InfluenceKind', KINDS);
    const rows = (detail.influencers || []).map((inf, i) => this.influenceRow(person, inf, i, kinds));
    const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
    const source = personPicker('new-inf-source', this.candidates(person));
    const weight = h('input', { id: 'new-inf-weight', type: 'number', step: '0.05', value: '0.5', 'aria-describedby': 'new-inf-weight-error' });
    const kind = enumSelect({ id: 'new-inf-kind', values: kinds, current: 'advice', label: words });
    // Who reports the tie: one of ours, or the signed-in user (each observer's report is kept).
    const reporter = personPicker('new-inf-reporter', this.candidates(person, ['home']), { empty: 'Me' });
    const add = h(
      'form',
      {
        class: 'inline-form',
        'aria-label': `Add an influence on ${person.name}`,
        onsubmit: async (e) => {
          e.preventDefault();
          const ok = await submitMutation({
            document: mutationDocument(this.app.schema, 'upsertInfluence'),
            resultField: 'upsertInfluence',
            input: { workspaceId: state.workspaceId, sourceId: source.value, targetId: person.id, weight: Number(weight.value), kind: kind.value, reportedBy: reporter.value || null },
            fields: { sourceId: 'new-inf-source-error', weight: 'new-inf-weight-error', kind: 'new-inf-kind-error', reportedBy: 'new-inf-reporter-error', input: 'new-inf-source-error' },
            status,
          });
          if (ok) await this.app.afterEdit(person.id);
        },
      },
      h('label', { for: 'new-inf-source' }, 'From'),
      source,
      fieldError('new-inf-source'),
      h('label', { for: 'new-inf-weight' }, 'Weight (0–1)'),
      weight,
      fieldError('new-inf-weight'),
      h('label', { for: 'new-inf-kind' }, 'Kind'),
      kind,
      fieldError('new-inf-kind'),
      h('label', { for: 'new-inf-reporter' }, 'Reported by'),
      reporter,
      fieldError('new-inf-reporter'),
      h('button', { type: 'submit', id: 'add-influence' }, 'Add influence'),
      status,
    );
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'influence-title' },
      h('h3', { id: 'influence-title' }, `Who influences ${person.name}`),
      rows.length ? h('ul', { class: 'plain influence-rows' }, rows) : h('p', { class: 'muted' }, 'No influence recorded.'),
      h('h4', {}, 'Add an influence'),
      add,
    );
  }

  influenceRow(person, inf, i, kinds) {
    const { state } = this.app;
    const id = `inf-${i}`;
    const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
    const weight = h('input', {
      id: `${id}-weight`,
      type: 'number',
      step: '0.05',
      value: String(inf.weight),
      'aria-describedby': `${id}-weight-error`,
    });
    const kind = enumSelect({ id: `${id}-kind`, values: kinds, current: inf.kind, label: words });
    // Normative (approval) or informational (evidence); '' keeps the default of the kind.
    const basis = enumSelect({
      id: `${id}-basis`,
      values: ['', ...enumOptions(this.app.schema, 'InfluenceBasis', BASES)],
      current: inf.basisRecorded ? inf.basis : '',
      label: (v) => (v ? words(v) : `from its kind (${words(inf.basis || 'unknown')})`),
    });
    return h(
      'li',
      { class: inf.disputed ? 'disputed' : null },
      h(
        'form',
        {
          class: 'inline-form',
          'aria-label': `Influence of ${inf.person.name} on ${person.name}`,
          onsubmit: async (e) => {
            e.preventDefault();
            const ok = await submitMutation({
              document: mutationDocument(this.app.schema, 'upsertInfluence'),
              resultField: 'upsertInfluence',
              input: {
                workspaceId: state.workspaceId,
                sourceId: inf.person.id,
                targetId: person.id,
                weight: Number(weight.value),
                kind: kind.value,
                basis: basis.value || null,
              },
              fields: { weight: `${id}-weight-error`, kind: `${id}-kind-error`, basis: `${id}-basis-error`, sourceId: `${id}-weight-error` },
              status,
            });
            if (ok) await this.app.afterEdit(person.id);
          },
        },
        h('span', { class: 'inf-from' }, personLink(this.app, inf.person, `L${inf.person.level?.rank ?? '?'}`)),
        h('label', { for: `${id}-weight` }, 'Weight'),
        weight,
        fieldError(`${id}-weight`),
        h('label', { for: `${id}-kind` }, 'Kind'),
        kind,
        fieldError(`${id}-kind`),
        h('label', { for: `${id}-basis` }, 'Basis'),
        basis,
        fieldError(`${id}-basis`),
        h('button', { type: 'submit', id: `${id}-save` }, 'Save'),
        status,
        removeButton(this.app, person, {
          id: `${id}-remove`,
          label: `Remove the influence of ${inf.person.name} on ${person.name}`,
          mutation: 'deleteInfluence',
          input: { sourceId: inf.person.id, targetId: person.id },
        }),
      ),
      this.reportsLine(inf),
    );
  }

  /** "Reported by Ann 0.2 · Bo 0.8 · disputed" when several observers reported the tie. */
  reportsLine(inf) {
    const reports = inf.reports || [];
    if (reports.length < 2) return null;
    const parts = reportsText(reports, this.app.state.scopeView || this.app.state.view);
    return h(
      'p',
      { class: 'inf-reports', 'data-testid': 'influence-reports' },
      `Reported by ${parts}; weighed by their median`,
      inf.disputed ? h('strong', { class: 'dispute-flag' }, ' · disputed') : null,
    );
  }
}
