// The supervisor's reports and staffing panel: figures folded from the engine's journal
// (GET /v1/reports/{kind}, as a table or a CSV download) and the Erlang C staffing estimate of a
// queue for a forecast (GET /v1/queues/{id}/staffing). Columns have labels, agents and queues
// show by name, rows sort naturally (a2 before a10), numbers and times follow the language.

import { t, tOr } from './i18n.js';
import { dateTime, naturalCompare, number } from './reasons.js';
import { api, ApiError } from './api.js';
import { $, h } from './dom.js';

const KINDS = ['headline', 'queues', 'agents', 'complaints', 'accounts'];

export class ReportsPanel {
  /** names: {agent(id), queue(id)} give a name the view knows, or nothing. */
  constructor(session, notify, names = {}) {
    this.session = session;
    this.notify = notify;
    this.names = names;
    this.abort = new AbortController();
  }

  start() {
    const opts = { signal: this.abort.signal };
    $('#report-run').addEventListener('click', () => this.run(), opts);
    $('#report-csv').addEventListener('click', () => this.csv(), opts);
    $('#staffing-run').addEventListener('click', () => this.staffing(), opts);
    document.addEventListener('langchange', () => { this.renderKinds(); this.redraw(); }, opts);
    this.renderKinds();
  }

  stop() {
    this.abort.abort();
    $('#report-output').replaceChildren();
    $('#staffing-output').replaceChildren();
  }

  /** Offers the queues of the wallboard in the staffing form, keeping the choice. */
  queues(queues) {
    const select = $('#staffing-queue');
    const chosen = select.value;
    const ids = queues.map((q) => q.id).join(',');
    if (select.dataset.ids === ids) return;
    select.dataset.ids = ids;
    select.replaceChildren(...queues.map((q) => h('option', { value: q.id, selected: q.id === chosen }, q.name || q.id)));
  }

  renderKinds() {
    const select = $('#report-kind');
    const chosen = select.value || 'headline';
    select.replaceChildren(...KINDS.map((k) => h('option', { value: k, selected: k === chosen }, t(`rep.kind.${k}`))));
  }

  path(format) {
    const kind = $('#report-kind').value || 'headline';
    const interval = $('#report-interval').value || 'hour';
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const q = new URLSearchParams({ interval, timeZone: zone });
    if (format) q.set('format', format);
    return `/v1/reports/${kind}?${q}`;
  }

  async run() {
    try {
      this.kind = $('#report-kind').value || 'headline';
      this.data = await api('GET', this.path());
      this.redraw();
    } catch (e) {
      this.error(e);
    }
  }

