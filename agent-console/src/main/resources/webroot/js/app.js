// The console's entry point: sign-in, then the agent or supervisor view for the user's role.

import * as i18n from './i18n.js';
import { ApiError, onUnauthorized, Session, signIn, useToken } from './api.js';
import { bindIndicator } from './connection.js';
import { $ } from './dom.js';
import { AgentView } from './agent.js';
import { SupervisorView } from './supervisor.js';
import { bindDialog } from './details.js';

const session = new Session('console.session');
useToken(() => session.get()?.token);

let view = null;

function showOnly(id) {
  for (const sec of ['login-view', 'agent-view', 'supervisor-view']) {
    $(`#${sec}`).hidden = sec !== id;
  }
}

function renderWho() {
  const s = session.get();
  $('#whoami').textContent = s ? i18n.t('auth.signedInAs', { user: s.username, role: i18n.t(`role.${s.role}`) }) : '';
  $('#logout').hidden = !s;
}

function showLogin(messageKey) {
  view?.stop();
  view = null;
  $('#notice').classList.remove('shown');
  renderWho();
  showOnly('login-view');
  const err = $('#login-error');
  err.dataset.key = messageKey || '';
  err.textContent = messageKey ? i18n.t(messageKey) : '';
  $('#username').focus();
}

function start() {
  const s = session.get();
  if (!s) {
    showLogin();
    return;
  }
  renderWho();
  if (s.role === 'agent' && s.agentId) {
    showOnly('agent-view');
    view = new AgentView(s);
  } else if (s.role === 'supervisor' || s.role === 'admin') {
    showOnly('supervisor-view');
    view = new SupervisorView(s);
  } else {
    session.clear();
    showLogin('auth.noRole');
    return;
  }
  view.start();
  $('#main').focus({ preventScroll: true });
}

async function onLogin(event) {
  event.preventDefault();
  const form = event.target;
  const username = form.username.value.trim();
  const password = form.password.value;
  const submit = form.querySelector('[data-testid="login-submit"]');
  if (!username || !password) {
    $('#login-error').textContent = i18n.t('auth.failed');
    return;
  }
  submit.disabled = true;
  try {
    const result = await signIn(username, password);
    session.save(result);
    form.password.value = '';
    $('#login-error').textContent = '';
    start();
  } catch (e) {
    const key = e instanceof ApiError && e.network ? 'error.network' : 'auth.failed';
    $('#login-error').dataset.key = key;
    $('#login-error').textContent = i18n.t(key);
  } finally {
    submit.disabled = false;
  }
}

function main() {
  i18n.apply(document);
  i18n.bindSwitch($('#lang'));
  bindIndicator($('#conn'), $('#offline'));
  bindDialog();
  document.addEventListener('langchange', () => {
    renderWho();
    const err = $('#login-error');
    if (err.dataset.key) err.textContent = i18n.t(err.dataset.key);
  });
  $('#login-form').addEventListener('submit', onLogin);
  $('#logout').addEventListener('click', () => {
    session.clear();
    showLogin();
  });
  onUnauthorized(() => {
    if (!view) return;
    session.clear();
    showLogin('auth.expired');
  });
  start();
}

main();
