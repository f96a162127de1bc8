// The engine's reason codes in the console's words (js/reasons.js) with the real label tables:
// a held contact's reasons, a nested reason, numbers, lists and times in Chinese, a text without
// a code shown as written, and natural order.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const webroot = new URL('../../main/resources/webroot/', import.meta.url);
const stored = new Map([['console.lang', 'zh-CN']]);
globalThis.localStorage = { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, String(v)) };
globalThis.navigator = { language: 'zh-CN' };
globalThis.document = { documentElement: {}, querySelectorAll: () => [], dispatchEvent() {} };
globalThis.fetch = async (url) => {
  const text = readFileSync(new URL(String(url).replace(/^.*\/i18n\//, 'i18n/'), webroot), 'utf8');
  return { ok: true, json: async () => JSON.parse(text) };
};

let i18n;
let reasons;
before(async () => {
  i18n = await import('../../main/resources/webroot/js/i18n.js');
  reasons = await import('../../main/resources/webroot/js/reasons.js');
});

// What GET /v1/contacts/{id} gives for a contact held for review (routing.reasons, reasonCodes).
const HELD = {
  reasons: [
    'licences required: investment_adviser, securities_broker (held valid by 2 agents now; never relaxed)',
    'unsuitable: customer risk level 3 is below product P-77 risk level 5',
    "held for review in queue 'review': offered to no agent elsewhere",
    'a note a person typed',
  ],
  reasonCodes: [
    { code: 'gate.licences_required', params: { licences: ['investment_adviser', 'securities_broker'], holders: 2 } },
    { code: 'gate.unsuitable', params: { risk: 3, product: 'P-77', productRisk: 5 } },
    { code: 'gate.held_for_review', params: { queue: 'review' } },
    null,
  ],
};

test('a held contact\'s reasons in Chinese: no English words from the engine, parameters in place', () => {
  i18n.setLang('zh-CN');
  const [licences, unsuitable, held, own] = reasons.reasonsText(HELD);
  assert.equal(licences, '需要资质：investment_adviser和securities_broker（当前有 2 名坐席持有有效资质；不会放宽）');
  assert.equal(unsuitable, '不适当：客户风险等级 C3 低于产品 P-77 的风险等级 R5');
  assert.equal(held, '在复核队列“review”中等待复核：不会分配给其他坐席');
  assert.equal(own, 'a note a person typed');
});

test('the same reasons in English come from the English table', () => {
  i18n.setLang('en');
  const [licences, unsuitable] = reasons.reasonsText(HELD);
  assert.equal(licences, 'licences required: investment_adviser and securities_broker (held valid by 2 agent(s) now; never relaxed)');
  assert.equal(unsuitable, 'unsuitable: customer risk level 3 is below product P-77 risk level 5');
  i18n.setLang('zh-CN');
});

test('a reason inside a reason, a gate and a channel by their labels, a number in the locale', () => {
  i18n.setLang('zh-CN');
  const effect = {
    effect: "not moved: compliance hold: routable only in review queue 'review'",
    effectCode: 'sla.not_moved',
    effectParams: { blocker: { code: 'sla.blocker.held', params: { queue: 'review' } } },
  };
  assert.equal(reasons.fieldText(effect, 'effect'), '未转移：合规复核：只能在复核队列“review”中分配');
  assert.equal(reasons.reasonText('licence gate: …', { code: 'gate.failed', params: { gate: 'licence',
    detail: { code: 'gate.violation.no_licence', params: { agent: 'a7', licence: 'investment_adviser' } } } }),
  '资质关卡：坐席 a7 没有有效的 investment_adviser 资质，而该接入需要（不会放宽）');
  assert.equal(reasons.reasonText('x', { code: 'sla.priority_raised', params: { by: 20000, from: 10, to: 20010 } }),
    '优先级提高 20,000：基础优先级 10 → 20,010');
});

test('a problem\'s detail with its code, and one without', () => {
  i18n.setLang('zh-CN');
  assert.equal(reasons.fieldText({ detail: 'offer was made to another agent', detailCode: 'refused.offer_other_agent',
    detailParams: {} }, 'detail'), '该分配属于其他坐席');
  assert.equal(reasons.fieldText({ detail: 'something new' }, 'detail'), 'something new');
  assert.equal(reasons.reasonText('unknown code text', { code: 'no.such_code', params: {} }), 'unknown code text');
});

test('times follow the chosen language, not the US format', () => {
  i18n.setLang('zh-CN');
  const zh = reasons.dateTime('2026-03-04T05:06:07Z', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  assert.match(zh, /2026年3月4日/);
  assert.doesNotMatch(zh, /3\/4\/2026/);
  i18n.setLang('en');
  assert.match(reasons.dateTime('2026-03-04T05:06:07Z', { dateStyle: 'medium', timeZone: 'UTC' }), /Mar 4, 2026/);
  i18n.setLang('zh-CN');
});

test('natural order: a2 before a10', () => {
  assert.deepEqual(['a10', 'a2', 'a1', 'b1'].sort(reasons.naturalCompare), ['a1', 'a2', 'a10', 'b1']);
});