  redraw() {
    const out = $('#report-output');
    if (this.data === undefined) return;
    // The headline's targets get a table of their own, beside the figures.
    const { targets, ...figures } = Array.isArray(this.data) ? {} : this.data;
    const rows = Array.isArray(this.data) ? sorted(this.data) : [figures];
    if (rows.length === 0) {
      out.replaceChildren(h('p', { class: 'muted', testid: 'report-empty' }, t('rep.empty')));
      return;
    }
    const columns = Object.keys(flatten(rows[0]));
    out.replaceChildren(h('div', { class: 'table-wrap' },
      h('table', { class: 'grid', testid: 'report-table', 'data-kind': this.kind },
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, label(c))))),
        h('tbody', {}, rows.map((r) => {
          const flat = flatten(r);
          return h('tr', { testid: 'report-row' }, columns.map((c) => h('td', { 'data-col': c }, this.cell(c, flat[c]))));
        })))),
    Array.isArray(targets) ? this.targetsTable(targets) : '');
  }

  /** The manual's targets beside the actual figures, misses flagged. */
  targetsTable(targets) {
    const status = (x) => (x.met === true ? h('span', { class: 'flag ok', testid: 'target-met' }, t('rep.target.met'))
      : x.met === false ? h('span', { class: 'flag late', testid: 'target-missed' }, t('rep.target.missed'))
        : h('span', { class: 'muted', testid: 'target-no-data' }, t('rep.target.noData')));
    return h('div', { class: 'table-wrap' },
      h('table', { class: 'grid', testid: 'targets-table' },
        h('caption', {}, t('rep.targets')),
        h('thead', {}, h('tr', {}, ['name', 'target', 'actual', 'met'].map((c) => h('th', { scope: 'col' }, t(`rep.target.col.${c}`))))),
        h('tbody', {}, targets.map((x) => h('tr', { testid: 'target-row', 'data-target': x.name, 'data-met': String(x.met) },
          h('th', { scope: 'row' }, tOr(`rep.target.${x.name}`, x.name)),
          h('td', { 'data-col': 'target' }, t(`rep.target.${x.comparison}`, { n: number(x.target) }),
            x.baseline !== undefined ? h('span', { class: 'muted' }, ` · ${t('rep.target.baseline', { n: number(x.baseline) })}`) : null),
          h('td', { 'data-col': 'actual' }, this.cell('actual', x.actual)),
          h('td', { 'data-col': 'met' }, status(x)))))));
  }

  /** Downloads the report as CSV with the session's credential (a plain link could not send it). */
  async csv() {
    try {
      const res = await fetch(this.path('csv'), { headers: { Authorization: `Bearer ${this.session.token}` } });
      if (!res.ok) throw new ApiError(res.status, null);
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: `report-${$('#report-kind').value}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      this.error(e);
    }
  }

  async staffing() {
    const queue = $('#staffing-queue').value;
    if (!queue) return;
    const q = new URLSearchParams();
    const arrivals = $('#staffing-arrivals').value;
    const handle = $('#staffing-handle').value;
    if (arrivals !== '') q.set('arrivalsPerHour', arrivals);
    if (handle !== '') q.set('handleSeconds', handle);
    try {
      const s = await api('GET', `/v1/queues/${encodeURIComponent(queue)}/staffing?${q}`);
      const f = s.forecast;
      const now = s.withStaffedNow;
      const item = (key, value, testid) => h('div', { class: 'stat' }, h('dt', {}, t(key)), h('dd', { testid }, value ?? t('misc.none')));
      $('#staffing-output').replaceChildren(h('dl', { class: 'stats', testid: 'staffing-result' },
        f ? item('rep.agentsNeeded', String(f.agentsNeeded), 'staffing-agents-needed') : null,
        f ? item('rep.traffic', number(f.trafficErlangs, { minimumFractionDigits: 2 }), 'staffing-traffic') : null,
        f ? item('rep.slAtNeeded', `${number(f.serviceLevel, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`,
          'staffing-service-level') : null,
        now ? item('rep.staffedNow', `${now.agents} (${t('rep.shortBy', { n: now.shortBy })})`, 'staffing-staffed') : null,
        item('rep.predictedWait', s.live.predictedWaitSeconds == null ? null : t('unit.s', { n: number(s.live.predictedWaitSeconds) }),
          'staffing-predicted-wait'),
        item('rep.target', `${s.targetPercent}% / ${t('unit.s', { n: s.answerWithinSeconds })}`, 'staffing-target')));
    } catch (e) {
      this.error(e);
    }
  }

  /** A cell: an agent or queue by name (its id beside it), a time or a number as the language writes it. */
  cell(column, v) {
    if (v === null || v === undefined) return t('misc.none');
    const name = column === 'agentId' ? this.names.agent?.(v) : column === 'queue' ? this.names.queue?.(v) : null;
    if (name) return `${name} (${v})`;
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return dateTime(v, { dateStyle: 'short', timeStyle: 'short' });
    if (typeof v === 'number') return number(v);
    return String(v);
  }

  error(e) {
    const detail = e instanceof ApiError && e.network ? t('error.network') : e.message;
    this.notify(t('error.generic', { detail }));
  }
}

function flatten(o, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(o || {})) {
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

/** Rows in natural order of what they are about (agent, queue), then by time. */
function sorted(rows) {
  return [...rows].sort((a, b) => naturalCompare(a.agentId ?? a.queue, b.agentId ?? b.queue)
    || String(a.intervalStart ?? '').localeCompare(String(b.intervalStart ?? '')));
}

/** Where a nested column's key finds its label: a complaint's class or severity, else a column. */
const GROUP_VALUES = { byClass: 'class.', bySeverity: 'severity.', components: 'rep.col.' };

/** A column's label: `rep.col.<name>`; a nested one (components.volume) as "group: name". */
function label(column) {
  const dot = column.indexOf('.');
  if (dot < 0) return tOr(`rep.col.${column}`, column);
  const group = column.slice(0, dot);
  const key = column.slice(dot + 1);
  // A score component shares its name with a column (answerRate) but is a score: its own label first.
  const name = (group === 'components' ? tOr(`rep.col.${key}Score`, null) : null)
    ?? tOr(`${GROUP_VALUES[group] || 'rep.col.'}${key}`, null) ?? tOr(`rep.col.${key}`, key);
  return t('rep.col.group', { group: tOr(`rep.col.${group}`, group), name });
}
