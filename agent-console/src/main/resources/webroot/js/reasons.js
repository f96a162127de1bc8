// The engine's worded reasons in the console's language. Beside its English text the engine
// gives each reason, effect, note and refusal a stable code with named parameters (docs/api.md,
// "Reason codes"); the message for code c is `code.<c>` in i18n/<lang>.json, with the same
// parameters. Parameters are put in the chosen locale: numbers and times through Intl, lists
// joined as the language joins them, a channel, state or gate by its own label, and a reason
// inside a reason worded the same way. A text without a code (a person's own words) is shown
// as written. Also the locale's numbers, dates and natural order for the rest of the console.

import { lang, t, tOr } from './i18n.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Labels for parameters that name one of a known set of values (channel, state, gate...). */
const VALUE_KEYS = {
  channel: ['channel.'],
  status: ['code.status.', 'state.'],
  gate: ['code.gatename.'],
  stage: ['cstage.'],
  step: ['step.'],
  report: ['code.report.'],
};

/** Whether the console has words for this code in the current language. */
export function knownCode(code) {
  return !!code && tOr(`code.${code}`, null) !== null;
}

/**
 * A reason in the current language: coded is the engine's {code, params} (or null); text the
 * English it wrote, shown when there is no code or no message for it.
 */
export function reasonText(text, coded) {
  if (!coded || !knownCode(coded.code)) return text ?? '';
  const vars = {};
  for (const [name, value] of Object.entries(coded.params || {})) vars[name] = param(name, value);
  return t(`code.${coded.code}`, vars);
}

/** The worded field of an object that has it with its code beside it (reason/reasonCode/reasonParams...). */
export function fieldText(o, field) {
  const code = o?.[`${field}Code`];
  return reasonText(o?.[field], code ? { code, params: o[`${field}Params`] } : null);
}

/** The list `reasons` of an object with `reasonCodes` beside it, each in the current language. */
export function reasonsText(o) {
  const codes = o?.reasonCodes || [];
  return (o?.reasons || []).map((r, i) => reasonText(r, codes[i]));
}

function param(name, value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) return reasonText(value.code, value);
  if (Array.isArray(value)) return list(value.map(String));
  if (typeof value === 'number') return number(value);
  const s = String(value);
  if (ISO_TIME.test(s)) return dateTime(s);
  for (const prefix of VALUE_KEYS[name] || []) {
    const label = tOr(prefix + s, null);
    if (label !== null) return label;
  }
  return s;
}

/** A number as the current language writes it. */
export function number(n, options = {}) {
  return new Intl.NumberFormat(lang(), { maximumFractionDigits: 2, ...options }).format(n);
}

/** Names joined as the current language joins a list ("a and b", "a和b"). */
export function list(items) {
  return new Intl.ListFormat(lang(), { style: 'long', type: 'conjunction' }).format(items);
}

/** A date and time (ISO text or epoch ms) as the current language writes it, or '' when not a time. */
export function dateTime(value, options = { dateStyle: 'medium', timeStyle: 'medium' }) {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(lang(), options).format(d);
}

/** Compares two names in the current language, digits by their value (a2 before a10). */
export function naturalCompare(a, b) {
  return new Intl.Collator(lang(), { numeric: true, sensitivity: 'base' }).compare(String(a ?? ''), String(b ?? ''));
}
