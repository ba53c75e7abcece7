// The deal panel: coverage of the buying centre (roles, warnings) and the approach plan as an
// ordered list; a step shows its intro path on the map. With people hidden (what-if), the plan
// is the plan without them, and each step says how it moved.

import { fill, formatGap, h, words } from './dom.js';
import { byKey } from './view-model.js';
import { hasHypotheticalPeople, hasHypotheticalTies } from './analytics.js';
import { hypotheticalForm } from './hypothetical.js';
import { personPicker } from './person-picker.js';
import { replaceBlock } from './saved-views.js';

/** A role's holders and a deal's warnings shown at first, the rest one click away: a large buying
 * centre (hundreds of members) keeps the panel readable. */
const HOLDERS_SHOWN = 3;
const WARNINGS_SHOWN = 6;

/**
 * The first ``shown`` items, and the rest folded under ``label(n)`` when more than one is left.
 * ``list`` holds the folded items (a list's items need their ``ul``), ``wrap`` the fold itself.
 */
function folded(items, shown, item, label, { list = (c) => c, wrap = (d) => d } = {}) {
  if (items.length <= shown + 1) return items.map(item);
  const rest = items.slice(shown).map((m, i) => item(m, shown + i));
  const fold = h('details', { class: 'more' }, h('summary', {}, label(rest.length)), list(rest));
  return [items.slice(0, shown).map(item), wrap(fold)];
}

function personName(p) {
  return p && typeof p === 'object' ? p.name : String(p ?? '');
}

/**
 * A step's route in words, as the API gives it (`route.text`: the same computation the coverage
 * warnings speak from). Older answers without it fall back to the kind and the names on the
 * introPath.
 */
export function routeOf(step, view) {
  if (step.route?.text) return step.route.text;
  const names = (step.introPath || []).map((key) => byKey(view, key)?.name || key);
  return names.length ? `${step.introKind}: ${names.join(' → ')}` : String(step.introKind);
}

/** The probability that the step's view reaches each decider, most probable first. */
function reachOf(step, view) {
  const reach = (step.reachOn || []).filter((r) => r.probability > 0);
  if (!reach.length) return null;
  const parts = reach.map((r) => `${byKey(view, r.decider)?.name || r.decider} ${Math.round(r.probability * 100)}%`);
  const error = step.reachExact ? '' : ` (sampled, ±${Math.round((step.reachError || 0) * 100)}%)`;
  return `reaches ${parts.join(', ')}${error}`;
}

export class DealPanel {
  constructor(container, app) {
    this.el = container;
    this.app = app;
    this.activeStep = null;
  }

  /** The whole account: ICP fit, its most influential people and cross-account influencers. */
  renderAccount(account) {
    if (!account) return this.showEmpty('Choose a deal to see its coverage and approach plan.');
    const view = this.app.state.scopeView;
    const top = [...(view?.people.values() || [])]
      .filter((p) => p.side === 'customer' && Number.isFinite(p.influenceRank))
      .sort((a, b) => b.influenceRank - a.influenceRank)
      .slice(0, 10);
    const fit = account.icpFit;
    fill(
      this.el,
      h('h2', { id: 'deal-title' }, account.name),
      h('p', { class: 'person-sub' }, `Whole account · ${view?.people.size ?? 0} people · departments folded until opened`),
      h(
        'section',
        { class: 'block', 'data-testid': 'icp-fit' },
        h('h3', {}, 'ICP fit'),
        fit && (fit.matched.length || fit.missed.length)
          ? h('p', {}, h('strong', {}, `${Math.round(fit.score * 100)}%`),
              fit.matched.length ? ` · matched: ${fit.matched.map(words).join(', ')}` : '',
              fit.missed.length ? ` · missed: ${fit.missed.map(words).join(', ')}` : '')
          : h('p', { class: 'muted' }, 'No ideal customer profile yet.'),
      ),
      h(
        'section',
        { class: 'block' },
        h('h3', {}, 'Most influential people'),
        h('ol', { class: 'plain', 'data-testid': 'account-influential' },
          top.map((p) => h('li', {}, this.personButton(p.key, p.name), h('span', { class: 'muted' }, ` ${p.title || ''} · rank ${p.influenceRank.toFixed(3)}`)))),
      ),
      h(
        'section',
        { class: 'block' },
        h('h3', {}, 'Cross-account influencers'),
        account.cross.length
          ? h('ul', { class: 'plain', 'data-testid': 'cross-account' },
              account.cross.map((c) => h('li', {}, c.person?.name || c.personKey,
                h('span', { class: 'muted' }, ` ${[c.person?.title, c.person?.organisation?.name].filter(Boolean).join(' · ')} · reaches ${c.accounts.length} accounts`))))
          : h('p', { class: 'muted' }, 'Nobody here reaches into another account.'),
      ),
    );
  }

  showEmpty(message) {
    fill(this.el, h('h2', {}, 'Deal'), h('p', { class: 'muted' }, message));
  }

