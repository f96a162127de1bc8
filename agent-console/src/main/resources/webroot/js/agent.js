// The agent's desk: state, incoming offers with a countdown, the contacts being served (one tab
// each, within capacity), the customer card and the wrap-up form. Everything arrives over the
// agent's WebSocket; on every (re)connect the engine sends the whole session again (state, then
// pending offers, then assigned contacts), and the 'state' message prunes what is no longer so.
// A complaint case's work item (a contact with attributes caseId and caseStage) is not wrapped
// up: it gets the case panel instead, whose form takes the case's next step (which completes it).
//
// The parts: agent-state.js is the desk as data and its pure reducer; agent-render.js and
// case-form.js draw it; live.js keeps the socket up. This view ties them together: it feeds the
// engine's messages and the answers to its own requests to the store, redraws what changed, shows
// the notices the reducer's rules call for, and reads what the desk needs (customer histories,
// cases).

import { t, tOr } from './i18n.js';
import { api, ApiError, observeServerNow, ticketUrl } from './api.js';
import { report, forget } from './connection.js';
import { $, showNotice } from './dom.js';
import { keepTicking } from './ticks.js';
import { caseStageText, closeDialog, problemText, stepFor } from './details.js';
import { LiveChannel, webSocketTransport } from './live.js';
import { Store } from './store.js';
import { ENGINE_MESSAGES, initialState, loadsNeeded, noticeFor, reduce, shortId } from './agent-state.js';
import {
  ACCEPT_SHORTCUT, renderAgentState, renderCase, renderContacts, renderHistory, renderOffers, renderReasonPicker,
  renderStage, shortcutOffer, offerTitle,
} from './agent-render.js';
import { byKind } from './catalogues.js';
import { NOTIFY_KEY, Ringer, SOUND_KEY, askToNotify, enabled } from './ringer.js';
import { caseFormValues, clearCaseProblem, showCaseProblem } from './case-form.js';
import { caseStepRequest } from './case-steps.js';
import { ACCOUNT_OPENING, accountStepText, isAccountCase } from './account-case.js';

const PING_MS = 20000;

export class AgentView {
  constructor(session) {
    this.session = session;
    this.agentId = session.agentId;
    this.store = new Store(reduce, initialState);
    this.workSignature = '';
    this.loads = 0; // numbers each read of a case, so only the latest answer counts
    this.abort = new AbortController();
    this.ringer = new Ringer((o) => ({
      title: offerTitle(o.contact),
      body: [o.contact?.customer?.name || t('customer.anonymous'), o.contact?.queue].filter(Boolean).join(' · '),
    }));
    const path = `/v1/agents/${encodeURIComponent(this.agentId)}`;
    this.channel = new LiveChannel({
      connect: webSocketTransport(() => ticketUrl(`${path}/ws`, { socket: true })),
      // A refused socket looks like any other failure: ask over HTTP whether the engine is back
      // and still takes the token (a 401 sends the user to sign in).
      probe: () => api('GET', path),
      onMessage: (msg) => this.onMessage(msg),
      onStatus: (state) => report('agent-socket', state),
      keepAlive: { everyMs: PING_MS, message: '{"type":"ping"}' },
    });
  }

  start() {
    const opts = { signal: this.abort.signal };
    $('#btn-available').addEventListener('click', () => this.setStatus('available'), opts);
    $('#btn-not-ready').addEventListener('click', () => this.setStatus('not_ready', $('#reason').value), opts);
    $('#btn-offline').addEventListener('click', () => this.setStatus('offline'), opts);
    document.addEventListener('langchange', () => {
      this.ringer.retitle(t('app.title'));
      this.renderAll();
    }, opts);
    document.addEventListener('keydown', (e) => this.shortcut(e), opts);
    this.bindRingSettings(opts);
    this.ringer.start();
    this.unsubscribe = this.store.subscribe((state, before) => this.render(state, before));
    keepTicking($('#agent-view'), this.abort.signal);
    this.renderAll();
    this.channel.start();
    this.loadCatalogues();
  }

  /** The domain's catalogues for the pickers; without them (or unreadable) the console's own lists stay. */
  async loadCatalogues() {
    try {
      this.dispatch({ type: 'catalogues/loaded', catalogues: byKind(await api('GET', '/v1/catalogues')) });
    } catch (e) {
      console.warn('catalogues could not be read; the console keeps its own reasons and dispositions', e);
    }
  }

