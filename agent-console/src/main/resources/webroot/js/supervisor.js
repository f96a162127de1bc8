// The supervisor's view: a live wallboard per queue (with the service level against its target
// and the deadlines missed), the complaint cases near or past a deadline, the agents with their
// state, and the contacts waiting (those held for compliance review with the reasons), which can
// be moved to another queue or agent and whose history can be read. Figures come from the API,
// refreshed every few seconds and shortly after any event on the engine's event stream.

import { t, tOr, clockTime } from './i18n.js';
import { api, ApiError, ticketUrl } from './api.js';
import { report, forget } from './connection.js';
import { $, h, rerender, showNotice } from './dom.js';
import { keepTicking, refreshTicks, sinceAttr } from './ticks.js';
import { LiveChannel, eventSourceTransport } from './live.js';
import { ReportsPanel } from './reports.js';
import { naturalCompare, reasonsText } from './reasons.js';
import { supervisorReason } from './catalogues.js';
import {
  caseStageText, classText, closeDialog, deadlineEl, severityText, showCase, showHistory, workText,
} from './details.js';
import { accountStepText, isAccountCase } from './account-case.js';

const REFRESH_MS = 5000;
const EVENT_DEBOUNCE_MS = 300;
const THRESHOLD_KEY = 'console.breachThresholdSeconds';
const SECTION_KEY = 'console.supervisorSection';
const SECTIONS = ['live', 'agents', 'reports'];
const STATES = ['available', 'busy', 'not_ready', 'wrap_up', 'offline'];

export class SupervisorView {
  constructor(session) {
    this.session = session;
    this.queues = [];
    this.stats = new Map();
    this.agents = [];
    this.waiting = new Map(); // contactId -> {id, queue, status, customer, externalId, queuedAt}
    this.seen = new Map(); // from the event stream, used while the server cannot list waiting contacts
    this.waitingSource = 'api';
    this.forceChoice = new Map();
    this.transferChoice = new Map();
    this.releaseChoice = new Map();
    this.signatures = {};
    this.abort = new AbortController();
    this.staffing = new Map(); // queueId -> live staffing (predicted wait)
    this.reports = new ReportsPanel(session, (text) => this.notice(text),
      { agent: (id) => this.agents.find((a) => a.id === id)?.name, queue: (id) => this.queues.find((q) => q.id === id)?.name });
    this.stream = new LiveChannel({
      connect: eventSourceTransport(() => ticketUrl('/v1/events')),
      // Before reopening: is the engine back and does it still take the token? Re-read the figures meanwhile.
      probe: () => api('GET', '/v1/queues').then(() => { this.refresh(); }),
      // Events missed while away are not replayed: the figures are read again instead.
      onOpen: () => this.refreshSoon(),
      onMessage: (e) => this.onEvent(e),
      onStatus: (state) => report('events', state),
    });
  }

  start() {
    this.reports.start();
    const opts = { signal: this.abort.signal };
    const threshold = $('#threshold');
    threshold.value = localStorage.getItem(THRESHOLD_KEY) || '60';
    threshold.addEventListener('change', () => {
      localStorage.setItem(THRESHOLD_KEY, String(this.threshold()));
      this.signatures = {};
      this.render();
    }, opts);
    document.addEventListener('langchange', () => { this.signatures = {}; this.render(); }, opts);
    this.bindSections(opts);
    this.poll = setInterval(() => this.refresh(), REFRESH_MS);
    keepTicking($('#supervisor-view'), this.abort.signal);
    this.refresh();
    this.stream.start();
  }

  stop() {
    this.abort.abort();
    clearInterval(this.poll);
    clearTimeout(this.soon);
    this.stream.stop();
    this.reports.stop();
    closeDialog();
    forget('events');
    forget('poll');
    for (const id of ['#wallboard', '#agent-rows', '#waiting-rows', '#case-rows']) $(id).replaceChildren();
  }