  /**
   * `analytics` is {coverage, approachPlan} or null when the API has no analytics yet;
   * `baseline` is the plan before the what-if, to show how steps moved.
   */
  render({ view, analytics, analyticsError, baseline }) {
    const deal = view.deal;
    const members = [...view.people.values()].filter((p) => p.member);
    const hidden = [...this.app.state.hidden].map((id) => this.app.state.fullView?.people.get(id)).filter(Boolean);
    const { imagined, hypothetical } = this.app.state;
    fill(this.el, 
      h('h2', { id: 'deal-title' }, deal.name),
      h('p', { class: 'person-sub' }, `${deal.organisation?.name || ''} · ${members.length} people in the buying centre`),
      this.app.views.block(),
      hidden.length || imagined.length || hypothetical.length ? this.whatIfBar(hidden, imagined, hypothetical) : null,
      analytics
        ? [
            this.coverage(analytics.coverage),
            this.plan(analytics.approachPlan, baseline),
            this.imagineForm(),
            hasHypotheticalPeople(this.app.schema) ? hypotheticalForm(this.app) : null,
          ]
        : h(
            'p',
            { class: 'muted', 'data-testid': 'analytics-missing' },
            analyticsError || 'Coverage and the approach plan are not available from this API yet.',
          ),
    );
  }

  /** The saved views changed: show the list again, with `message`. */
  refreshViews(message) {
    replaceBlock(this.el, this.app.views.block(), message);
  }

  whatIfBar(hidden, imagined, hypothetical = []) {
    const tie = {
      knows: (t) => `if ${t.sourceName} knew ${t.targetName} (${t.strength.toFixed(1)})`,
      influence: (t) => `if ${t.sourceName} influenced ${t.targetName} (${t.strength.toFixed(1)})`,
      reports: (t) => `if ${t.sourceName} reported to ${t.targetName}`,
    };
    const changes = [
      hidden.length ? `without ${hidden.map((p) => p.name).join(', ')}` : null,
      ...hypothetical.map((p) => `with ${p.name} (hypothetical)`),
      ...imagined.map((t) => tie[t.kind || 'knows'](t)),
    ].filter(Boolean);
    return h(
      'div',
      { class: 'what-if', role: 'status', 'data-testid': 'what-if' },
      h('strong', {}, 'What-if: '),
      `${changes.join('; ')}. Nothing is stored. `,
      h('button', { type: 'button', class: 'secondary', onclick: () => this.app.clearWhatIf() }, imagined.length || hypothetical.length ? 'Back to the real deal' : 'Show everyone'),
    );
  }

  /** What-if: imagine that one of ours (or a partner's) knows someone of theirs. */
  imagineForm() {
    if (!hasHypotheticalTies(this.app.schema)) return null;
    const people = [...(this.app.state.scopeView?.people.values() || [])].sort((a, b) => a.name.localeCompare(b.name));
    const ours = personPicker('imagine-source', people.filter((p) => p.side !== 'customer'));
    // the buying centre first: they are whom a new contact would matter for most
    const customers = people.filter((p) => p.side === 'customer').sort((a, b) => Number(b.member) - Number(a.member));
    const theirs = personPicker('imagine-target', customers);
    const strength = h('input', { id: 'imagine-strength', type: 'number', min: '0.1', max: '1', step: '0.1', value: '0.8' });
    const error = h('p', { class: 'field-error', id: 'imagine-error', 'aria-live': 'polite' });
    const form = h(
      'form',
      {
        class: 'block edit',
        'aria-labelledby': 'imagine-title',
        onsubmit: async (e) => {
          e.preventDefault();
          const source = this.app.state.scopeView.people.get(ours.value);
          const target = this.app.state.scopeView.people.get(theirs.value);
          const value = Number(strength.value);
          if (!source || !target) {
            error.textContent = 'Choose one of ours and one of theirs.';
            return;
          }
          if (!(value > 0 && value <= 1)) {
            error.textContent = 'Strength is a number above 0, at most 1.';
            return;
          }
          await this.app.imagine({ sourceId: source.id, targetId: target.id, strength: value, sourceName: source.name, targetName: target.name });
        },
      },
      h('h3', { id: 'imagine-title' }, 'What-if: imagine a contact'),
      h('p', { class: 'muted' }, 'See how coverage and the plan would change if one of ours knew someone. Nothing is stored.'),
      h('label', { for: 'imagine-source' }, 'One of ours or a partner'),
      ours,
      h('label', { for: 'imagine-target' }, 'knows'),
      theirs,
      h('label', { for: 'imagine-strength' }, 'Strength (0 to 1)'),
      strength,
      error,
      h('button', { type: 'submit' }, 'Try it'),
    );
    return form;
  }

