// Drawing the agent's desk from its state (agent-state.js): the state panel, the offers, one tab
// per contact with its customer card, details and wrap-up form (or the case panel of a complaint
// work item), and the customer's recent contacts. What the agent does goes to `actions`
// (AgentView's methods); nothing here changes state or talks to the engine.

import { t, tOr, clockTime, lang } from './i18n.js';
import { choices, DISPOSITIONS, labelOf, NOT_READY_REASONS } from './catalogues.js';
import { $, h, field, rerender } from './dom.js';
import { refreshTicks, sinceAttr } from './ticks.js';
import { caseStageText, showHistory, slaView } from './details.js';
import { casePanel } from './case-form.js';
import { dateTime, reasonsText } from './reasons.js';
import { ACCOUNT_OPENING, accountStepText } from './account-case.js';

const STAGES = ['intake', 'consultation', 'trade', 'settlement', 'feedback'];

/** The not-ready reason picker: the catalogue's reasons in the console's language, else the console's own. */
export function renderReasonPicker(catalogues) {
  const select = $('#reason');
  const chosen = select.value;
  select.replaceChildren(...choices(catalogues['not-ready-reasons'], NOT_READY_REASONS, lang(), (c) => t(`reason.${c}`))
    .map((c) => h('option', { value: c.value, selected: c.value === chosen }, c.label)));
}

export function renderAgentState(a, catalogues = {}) {
  const stateEl = $('#agent-state');
  const sinceEl = $('#agent-state-since');
  if (!a) {
    stateEl.textContent = t('conn.connecting');
    stateEl.dataset.state = '';
    sinceEl.textContent = '';
    return;
  }
  const reason = a.state === 'not_ready' && a.reason
    ? ` · ${labelOf(catalogues['not-ready-reasons'], a.reason, lang()) ?? tOr(`reason.${a.reason}`, a.reason)}` : '';
  stateEl.textContent = t(`state.${a.state}`) + reason;
  stateEl.dataset.state = a.state;
  if (a.state === 'wrap_up' && a.wrapUpUntil) {
    delete sinceEl.dataset.since;
    sinceEl.textContent = t('agent.wrapUntil', { time: clockTime(Date.parse(a.wrapUpUntil)) });
  } else {
    sinceEl.dataset.since = sinceAttr(a.statusSince) || '';
    sinceEl.dataset.sinceKey = 'agent.since';
  }
  const caps = Object.entries(a.capacity || {}).filter(([, n]) => n > 0);
  $('#agent-capacity').textContent = caps
    .map(([ch, n]) => `${tOr(`channel.${ch}`, ch)} ${(a.load || {})[ch] || 0}/${n}`)
    .join(' · ') || t('misc.none');
  const available = $('#btn-available');
  available.textContent = a.state === 'wrap_up' ? t('agent.finishWrap') : t('agent.goAvailable');
  available.setAttribute('aria-pressed', String(a.status === 'available'));
  $('#btn-not-ready').setAttribute('aria-pressed', String(a.status === 'not_ready'));
  $('#btn-offline').setAttribute('aria-pressed', String(a.status === 'offline'));
  refreshTicks($('#agent-view .state-panel'));
}