  /** The page's sections as tabs: live (wallboard, waiting contacts, cases near breach), agents, reports. */
  bindSections(opts) {
    const tabs = [...document.querySelectorAll('#supervisor-view [role="tab"][data-section]')];
    for (const tab of tabs) {
      tab.addEventListener('click', () => this.showSection(tab.dataset.section), opts);
      tab.addEventListener('keydown', (e) => {
        const i = SECTIONS.indexOf(tab.dataset.section);
        const next = e.key === 'ArrowRight' ? SECTIONS[(i + 1) % SECTIONS.length]
          : e.key === 'ArrowLeft' ? SECTIONS[(i - 1 + SECTIONS.length) % SECTIONS.length] : null;
        if (!next) return;
        e.preventDefault();
        this.showSection(next);
        $(`#sup-tab-${next}`).focus();
      }, opts);
    }
    const stored = sessionStorage.getItem(SECTION_KEY);
    this.showSection(SECTIONS.includes(stored) ? stored : 'live');
  }

  showSection(name) {
    sessionStorage.setItem(SECTION_KEY, name);
    for (const tab of document.querySelectorAll('#supervisor-view [role="tab"][data-section]')) {
      const on = tab.dataset.section === name;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
    for (const panel of document.querySelectorAll('#supervisor-view [role="tabpanel"][data-section]')) {
      panel.hidden = panel.dataset.section !== name;
    }
  }

  threshold() {
    const v = Number($('#threshold').value);
    return Number.isFinite(v) && v > 0 ? v : 60;
  }

  // ------------------------------------------------------------------ data

  /** One refresh at a time; a request for another while one runs makes one more afterwards. */
  async refresh() {
    if (this.abort.signal.aborted) return;
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = true;
    try {
      const queues = await api('GET', '/v1/queues');
      const [stats, agents, staffing, cases] = await Promise.all([
        Promise.all(queues.map((q) => api('GET', `/v1/queues/${encodeURIComponent(q.id)}/stats`)
          .catch((e) => (e.status === 404 ? null : Promise.reject(e))))),
        api('GET', '/v1/agents'),
        Promise.all(queues.map((q) => api('GET', `/v1/queues/${encodeURIComponent(q.id)}/staffing`).catch(() => null))),
        api('GET', '/v1/cases?open=true&nearBreach=true').catch(() => null),
      ]);
      this.queues = queues;
      this.stats = new Map(queues.map((q, i) => [q.id, stats[i]]));
      this.staffing = new Map(queues.map((q, i) => [q.id, staffing[i]]));
      this.casesNearBreach = Array.isArray(cases) ? cases.length : null;
      this.cases = Array.isArray(cases) ? cases : null;
      this.reports.queues(queues);
      // Agents in natural order of their ids (a2 before a10).
      this.agents = [...agents].sort((x, y) => naturalCompare(x.id, y.id));
      await this.refreshWaiting(queues);
      this.updated = Date.now();
      report('poll', 'online');
      this.render();
    } catch (e) {
      if (!(e instanceof ApiError) || e.network || e.status >= 500) report('poll', 'offline');
      else if (e.status !== 401) this.error(e);
    } finally {
      this.refreshing = false;
      if (this.again && !this.abort.signal.aborted) {
        this.again = false;
        this.refresh();
      }
    }
  }

  /**
   * Waiting contacts per queue, when the engine lists them; else (404 for the route) those seen
   * entering a queue on the event stream since this page opened.
   */
  async refreshWaiting(queues) {
    if (this.waitingSource === 'events') {
      this.waiting = new Map(this.seen);
      return;
    }
    const lists = await Promise.all(queues.map((q) => api('GET', `/v1/queues/${encodeURIComponent(q.id)}/contacts`)
      .catch((e) => {
        if (e.status === 404 || e.status === 405) return 'missing';
        return Promise.reject(e);
      })));
    if (lists.includes('missing') && lists.every((l) => l === 'missing')) {
      this.waitingSource = 'events';
      this.waiting = new Map(this.seen);
      return;
    }
    const waiting = new Map();
    lists.forEach((found, i) => {
      if (found === 'missing') return;
      const list = Array.isArray(found) ? found : found?.contacts || found?.items || [];
      for (const c of list) {
        if (c.status && c.status !== 'queued' && c.status !== 'offered') continue;
        waiting.set(c.id, { id: c.id, queue: c.queue || queues[i].id, status: c.status || 'queued',
          customer: c.customer || {}, externalId: c.externalId, queuedAt: c.queuedAt || c.arrivedAt,
          // The customer's whole wait: moving a contact restarts its place in a queue, not its wait.
          waitingSince: c.arrivedAt || c.queuedAt,
          // What stays put between polls (not remainingSeconds), so rows are rebuilt only on a change.
          sla: c.sla ? { deadline: c.sla.deadline, breached: c.sla.breached, answeredAt: c.sla.answeredAt } : null,
          held: !!c.routing?.held,
          reasons: c.routing?.held ? { reasons: c.routing.reasons || [], reasonCodes: c.routing.reasonCodes || [] } : null });
      }
    });
    this.waiting = waiting;
  }

  onEvent(e) {
    const id = e.contactId;
    switch (e.type) {
      case 'contact_queued':
        this.seen.set(id, { id, queue: e.queue || e.contact?.queue, status: 'queued', customer: e.contact?.customer || {},
          externalId: e.externalId, queuedAt: e.at, waitingSince: e.at });
        break;
      case 'offer_made':
        if (this.seen.has(id)) this.seen.get(id).status = 'offered';
        break;
      case 'offer_rejected':
      case 'offer_timed_out':
      case 'offer_revoked':
        if (this.seen.has(id)) this.seen.get(id).status = 'queued';
        break;
      case 'contact_transferred': {
        const known = this.seen.get(id) || { id, customer: {}, externalId: e.externalId, queuedAt: e.at, waitingSince: e.at };
        this.seen.set(id, { ...known, queue: e.toQueue, status: 'queued', queuedAt: known.queuedAt || e.at });
        break;
      }
      case 'offer_accepted':
      case 'contact_abandoned':
      case 'contact_completed':
        this.seen.delete(id);
        break;
      default:
        break;
    }
    this.refreshSoon();
  }

  refreshSoon() {
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.refresh(), EVENT_DEBOUNCE_MS);
  }