  stop() {
    this.abort.abort();
    this.channel.stop();
    this.ringer.stop();
    this.unsubscribe?.();
    closeDialog();
    forget('agent-socket');
    for (const id of ['#offers', '#tabs', '#tabpanel']) $(id).replaceChildren();
    $('#agent-state').textContent = '';
    $('#agent-error').textContent = '';
  }

  // ------------------------------------------------------------------ state

  onMessage(msg) {
    if (!ENGINE_MESSAGES.has(msg.type)) return;
    if (msg.type === 'offer' || msg.type === 'assigned') this.learnClock(msg.contact);
    this.dispatch(msg);
  }

  /** Applies an action, tells the agent what the rules say to, and starts what the desk now needs read. */
  dispatch(action) {
    if (this.abort.signal.aborted) return;
    const notice = noticeFor(this.store.get(), action);
    this.store.dispatch(action);
    if (notice) {
      const vars = 'reason' in notice ? { ...notice.vars, reason: tOr(`revoked.${notice.reason}`, notice.reason) } : notice.vars;
      this.notice(t(notice.key, vars));
    }
    this.startLoads();
  }

  /** While a contact waits, the engine's "now" is its queuedAt plus the seconds waited. */
  learnClock(contact) {
    if (contact && contact.status === 'offered' && contact.queuedAt) {
      observeServerNow(Date.parse(contact.queuedAt) + contact.waitingSeconds * 1000);
    }
  }

  startLoads() {
    if (this.startingLoads) return; // each load marks itself started by a dispatch, which comes back here
    this.startingLoads = true;
    try {
      const { histories, cases } = loadsNeeded(this.store.get());
      for (const c of histories) this.loadHistory(c);
      for (const c of cases) this.loadCase(c);
    } finally {
      this.startingLoads = false;
    }
  }

  async loadHistory(contact) {
    const customerId = contact.customer.id;
    this.dispatch({ type: 'history/loading', customerId });
    let action;
    try {
      const found = await api('GET', `/v1/customers/${encodeURIComponent(customerId)}/contacts`);
      const list = Array.isArray(found) ? found : found?.contacts || found?.items || [];
      action = { type: 'history/loaded', customerId, contacts: list };
    } catch {
      // Not offered by this engine (404), not allowed (403), or unreachable: leave it out.
      action = { type: 'history/unavailable', customerId };
    }
    this.dispatch(action);
  }

  /** Reads the case of a work item (an agent may while it holds the item); keeps what it had meanwhile. */
  async loadCase(contact) {
    const caseId = contact.attributes?.caseId;
    if (!caseId) return;
    const load = ++this.loads;
    this.dispatch({ type: 'case/loading', contactId: contact.id, load });
    let action;
    try {
      const kase = contact.attributes?.caseType === ACCOUNT_OPENING
        ? await api('GET', `/v1/cases/${encodeURIComponent(caseId)}`)
        : await api('GET', `/v1/complaints/${encodeURIComponent(caseId)}`);
      // The classify form offers the queues: read them first, so the form is drawn once.
      if (stepFor(kase) === 'classify') await this.loadQueues();
      action = { type: 'case/loaded', kase };
    } catch (e) {
      action = { type: 'case/failed', error: e };
    }
    this.dispatch({ ...action, contactId: contact.id, load });
  }

  /** The queues an investigation may go to, read once; without them the form offers the default only. */
  async loadQueues() {
    if (this.store.get().queues) return;
    try {
      const all = await api('GET', '/v1/queues');
      // An investigation is email work: only queues that take email (or every channel) can do it.
      this.dispatch({ type: 'queues/loaded', queues: (all || []).filter((q) => !q.channel || q.channel === 'email') });
    } catch {
      // the form offers the default queue only
    }
  }

  // ------------------------------------------------------------------ ringing

