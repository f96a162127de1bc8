// The agent's pickers with and without the domain's catalogues of reasons and dispositions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byKind, choices, DISPOSITIONS, labelOf, NOT_READY_REASONS, supervisorReason }
  from '../../main/resources/webroot/js/catalogues.js';

const REASONS = {
  kind: 'not-ready-reasons',
  entries: [
    { code: 'break', labels: { en: 'Break', 'zh-CN': '小休' }, active: true },
    { code: 'smoking', labels: { en: 'Smoking', 'zh-CN': '吸烟' }, active: false },
    { code: 'return-visit', labels: { en: 'Return visits', 'zh-CN': '回访' } },
    { code: 'odd', labels: { 'zh-CN': '其他' }, active: true },
  ],
};

test('a catalogue gives its active codes under their labels in the console language, English or the code otherwise', () => {
  assert.deepEqual(choices(REASONS, NOT_READY_REASONS, 'zh-CN', (c) => `reason.${c}`), [
    { value: 'break', label: '小休' }, { value: 'return-visit', label: '回访' }, { value: 'odd', label: '其他' }]);
  assert.deepEqual(choices(REASONS, NOT_READY_REASONS, 'en', (c) => c), [
    { value: 'break', label: 'Break' }, { value: 'return-visit', label: 'Return visits' }, { value: 'odd', label: 'odd' }]);
});

test('without a catalogue the console keeps its own list and labels', () => {
  const fallback = choices(undefined, DISPOSITIONS, 'en', (c) => `disp.${c}`);
  assert.deepEqual(fallback.map((c) => c.value), DISPOSITIONS);
  assert.equal(fallback[0].label, 'disp.resolved');
  assert.deepEqual(choices({ kind: 'dispositions', entries: [] }, NOT_READY_REASONS, 'zh-CN', (c) => c)
    .map((c) => c.value), NOT_READY_REASONS);
});

test('the list from the engine keeps only catalogues with entries, by kind', () => {
  const kinds = byKind([REASONS, { kind: 'dispositions', entries: [] }, null, { kind: 7 }]);
  assert.deepEqual(Object.keys(kinds), ['not-ready-reasons']);
  assert.deepEqual(byKind(undefined), {});
});

test('a retired code still has its label for the state line; an unknown one has none', () => {
  assert.equal(labelOf(REASONS, 'smoking', 'zh-CN'), '吸烟');
  assert.equal(labelOf(REASONS, 'lunch', 'en'), null);
  assert.equal(labelOf(undefined, 'break', 'en'), null);
});

test('a supervisor sets its own reason where allowed, else the first active one', () => {
  assert.equal(supervisorReason(undefined), 'supervisor');
  assert.equal(supervisorReason(REASONS), 'break');
  assert.equal(supervisorReason({ entries: [{ code: 'supervisor', labels: { en: 'S', 'zh-CN': 'S' } }] }), 'supervisor');
});
