// What both views show about one contact or one complaint case: a case's facts and transitions,
// a contact's SLA clock, and a dialog with a contact's history from the journal
// (GET /v1/contacts/{id}/history: what happened, when, by whom, and why an offer went where it
// went) or a case (GET /v1/complaints/{id}). The dialog is a native <dialog>: modal, Escape
// closes it, and focus returns to the control that opened it.

import { t, tOr, clockTime, duration } from './i18n.js';
import { api, ApiError } from './api.js';
import { $, h, field } from './dom.js';
import { refreshTicks } from './ticks.js';
import { dateTime as localDateTime, fieldText, list, number, reasonsText } from './reasons.js';
import { accountFacts, accountSteps, isAccountCase } from './account-case.js';

export const CASE_CLASSES = ['service_attitude', 'business_operation', 'trade_exception', 'system_fault', 'other'];
export const SEVERITIES = ['normal', 'major'];

/** The step that moves a case on from its stage (feedback: record it, then close). */
export function stepFor(kase) {
  switch (kase.stage) {
    case 'intake': return 'classify';
    case 'investigation': return 'investigate';
    case 'result': return 'result';
    case 'feedback': return kase.satisfied === undefined || kase.satisfied === null ? 'feedback' : 'close';
    default: return null;
  }
}

export function problemText(e) {
  if (e instanceof ApiError && e.network) return t('error.network');
  if (e instanceof ApiError) return fieldText(e.problem, 'detail') || e.message;
  return e?.message || String(e);
}

// ------------------------------------------------------------------ formatting

export function actorText(actor) {
  if (!actor) return t('misc.none');
  if (actor === 'router') return t('actor.router');
  if (actor === 'timer') return t('actor.timer');
  const agent = /^agent:(.+)$/.exec(actor);
  if (agent) return t('actor.agent', { id: agent[1] });
  const role = /^([a-z]+)\/(.+)$/.exec(actor);
  if (role) return `${tOr(`role.${role[1]}`, role[1])} (${role[2]})`;
  return actor;
}

export function dateTime(iso) {
  return localDateTime(iso, { dateStyle: 'short', timeStyle: 'medium' });
}

export function caseStageText(stage) {
  return stage ? tOr(`cstage.${stage}`, stage) : t('misc.none');
}

export function classText(kind) {
  return kind ? tOr(`class.${kind}`, kind) : t('case.unclassified');
}

export function severityText(severity) {
  return severity ? tOr(`severity.${severity}`, severity) : t('misc.none');
}

/** A live countdown to an instant (ISO), warning from nearAt (ISO) on; flags what the server says. */
export function deadlineEl(deadline, nearAt, testid, flags = {}) {
  const ms = Date.parse(deadline || '');
  if (!Number.isFinite(ms)) return h('span', { testid, class: 'muted' }, t('case.noDeadline'));
  const near = Date.parse(nearAt || '');
  return h('span', { class: 'deadline' },
    h('span', { class: 'countdown-text', role: 'timer', testid, 'data-deadline': String(ms),
      'data-near': Number.isFinite(near) ? String(near) : undefined, title: t('sla.deadlineAt', { time: dateTime(deadline) }) }),
    flags.breached ? h('span', { class: 'flag late', testid: `${testid}-breached` }, t('case.breached'))
      : flags.nearBreach ? h('span', { class: 'flag near', testid: `${testid}-near` }, t('case.nearBreach')) : null);
}

/**
 * A contact's SLA clock: a countdown while unanswered (past the deadline it counts up, "overdue"),
 * once answered whether that was in time; then the thresholds that fired on the way.
 */
export function slaView(sla, testid) {
  if (!sla) return null;
  const deadline = Date.parse(sla.deadline);
  let status;
  if (!sla.answeredAt) {
    status = h('span', { class: 'countdown-text', role: 'timer', testid: `${testid}-countdown`, 'data-deadline': String(deadline),
      title: t('sla.deadlineAt', { time: dateTime(sla.deadline) }) });
  } else {
    const late = Date.parse(sla.answeredAt) - deadline;
    status = h('span', { testid: `${testid}-outcome`, 'data-deadline-state': late > 0 ? 'late' : 'ok' },
      late > 0 ? t('sla.late', { time: duration(late / 1000) }) : t('sla.met'));
  }
  const fired = sla.fired || [];
  return h('div', { class: 'sla', testid, 'data-breached': String(!!sla.breached) },
    status,
    sla.breached ? h('span', { class: 'flag late', testid: `${testid}-breached` }, t('sla.breached')) : null,
    fired.length
      ? h('ul', { class: 'fired', 'aria-label': t('sla.fired') }, fired.map((f) => h('li', { testid: `${testid}-fired` },
        `${f.atPercent}% · ${tOr(`sla.action.${f.action}`, f.action)}${f.effect ? ` — ${fieldText(f, 'effect')}` : ''}`,
        f.at ? h('span', { class: 'muted' }, ` (${clockTime(Date.parse(f.at))})`) : null)))
      : null);
}