  // ------------------------------------------------------------------ actions

  async forceState(agent, status) {
    try {
      const body = status === 'not_ready' ? { status, reason: await this.notReadyReason() } : { status };
      await api('PUT', `/v1/agents/${encodeURIComponent(agent.id)}/status`, body);
      this.forceChoice.delete(agent.id);
      this.notice(t('sup.forced', { agent: agent.name || agent.id, state: t(`state.${status}`) }));
      this.refreshSoon();
    } catch (e) {
      this.error(e);
    }
  }

  /** The reason a supervisor sets: its own code unless the domain's catalogue leaves it out. */
  async notReadyReason() {
    const catalogue = await api('GET', '/v1/catalogues/not-ready-reasons').catch(() => null);
    return supervisorReason(catalogue);
  }

  async transfer(contactId) {
    const choice = this.transferChoice.get(contactId) || {};
    const body = {};
    if (choice.queue) body.queue = choice.queue;
    if (choice.agentId) body.agentId = choice.agentId;
    if (!body.queue && !body.agentId) return;
    try {
      await api('POST', `/v1/contacts/${encodeURIComponent(contactId)}/transfer`, body);
      this.transferChoice.delete(contactId);
      this.notice(t('sup.moved', { id: contactId.slice(0, 8) }));
      this.refreshSoon();
    } catch (e) {
      this.error(e);
    }
  }

  // ------------------------------------------------------------------ rendering

  render() {
    this.renderWallboard();
    this.renderCases();
    this.renderAgents();
    this.renderWaiting();
    $('#wb-updated').textContent = this.updated ? t('sup.updated', { time: clockTime(this.updated) }) : '';
    refreshTicks($('#supervisor-view'));
  }