  /** The sound and notification switches, per user in localStorage; notifications ask permission when switched on. */
  bindRingSettings(opts) {
    const sound = $('#ring-sound');
    const notify = $('#ring-notify');
    sound.checked = enabled(localStorage, SOUND_KEY);
    notify.checked = enabled(localStorage, NOTIFY_KEY) && typeof Notification !== 'undefined' && Notification.permission === 'granted';
    sound.addEventListener('change', () => localStorage.setItem(SOUND_KEY, sound.checked ? 'on' : 'off'), opts);
    notify.addEventListener('change', async () => {
      localStorage.setItem(NOTIFY_KEY, notify.checked ? 'on' : 'off');
      if (!notify.checked) return this.ringNote('');
      const answer = await askToNotify();
      if (answer !== 'granted') {
        notify.checked = false;
        this.ringNote(t('ring.notifyBlocked'));
      } else {
        this.ringNote('');
      }
    }, opts);
  }

  ringNote(text) {
    const note = $('#ring-note');
    note.textContent = text;
    note.hidden = !text;
  }

  /** Alt+A accepts the first offer the console may accept, wherever the focus is. */
  shortcut(e) {
    if (!ACCEPT_SHORTCUT.matches(e) || e.repeat) return;
    const offer = shortcutOffer(this.store.get().offers);
    if (!offer) return;
    e.preventDefault();
    const button = $(`[data-testid="offer-accept"][data-offer-id="${CSS.escape(offer.offerId)}"]`);
    if (button && !button.disabled) this.accept(offer.offerId, button);
  }

  // ------------------------------------------------------------------ actions

  async setStatus(status, reason) {
    $('#agent-error').textContent = '';
    try {
      const body = reason ? { status, reason } : { status };
      const agent = await api('PUT', `/v1/agents/${encodeURIComponent(this.agentId)}/status`, body);
      this.dispatch({ type: 'status/changed', agent });
    } catch (e) {
      this.error(e);
    }
  }

