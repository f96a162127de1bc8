// The domain's catalogues of not-ready reasons and dispositions (GET /v1/catalogues), as the
// agent's pickers show them: with a catalogue, its active codes under their labels in the
// console's language (English, else the code, where a label is missing); without one, the
// console's own list under its own labels, as before catalogues existed. Pure: no DOM, no
// requests (tested with node --test in src/test/js/catalogues.test.mjs).

/** The console's own not-ready reasons, for a domain without a catalogue of them. */
export const NOT_READY_REASONS = ['break', 'lunch', 'training', 'meeting', 'coaching', 'admin-work'];

/** The console's own dispositions, for a domain without a catalogue of them. */
export const DISPOSITIONS = ['resolved', 'follow-up', 'escalated', 'complaint-registered', 'info-only'];

/** GET /v1/catalogues's list as {kind: catalogue}, keeping only catalogues with entries. */
export function byKind(list) {
  const out = {};
  for (const c of Array.isArray(list) ? list : []) {
    if (c && typeof c.kind === 'string' && Array.isArray(c.entries) && c.entries.length > 0) out[c.kind] = c;
  }
  return out;
}

/** A code's label in the catalogue, in lang (else English), or null when the catalogue does not list it. */
export function labelOf(catalogue, code, lang) {
  const entry = catalogue?.entries?.find((e) => e.code === code);
  if (!entry) return null;
  const labels = entry.labels || {};
  return labels[lang] || labels.en || code;
}

/**
 * The options of a picker: [{value, label}], the catalogue's active codes in its order when it
 * has entries, else the fallback codes labelled by fallbackLabel(code).
 */
export function choices(catalogue, fallback, lang, fallbackLabel) {
  if (catalogue?.entries?.length) {
    return catalogue.entries.filter((e) => e.active !== false)
      .map((e) => ({ value: e.code, label: labelOf(catalogue, e.code, lang) }));
  }
  return fallback.map((code) => ({ value: code, label: fallbackLabel(code) }));
}

/** The reason a supervisor sets: its own code where the catalogue allows it (or there is none), else the first. */
export function supervisorReason(catalogue) {
  const allowed = choices(catalogue, ['supervisor'], 'en', (c) => c).map((c) => c.value);
  return allowed.includes('supervisor') ? 'supervisor' : allowed[0];
}