  /** Rebuilds a region only when what it shows changed, so open selects and focus survive. */
  changed(region, data) {
    const sig = JSON.stringify(data);
    if (this.signatures[region] === sig) return false;
    this.signatures[region] = sig;
    return true;
  }

  renderWallboard() {
    const data = this.queues.map((q) => [q, this.stats.get(q.id), this.staffing.get(q.id)?.live?.predictedWaitSeconds]);
    const cases = $('#cases-near-breach');
    cases.hidden = this.casesNearBreach == null;
    cases.textContent = t('sup.casesNearBreach', { n: this.casesNearBreach ?? 0 });
    cases.dataset.count = String(this.casesNearBreach ?? 0);
    cases.classList.toggle('warn', (this.casesNearBreach ?? 0) > 0);
    if (!this.changed('wallboard', [data, this.threshold()])) return;
    rerender($('#wallboard'), () => data.map(([q, s, predicted]) => this.queueCard(q, s, predicted)));
  }

  queueCard(q, s, predicted) {
    s = s || {};
    const breach = (s.nearBreach ?? 0) > 0 || ((s.waiting ?? 0) > 0 && (s.longestWaitSeconds ?? 0) >= this.threshold());
    const settled = (s.answered ?? 0) + (s.abandoned ?? 0);
    const abandonRate = settled > 0 ? `${((100 * (s.abandoned ?? 0)) / settled).toFixed(1)}%` : t('misc.none');
    const stat = (key, value, testid, warn, sub) => h('div', { class: warn ? 'stat warn' : 'stat' },
      h('dt', {}, t(key)), h('dd', { testid }, value ?? t('misc.none')), sub || null);
    const agents = s.agents || {};
    // serviceLevel is null until a contact's SLA outcome is decided in the current interval.
    const sl = typeof s.serviceLevel === 'number' ? s.serviceLevel : null;
    const target = typeof s.targetPercent === 'number' ? s.targetPercent : null;
    const below = sl !== null && target !== null && sl < target;
    const slSub = target !== null
      ? h('p', { class: 'sub', testid: 'stat-sl-target' }, t('sup.slTarget', { n: target }), below ? ` · ${t('sup.belowTarget')}` : '')
      : null;
    return h('article', { class: breach ? 'queue-card breach' : 'queue-card', testid: 'queue-card', 'data-queue': q.id, 'data-key': q.id,
      'data-breach': String(breach) },
      h('header', {},
        h('h3', {}, q.name || q.id),
        h('span', { class: 'muted' }, [q.id, q.channel ? tOr(`channel.${q.channel}`, q.channel) : null].filter(Boolean).join(' · ')),
        breach ? h('span', { class: 'breach-flag', testid: 'breach-flag', role: 'img', 'aria-label': t('sup.breachWarning') }, t('sup.breachWarning')) : null),
      h('dl', { class: 'stats' },
        stat('sup.waiting', s.waiting, 'stat-waiting', breach),
        stat('sup.ringing', s.ringing, 'stat-ringing'),
        stat('sup.longest', s.longestWaitSeconds !== undefined ? secs(s.longestWaitSeconds) : null, 'stat-longest', breach),
        s.serviceLevel !== undefined ? stat('sup.serviceLevel', serviceLevel(s.serviceLevel), 'stat-service-level', below, slSub) : null,
        s.breaches !== undefined ? stat('sup.breaches', s.breaches, 'stat-breaches', s.breaches > 0,
          s.breachesTotal !== undefined ? h('p', { class: 'sub', testid: 'stat-breaches-total' }, t('sup.breachesTotal', { n: s.breachesTotal })) : null)
          : null,
        stat('sup.asa', s.averageSpeedOfAnswerSeconds !== undefined ? secs(s.averageSpeedOfAnswerSeconds) : null, 'stat-asa'),
        stat('sup.abandonRate', abandonRate, 'stat-abandon-rate'),
        stat('sup.answered', s.answered, 'stat-answered'),
        stat('sup.completed', s.completed, 'stat-completed'),
        s.nearBreach !== undefined ? stat('sup.nearBreach', s.nearBreach, 'stat-near-breach', s.nearBreach > 0) : null,
        stat('sup.predictedWait', predicted !== undefined && predicted !== null ? secs(predicted) : null, 'stat-predicted-wait')),
      h('p', { class: 'by-state', testid: 'stat-agents', 'aria-label': t('sup.agentsByState') },
        STATES.map((st) => h('span', { class: `badge small`, 'data-state': st }, `${t(`state.${st}`)} ${agents[st] ?? 0}`))));
  }

