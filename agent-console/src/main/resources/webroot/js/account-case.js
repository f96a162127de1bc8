// An account-opening case (GET /v1/cases/{id}, type account_opening) as both views show it: its
// facts with the 3-working-day deadline counting down, the steps taken (who, when), and on the
// agent's desk the form that records the step its work item asks for (POST /v1/cases/{id}/{step}).

import { t, tOr } from './i18n.js';
import { h, field } from './dom.js';
import { actorText, dateTime, deadlineEl } from './details.js';

export const ACCOUNT_OPENING = 'account_opening';

export function isAccountCase(kase) {
  return kase?.type === ACCOUNT_OPENING;
}

export function accountStepText(step) {
  return step ? tOr(`astep.${step}`, step) : t('misc.none');
}

/** The case's facts as a definition list, its deadline a live countdown. */
export function accountFacts(kase, prefix) {
  const cust = kase.customer || {};
  return h('dl', { class: 'facts' },
    field(t('case.customer'), [cust.name || t('customer.anonymous'), cust.id ? ` (${cust.id})` : ''].join(''), `${prefix}-customer`),
    field(t('case.channel'), kase.channel ? tOr(`channel.${kase.channel}`, kase.channel) : null, `${prefix}-channel`),
    field(t('acase.step'), accountStepText(kase.step), `${prefix}-step`),
    field(t('acase.deadline'), kase.step === 'active' ? dateTime(kase.deadline)
      : deadlineEl(kase.deadline, kase.nearAt, `${prefix}-deadline`, { breached: kase.breached, nearBreach: kase.nearBreach }), null),
    field(t('case.openedAt'), kase.openedAt ? dateTime(kase.openedAt) : null, `${prefix}-opened`),
    kase.workingDays !== undefined ? field(t('acase.workingDays'), String(kase.workingDays), `${prefix}-working-days`) : null);
}

/** Every step taken: when, which, who recorded it and whose work it was, and the note. */
export function accountSteps(kase, testid = 'acase-step') {
  return h('ol', { class: 'transitions' }, (kase.steps || []).map((s) => h('li', { testid, 'data-step': s.step },
    h('span', { class: 'when' }, dateTime(s.at)), ' ',
    h('strong', {}, accountStepText(s.step)), ' ',
    h('span', { class: 'muted' }, t('case.by', { who: actorText(s.by) })),
    s.workedBy && `agent:${s.workedBy}` !== s.by ? h('span', { class: 'muted' }, ` · ${t('acase.workedBy', { id: s.workedBy })}`) : null,
    s.note ? h('p', { class: 'note' }, s.note) : null)));
}

/** The case panel of an account-opening work item: the case and the form of its next step. */
export function accountPanel(c, kase, ctx) {
  const head = h('h3', {}, t('acase.title', { id: kase.id }));
  const step = kase.nextStep;
  const error = h('p', { class: 'error', role: 'alert', testid: 'case-error' }, ctx.entry.message || '');
  const reload = h('button', { type: 'button', testid: 'case-reload', onclick: ctx.onReload }, t('case.reload'));
  const draft = ctx.draft || {};
  const form = !step ? h('div', { class: 'case-action' }, h('p', { class: 'muted', testid: 'case-no-step' }, t('acase.done')), reload)
    : h('form', { class: 'case-action', testid: 'case-form', 'data-step': step, novalidate: true, 'aria-labelledby': 'case-action-h',
      onsubmit: (e) => { e.preventDefault(); ctx.onSubmit(e.currentTarget, kase, step); },
      oninput: (e) => ctx.onDraft({ note: e.currentTarget.note.value }) },
    h('h4', { id: 'case-action-h' }, t('acase.next', { step: accountStepText(step) })),
    h('label', { for: 'case-note' }, t('acase.note')),
    h('textarea', { id: 'case-note', name: 'note', rows: '3', maxlength: '4000', testid: 'case-note' }, draft.note || ''),
    error,
    h('button', { type: 'submit', class: 'primary', testid: 'case-submit' }, t('acase.submit', { step: accountStepText(step) })));
  return [head, h('div', { class: 'case-grid' },
    h('section', { class: 'card', testid: 'case-info', 'data-step': kase.step },
      accountFacts(kase, 'case-info'),
      h('h4', {}, t('acase.steps')),
      accountSteps(kase)),
    form)];
}