/** Where a case's current work item is. */
export function workText(work, agentName = (id) => id) {
  if (!work) return t('misc.none');
  switch (work.status) {
    case 'queued': return t('work.queued', { queue: work.queue });
    case 'offered': return t('work.offered', { agent: agentName(work.offeredTo) });
    case 'assigned': return t('work.assigned', { agent: agentName(work.agentId) });
    default: return tOr(`work.${work.status}`, work.status);
  }
}

/** The case's facts as a definition list. */
export function caseFacts(kase, prefix = 'case-info') {
  const cust = kase.customer || {};
  const yesNo = (v) => (v === true ? t('case.yes') : v === false ? t('case.no') : null);
  return h('dl', { class: 'facts' },
    field(t('case.customer'), [cust.name || t('customer.anonymous'), cust.id ? ` (${cust.id})` : ''].join(''), `${prefix}-customer`),
    field(t('case.summary'), kase.summary, `${prefix}-summary`),
    field(t('case.channel'), kase.channel ? tOr(`channel.${kase.channel}`, kase.channel) : null, `${prefix}-channel`),
    field(t('case.class'), classText(kase.class), `${prefix}-class`),
    field(t('case.severity'), severityText(kase.severity), `${prefix}-severity`),
    field(t('case.stage'), caseStageText(kase.stage), `${prefix}-stage`),
    field(t('case.deadline'), kase.stage === 'closed' ? t('misc.none')
      : deadlineEl(kase.deadline, kase.nearAt, `${prefix}-deadline`, { breached: kase.breached, nearBreach: kase.nearBreach }), null),
    field(t('case.openedAt'), kase.openedAt ? dateTime(kase.openedAt) : null, `${prefix}-opened`),
    kase.owner ? field(t('case.owner'), kase.owner, `${prefix}-owner`) : null,
    kase.department ? field(t('case.department'), kase.department, `${prefix}-department`) : null,
    kase.findings ? field(t('case.findings'), kase.findings, `${prefix}-findings`) : null,
    kase.result ? field(t('case.result'), kase.result, `${prefix}-result`) : null,
    kase.satisfied !== undefined ? field(t('case.satisfied'), yesNo(kase.satisfied), `${prefix}-satisfied`) : null,
    kase.breachedStages?.length
      ? field(t('case.breachedStages'), kase.breachedStages.map(caseStageText).join(', '), `${prefix}-breached-stages`) : null);
}

/** Every transition of the case: who, when, from which stage to which, and the note. */
export function caseTransitions(kase, testid = 'case-transition') {
  const rows = kase.history || [];
  return h('ol', { class: 'transitions' }, rows.map((x) => h('li', { testid },
    h('span', { class: 'when' }, dateTime(x.at)),
    ' ',
    h('strong', {}, x.from ? t('case.transition', { from: caseStageText(x.from), to: caseStageText(x.to) }) : caseStageText(x.to)),
    x.step ? ` · ${tOr(`step.${x.step}`, x.step)}` : '',
    ' · ', t('case.by', { who: actorText(x.by) }),
    x.note ? h('div', { class: 'note' }, x.note) : null)));
}

// ------------------------------------------------------------------ the dialog

let current = null; // {kind: 'history'|'case', id, data, error, restore}
let tick = null;

export function bindDialog() {
  const dlg = $('#detail-dialog');
  $('#dialog-close').addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => {
    clearInterval(tick);
    const restore = current?.restore;
    current = null;
    $('#dialog-body').replaceChildren();
    restoreFocus(restore);
  });
  document.addEventListener('langchange', () => current && render());
}

export function closeDialog() {
  const dlg = $('#detail-dialog');
  if (dlg?.open) dlg.close();
}

/** Remembers the opener by test id and row key: a re-render may have replaced the element itself. */
function remember(opener) {
  if (!opener) return null;
  return { el: opener, testid: opener.dataset.testid, key: opener.closest('[data-key]')?.dataset.key };
}

function restoreFocus(r) {
  if (!r) return;
  if (r.el.isConnected) {
    r.el.focus();
    return;
  }
  const scope = r.key ? document.querySelector(`[data-key="${CSS.escape(r.key)}"]`) : document;
  scope?.querySelector(`[data-testid="${CSS.escape(r.testid || '')}"]`)?.focus();
}

function open(kind, id, opener) {
  const dlg = $('#detail-dialog');
  current = { kind, id, data: null, error: null, restore: current?.restore || remember(opener) };
  render();
  if (!dlg.open) dlg.showModal();
  clearInterval(tick);
  tick = setInterval(() => refreshTicks(dlg), 1000);
  $('#dialog-close').focus();
  return current;
}

export async function showHistory(contactId, opener) {
  const mine = open('history', contactId, opener);
  try {
    mine.data = await api('GET', `/v1/contacts/${encodeURIComponent(contactId)}/history`);
  } catch (e) {
    mine.error = e;
  }
  if (current === mine) render();
}

export async function showCase(caseId, opener) {
  const mine = open('case', caseId, opener);
  try {
    mine.data = await api('GET', `/v1/cases/${encodeURIComponent(caseId)}`);
  } catch (e) {
    mine.error = e;
  }
  if (current === mine) render();
}

