// The case panel of a complaint case's work item on the agent's desk: the case as read
// (GET /v1/complaints/{id}: facts, deadline, transitions) and the form of the step that moves it on
// from its stage. The form keeps what was typed through the view's drafts, so a redraw loses
// nothing; what a step sends is decided in case-steps.js.

import { t } from './i18n.js';
import { h } from './dom.js';
import { CASE_CLASSES, SEVERITIES, caseFacts, caseStageText, caseTransitions, problemText, stepFor } from './details.js';
import { accountPanel, isAccountCase } from './account-case.js';

/**
 * The panel's content for work item c. ctx: {entry (the case as loaded, see agent-state.js),
 * draft (the form as typed), queues (for the classify form), onSubmit(form, kase, step),
 * onReload(), onDraft(draft)}.
 */
export function casePanel(c, ctx) {
  const caseId = c.attributes.caseId;
  const entry = ctx.entry;
  const head = h('h3', {}, t('case.title', { id: caseId }));
  if (!entry?.kase) {
    if (entry?.status === 'error') {
      return [head,
        h('p', { class: 'error', role: 'alert', testid: 'case-load-error' }, t('case.loadFailed', { detail: problemText(entry.error) })),
        h('button', { type: 'button', testid: 'case-reload', onclick: ctx.onReload }, t('case.reload'))];
    }
    return [head, h('p', { class: 'muted', testid: 'case-loading' }, t('case.loading'))];
  }
  const kase = entry.kase;
  if (isAccountCase(kase)) return accountPanel(c, kase, ctx);
  return [head, h('div', { class: 'case-grid' },
    h('section', { class: 'card', testid: 'case-info', 'data-stage': kase.stage },
      caseFacts(kase, 'case-info'),
      h('h4', {}, t('case.history')),
      caseTransitions(kase)),
    caseForm(c, kase, ctx))];
}

function caseForm(c, kase, ctx) {
  const step = stepFor(kase);
  const itemStage = c.attributes.caseStage;
  const error = h('p', { class: 'error', role: 'alert', testid: 'case-error' }, ctx.entry.message || '');
  const reload = h('button', { type: 'button', testid: 'case-reload', onclick: ctx.onReload }, t('case.reload'));
  if (!step) return h('div', { class: 'case-action' }, h('p', { class: 'muted', testid: 'case-no-step' }, t('case.noStep')), error, reload);
  if (itemStage && itemStage !== kase.stage && step !== 'close') {
    return h('div', { class: 'case-action' },
      h('p', { class: 'error', role: 'alert', testid: 'case-wrong-stage' },
        t('case.wrongStage', { item: caseStageText(itemStage), stage: caseStageText(kase.stage) })),
      reload);
  }
  const draft = ctx.draft || {};
  const save = (form) => ctx.onDraft(Object.fromEntries(
    [...form.elements].filter((el) => el.name).map((el) => [el.type === 'radio' ? `${el.name}:${el.value}` : el.name,
      el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value])));
  return h('form', { class: 'case-action', testid: 'case-form', 'data-step': step, novalidate: true,
    'aria-labelledby': 'case-action-h',
    onsubmit: (e) => { e.preventDefault(); ctx.onSubmit(e.currentTarget, kase, step); },
    oninput: (e) => save(e.currentTarget), onchange: (e) => save(e.currentTarget) },
  h('h4', { id: 'case-action-h' }, t(`case.head.${step}`)),
  ...stepFields(step, kase, draft, ctx.queues),
  error,
  h('button', { type: 'submit', class: 'primary', testid: 'case-submit' }, t(`case.submit.${step}`)));
}

function stepFields(step, kase, draft, queues) {
  const label = (forId, key) => h('label', { for: forId }, t(key));
  const noteArea = (key, required) => [label('case-note', key),
    h('textarea', { id: 'case-note', name: 'note', rows: '4', maxlength: '4000', testid: 'case-note',
      'aria-required': required ? 'true' : undefined }, draft.note || '')];
  if (step === 'classify') {
    const severity = draft.severity || kase.severity || 'normal';
    return [
      label('case-class', 'case.form.class'),
      h('select', { id: 'case-class', name: 'class', testid: 'case-class', 'aria-required': 'true' },
        h('option', { value: '' }, t('case.form.choose')),
        CASE_CLASSES.map((k) => h('option', { value: k, selected: (draft.class ?? kase.class) === k }, t(`class.${k}`)))),
      label('case-severity', 'case.form.severity'),
      h('select', { id: 'case-severity', name: 'severity', testid: 'case-severity' },
        SEVERITIES.map((k) => h('option', { value: k, selected: severity === k }, t(`severity.${k}`)))),
      label('case-department', 'case.form.department'),
      h('select', { id: 'case-department', name: 'department', testid: 'case-department' },
        h('option', { value: '' }, t('case.form.departmentDefault')),
        (queues || []).map((q) => h('option', { value: q.id, selected: draft.department === q.id }, q.name ? `${q.name} (${q.id})` : q.id))),
      label('case-agent', 'case.form.agent'),
      h('input', { id: 'case-agent', name: 'agentId', maxlength: '64', autocomplete: 'off', spellcheck: 'false',
        pattern: '[A-Za-z0-9][A-Za-z0-9._:\-]*', testid: 'case-agent', value: draft.agentId || '' }),
      ...noteArea('case.form.note', false)];
  }
  if (step === 'investigate' || step === 'result') {
    return noteArea(step === 'result' ? 'case.form.resultNote' : 'case.form.findings', true);
  }
  if (step === 'feedback') {
    const closeNow = draft.closeNow ?? true;
    return [
      h('fieldset', { class: 'choice', 'aria-required': 'true' },
        h('legend', {}, t('case.form.satisfied')),
        h('label', {}, h('input', { type: 'radio', name: 'satisfied', value: 'yes', testid: 'case-satisfied-yes',
          checked: draft['satisfied:yes'] === true }), ` ${t('case.yes')}`),
        h('label', {}, h('input', { type: 'radio', name: 'satisfied', value: 'no', testid: 'case-satisfied-no',
          checked: draft['satisfied:no'] === true }), ` ${t('case.no')}`)),
      ...noteArea('case.form.feedbackNote', false),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'closeNow', testid: 'case-close-now', checked: closeNow }),
        ` ${t('case.form.closeNow')}`)];
  }
  return noteArea('case.form.closeNote', false);
}

/** The form's values for caseStepRequest. */
export function caseFormValues(form) {
  return {
    class: form.class?.value,
    severity: form.severity?.value,
    department: form.department?.value,
    agentId: form.agentId?.value,
    note: form.note?.value,
    satisfied: form.querySelector('input[name="satisfied"]:checked')?.value,
    closeNow: form.closeNow?.checked,
  };
}

/** Shows text in the form's error line; with a field name, marks that field and moves focus to it. */
export function showCaseProblem(form, text, field) {
  form.querySelector('[data-testid="case-error"]').textContent = text;
  const input = field === 'satisfied' ? form.querySelector('input[name="satisfied"]') : field ? form.elements.namedItem(field) : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

/** Clears the marks of a previous problem before the form is checked again. */
export function clearCaseProblem(form) {
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
}