  queueName(id) {
    return this.queues.find((q) => q.id === id)?.name || id;
  }

  agentName(id) {
    if (!id) return t('misc.none');
    const a = this.agents.find((x) => x.id === id);
    return a?.name ? `${a.name} (${id})` : id;
  }

  /** Open complaint cases near or past their stage's deadline, the most urgent first. */
  renderCases() {
    const cases = this.cases ? [...this.cases].sort((x, y) => String(x.deadline || '~').localeCompare(String(y.deadline || '~'))) : null;
    const data = [cases && cases.map((k) => [k.id, k.type, k.stage, k.step, k.class, k.severity, k.deadline, k.nearAt, k.nearBreach, k.breached,
      k.owner, k.work, k.customer]), this.agents.map((a) => [a.id, a.name])];
    if (!this.changed('cases', data)) return;
    rerender($('#case-rows'), () => {
      if (!cases) return h('tr', {}, h('td', { colspan: '7', class: 'muted', testid: 'cases-unavailable' }, t('sup.casesUnavailable')));
      if (cases.length === 0) return h('tr', {}, h('td', { colspan: '7', class: 'muted', testid: 'no-cases' }, t('sup.noCases')));
      return cases.map((k) => {
        const owner = k.owner || k.work?.agentId;
        const workId = k.workContactId || k.work?.contactId;
        return h('tr', { testid: 'case-row', 'data-key': k.id, 'data-case': k.id, 'data-type': k.type, class: k.breached ? 'late' : 'near' },
          h('th', { scope: 'row' }, h('span', { title: k.id, testid: 'case-id' }, k.id.slice(0, 8)),
            h('span', { class: 'muted' }, ` ${k.customer?.name || k.customer?.id || t('customer.anonymous')}`)),
          isAccountCase(k) ? h('td', { testid: 'case-class' }, t('ctype.account_opening'))
            : h('td', { testid: 'case-class' }, classText(k.class), ' · ',
              h('span', { class: k.severity === 'major' ? 'flag late' : '' }, severityText(k.severity))),
          h('td', { testid: 'case-stage', class: 'nowrap' }, isAccountCase(k) ? accountStepText(k.step) : caseStageText(k.stage)),
          h('td', {}, deadlineEl(k.deadline, k.nearAt, 'case-deadline', { breached: k.breached, nearBreach: k.nearBreach })),
          h('td', { testid: 'case-owner' }, owner ? this.agentName(owner) : t('misc.none')),
          h('td', { testid: 'case-work' }, workText(k.work, (id) => this.agentName(id))),
          h('td', { class: 'actions' },
            h('button', { type: 'button', class: 'small', testid: 'case-open', 'aria-label': `${t('sup.openCase')} ${k.id}`,
              onclick: (e) => showCase(k.id, e.currentTarget) }, t('sup.openCase')),
            workId ? h('button', { type: 'button', class: 'small', testid: 'case-history', 'aria-label': `${t('sup.history')} ${workId}`,
              onclick: (e) => showHistory(workId, e.currentTarget) }, t('sup.history')) : null));
      });
    });
  }

