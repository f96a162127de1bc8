// The branch "now serving" board: the tickets at each counter and the tickets waiting per queue,
// as the engine keeps them (GET /v1/boards/{site}), followed live (GET /v1/boards/{site}/stream,
// whose every message is the whole board). A reload or a reconnect shows exactly what the engine
// holds: nothing is kept here but the credential.
//
// Credential: a board key, bound to one site, that may read that site's board and nothing else.
// The display is set up once, either through the form (site and key) or with both in the address
// fragment, board.html#site=hq&key=<board key>, which never leaves the browser (fragments are not
// sent to the server, nor in Referer headers) and is cleared from the address bar at once. The
// key is then kept in this browser's localStorage, so the display comes back by itself after a
// power cut; "Change key" forgets it. The stream is opened with single-use tickets, never the key.

import * as i18n from './i18n.js';
import { api, onUnauthorized, ticketUrl, useToken } from './api.js';
import { bindIndicator, forget, report } from './connection.js';
import { $, h } from './dom.js';
import { LiveChannel, eventSourceTransport } from './live.js';

const STORAGE_KEY = 'board.display';
const SITE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const state = {
  display: null, // {site, key}
  stream: null, // the LiveChannel while the board shows
  board: null, // the last board the engine sent
  called: new Set(), // tickets at a counter on the board before the last one, to tell who is new
};

useToken(() => state.display?.key || null);

function loadDisplay() {
  const m = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (m.get('site') && m.get('key')) {
    history.replaceState(null, '', location.pathname + location.search);
    if (SITE.test(m.get('site'))) saveDisplay({ site: m.get('site'), key: m.get('key') });
  }
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
    state.display = saved && SITE.test(saved.site || '') && saved.key ? saved : null;
  } catch {
    state.display = null;
  }
}

function saveDisplay(display) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(display));
  state.display = display;
}

function forgetDisplay() {
  localStorage.removeItem(STORAGE_KEY);
  state.display = null;
}

function show(view) {
  $('#login-view').hidden = view !== 'login';
  $('#board-view').hidden = view !== 'board';
  $('#logout').hidden = view !== 'board';
  $('#fullscreen').hidden = view !== 'board' || !document.fullscreenEnabled;
  document.body.classList.toggle('board-live', view === 'board');
}

function showLogin(key) {
  state.stream?.stop();
  state.stream = null;
  state.board = null;
  forget('board');
  show('login');
  $('#site').textContent = '';
  $('#login-error').textContent = key ? i18n.t(key) : '';
  $('#board-site').value = state.display?.site || $('#board-site').value;
  $('#board-site').focus();
}

function boardPath() {
  return `/v1/boards/${encodeURIComponent(state.display.site)}`;
}

/** Reads the board (also the stream's probe: it checks the key before a reconnect). */
async function readBoard() {
  update(await api('GET', boardPath()));
}

function update(board) {
  const before = state.board;
  state.called = new Set((before?.serving || []).map((s) => s.ticket));
  state.board = board;
  render(before !== null);
}

function counterText(serving) {
  return serving.counter || i18n.t('board.anyCounter');
}