  async accept(offerId, button) {
    button.disabled = true;
    try {
      const contact = await api('POST', `/v1/offers/${encodeURIComponent(offerId)}/accept`);
      this.dispatch({ type: 'offer/accepted', offerId, contact });
      $(`[data-testid="contact-tab"][data-key="${CSS.escape(contact.id)}"]`)?.focus();
    } catch (e) {
      if (e.status === 409 || e.status === 404) {
        this.dispatch({ type: 'offer/gone', offerId });
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
    this.dispatch({ type: 'offer/rejected', offerId });
  }

  select(contactId) {
    this.dispatch({ type: 'contact/select', contactId });
  }

  wrapUpDraft(contactId, draft) {
    this.dispatch({ type: 'wrapup/draft', contactId, draft });
  }

  async complete(contactId, form) {
    const submit = form.querySelector('[data-testid="wrapup-submit"]');
    const body = { disposition: form.disposition.value, stage: form.stage.value };
    const notes = form.notes.value.trim();
    if (notes) body.notes = notes;
    submit.disabled = true;
    try {
      await api('POST', `/v1/contacts/${encodeURIComponent(contactId)}/complete`, body);
      this.dispatch({ type: 'contact/completed', contactId });
      $('#btn-available').focus();
    } catch (e) {
      submit.disabled = false;
      this.error(e);
    }
  }

  /** Moves the contact on to the service stage picked; a queue serving that stage takes it off the desk. */
  async advanceStage(contactId, form) {
    const button = form.querySelector('[data-testid="stage-advance"]');
    const stage = form.stage.value;
    button.disabled = true;
    $('#agent-error').textContent = '';
    try {
      const contact = await api('POST', `/v1/contacts/${encodeURIComponent(contactId)}/stage`, { stage });
      this.dispatch({ type: 'contact/staged', contact });
      const last = (contact.stages || []).at(-1);
      this.notice(last?.queue
        ? t('stage.handedOff', { id: shortId(contactId), stage: t(`stage.${stage}`), queue: last.queue })
        : t('stage.advanced', { id: shortId(contactId), stage: t(`stage.${stage}`) }));
    } catch (e) {
      button.disabled = false;
      this.error(e);
    }
  }

  /** What the case panel of work item c draws from and reports to. */
  caseContext(state, c) {
    return {
      entry: state.cases.get(c.id),
      draft: state.caseDrafts.get(c.id),
      queues: state.queues,
      onSubmit: (form, kase, step) => this.advance(c, kase, step, form),
      onReload: () => this.loadCase(c),
      onDraft: (draft) => this.dispatch({ type: 'case/draft', contactId: c.id, draft }),
    };
  }

  /** Takes the case's next step with the form's fields; a refusal stays on screen with its reason. */
  async advance(c, kase, step, form) {
    clearCaseProblem(form);
    const request = caseStepRequest(step, caseFormValues(form));
    if (request.missing) {
      this.caseProblem(c, form, t('case.required', { field: t(request.missing.label) }), request.missing.field);
      return;
    }
    const submit = form.querySelector('[data-testid="case-submit"]');
    submit.disabled = true;
    const path = `/v1/${isAccountCase(kase) ? 'cases' : 'complaints'}/${encodeURIComponent(kase.id)}`;
    try {
      let after = await api('POST', `${path}/${step}`, request.body);
      let closeError = null;
      if (request.closeAfter) {
        try {
          after = await api('POST', `${path}/close`, {});
        } catch (e) {
          closeError = e;
        }
      }
      // The step completed the work item: it leaves this desk (the socket says so as well).
      this.dispatch({ type: 'case/advanced', contactId: c.id });
      this.notice(closeError ? t('case.closeFailed', { detail: problemText(closeError) })
        : isAccountCase(kase) ? t('acase.advanced', { id: kase.id, step: accountStepText(step) })
        : after?.stage === 'closed' ? t('case.closedNotice', { id: kase.id })
          : t('case.advanced', { id: kase.id, step: tOr(`step.${step}`, step), stage: caseStageText(after?.stage) }));
      $('#btn-available').focus();
    } catch (e) {
      submit.disabled = false;
      if (e instanceof ApiError && e.status === 401) return;
      this.caseProblem(c, form, t('case.refused', { detail: problemText(e) }));
      // A 409 means the case or its item moved on meanwhile: show it as it is now.
      if (e.status === 409 && this.store.get().contacts.has(c.id)) this.loadCase(c);
    }
  }

  /** Shows a problem in the case form as it stands, and keeps it for when the form is drawn again. */
  caseProblem(c, form, text, field) {
    this.dispatch({ type: 'case/message', contactId: c.id, message: text });
    showCaseProblem(form, text, field);
  }

  // ------------------------------------------------------------------ rendering

  /** Redraws the parts whose state changed (the case panel not for a new message: the form shows it). */
  render(state, before) {
    if (state.catalogues !== before.catalogues) {
      renderReasonPicker(state.catalogues);
      this.workSignature = ''; // the wrap-up form's dispositions
    }
    if (state.agent !== before.agent || state.catalogues !== before.catalogues) {
      renderAgentState(state.agent, state.catalogues);
    }
    if (state.offers !== before.offers) {
      renderOffers(state.offers, this);
      this.ringer.update(state.offers);
    }
    if (state.contacts !== before.contacts || state.selected !== before.selected
      || state.catalogues !== before.catalogues) this.renderWork(state);
    if (state.contacts !== before.contacts) renderStage(state, this);
    if (state.history !== before.history) renderHistory(state);
    if (!sameCase(state, before)) renderCase(state, this);
  }

  renderAll() {
    const state = this.store.get();
    this.workSignature = '';
    renderReasonPicker(state.catalogues);
    renderAgentState(state.agent, state.catalogues);
    renderOffers(state.offers, this);
    this.ringer.update(state.offers);
    this.renderWork(state);
  }

  /** Tabs and panel are rebuilt only when the open tab or the set of contacts changes, so typing survives. */
  renderWork(state) {
    const signature = JSON.stringify([state.selected, [...state.contacts.keys()]]);
    if (signature === this.workSignature) return;
    this.workSignature = signature;
    renderContacts(state, this);
  }

  // ------------------------------------------------------------------ messages to the agent

  notice(text) {
    showNotice(text);
  }

  error(e) {
    if (e instanceof ApiError && e.status === 401) return;
    const detail = e instanceof ApiError && e.network ? t('error.network') : e.message;
    $('#agent-error').textContent = t('error.generic', { detail });
  }
}

/** Whether the open contact's case shows the same in both states (its refusal message aside). */
function sameCase(state, before) {
  const now = state.cases.get(state.selected);
  const then = before.cases.get(before.selected);
  if (state.selected !== before.selected || now === then) return true; // a new tab is drawn whole
  return Boolean(now && then) && now.status === then.status && now.kase === then.kase && now.error === then.error;
}