/** The key that accepts the first offer the console may accept (a call is answered on the phone). */
export const ACCEPT_SHORTCUT = { label: 'Alt+A', aria: 'Alt+A', matches: (e) => e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyA' };

/** The offer the shortcut accepts: the first one not answered on a phone. */
export function shortcutOffer(offers) {
  return [...offers.values()].find((o) => !o.contact?.callId) || null;
}

export function renderOffers(offers, actions) {
  const container = $('#offers');
  const first = shortcutOffer(offers);
  rerender(container, () => {
    if (offers.size === 0) return h('p', { class: 'muted', testid: 'no-offers' }, t('agent.noOffers'));
    return [...offers.values()].map((o) => offerCard(o, actions, o === first));
  });
  refreshTicks(container);
}

/** An offer's title: one whole sentence per channel (word order differs by language), else the generic one. */
export function offerTitle(contact) {
  const channel = contact?.channel;
  return tOr(`offer.title.${channel}`, null) ?? t('offer.title', { channel: tOr(`channel.${channel}`, channel) });
}

function offerCard(o, actions, shortcut) {
  const c = o.contact;
  const cust = c.customer || {};
  const expires = Date.parse(o.expiresAt);
  const total = Math.max(1, Math.round((expires - Date.parse(c.queuedAt) - c.waitingSeconds * 1000) / 1000));
  const title = offerTitle(c);
  return h('article', { class: 'offer', testid: 'offer', 'data-key': o.offerId, 'aria-label': title },
    h('h3', {}, title),
    h('dl', { class: 'facts' },
      field(t('offer.customer'), cust.name || t('customer.anonymous'), 'offer-customer'),
      field(t('offer.tier'), cust.tier ? tOr(`tier.${cust.tier}`, cust.tier) : null, 'offer-tier'),
      field(t('offer.risk'), cust.riskLevel ? customerRisk(cust.riskLevel) : null, 'offer-risk'),
      c.product ? field(t('offer.product'), productText(c.product), 'offer-product') : null,
      field(t('offer.queue'), c.queue, 'offer-queue'),
      // The customer's whole wait: a contact moved to another queue keeps it.
      field(t('offer.waited'), h('span', { 'data-since': sinceAttr(c.arrivedAt || c.queuedAt) }), 'offer-waited'),
      c.attributes?.caseId
        ? field(t('offer.case'), h('span', { title: c.attributes.caseId },
          `${c.attributes.caseId.slice(0, 8)} · ${c.attributes.caseType === ACCOUNT_OPENING
            ? accountStepText(c.attributes.caseStep) : caseStageText(c.attributes.caseStage)}`), 'offer-case') : null,
      c.sla ? field(t('sla.title'), slaView(c.sla, 'offer-sla'), null) : null,
      c.routing?.held ? field(t('offer.routing'), heldView(c.routing, 'offer-routing'), null) : null),
    h('div', { class: 'countdown' },
      h('progress', { max: String(total), value: String(total), 'aria-hidden': 'true' }),
      h('span', { 'data-expires': String(expires), testid: 'offer-countdown', role: 'timer' })),
    c.callId
      // A call is answered on the phone: the switch tells the engine, the desk follows.
      ? h('p', { class: 'answer-phone', testid: 'offer-phone' }, t('offer.answerPhone'))
      : null,
    h('div', { class: 'actions' },
      c.callId ? null : h('button', { type: 'button', class: 'primary', testid: 'offer-accept', 'data-offer-id': o.offerId,
        'aria-keyshortcuts': shortcut ? ACCEPT_SHORTCUT.aria : undefined,
        onclick: (e) => actions.accept(o.offerId, e.currentTarget) }, t('offer.accept'),
      shortcut ? h('kbd', { testid: 'offer-accept-key', title: t('offer.acceptKey') }, ACCEPT_SHORTCUT.label) : null),
      h('button', { type: 'button', class: 'danger', testid: 'offer-reject', 'data-offer-id': o.offerId,
        onclick: (e) => actions.reject(o.offerId, e.currentTarget) }, t('offer.reject'))));
}

/** The tabs and the open contact's panel, rebuilt whole (the view calls it when either changes). */
export function renderContacts(state, actions) {
  const tabs = $('#tabs');
  const panel = $('#tabpanel');
  rerender(tabs, () => [...state.contacts.values()].map((c) => tab(state, c, actions)));
  if (!state.selected) {
    panel.removeAttribute('aria-labelledby');
    panel.removeAttribute('role');
    panel.replaceChildren(h('p', { class: 'muted', testid: 'no-contacts' }, t('agent.noContacts')));
    return;
  }
  panel.setAttribute('role', 'tabpanel');
  panel.setAttribute('aria-labelledby', `tab-${state.selected}`);
  rerender(panel, () => contactPanel(state, state.contacts.get(state.selected), actions));
  renderHistory(state);
  refreshTicks(panel);
}

function tab(state, c, actions) {
  const selected = c.id === state.selected;
  const label = `${c.customer?.name || t('customer.anonymous')} · ${tOr(`channel.${c.channel}`, c.channel)}`;
  return h('button', {
    type: 'button', role: 'tab', id: `tab-${c.id}`, 'aria-selected': String(selected), 'aria-controls': 'tabpanel',
    tabindex: selected ? '0' : '-1', testid: 'contact-tab', 'data-key': c.id,
    onclick: () => actions.select(c.id),
    onkeydown: (e) => tabKey(e, [...state.contacts.keys()], c.id, actions),
  }, label);
}

/** Arrow keys, Home and End move between the tabs. */
function tabKey(e, ids, id, actions) {
  const i = ids.indexOf(id);
  let next = null;
  if (e.key === 'ArrowRight') next = ids[(i + 1) % ids.length];
  else if (e.key === 'ArrowLeft') next = ids[(i - 1 + ids.length) % ids.length];
  else if (e.key === 'Home') next = ids[0];
  else if (e.key === 'End') next = ids[ids.length - 1];
  if (next) {
    e.preventDefault();
    actions.select(next);
    $(`#tab-${CSS.escape(next)}`)?.focus();
  }
}

function contactPanel(state, c, actions) {
  const cust = c.customer || {};
  const rm = relationshipManager(cust);
  const attrs = Object.entries(c.attributes || {});
  return h('div', { class: 'contact', 'data-key': c.id, testid: 'contact-detail' },
    h('section', { class: 'card customer', testid: 'customer-card', 'aria-label': t('customer.card') },
      h('h3', {}, t('customer.card')),
      h('dl', { class: 'facts' },
        field(t('customer.name'), cust.name || t('customer.anonymous'), 'customer-name'),
        field(t('customer.id'), cust.id, 'customer-id'),
        field(t('customer.tier'), cust.tier ? tOr(`tier.${cust.tier}`, cust.tier) : null, 'customer-tier'),
        field(t('customer.risk'), cust.riskLevel ? customerRisk(cust.riskLevel) : null, 'customer-risk'),
        rm ? field(t('customer.rm'), rm, 'customer-rm') : null),
      h('div', { id: 'history', testid: 'customer-history', hidden: true })),
    h('section', { class: 'card', 'aria-label': t('contact.details') },
      h('h3', {}, t('contact.details')),
      h('dl', { class: 'facts' },
        field(t('contact.channel'), tOr(`channel.${c.channel}`, c.channel), 'contact-channel'),
        c.product ? field(t('offer.product'), productText(c.product), 'contact-product') : null,
        field(t('offer.queue'), c.queue, 'contact-queue'),
        c.externalId ? field(t('contact.ticket'), c.externalId, 'contact-external-id') : null,
        c.caller ? field(t('contact.caller'), c.caller, 'contact-caller') : null,
        c.callId ? field(t('contact.call'), t(c.callEnded ? 'call.state.ended' : 'call.state.connected'), 'contact-call') : null,
        field(t('contact.assignedAt'), c.assignedAt ? clockTime(Date.parse(c.assignedAt)) : null, 'contact-assigned-at'),
        attrs.length ? field(t('contact.attributes'), attrs.map(([k, v]) => `${k}: ${v}`).join(', '), 'contact-attributes') : null,
        field(t('contact.stage'), h('div', { id: 'stage-box', class: 'stage-box', 'data-contact': c.id, 'data-stage': currentStage(c) },
          stageView(c, actions)), null),
        c.sla ? field(t('sla.title'), slaView(c.sla, 'contact-sla'), null) : null,
        c.routing?.held ? field(t('offer.routing'), heldView(c.routing, 'contact-routing'), null) : null),
      h('button', { type: 'button', class: 'small', testid: 'contact-history', onclick: (e) => showHistory(c.id, e.currentTarget) },
        t('hist.open'))),
    c.attributes?.caseId
      ? h('section', { id: 'case-panel', class: 'case-panel', testid: 'case-panel', 'data-contact': c.id,
        'aria-label': t('case.title', { id: c.attributes.caseId }) }, casePanel(c, actions.caseContext(state, c)))
      : wrapUpForm(state, c, actions));
}

function wrapUpForm(state, c, actions) {
  const draft = state.drafts.get(c.id) || { disposition: 'resolved', stage: 'consultation', notes: '' };
  const save = (form) => actions.wrapUpDraft(c.id, {
    disposition: form.disposition.value, stage: form.stage.value, notes: form.notes.value,
  });
  return h('form', { class: 'wrapup', testid: 'wrapup-form', 'data-key': c.id,
    onsubmit: (e) => { e.preventDefault(); actions.complete(c.id, e.currentTarget); },
    oninput: (e) => save(e.currentTarget), onchange: (e) => save(e.currentTarget) },
  h('h3', {}, t('wrap.title')),
  h('label', { for: 'wrap-disposition' }, t('wrap.disposition')),
  h('select', { id: 'wrap-disposition', name: 'disposition', testid: 'wrapup-disposition' },
    choices(state.catalogues.dispositions, DISPOSITIONS, lang(), (d) => t(`disp.${d}`))
      .map((d) => h('option', { value: d.value, selected: d.value === draft.disposition }, d.label))),
  h('label', { for: 'wrap-stage' }, t('wrap.stage')),
  h('select', { id: 'wrap-stage', name: 'stage', testid: 'wrapup-stage' },
    STAGES.map((s) => h('option', { value: s, selected: s === draft.stage }, t(`stage.${s}`)))),
  h('label', { for: 'wrap-notes' }, t('wrap.notes')),
  h('textarea', { id: 'wrap-notes', name: 'notes', rows: '4', maxlength: '4000', testid: 'wrapup-notes' }, draft.notes),
  // A connected call completes when it ends; its outcome is recorded then.
  c.callId && !c.callEnded ? h('p', { class: 'muted', testid: 'wrapup-on-call' }, t('wrap.onCall')) : null,
  h('button', { type: 'submit', class: 'primary', testid: 'wrapup-submit', disabled: Boolean(c.callId && !c.callEnded) },
    t(c.callEnded ? 'wrap.record' : 'wrap.submit')));
}

/** The service stage a contact is in (§1.2.2): the last it entered, intake until advanced. */
export function currentStage(c) {
  const stages = c.stages || [];
  return stages.length ? stages[stages.length - 1].stage : 'intake';
}

/** The contact's service stage, and a select of the later ones with a button to advance it. */
function stageView(c, actions) {
  const current = currentStage(c);
  const later = STAGES.slice(STAGES.indexOf(current) + 1);
  return [
    h('span', { class: 'flag stage', testid: 'contact-stage', 'data-stage': current }, tOr(`stage.${current}`, current)),
    later.length === 0 ? null : h('form', { class: 'stage-advance', testid: 'stage-form', 'data-key': c.id,
      onsubmit: (e) => { e.preventDefault(); actions.advanceStage(c.id, e.currentTarget); } },
    h('label', { for: 'stage-next', class: 'visually-hidden' }, t('stage.next')),
    h('select', { id: 'stage-next', name: 'stage', testid: 'stage-select' },
      later.map((s) => h('option', { value: s }, t(`stage.${s}`)))),
    h('button', { type: 'submit', class: 'small', testid: 'stage-advance' }, t('stage.advance'))),
  ];
}

/** Redraws the open contact's stage when it moved on. */
export function renderStage(state, actions) {
  const box = $('#stage-box');
  const c = state.contacts.get(state.selected);
  if (!box || !c || box.dataset.contact !== c.id || box.dataset.stage === currentStage(c)) return;
  box.dataset.stage = currentStage(c);
  rerender(box, () => stageView(c, actions));
}

/** Redraws the open contact's case panel, if it shows one. */
export function renderCase(state, actions) {
  const box = $('#case-panel');
  const c = state.contacts.get(state.selected);
  if (!box || !c || box.dataset.contact !== c.id) return;
  rerender(box, () => casePanel(c, actions.caseContext(state, c)));
  refreshTicks(box);
}

/** The open contact's customer's recent contacts, once read (hidden when they cannot be). */
export function renderHistory(state) {
  const box = $('#history');
  const c = state.contacts.get(state.selected);
  if (!box || !c) return;
  const list = state.history.get(c.customer?.id);
  if (!Array.isArray(list)) {
    box.hidden = true;
    return;
  }
  const rows = list.filter((x) => x.id !== c.id).slice(0, 5);
  box.hidden = false;
  box.replaceChildren(
    h('h4', {}, t('customer.history')),
    rows.length === 0
      ? h('p', { class: 'muted' }, t('customer.noHistory'))
      : h('ul', { class: 'history' }, rows.map((x) => h('li', { testid: 'history-item' },
        [x.endedAt || x.arrivedAt ? clockDate(x.endedAt || x.arrivedAt) : '',
          x.channel ? tOr(`channel.${x.channel}`, x.channel) : '', x.queue,
          x.disposition ? tOr(`disp.${x.disposition}`, x.disposition) : x.status,
          x.stage ? tOr(`stage.${x.stage}`, x.stage) : ''].filter(Boolean).join(' · ')))));
}

/** A compliance hold: why the contact waits for review. */
function heldView(routing, testid) {
  return h('div', { testid, class: 'held' },
    h('span', { class: 'flag held' }, t('routing.held')),
    (routing.reasons || []).length
      ? h('ul', { class: 'reasons', testid: `${testid}-reasons` }, reasonsText(routing).map((r) => h('li', {}, r))) : null);
}

/** The manual's scales: a customer's risk tolerance C1–C5, a product's risk level R1–R5. */
export function customerRisk(level) {
  return `C${level}`;
}

export function productRisk(level) {
  return `R${level}`;
}

function productText(p) {
  return [p.name || p.code, p.riskLevel ? productRisk(p.riskLevel) : null].filter(Boolean).join(' · ');
}

function relationshipManager(cust) {
  const rm = cust.relationshipManager ?? cust.rm;
  if (!rm) return null;
  if (typeof rm === 'string') return rm;
  return [rm.name, rm.id, rm.phone].filter(Boolean).join(' · ') || null;
}

function clockDate(iso) {
  return dateTime(iso, { dateStyle: 'short', timeStyle: 'short' });
}
