// The agent's desk: state, incoming offers with a countdown, the contacts being served (one tab
// each, within capacity), the customer card and the wrap-up form. Everything arrives over the
// agent's WebSocket; on every (re)connect the engine sends the whole session again (state, then
// pending offers, then assigned contacts), and the 'state' message prunes what is no longer so.
// A complaint case's work item (a contact with attributes caseId and caseStage) is not wrapped
// up: it gets the case panel instead, whose form takes the case's next step (which completes it).

import { t, tOr, clockTime } from './i18n.js';
import { api, ApiError, backoff, observeServerNow, socketUrl } from './api.js';
import { report, forget } from './connection.js';
import { $, h, field, rerender } from './dom.js';
import { refreshTicks, sinceAttr } from './ticks.js';
import {
  CASE_CLASSES, SEVERITIES, caseFacts, caseStageText, caseTransitions, closeDialog, problemText, showHistory, slaView, stepFor,
} from './details.js';

const DISPOSITIONS = ['resolved', 'follow-up', 'escalated', 'complaint-registered', 'info-only'];
const STAGES = ['intake', 'consultation', 'trade', 'settlement', 'feedback'];
const PING_MS = 20000;

export class AgentView {
  constructor(session) {
    this.session = session;
    this.agentId = session.agentId;
    this.agent = null;
    this.offers = new Map(); // offerId -> {offerId, contact, expiresAt}
    this.contacts = new Map(); // contactId -> contact view
    this.drafts = new Map(); // contactId -> {disposition, stage, notes}
    this.history = new Map(); // customerId -> 'loading' | 'hidden' | [contacts]
    this.cases = new Map(); // contactId of a case work item -> {status: 'loading'|'ok'|'error', kase, error, message}
    this.caseDrafts = new Map(); // contactId -> the case form's fields as typed
    this.queues = null; // for the classify form's department choice, read once
    this.selected = null;
    this.workSignature = '';
    this.attempt = 0;
    this.stopped = false;
    this.abort = new AbortController();
  }

  start() {
    const opts = { signal: this.abort.signal };
    $('#btn-available').addEventListener('click', () => this.setStatus('available'), opts);
    $('#btn-not-ready').addEventListener('click', () => this.setStatus('not_ready', $('#reason').value), opts);
    $('#btn-offline').addEventListener('click', () => this.setStatus('offline'), opts);
    document.addEventListener('langchange', () => this.renderAll(true), opts);
    this.tick = setInterval(() => refreshTicks($('#agent-view')), 1000);
    this.renderAll(true);
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.abort.abort();
    clearInterval(this.tick);
    clearInterval(this.ping);
    clearTimeout(this.retry);
    if (this.ws) this.ws.close();
    closeDialog();
    forget('agent-socket');
    for (const id of ['#offers', '#tabs', '#tabpanel']) $(id).replaceChildren();
    $('#agent-state').textContent = '';
    $('#agent-error').textContent = '';
  }

  // ------------------------------------------------------------------ socket