function render(live = false) {
  const board = state.board;
  $('#site').textContent = state.display ? i18n.t('board.siteName', { site: state.display.site }) : '';
  if (!board) return;
  const latest = board.serving[0];
  const fresh = live && latest && !state.called.has(latest.ticket) ? latest.ticket : null;
  const calling = $('#calling');
  calling.replaceChildren(...(latest
    ? [h('span', { class: 'calling-ticket fit', testid: 'board-calling-ticket' }, latest.ticket),
      h('span', { class: 'calling-arrow', 'aria-hidden': 'true' }, '→'),
      h('span', { class: 'calling-counter fit' }, counterText(latest))]
    : [h('span', { class: 'calling-none' }, i18n.t('board.none'))]));
  calling.setAttribute('aria-label', latest
    ? i18n.t('board.calling', { ticket: latest.ticket, counter: counterText(latest) }) : i18n.t('board.none'));
  if (fresh) {
    calling.classList.remove('flash');
    void calling.offsetWidth; // restart the animation
    calling.classList.add('flash');
  }
  $('#counters').replaceChildren(...(board.serving.length
    ? board.serving.map((s) => h('article', {
      class: s.ticket === fresh ? 'counter fresh' : 'counter', testid: 'board-counter', 'data-ticket': s.ticket },
    h('p', { class: 'ticket fit', testid: 'board-ticket' }, s.ticket),
    h('p', { class: 'counter-name fit', testid: 'board-counter-name' }, counterText(s))))
    : [h('p', { class: 'board-empty' }, i18n.t('board.noneServing'))]));
  $('#waiting').replaceChildren(...board.waiting.map((w) => h('li', { class: 'waiting-queue', testid: 'board-queue', 'data-queue': w.queue },
    h('div', { class: 'waiting-head' },
      h('span', { class: 'waiting-name fit' }, w.name),
      h('span', { class: 'waiting-count', testid: 'board-waiting-count' }, String(w.count))),
    h('p', { class: 'waiting-next fit', testid: 'board-next' },
      w.next.length ? `${i18n.t('board.next')} ${w.next.join('  ')}` : i18n.t('board.nobodyWaiting')))));
  fitAll();
}

/**
 * Long ticket numbers and labels never wrap: each .fit element is shrunk to fit its box on one
 * line, down to a third of its size; beyond that the CSS ellipsis shows it is cut.
 */
function fitAll() {
  for (const el of document.querySelectorAll('#board-view .fit')) {
    el.style.fontSize = '';
    const full = parseFloat(getComputedStyle(el).fontSize);
    let size = full;
    for (let i = 0; i < 4 && el.scrollWidth > el.clientWidth + 1 && size > full / 3; i++) {
      size = Math.max(full / 3, size * (el.clientWidth / el.scrollWidth) * 0.98);
      el.style.fontSize = `${size}px`;
    }
  }
}

function newStream() {
  state.stream?.stop();
  state.stream = new LiveChannel({
    connect: eventSourceTransport(() => ticketUrl(`${boardPath()}/stream`)),
    probe: readBoard,
    onMessage: (board) => update(board),
    onStatus: (s) => report('board', s),
  });
  return state.stream;
}

async function startBoard() {
  show('board');
  render();
  const stream = newStream();
  try {
    await readBoard();
    if (state.stream === stream) stream.start();
  } catch (e) {
    if (e.status === 401) return; // onUnauthorized shows the form
    if (e.status === 403) {
      showLogin('board.wrongSite');
      return;
    }
    if (state.stream === stream) stream.startLater();
  }
}

function onSetUp(event) {
  event.preventDefault();
  const form = event.target;
  const site = form.site.value.trim();
  const key = form.key.value.trim();
  if (!SITE.test(site) || !key) {
    $('#login-error').textContent = i18n.t('board.incomplete');
    return;
  }
  saveDisplay({ site, key });
  form.key.value = '';
  startBoard();
}

function main() {
  loadDisplay();
  i18n.apply(document);
  i18n.bindSwitch($('#lang'));
  bindIndicator($('#conn'), $('#offline'));
  document.addEventListener('langchange', () => render());
  window.addEventListener('resize', fitAll);
  document.fonts?.ready.then(fitAll); // a web font that arrives late changes every width
  $('#login-form').addEventListener('submit', onSetUp);
  $('#logout').addEventListener('click', () => {
    forgetDisplay();
    showLogin();
  });
  $('#fullscreen').addEventListener('click', () => document.documentElement.requestFullscreen?.().catch(() => {}));
  onUnauthorized(() => {
    forgetDisplay();
    showLogin('board.keyRefused');
  });
  if (state.display) startBoard();
  else showLogin();
}

main();