  coverage(coverage) {
    if (!coverage) return null;
    const holder = (m, i) => [
      i ? ', ' : '',
      this.personButton(m.personKey, m.person?.name),
      ` (${words(m.stance)}${m.knownToUs ? ', known to us' : ', not known to us'})`,
    ];
    const rows = (coverage.roles || []).map((r) =>
      h(
        'tr',
        { class: r.filled ? '' : 'missing' },
        h('th', { scope: 'row' }, words(r.role)),
        h(
          'td',
          {},
          r.filled
            ? folded(r.holders || [], HOLDERS_SHOWN, holder, (n) => `and ${n} more`)
            : h('strong', {}, 'missing'),
        ),
      ),
    );
    const warning = (w) => h('li', {}, h('span', { class: 'tag warn' }, words(w.code)), ' ', w.message);
    const warnings = coverage.warnings || [];
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'coverage-title' },
      h('h3', { id: 'coverage-title' }, 'Coverage'),
      h(
        'table',
        { class: 'compact', 'data-testid': 'coverage' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Role'), h('th', { scope: 'col' }, 'Filled by'))),
        h('tbody', {}, rows),
      ),
      warnings.length
        ? h(
            'ul',
            { class: 'warnings', 'data-testid': 'warnings' },
            folded(warnings, WARNINGS_SHOWN, warning, (n) => `${n} more warnings`, {
              list: (c) => h('ul', { class: 'warnings' }, c),
              wrap: (d) => h('li', { class: 'more' }, d),
            }),
          )
        : h('p', { class: 'muted' }, 'No warnings.'),
    );
  }

  /** A person named in the analytics (by key): a button that selects them on the map. */
  personButton(key, name) {
    const person = byKey(this.app.state.view, key);
    if (!person && byKey(this.app.state.scopeView || this.app.state.view, key)) return h('span', {}, name || key);
    if (!person) return h('span', {}, name || key);
    return h('button', { type: 'button', class: 'link', onclick: () => this.app.selectPerson(person.id) }, person.name);
  }

  plan(steps, baseline) {
    if (!steps) return null;
    const view = this.app.state.view;
    const before = new Map((baseline || []).map((s, i) => [s.personKey, i]));
    const items = steps.map((step, i) => {
      const path = (step.introPath || []).map((key) => byKey(this.app.state.scopeView || view, key)?.id || key);
      let moved = null;
      if (baseline) {
        const was = before.get(step.personKey);
        if (was === undefined) moved = 'new';
        else if (was > i) moved = `up ${was - i}`;
        else if (was < i) moved = `down ${i - was}`;
      }
      // a hypothetical contact is not stored: the what-if's own view names them
      const name = step.person?.name || byKey(this.app.state.scopeView || view, step.personKey)?.name || step.personKey;
      const route = routeOf(step, this.app.state.scopeView || view);
      const reach = reachOf(step, this.app.state.scopeView || view);
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'plan-step',
            'aria-pressed': this.activeStep === step.personKey ? 'true' : 'false',
            title: 'Show the route in on the map',
            onclick: (e) => this.selectStep(e.currentTarget, step, path),
          },
          h('span', { class: 'step-name' }, name),
          moved ? h('span', { class: `tag moved` }, moved) : null,
          h('span', { class: 'step-route', 'data-testid': 'step-route', dataset: { kind: step.introKind || '' } }, route),
          h(
            'span',
            { class: 'step-meta' },
            [
              step.ourPerson ? `ours: ${personName(step.ourPerson)}` : null,
              Number.isFinite(step.statusGap) ? `gap ${formatGap(step.statusGap)}` : null,
              step.stance ? words(step.stance) : null,
              (step.roles || []).map(words).join(', ') || null,
            ]
              .filter(Boolean)
              .join(' · '),
          ),
          (step.reasons || []).length ? h('span', { class: 'step-reasons' }, step.reasons.join('; ')) : null,
          step.framing?.text ? h('span', { class: 'step-framing', 'data-testid': 'step-framing' }, step.framing.text) : null,
          reach ? h('span', { class: 'step-reach', 'data-testid': 'step-reach' }, reach) : null,
        ),
      );
    });
    return h(
      'section',
      { class: 'block', 'aria-labelledby': 'plan-title' },
      h('h3', { id: 'plan-title' }, 'Approach plan'),
      items.length
        ? h('ol', { class: 'plan', 'data-testid': 'approach-plan' }, items)
        : h('p', { class: 'muted' }, 'Nobody to approach: no route in from our people or partners.'),
    );
  }

  selectStep(button, step, path) {
    const again = this.activeStep === step.personKey;
    this.activeStep = again ? null : step.personKey;
    for (const b of this.el.querySelectorAll('.plan-step')) b.setAttribute('aria-pressed', 'false');
    if (again) {
      this.app.map.highlightPath([]);
      return;
    }
    button.setAttribute('aria-pressed', 'true');
    this.app.showPeople(path);
    const target = byKey(this.app.state.view, step.personKey);
    this.app.map.highlightPath(path.length ? path : [target?.id].filter(Boolean));
  }
}