function render() {
  const c = current;
  const body = $('#dialog-body');
  const dlg = $('#detail-dialog');
  dlg.dataset.kind = c.kind;
  $('#dialog-title').textContent = c.kind !== 'case' ? t('hist.title', { id: c.id })
    : t(isAccountCase(c.data) ? 'acase.title' : 'case.title', { id: c.id });
  if (c.error) {
    body.replaceChildren(h('p', { class: 'error', role: 'alert', testid: 'dialog-error' },
      t(c.kind === 'case' ? 'case.loadFailed' : 'hist.failed', { detail: problemText(c.error) })));
    return;
  }
  if (!c.data) {
    body.replaceChildren(h('p', { class: 'muted', testid: 'dialog-loading' }, c.kind === 'case' ? t('case.loading') : t('hist.loading')));
    return;
  }
  body.replaceChildren(...[].concat(c.kind === 'case' ? caseBody(c.data) : historyBody(c.data)).filter(Boolean));
  refreshTicks(body);
}

function caseBody(kase) {
  const workId = kase.workContactId || kase.work?.contactId;
  const account = isAccountCase(kase);
  return [
    h('section', { class: 'card', testid: 'dialog-case', 'data-type': kase.type },
      account ? accountFacts(kase, 'dialog-case') : caseFacts(kase, 'dialog-case'),
      kase.work ? h('p', {}, h('span', { class: 'muted' }, `${t('case.work')}: `),
        h('span', { testid: 'dialog-case-work' }, `${kase.work.contactId} · ${workText(kase.work)}`)) : null),
    h('h3', {}, t(account ? 'acase.steps' : 'case.history')),
    account ? accountSteps(kase, 'dialog-case-step') : caseTransitions(kase, 'dialog-case-transition'),
    workId ? h('button', { type: 'button', testid: 'dialog-work-history', onclick: () => showHistory(workId) }, t('hist.workItem')) : null,
  ];
}

const SKIP = new Set(['seq', 'hash', 'at', 'actor', 'type', 'contactId', 'contact', 'reasons', 'domain', 'policy', 'dueAt',
  'offerId', 'point', 'nextDueAt', 'nearAt', 'startedAt', 'source', 'by', 'breachedIn']);
const ORDER = ['queue', 'channel', 'agentId', 'toQueue', 'toAgent', 'fromAgent', 'disposition', 'stage', 'notes', 'reason',
  'expiresAt', 'deadline', 'atPercent', 'action', 'effect', 'held', 'reviewQueue', 'licences', 'customerRiskLevel',
  'product', 'preferredAgent', 'team', 'until', 'number', 'treatment', 'csat', 'nps'];

function historyBody(history) {
  const events = history.events || [];
  if (events.length === 0) return h('p', { class: 'muted', testid: 'history-empty' }, t('hist.empty'));
  return [
    history.complete === false ? h('p', { class: 'muted' }, t('hist.incomplete')) : null,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid history-table', testid: 'history-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('hist.col.at')),
          h('th', { scope: 'col' }, t('hist.col.actor')),
          h('th', { scope: 'col' }, t('hist.col.what')),
          h('th', { scope: 'col' }, t('hist.col.details')))),
        h('tbody', {}, events.map((e) => h('tr', { testid: 'history-event', 'data-type': e.type, 'data-seq': String(e.seq ?? '') },
          h('td', { class: 'when' }, dateTime(e.at)),
          h('td', { testid: 'history-actor' }, actorText(e.actor)),
          h('td', {}, tOr(`ev.${e.type}`, e.type)),
          h('td', {},
            details(e),
            e.reasons?.length
              ? h('ul', { class: 'reasons', testid: 'history-reasons', 'aria-label': t('hist.reasons') },
                reasonsText(e).map((r) => h('li', {}, r)))
              : null))))))];
}

function details(e) {
  const values = { ...e };
  if (e.contact) {
    values.queue = values.queue ?? e.contact.queue;
    values.channel = values.channel ?? e.contact.channel;
  }
  const parts = [];
  for (const k of ORDER) {
    if (values[k] === undefined || values[k] === null || SKIP.has(k)) continue;
    if (Array.isArray(values[k]) && values[k].length === 0) continue;
    parts.push(`${tOr(`f.${k}`, k)}: ${value(k, values[k], e)}`);
  }
  return parts.length ? h('span', {}, parts.join(' · ')) : null;
}

function value(k, v, e) {
  if (typeof v === 'boolean') return v ? t('case.yes') : t('case.no');
  if (Array.isArray(v)) return list(v.map(String));
  if (k === 'reason' || k === 'effect' || k === 'note') return fieldText(e, k);
  if (typeof v === 'number') return number(v);
  if (k === 'channel') return tOr(`channel.${v}`, v);
  if (k === 'action') return tOr(`sla.action.${v}`, v);
  if (k === 'disposition') return tOr(`disp.${v}`, v);
  if (k === 'stage') return tOr(`stage.${v}`, v);
  if (v && typeof v === 'object') return v.code ? `${v.code} R${v.riskLevel}` : JSON.stringify(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return clockTime(Date.parse(v));
  return String(v);
}