  renderAgents() {
    const data = this.agents.map((a) => [a.id, a.name, a.state, a.reason, a.statusSince, a.contacts, a.load, a.missedOffers]);
    if (!this.changed('agents', data)) return;
    rerender($('#agent-rows'), () => this.agents.map((a) => {
      const choice = this.forceChoice.get(a.id) || (a.status === 'available' ? 'not_ready' : 'available');
      const selectId = `force-${a.id}`;
      const reason = a.state === 'not_ready' && a.reason ? ` · ${tOr(`reason.${a.reason}`, a.reason)}` : '';
      return h('tr', { testid: 'agent-row', 'data-key': a.id, 'data-agent': a.id },
        h('th', { scope: 'row' }, a.name || a.id, h('span', { class: 'muted' }, ` ${a.id}`)),
        h('td', {}, h('span', { class: 'badge', 'data-state': a.state, testid: 'agent-row-state' }, t(`state.${a.state}`) + reason),
          a.missedOffers > 0 ? h('span', { class: 'flag late', testid: 'agent-row-missed' }, ` ${t('sup.missedOffers', { n: a.missedOffers })}`) : null),
        h('td', { testid: 'agent-row-contacts' }, String((a.contacts || []).length)),
        h('td', { 'data-since': sinceAttr(a.statusSince), testid: 'agent-row-since' }),
        h('td', {},
          h('label', { class: 'visually-hidden', for: selectId }, `${t('sup.col.action')}: ${a.name || a.id}`),
          h('select', { id: selectId, testid: 'force-state-select',
            onchange: (e) => this.forceChoice.set(a.id, e.currentTarget.value) },
            ['available', 'not_ready', 'offline'].map((st) => h('option', { value: st, selected: st === choice }, t(`state.${st}`)))),
          h('button', { type: 'button', testid: 'force-state-apply',
            onclick: () => this.forceState(a, this.forceChoice.get(a.id) || choice) }, t('sup.apply'))));
    }));
  }

  renderWaiting() {
    const note = $('#waiting-note');
    note.hidden = this.waitingSource !== 'events';
    note.textContent = t('sup.waitingFromEvents');
    const rows = [...this.waiting.values()].sort((x, y) => String(x.queuedAt).localeCompare(String(y.queuedAt)));
    const held = rows.filter((c) => c.held).length;
    const heldCount = $('#held-count');
    heldCount.hidden = held === 0;
    heldCount.textContent = t('sup.heldCount', { n: held });
    heldCount.dataset.count = String(held);
    $('#held-hint').hidden = held === 0;
    const data = [rows, this.queues.map((q) => q.id), this.agents.map((a) => [a.id, a.name])];
    if (!this.changed('waiting', data)) return;
    rerender($('#waiting-rows'), () => {
      if (rows.length === 0) return h('tr', {}, h('td', { colspan: '5', class: 'muted', testid: 'no-waiting' }, t('sup.noWaiting')));
      return rows.map((c) => {
        const choice = this.transferChoice.get(c.id) || {};
        const set = (k, v) => this.transferChoice.set(c.id, { ...(this.transferChoice.get(c.id) || {}), [k]: v });
        const qid = `tq-${c.id}`;
        const aid = `ta-${c.id}`;
        return h('tr', { testid: 'waiting-row', 'data-key': c.id, 'data-contact': c.id, 'data-held': String(!!c.held),
          class: c.held ? 'held' : undefined },
          h('th', { scope: 'row' }, c.customer?.name || t('customer.anonymous'),
            h('span', { class: 'muted' }, ` ${c.externalId || c.id.slice(0, 8)}`),
            c.status === 'offered' ? h('span', { class: 'badge small', 'data-state': 'busy' }, t('sup.status.offered')) : null,
            c.held ? h('span', { class: 'flag held', testid: 'waiting-held' }, t('sup.held')) : null,
            c.held && c.reasons?.reasons.length
              ? h('ul', { class: 'reasons', testid: 'waiting-reasons', 'aria-label': t('hist.reasons') },
                reasonsText(c.reasons).map((r) => h('li', {}, r)))
              : null),
          h('td', { testid: 'waiting-queue', 'data-queue': c.queue }, this.queueName(c.queue)),
          h('td', {},
            h('span', { 'data-since': sinceAttr(c.waitingSince || c.queuedAt), testid: 'waiting-waited' }),
            c.sla && !c.sla.answeredAt
              ? h('div', { class: 'sub' }, deadlineEl(c.sla.deadline, null, 'waiting-sla', { breached: c.sla.breached })) : null),
          h('td', {}, h('div', { class: 'move' },
            h('label', { for: qid }, t('sup.toQueue')),
            // A held contact is routable only in its review queue (the engine refuses anything else).
            h('select', { id: qid, testid: 'transfer-queue', disabled: c.held, title: c.held ? t('sup.heldQueueLocked') : undefined,
              onchange: (e) => set('queue', e.currentTarget.value) },
              h('option', { value: '' }, t('sup.any')),
              this.queues.filter((q) => q.id !== c.queue).map((q) => h('option', { value: q.id, selected: choice.queue === q.id }, q.name || q.id))),
            h('label', { for: aid }, t('sup.toAgent')),
            h('select', { id: aid, testid: 'transfer-agent', onchange: (e) => set('agentId', e.currentTarget.value) },
              h('option', { value: '' }, t('sup.any')),
              this.agents.map((a) => h('option', { value: a.id, selected: choice.agentId === a.id }, `${a.name || a.id} (${t(`state.${a.state}`)})`))),
            h('button', { type: 'button', testid: 'transfer-submit', onclick: () => this.transfer(c.id) }, t('sup.move'))),
            c.held ? this.releaseForm(c) : null),
          h('td', {},
            h('button', { type: 'button', class: 'small', testid: 'waiting-history', 'aria-label': `${t('sup.history')} ${c.id}`,
              onclick: (e) => showHistory(c.id, e.currentTarget) }, t('sup.history'))));
      });
    });
  }