  connect() {
    if (this.stopped) return;
    report('agent-socket', 'connecting');
    const ws = new WebSocket(socketUrl(`/v1/agents/${encodeURIComponent(this.agentId)}/ws`, this.session.token));
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      report('agent-socket', 'online');
      clearInterval(this.ping);
      this.ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('{"type":"ping"}'), PING_MS);
    };
    ws.onmessage = (m) => {
      try {
        this.onMessage(JSON.parse(m.data));
      } catch (e) {
        console.error('bad message from engine', e);
      }
    };
    ws.onclose = () => {
      clearInterval(this.ping);
      if (this.stopped || this.ws !== ws) return;
      report('agent-socket', 'offline');
      this.reconnectLater();
    };
  }

  /**
   * A refused socket looks like any other failure, so before reopening ask over HTTP whether
   * the engine is back and still takes the token (a 401 sends the user to sign in).
   */
  reconnectLater() {
    clearTimeout(this.retry);
    this.retry = setTimeout(async () => {
      if (this.stopped) return;
      try {
        await api('GET', `/v1/agents/${encodeURIComponent(this.agentId)}`);
        this.connect();
      } catch (e) {
        if (e.status !== 401) this.reconnectLater();
      }
    }, backoff(this.attempt++));
  }

  onMessage(msg) {
    switch (msg.type) {
      case 'state':
        this.agent = msg.agent;
        this.prune(msg.agent);
        this.renderAll(false);
        break;
      case 'offer':
        this.learnClock(msg.contact);
        this.offers.set(msg.offerId, msg);
        this.renderOffers();
        break;
      case 'assigned':
        this.learnClock(msg.contact);
        this.assigned(msg.contact);
        break;
      case 'offer_revoked':
        if (this.offers.delete(msg.offerId) && msg.reason !== 'rejected') {
          this.notice(t('offer.revoked', { reason: tOr(`revoked.${msg.reason}`, msg.reason) }));
        }
        this.renderOffers();
        break;
      case 'contact_removed':
        if (this.contacts.has(msg.contactId) && msg.reason !== 'completed') {
          this.notice(t('contact.removed', { id: shortId(msg.contactId), reason: tOr(`revoked.${msg.reason}`, msg.reason) }));
        }
        this.forgetContact(msg.contactId);
        this.renderWork();
        break;
      default:
        break;
    }
  }

  /** While a contact waits, the engine's "now" is its queuedAt plus the seconds waited. */
  learnClock(contact) {
    if (contact && contact.status === 'offered' && contact.queuedAt) {
      observeServerNow(Date.parse(contact.queuedAt) + contact.waitingSeconds * 1000);
    }
  }

  prune(agent) {
    const offerIds = new Set((agent.offers || []).map((o) => o.offerId));
    for (const id of [...this.offers.keys()]) if (!offerIds.has(id)) this.offers.delete(id);
    const contactIds = new Set(agent.contacts || []);
    for (const id of [...this.contacts.keys()]) {
      if (!contactIds.has(id)) this.forgetContact(id);
    }
  }

  forgetContact(id) {
    this.contacts.delete(id);
    this.drafts.delete(id);
    this.cases.delete(id);
    this.caseDrafts.delete(id);
  }

  assigned(contact) {
    for (const [id, o] of this.offers) if (o.contact.id === contact.id) this.offers.delete(id);
    const isNew = !this.contacts.has(contact.id);
    this.contacts.set(contact.id, contact);
    if (isNew && (!this.selected || !this.contacts.has(this.selected))) this.selected = contact.id;
    this.renderOffers();
    this.renderWork();
    // A new contact may follow one of the same customer served earlier: read their contacts afresh.
    if (isNew && contact.customer?.id && Array.isArray(this.history.get(contact.customer.id))) this.history.delete(contact.customer.id);
    this.loadHistory(contact);
    if (contact.attributes?.caseId && !this.cases.has(contact.id)) this.loadCase(contact);
  }

  // ------------------------------------------------------------------ actions

  async setStatus(status, reason) {
    $('#agent-error').textContent = '';
    try {
      const body = reason ? { status, reason } : { status };
      this.agent = await api('PUT', `/v1/agents/${encodeURIComponent(this.agentId)}/status`, body);
      this.renderState();
    } catch (e) {
      this.error(e);
    }
  }

  async accept(offerId, button) {
    button.disabled = true;
    try {
      const contact = await api('POST', `/v1/offers/${encodeURIComponent(offerId)}/accept`);
      this.offers.delete(offerId);
      this.assigned(contact);
      $(`[data-testid="contact-tab"][data-key="${CSS.escape(contact.id)}"]`)?.focus();
    } catch (e) {
      if (e.status === 409 || e.status === 404) {
        this.offers.delete(offerId);
        this.notice(t('offer.gone'));
        this.renderOffers();
      } else {
        button.disabled = false;
        this.error(e);
      }
    }
  }

  async reject(offerId, button) {
    button.disabled = true;
    try {
      await api('POST', `/v1/offers/${encodeURIComponent(offerId)}/reject`, {});
    } catch (e) {
      if (e.status !== 409 && e.status !== 404) this.error(e);
    }
    this.offers.delete(offerId);
    this.renderOffers();
  }

  async complete(contactId, form) {
    const submit = form.querySelector('[data-testid="wrapup-submit"]');
    const body = { disposition: form.disposition.value, stage: form.stage.value };
    const notes = form.notes.value.trim();
    if (notes) body.notes = notes;
    submit.disabled = true;
    try {
      await api('POST', `/v1/contacts/${encodeURIComponent(contactId)}/complete`, body);
      this.forgetContact(contactId);
      this.selected = this.contacts.keys().next().value || null;
      this.notice(t('contact.completed'));
      this.renderWork();
      $('#btn-available').focus();
    } catch (e) {
      submit.disabled = false;
      this.error(e);
    }
  }

  /** Reads the case of a work item (an agent may while it holds the item); keeps what it had meanwhile. */
  async loadCase(contact) {
    const caseId = contact.attributes?.caseId;
    if (!caseId) return;
    const before = this.cases.get(contact.id);
    const entry = { status: 'loading', kase: before?.kase, message: before?.message };
    this.cases.set(contact.id, entry);
    this.renderCase();
    try {
      const kase = await api('GET', `/v1/complaints/${encodeURIComponent(caseId)}`);
      // The classify form offers the queues: read them first, so the form is drawn once.
      if (stepFor(kase) === 'classify') await this.loadQueues();
      entry.kase = kase;
      entry.status = 'ok';
    } catch (e) {
      entry.status = 'error';
      entry.error = e;
    }
    if (this.cases.get(contact.id) === entry) this.renderCase();
  }

  /** The queues an investigation may go to, read once; without them the form offers the default only. */
  async loadQueues() {
    if (this.queues) return;
    try {
      const all = await api('GET', '/v1/queues');
      // An investigation is email work: only queues that take email (or every channel) can do it.
      this.queues = (all || []).filter((q) => !q.channel || q.channel === 'email');
    } catch {
      this.queues = null;
    }
  }

  /** Takes the case's next step with the form's fields; a refusal stays on screen with its reason. */
  async advance(c, kase, step, form) {
    const entry = this.cases.get(c.id);
    const err = form.querySelector('[data-testid="case-error"]');
    const fail = (text, input) => {
      if (entry) entry.message = text;
      err.textContent = text;
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    };
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    const body = {};
    const note = form.note?.value.trim();
    if (step === 'classify') {
      if (!form.class.value) return fail(t('case.required', { field: t('case.form.class') }), form.class);
      body.class = form.class.value;
      body.severity = form.severity.value;
      if (form.department.value) body.department = form.department.value;
      const agentId = form.agentId.value.trim();
      if (agentId) body.agentId = agentId;
      if (note) body.note = note;
    } else if (step === 'investigate' || step === 'result') {
      if (!note) return fail(t('case.required', { field: t(step === 'result' ? 'case.form.resultNote' : 'case.form.findings') }), form.note);
      body.note = note;
    } else if (step === 'feedback') {
      const chosen = form.querySelector('input[name="satisfied"]:checked');
      if (!chosen) return fail(t('case.required', { field: t('case.form.satisfied') }), form.querySelector('input[name="satisfied"]'));
      body.satisfied = chosen.value === 'yes';
      if (note) body.note = note;
    } else if (note) {
      body.note = note;
    }
    const submit = form.querySelector('[data-testid="case-submit"]');
    submit.disabled = true;
    const path = `/v1/complaints/${encodeURIComponent(kase.id)}`;
    try {
      let after = await api('POST', `${path}/${step}`, body);
      let closeError = null;
      if (step === 'feedback' && form.closeNow?.checked) {
        try {
          after = await api('POST', `${path}/close`, {});
        } catch (e) {
          closeError = e;
        }
      }
      // The step completed the work item: it leaves this desk (the socket says so as well).
      this.forgetContact(c.id);
      this.notice(closeError ? t('case.closeFailed', { detail: problemText(closeError) })
        : after?.stage === 'closed' ? t('case.closedNotice', { id: kase.id })
          : t('case.advanced', { id: kase.id, step: tOr(`step.${step}`, step), stage: caseStageText(after?.stage) }));
      this.renderWork();
      $('#btn-available').focus();
    } catch (e) {
      submit.disabled = false;
      if (e instanceof ApiError && e.status === 401) return;
      fail(t('case.refused', { detail: problemText(e) }));
      // A 409 means the case or its item moved on meanwhile: show it as it is now.
      if (e.status === 409 && this.contacts.has(c.id)) this.loadCase(c);
    }
  }

  async loadHistory(contact) {
    const customerId = contact.customer?.id;
    if (!customerId || this.history.has(customerId)) return;
    this.history.set(customerId, 'loading');
    try {
      const found = await api('GET', `/v1/customers/${encodeURIComponent(customerId)}/contacts`);
      const list = Array.isArray(found) ? found : found?.contacts || found?.items || [];
      this.history.set(customerId, list);
    } catch (e) {
      // Not offered by this engine (404), not allowed (403), or unreachable: leave it out.
      this.history.set(customerId, 'hidden');
    }
    this.renderHistory();
  }

  // ------------------------------------------------------------------ rendering

  renderAll(force) {
    if (force) this.workSignature = '';
    this.renderState();
    this.renderOffers();
    this.renderWork();
  }

  renderState() {
    const a = this.agent;
    const stateEl = $('#agent-state');
    const sinceEl = $('#agent-state-since');
    if (!a) {
      stateEl.textContent = t('conn.connecting');
      stateEl.dataset.state = '';
      sinceEl.textContent = '';
      return;
    }
    const reason = a.state === 'not_ready' && a.reason ? ` · ${tOr(`reason.${a.reason}`, a.reason)}` : '';
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

  renderOffers() {
    const container = $('#offers');
    rerender(container, () => {
      if (this.offers.size === 0) return h('p', { class: 'muted', testid: 'no-offers' }, t('agent.noOffers'));
      return [...this.offers.values()].map((o) => this.offerCard(o));
    });
    refreshTicks(container);
  }

  offerCard(o) {
    const c = o.contact;
    const cust = c.customer || {};
    const expires = Date.parse(o.expiresAt);
    const total = Math.max(1, Math.round((expires - Date.parse(c.queuedAt) - c.waitingSeconds * 1000) / 1000));
    return h('article', { class: 'offer', testid: 'offer', 'data-key': o.offerId, 'aria-label': t('offer.title', { channel: tOr(`channel.${c.channel}`, c.channel) }) },
      h('h3', {}, t('offer.title', { channel: tOr(`channel.${c.channel}`, c.channel) })),
      h('dl', { class: 'facts' },
        field(t('offer.customer'), cust.name || t('customer.anonymous'), 'offer-customer'),
        field(t('offer.tier'), cust.tier ? tOr(`tier.${cust.tier}`, cust.tier) : null, 'offer-tier'),
        field(t('offer.risk'), cust.riskLevel ? riskText(cust.riskLevel) : null, 'offer-risk'),
        field(t('offer.queue'), c.queue, 'offer-queue'),
        field(t('offer.waited'), h('span', { 'data-since': sinceAttr(c.queuedAt) }), 'offer-waited'),
        c.attributes?.caseId
          ? field(t('offer.case'), h('span', { title: c.attributes.caseId },
            `${c.attributes.caseId.slice(0, 8)} · ${caseStageText(c.attributes.caseStage)}`), 'offer-case') : null,
        c.sla ? field(t('sla.title'), slaView(c.sla, 'offer-sla'), null) : null,
        c.routing?.held ? field(t('offer.routing'), heldView(c.routing, 'offer-routing'), null) : null),
      h('div', { class: 'countdown' },
        h('progress', { max: String(total), value: String(total), 'aria-hidden': 'true' }),
        h('span', { 'data-expires': String(expires), testid: 'offer-countdown', role: 'timer' })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', testid: 'offer-accept', 'data-offer-id': o.offerId,
          onclick: (e) => this.accept(o.offerId, e.currentTarget) }, t('offer.accept')),
        h('button', { type: 'button', class: 'danger', testid: 'offer-reject', 'data-offer-id': o.offerId,
          onclick: (e) => this.reject(o.offerId, e.currentTarget) }, t('offer.reject'))));
  }

  renderWork() {
    if (this.selected && !this.contacts.has(this.selected)) this.selected = this.contacts.keys().next().value || null;
    const signature = JSON.stringify([this.selected, [...this.contacts.keys()]]);
    if (signature === this.workSignature) return;
    this.workSignature = signature;
    const tabs = $('#tabs');
    const panel = $('#tabpanel');
    rerender(tabs, () => [...this.contacts.values()].map((c) => this.tab(c)));
    if (!this.selected) {
      panel.removeAttribute('aria-labelledby');
      panel.removeAttribute('role');
      panel.replaceChildren(h('p', { class: 'muted', testid: 'no-contacts' }, t('agent.noContacts')));
      return;
    }
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', `tab-${this.selected}`);
    rerender(panel, () => this.contactPanel(this.contacts.get(this.selected)));
    this.renderHistory();
    refreshTicks(panel);
  }

  tab(c) {
    const selected = c.id === this.selected;
    const label = `${c.customer?.name || t('customer.anonymous')} · ${tOr(`channel.${c.channel}`, c.channel)}`;
    return h('button', {
      type: 'button', role: 'tab', id: `tab-${c.id}`, 'aria-selected': String(selected), 'aria-controls': 'tabpanel',
      tabindex: selected ? '0' : '-1', testid: 'contact-tab', 'data-key': c.id,
      onclick: () => this.select(c.id),
      onkeydown: (e) => this.tabKey(e, c.id),
    }, label);
  }

  tabKey(e, id) {
    const ids = [...this.contacts.keys()];
    const i = ids.indexOf(id);
    let next = null;
    if (e.key === 'ArrowRight') next = ids[(i + 1) % ids.length];
    else if (e.key === 'ArrowLeft') next = ids[(i - 1 + ids.length) % ids.length];
    else if (e.key === 'Home') next = ids[0];
    else if (e.key === 'End') next = ids[ids.length - 1];
    if (next) {
      e.preventDefault();
      this.select(next);
      $(`#tab-${CSS.escape(next)}`)?.focus();
    }
  }

  select(id) {
    this.selected = id;
    this.renderWork();
  }

  contactPanel(c) {
    const cust = c.customer || {};
    const rm = relationshipManager(cust);
    const draft = this.drafts.get(c.id) || { disposition: 'resolved', stage: 'consultation', notes: '' };
    const save = (form) => this.drafts.set(c.id, {
      disposition: form.disposition.value, stage: form.stage.value, notes: form.notes.value,
    });
    const form = h('form', { class: 'wrapup', testid: 'wrapup-form', 'data-key': c.id,
      onsubmit: (e) => { e.preventDefault(); this.complete(c.id, e.currentTarget); },
      oninput: (e) => save(e.currentTarget), onchange: (e) => save(e.currentTarget) },
      h('h3', {}, t('wrap.title')),
      h('label', { for: 'wrap-disposition' }, t('wrap.disposition')),
      h('select', { id: 'wrap-disposition', name: 'disposition', testid: 'wrapup-disposition' },
        DISPOSITIONS.map((d) => h('option', { value: d, selected: d === draft.disposition }, t(`disp.${d}`)))),
      h('label', { for: 'wrap-stage' }, t('wrap.stage')),
      h('select', { id: 'wrap-stage', name: 'stage', testid: 'wrapup-stage' },
        STAGES.map((s) => h('option', { value: s, selected: s === draft.stage }, t(`stage.${s}`)))),
      h('label', { for: 'wrap-notes' }, t('wrap.notes')),
      h('textarea', { id: 'wrap-notes', name: 'notes', rows: '4', maxlength: '4000', testid: 'wrapup-notes' }, draft.notes),
      h('button', { type: 'submit', class: 'primary', testid: 'wrapup-submit' }, t('wrap.submit')));
    const attrs = Object.entries(c.attributes || {});
    return h('div', { class: 'contact', 'data-key': c.id, testid: 'contact-detail' },
      h('section', { class: 'card customer', testid: 'customer-card', 'aria-label': t('customer.card') },
        h('h3', {}, t('customer.card')),
        h('dl', { class: 'facts' },
          field(t('customer.name'), cust.name || t('customer.anonymous'), 'customer-name'),
          field(t('customer.id'), cust.id, 'customer-id'),
          field(t('customer.tier'), cust.tier ? tOr(`tier.${cust.tier}`, cust.tier) : null, 'customer-tier'),
          field(t('customer.risk'), cust.riskLevel ? riskText(cust.riskLevel) : null, 'customer-risk'),
          rm ? field(t('customer.rm'), rm, 'customer-rm') : null),
        h('div', { id: 'history', testid: 'customer-history', hidden: true })),
      h('section', { class: 'card', 'aria-label': t('contact.details') },
        h('h3', {}, t('contact.details')),
        h('dl', { class: 'facts' },
          field(t('contact.channel'), tOr(`channel.${c.channel}`, c.channel), 'contact-channel'),
          field(t('offer.queue'), c.queue, 'contact-queue'),
          c.externalId ? field(t('contact.ticket'), c.externalId, 'contact-external-id') : null,
          field(t('contact.assignedAt'), c.assignedAt ? clockTime(Date.parse(c.assignedAt)) : null, 'contact-assigned-at'),
          attrs.length ? field(t('contact.attributes'), attrs.map(([k, v]) => `${k}: ${v}`).join(', '), 'contact-attributes') : null,
          c.sla ? field(t('sla.title'), slaView(c.sla, 'contact-sla'), null) : null,
          c.routing?.held ? field(t('offer.routing'), heldView(c.routing, 'contact-routing'), null) : null),
        h('button', { type: 'button', class: 'small', testid: 'contact-history', onclick: (e) => showHistory(c.id, e.currentTarget) },
          t('hist.open'))),
      c.attributes?.caseId
        ? h('section', { id: 'case-panel', class: 'case-panel', testid: 'case-panel', 'data-contact': c.id,
          'aria-label': t('case.title', { id: c.attributes.caseId }) }, this.casePanel(c))
        : form);
  }

  renderCase() {
    const box = $('#case-panel');
    const c = this.contacts.get(this.selected);
    if (!box || !c || box.dataset.contact !== c.id) return;
    rerender(box, () => this.casePanel(c));
    refreshTicks(box);
  }

  casePanel(c) {
    const caseId = c.attributes.caseId;
    const entry = this.cases.get(c.id);
    const head = h('h3', {}, t('case.title', { id: caseId }));
    if (!entry?.kase) {
      if (entry?.status === 'error') {
        return [head,
          h('p', { class: 'error', role: 'alert', testid: 'case-load-error' }, t('case.loadFailed', { detail: problemText(entry.error) })),
          h('button', { type: 'button', testid: 'case-reload', onclick: () => this.loadCase(c) }, t('case.reload'))];
      }
      return [head, h('p', { class: 'muted', testid: 'case-loading' }, t('case.loading'))];
    }
    const kase = entry.kase;
    return [head, h('div', { class: 'case-grid' },
      h('section', { class: 'card', testid: 'case-info', 'data-stage': kase.stage },
        caseFacts(kase, 'case-info'),
        h('h4', {}, t('case.history')),
        caseTransitions(kase)),
      this.caseForm(c, kase, entry))];
  }

  caseForm(c, kase, entry) {
    const step = stepFor(kase);
    const itemStage = c.attributes.caseStage;
    const error = h('p', { class: 'error', role: 'alert', testid: 'case-error' }, entry.message || '');
    const reload = h('button', { type: 'button', testid: 'case-reload', onclick: () => this.loadCase(c) }, t('case.reload'));
    if (!step) return h('div', { class: 'case-action' }, h('p', { class: 'muted', testid: 'case-no-step' }, t('case.noStep')), error, reload);
    if (itemStage && itemStage !== kase.stage && step !== 'close') {
      return h('div', { class: 'case-action' },
        h('p', { class: 'error', role: 'alert', testid: 'case-wrong-stage' },
          t('case.wrongStage', { item: caseStageText(itemStage), stage: caseStageText(kase.stage) })),
        reload);
    }
    const draft = this.caseDrafts.get(c.id) || {};
    const save = (form) => this.caseDrafts.set(c.id, Object.fromEntries(
      [...form.elements].filter((el) => el.name).map((el) => [el.type === 'radio' ? `${el.name}:${el.value}` : el.name,
        el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value])));
    const label = (forId, key) => h('label', { for: forId }, t(key));
    const noteArea = (key, required) => [label('case-note', key),
      h('textarea', { id: 'case-note', name: 'note', rows: '4', maxlength: '4000', testid: 'case-note',
        'aria-required': required ? 'true' : undefined }, draft.note || '')];
    let fields;
    if (step === 'classify') {
      const severity = draft.severity || kase.severity || 'normal';
      fields = [
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
          (this.queues || []).map((q) => h('option', { value: q.id, selected: draft.department === q.id }, q.name ? `${q.name} (${q.id})` : q.id))),
        label('case-agent', 'case.form.agent'),
        h('input', { id: 'case-agent', name: 'agentId', maxlength: '64', autocomplete: 'off', spellcheck: 'false',
          pattern: '[A-Za-z0-9][A-Za-z0-9._:\-]*', testid: 'case-agent', value: draft.agentId || '' }),
        ...noteArea('case.form.note', false)];
    } else if (step === 'investigate' || step === 'result') {
      fields = noteArea(step === 'result' ? 'case.form.resultNote' : 'case.form.findings', true);
    } else if (step === 'feedback') {
      const closeNow = draft.closeNow ?? true;
      fields = [
        h('fieldset', { class: 'choice', 'aria-required': 'true' },
          h('legend', {}, t('case.form.satisfied')),
          h('label', {}, h('input', { type: 'radio', name: 'satisfied', value: 'yes', testid: 'case-satisfied-yes',
            checked: draft['satisfied:yes'] === true }), ` ${t('case.yes')}`),
          h('label', {}, h('input', { type: 'radio', name: 'satisfied', value: 'no', testid: 'case-satisfied-no',
            checked: draft['satisfied:no'] === true }), ` ${t('case.no')}`)),
        ...noteArea('case.form.feedbackNote', false),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'closeNow', testid: 'case-close-now', checked: closeNow }),
          ` ${t('case.form.closeNow')}`)];
    } else {
      fields = noteArea('case.form.closeNote', false);
    }
    return h('form', { class: 'case-action', testid: 'case-form', 'data-step': step, novalidate: true,
      'aria-labelledby': 'case-action-h',
      onsubmit: (e) => { e.preventDefault(); this.advance(c, kase, step, e.currentTarget); },
      oninput: (e) => save(e.currentTarget), onchange: (e) => save(e.currentTarget) },
    h('h4', { id: 'case-action-h' }, t(`case.head.${step}`)),
    ...fields,
    error,
    h('button', { type: 'submit', class: 'primary', testid: 'case-submit' }, t(`case.submit.${step}`)));
  }

  renderHistory() {
    const box = $('#history');
    const c = this.contacts.get(this.selected);
    if (!box || !c) return;
    const list = this.history.get(c.customer?.id);
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

  // ------------------------------------------------------------------ messages to the agent

  notice(text) {
    const el = $('#notice');
    el.textContent = text;
    el.classList.add('shown');
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => el.classList.remove('shown'), 6000);
  }

  error(e) {
    if (e instanceof ApiError && e.status === 401) return;
    const detail = e instanceof ApiError && e.network ? t('error.network') : e.message;
    $('#agent-error').textContent = t('error.generic', { detail });
  }
}

/** A compliance hold: why the contact waits for review. */
function heldView(routing, testid) {
  return h('div', { testid, class: 'held' },
    h('span', { class: 'flag held' }, t('routing.held')),
    (routing.reasons || []).length ? h('ul', { class: 'reasons' }, routing.reasons.map((r) => h('li', {}, r))) : null);
}

function riskText(level) {
  return `R${level}`;
}

function relationshipManager(cust) {
  const rm = cust.relationshipManager ?? cust.rm;
  if (!rm) return null;
  if (typeof rm === 'string') return rm;
  return [rm.name, rm.id, rm.phone].filter(Boolean).join(' · ') || null;
}

function shortId(id) {
  return String(id).slice(0, 8);
}

function clockDate(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(document.documentElement.lang, { dateStyle: 'short', timeStyle: 'short' });
}

