// The connection indicator: each live channel (the agent socket, the event stream, polling)
// reports whether it is up; the console is online when all that were started are up.

import { t } from './i18n.js';

const channels = new Map();
let indicator = null;
let banner = null;

export function bindIndicator(statusEl, bannerEl) {
  indicator = statusEl;
  banner = bannerEl;
  document.addEventListener('langchange', render);
  render();
}

export function report(channel, state) {
  channels.set(channel, state);
  render();
}

export function forget(channel) {
  channels.delete(channel);
  render();
}

export function overall() {
  if (channels.size === 0) return 'idle';
  const states = [...channels.values()];
  if (states.every((s) => s === 'online')) return 'online';
  if (states.some((s) => s === 'offline')) return 'offline';
  return 'connecting';
}

function render() {
  if (!indicator) return;
  const state = overall();
  indicator.dataset.state = state;
  document.body.dataset.conn = state;
  indicator.hidden = state === 'idle';
  indicator.textContent = state === 'online' ? t('conn.online') : state === 'offline' ? t('conn.offline') : t('conn.connecting');
  if (banner) banner.hidden = state !== 'offline';
}