  /**
   * Releasing a held contact once the customer is re-assessed: the new risk level (or none, for a
   * licence hold) and what the re-assessment was. The engine checks the gates again and says what
   * still fails.
   */
  releaseForm(c) {
    const choice = this.releaseChoice.get(c.id) || {};
    const set = (k, v) => this.releaseChoice.set(c.id, { ...(this.releaseChoice.get(c.id) || {}), [k]: v });
    const rid = `rr-${c.id}`;
    const wid = `rw-${c.id}`;
    return h('div', { class: 'move release', testid: 'release-form' },
      h('label', { for: rid }, t('sup.riskLevel')),
      h('select', { id: rid, testid: 'release-risk', onchange: (e) => set('riskLevel', e.currentTarget.value) },
        h('option', { value: '' }, t('sup.riskUnchanged')),
        [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: choice.riskLevel === String(n) }, `C${n}`))),
      h('label', { for: wid }, t('sup.reassessment')),
      h('input', { id: wid, testid: 'release-reason', maxlength: '500', value: choice.reason || '',
        oninput: (e) => set('reason', e.currentTarget.value) }),
      h('button', { type: 'button', testid: 'release-submit', onclick: () => this.release(c.id) }, t('sup.release')));
  }

  async release(contactId) {
    const choice = this.releaseChoice.get(contactId) || {};
    const reason = (choice.reason || '').trim();
    if (!reason) {
      this.notice(t('sup.releaseNeedsReason'));
      return;
    }
    const body = { reason };
    if (choice.riskLevel) body.riskLevel = Number(choice.riskLevel);
    try {
      await api('POST', `/v1/contacts/${encodeURIComponent(contactId)}/release`, body);
      this.releaseChoice.delete(contactId);
      this.notice(t('sup.released', { id: contactId.slice(0, 8) }));
      this.refreshSoon();
    } catch (e) {
      this.error(e);
    }
  }

  notice(text) {
    showNotice(text);
  }

  error(e) {
    const detail = e instanceof ApiError && e.network ? t('error.network') : e.message;
    this.notice(t('error.generic', { detail }));
  }
}

function secs(v) {
  return t('unit.s', { n: Math.round(v) });
}

/** 0–100, or null (nothing decided yet in the interval): shown as "—", never as "null". */
function serviceLevel(v) {
  if (typeof v === 'number') return `${v.toFixed(1)}%`;
  return null;
}
