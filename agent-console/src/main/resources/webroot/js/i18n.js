// Labels in 简体中文 and English, from one JSON table per language (i18n/<lang>.json beside js/):
// both are read when this module loads, so every module that imports it (and so every view)
// starts with its labels in place. Static markup names its label with data-i18n (text) or
// data-i18n-attr="attribute:key;…"; views that render dynamically call t() and re-render on
// the 'langchange' event. The choice is kept in localStorage. Every key is in both tables
// (src/test/js/i18n.test.mjs checks it in the build).

const STORAGE_KEY = 'console.lang';

export const LANGUAGES = ['zh-CN', 'en'];

/** A table that cannot be read leaves its labels as their keys (logged), not a blank page. */
async function loadTable(lang) {
  try {
    const res = await fetch(new URL(`../i18n/${lang}.json`, import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.json();
  } catch (e) {
    console.error(`labels for ${lang} could not be read`, e);
    return {};
  }
}

const MESSAGES = Object.fromEntries(await Promise.all(LANGUAGES.map(async (lang) => [lang, await loadTable(lang)])));

function initial() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && LANGUAGES.includes(saved)) return saved;
  const nav = (navigator.language || '').toLowerCase();
  return nav.startsWith('en') ? 'en' : 'zh-CN';
}

let current = initial();

export function lang() {
  return current;
}

/** The label for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** A label when the key is known, else the raw value (server codes without a translation). */
export function tOr(key, fallback) {
  return key in MESSAGES[current] ? t(key) : fallback;
}

export function setLang(next) {
  if (!MESSAGES[next] || next === current) return;
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  apply(document);
  document.dispatchEvent(new CustomEvent('langchange', { detail: next }));
}

export function toggleLang() {
  setLang(current === 'en' ? 'zh-CN' : 'en');
}

/** Fills every data-i18n text and data-i18n-attr attribute under root. */
export function apply(root) {
  document.documentElement.lang = current;
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  });
}

/** Wires a button to switch language; its own label names the other language. */
export function bindSwitch(button) {
  const label = () => {
    button.textContent = t('lang.switchTo');
    button.setAttribute('aria-label', t('lang.switchLabel'));
    button.lang = current === 'en' ? 'zh-CN' : 'en';
  };
  label();
  button.addEventListener('click', toggleLang);
  document.addEventListener('langchange', label);
}

/** A duration in seconds as words in the current language. */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return t('unit.s', { n: s });
  if (s < 3600) return t('unit.ms', { m: Math.floor(s / 60), s: s % 60 });
  return t('unit.hms', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

export function clockTime(ms) {
  return new Date(ms).toLocaleTimeString(current, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
