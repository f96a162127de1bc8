// Live times without re-rendering: elements carry data-since (server epoch ms; shows the time
// elapsed), data-expires (server epoch ms; shows the seconds left) or data-deadline (server epoch
// ms; shows the time left, or how far past it is, with data-near marking when it gets close),
// refreshed every second.

import { duration, t } from './i18n.js';
import { serverNow } from './api.js';

export function sinceAttr(isoOrMs) {
  const ms = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs || '');
  return Number.isFinite(ms) ? String(ms) : undefined;
}

export function refreshTicks(root = document) {
  const now = serverNow();
  root.querySelectorAll('[data-since]').forEach((el) => {
    const since = Number(el.dataset.since);
    const text = duration((now - since) / 1000);
    el.textContent = el.dataset.sinceKey ? t(el.dataset.sinceKey, { time: text }) : text;
  });
  root.querySelectorAll('[data-expires]').forEach((el) => {
    const left = Math.max(0, Math.ceil((Number(el.dataset.expires) - now) / 1000));
    el.textContent = t('offer.expiresIn', { s: left });
    el.classList.toggle('urgent', left <= 5);
    const bar = el.parentElement?.querySelector('progress');
    if (bar) bar.value = left;
  });
  root.querySelectorAll('[data-deadline]').forEach((el) => {
    const deadline = Number(el.dataset.deadline);
    if (!Number.isFinite(deadline)) return;
    const left = (deadline - now) / 1000;
    el.textContent = left >= 0 ? t('sla.left', { time: duration(left) }) : t('sla.overdue', { time: duration(-left) });
    const near = Number(el.dataset.near);
    const state = left < 0 ? 'late' : Number.isFinite(near) && near > 0 && now >= near ? 'near' : 'ok';
    el.dataset.deadlineState = state;
  });
}

/** Refreshes the live times under root every second until signal aborts. */
export function keepTicking(root, signal) {
  const timer = setInterval(() => refreshTicks(root), 1000);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
