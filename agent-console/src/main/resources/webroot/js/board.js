// The branch "now serving" board: ticket numbers called to each counter. A call is an
// offer_accepted event on the engine's event stream for a branch queue: the ticket number is the
// contact's externalId, the counter is the agent who accepted it.
//
// Authentication: a supervisor or administrator signs in on the board once (the token is kept
// in this browser's localStorage until it expires), or the display is opened with a credential
// in the address fragment, board.html#token=<token or API key>, which never leaves the browser
// (fragments are not sent to the server, nor in Referer headers). Any credential that may read
// GET /v1/events works; the board also uses GET /v1/queues and GET /v1/agents when allowed, to
// pick the branch queues and show agents' names, and shows all tickets and agent ids otherwise.
// ?queues=a,b restricts the board to those queues.

import * as i18n from './i18n.js';
import { api, ApiError, onUnauthorized, Session, signIn, ticketUrl, useToken } from './api.js';
import { bindIndicator, forget, report } from './connection.js';
import { $, h } from './dom.js';
import { LiveChannel, eventSourceTransport } from './live.js';

const MAX_RECENT = 12;
const session = new Session('board.session', localStorage);
let fragmentToken = null;

const params = new URLSearchParams(location.search);
const queueFilter = params.get('queues') ? new Set(params.get('queues').split(',').filter(Boolean)) : null;

const state = {
  stream: null, // the LiveChannel of the event stream while the board shows
  queues: null, // Set of branch queue ids, or null to show every call
  names: new Map(),
  counters: new Map(), // agentId -> {ticket, at}
  recent: [], // {ticket, agentId, queue, at}
};

function token() {
  return fragmentToken || session.get()?.token || null;
}
useToken(token);

function readFragment() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    fragmentToken = decodeURIComponent(m[1]);
    sessionStorage.setItem('board.fragmentToken', fragmentToken);
    history.replaceState(null, '', location.pathname + location.search);
  } else {
    fragmentToken = sessionStorage.getItem('board.fragmentToken');
  }
}

function show(view) {
  $('#login-view').hidden = view !== 'login';
  $('#board-view').hidden = view !== 'board';
  $('#logout').hidden = view !== 'board' || Boolean(fragmentToken);
}

function showLogin(key) {
  state.stream?.stop();
  state.stream = null;
  forget('events');
  show('login');
  $('#login-error').textContent = key ? i18n.t(key) : '';
  $('#username').focus();
}

async function loadContext() {
  try {
    const queues = await api('GET', '/v1/queues');
    const branch = queues.filter((q) => q.channel === 'branch').map((q) => q.id);
    state.queues = branch.length ? new Set(branch) : null;
  } catch (e) {
    if (e.status === 401) throw e;
    state.queues = null;
  }
  try {
    const agents = await api('GET', '/v1/agents');
    state.names = new Map(agents.map((a) => [a.id, a.name]));
  } catch (e) {
    if (e.status === 401) throw e;
  }
}

function wanted(event) {
  if (!event.externalId) return false;
  if (queueFilter) return queueFilter.has(event.queue);
  return state.queues ? state.queues.has(event.queue) : true;
}

/** The event stream of calls; reopened after the context is read again (which also checks the token). */
function newStream() {
  state.stream?.stop();
  state.stream = new LiveChannel({
    connect: eventSourceTransport(() => ticketUrl('/v1/events?types=offer_accepted')),
    probe: loadContext,
    onMessage: (e) => {
      if (e.type === 'offer_accepted' && wanted(e)) call({ ticket: e.externalId, agentId: e.agentId, queue: e.queue, at: e.at });
    },
    onStatus: (s) => report('events', s),
  });
  return state.stream;
}

function call(c) {
  state.counters.set(c.agentId, c);
  state.recent.unshift(c);
  state.recent.length = Math.min(state.recent.length, MAX_RECENT);
  render(c);
}

function counterName(agentId) {
  const name = state.names.get(agentId);
  return name ? `${agentId} · ${name}` : agentId;
}

function render(latest) {
  const calling = $('#calling');
  const last = latest || state.recent[0];
  calling.textContent = last
    ? i18n.t('board.calling', { ticket: last.ticket, counter: counterName(last.agentId) })
    : i18n.t('board.none');
  if (latest) {
    calling.classList.remove('flash');
    void calling.offsetWidth; // restart the animation
    calling.classList.add('flash');
  }
  const counters = [...state.counters.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
  $('#counters').replaceChildren(...counters.map(([agentId, c]) => h('article', {
    class: latest && latest.agentId === agentId ? 'counter fresh' : 'counter', testid: 'board-counter', 'data-agent': agentId },
  h('p', { class: 'counter-name' }, `${i18n.t('board.counter')} ${counterName(agentId)}`),
  h('p', { class: 'ticket', testid: 'board-ticket' }, c.ticket))));
  $('#recent').replaceChildren(...state.recent.map((c) => h('li', { testid: 'board-recent-item' },
    h('span', { class: 'ticket-small' }, c.ticket), ' → ', counterName(c.agentId))));
}

async function startBoard() {
  show('board');
  render();
  const stream = newStream();
  try {
    await loadContext();
    if (state.stream === stream) stream.start(); // unless signed out meanwhile
  } catch (e) {
    if (e.status === 401) showLogin('auth.expired');
    else if (state.stream === stream) stream.startLater();
  }
}

async function onLogin(event) {
  event.preventDefault();
  const form = event.target;
  try {
    const result = await signIn(form.username.value.trim(), form.password.value);
    if (result.role !== 'supervisor' && result.role !== 'admin') {
      $('#login-error').textContent = i18n.t('auth.noRole');
      return;
    }
    session.save(result);
    form.password.value = '';
    startBoard();
  } catch (e) {
    $('#login-error').textContent = i18n.t(e instanceof ApiError && e.network ? 'error.network' : 'auth.failed');
  }
}

function main() {
  readFragment();
  i18n.apply(document);
  i18n.bindSwitch($('#lang'));
  bindIndicator($('#conn'), $('#offline'));
  document.addEventListener('langchange', () => render());
  $('#login-form').addEventListener('submit', onLogin);
  $('#logout').addEventListener('click', () => {
    session.clear();
    showLogin();
  });
  onUnauthorized(() => {
    session.clear();
    fragmentToken = null;
    sessionStorage.removeItem('board.fragmentToken');
    showLogin('auth.expired');
  });
  if (token()) startBoard();
  else showLogin();
}

main();
