// What each complaint case step sends from the case form, and which required field stops it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseStepRequest } from '../../main/resources/webroot/js/case-steps.js';

test('classify needs a class; sends severity always and department, agent and note when given, trimmed', () => {
  assert.deepEqual(caseStepRequest('classify', { class: '', severity: 'normal', note: 'x' }),
    { missing: { field: 'class', label: 'case.form.class' } });
  assert.deepEqual(caseStepRequest('classify', { class: 'business_operation', severity: 'major', department: 'ops',
    agentId: '  a2 ', note: '  delayed settlement  ', closeNow: true }),
  { body: { class: 'business_operation', severity: 'major', department: 'ops', agentId: 'a2', note: 'delayed settlement' }, closeAfter: false });
  assert.deepEqual(caseStepRequest('classify', { class: 'other', severity: 'normal', department: '', agentId: '   ', note: ' ' }),
    { body: { class: 'other', severity: 'normal' }, closeAfter: false });
});

test('investigate and result need a note, named by its own label', () => {
  assert.deepEqual(caseStepRequest('investigate', { note: '  ' }), { missing: { field: 'note', label: 'case.form.findings' } });
  assert.deepEqual(caseStepRequest('result', {}), { missing: { field: 'note', label: 'case.form.resultNote' } });
  assert.deepEqual(caseStepRequest('result', { note: ' refunded ' }), { body: { note: 'refunded' }, closeAfter: false });
});

test('feedback needs satisfied yes or no, and closes right after when asked', () => {
  assert.deepEqual(caseStepRequest('feedback', { note: 'ok', closeNow: true }),
    { missing: { field: 'satisfied', label: 'case.form.satisfied' } });
  assert.deepEqual(caseStepRequest('feedback', { satisfied: 'yes', note: ' fine ', closeNow: true }),
    { body: { satisfied: true, note: 'fine' }, closeAfter: true });
  assert.deepEqual(caseStepRequest('feedback', { satisfied: 'no', closeNow: false }),
    { body: { satisfied: false }, closeAfter: false });
});

test('close sends its note when there is one', () => {
  assert.deepEqual(caseStepRequest('close', { note: '' }), { body: {}, closeAfter: false });
  assert.deepEqual(caseStepRequest('close', { note: 'done', closeNow: true }), { body: { note: 'done' }, closeAfter: false });
});
