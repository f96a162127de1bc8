// Live times without re-rendering: elements carry data-since (server epoch ms; shows the time
// elapsed) or data-expires (server epoch ms; shows the seconds left), refreshed every second.

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
}
