// The agent desk's reducer: what each message from the engine and each answer to the agent's own
// requests does to the desk, including a resync after a reconnect and duplicate or late messages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENGINE_MESSAGES, initialState, loadsNeeded, noticeFor, reduce,
} from '../../main/resources/webroot/js/agent-state.js';

const EXPIRES = '2030-01-01T00:00:30Z';

function contact(id, extra = {}) {
  return { id, channel: 'chat', queue: 'online-funds', status: 'assigned', customer: { id: `cust-${id}`, name: `Customer ${id}` }, ...extra };
}

function offer(offerId, c) {
  return { type: 'offer', offerId, contact: { ...c, status: 'offered' }, expiresAt: EXPIRES };
}

function stateMessage({ offers = [], contacts = [], state = 'available' } = {}) {
  return { type: 'state', agent: { id: 'a1', state, status: state, offers: offers.map((offerId) => ({ offerId })), contacts } };
}

function run(...actions) {
  return actions.reduce(reduce, initialState);
}

/** Everything in a state as plain data, to check that the reducer changes nothing in place. */
function snapshot(state) {
  return JSON.stringify(state, (k, v) => (v instanceof Map ? [...v.entries()] : v));
}

/** Applies each action and checks that its input state was left as it was. */
function runChecked(start, ...actions) {
  let state = start;
  for (const action of actions) {
    const given = state;
    const before = snapshot(given);
    state = reduce(given, action);
    assert.equal(snapshot(given), before, `${action.type} changed its input`);
  }
  return state;
}

test('an offer arrives and waits in arrival order, without a notice', () => {
  const a = contact('c1');
  const b = contact('c2');
  const state = run(offer('o1', a), offer('o2', b));
  assert.deepEqual([...state.offers.keys()], ['o1', 'o2']);
  assert.equal(state.offers.get('o1').contact.id, 'c1');
  assert.equal(state.offers.get('o1').expiresAt, EXPIRES);
  assert.equal(noticeFor(initialState, offer('o1', a)), null);
});

test('a duplicate offer replaces the first in place', () => {
  const state = run(offer('o1', contact('c1')), offer('o2', contact('c2')), offer('o1', contact('c1', { queue: 'other' })));
  assert.deepEqual([...state.offers.keys()], ['o1', 'o2']);
  assert.equal(state.offers.get('o1').contact.queue, 'other');
});

test('a revoked offer goes, with a notice naming the engine reason unless the agent rejected it', () => {
  const before = run(offer('o1', contact('c1')));
  const revoked = { type: 'offer_revoked', offerId: 'o1', contactId: 'c1', reason: 'timed_out' };
  assert.deepEqual(noticeFor(before, revoked), { key: 'offer.revoked', vars: {}, reason: 'timed_out' });
  assert.equal(reduce(before, revoked).offers.size, 0);
  assert.equal(noticeFor(before, { ...revoked, reason: 'rejected' }), null);
});

test('a revocation of an offer this desk does not have changes nothing and says nothing', () => {
  const before = run(offer('o1', contact('c1')));
  const late = { type: 'offer_revoked', offerId: 'o9', contactId: 'c9', reason: 'withdrawn' };
  assert.equal(reduce(before, late), before);
  assert.equal(noticeFor(before, late), null);
});

test('an assigned contact replaces its offer, opens a tab and is selected when it is the first', () => {
  const c1 = contact('c1');
  const state = run(offer('o1', c1), offer('o2', contact('c2')), { type: 'assigned', offerId: 'o1', contact: c1 });
  assert.deepEqual([...state.offers.keys()], ['o2']);
  assert.deepEqual([...state.contacts.keys()], ['c1']);
  assert.equal(state.selected, 'c1');

  const more = reduce(state, { type: 'assigned', contact: contact('c2') });
  assert.deepEqual([...more.contacts.keys()], ['c1', 'c2']);
  assert.equal(more.selected, 'c1', 'a second contact does not take the open tab away');
  assert.equal(more.offers.size, 0, 'the offer of the same contact goes too, whatever its id');
});

test('a duplicate assignment updates the contact in place and keeps its tab, selection and drafts', () => {
  let state = run({ type: 'assigned', contact: contact('c1') }, { type: 'assigned', contact: contact('c2') },
    { type: 'contact/select', contactId: 'c2' },
    { type: 'wrapup/draft', contactId: 'c1', draft: { disposition: 'resolved', stage: 'trade', notes: 'typed' } });
  state = reduce(state, { type: 'assigned', contact: contact('c1', { externalId: 'chat-1' }) });
  assert.deepEqual([...state.contacts.keys()], ['c1', 'c2']);
  assert.equal(state.contacts.get('c1').externalId, 'chat-1');
  assert.equal(state.selected, 'c2');
  assert.equal(state.drafts.get('c1').notes, 'typed');
});

test('accepting over HTTP and the socket\'s assignment agree in either order', () => {
  const c1 = contact('c1');
  const httpFirst = run(offer('o1', c1), { type: 'offer/accepted', offerId: 'o1', contact: c1 },
    { type: 'assigned', offerId: 'o1', contact: c1 }, { type: 'offer_revoked', offerId: 'o1', reason: 'accepted' });
  const socketFirst = run(offer('o1', c1), { type: 'assigned', offerId: 'o1', contact: c1 },
    { type: 'offer/accepted', offerId: 'o1', contact: c1 });
  for (const state of [httpFirst, socketFirst]) {
    assert.equal(state.offers.size, 0);
    assert.deepEqual([...state.contacts.keys()], ['c1']);
    assert.equal(state.selected, 'c1');
  }
});

test('a late offer of a contact already on the desk is ignored', () => {
  const before = run({ type: 'assigned', contact: contact('c1') });
  assert.equal(reduce(before, offer('o1', contact('c1'))), before);
});

test('a removed contact takes its drafts and case along, the next tab opens, and the agent is told why', () => {
  const state = run({ type: 'assigned', contact: contact('c1', { attributes: { caseId: 'k1', caseStage: 'intake' } }) },
    { type: 'assigned', contact: contact('c2') },
    { type: 'case/loading', contactId: 'c1', load: 1 },
    { type: 'case/draft', contactId: 'c1', draft: { note: 'x' } },
    { type: 'wrapup/draft', contactId: 'c1', draft: { notes: 'y' } });
  const removed = { type: 'contact_removed', contactId: 'c1', reason: 'transferred' };
  assert.deepEqual(noticeFor(state, removed), { key: 'contact.removed', vars: { id: 'c1' }, reason: 'transferred' });
  const after = reduce(state, removed);
  assert.deepEqual([...after.contacts.keys()], ['c2']);
  assert.equal(after.selected, 'c2');
  assert.equal(after.drafts.has('c1'), false);
  assert.equal(after.cases.has('c1'), false);
  assert.equal(after.caseDrafts.has('c1'), false);

  assert.equal(noticeFor(state, { ...removed, reason: 'completed' }), null, 'a completed contact goes silently');
  const unknown = { type: 'contact_removed', contactId: 'c9', reason: 'transferred' };
  assert.equal(noticeFor(state, unknown), null);
  assert.equal(reduce(state, unknown), state);
});

test('the last contact leaving closes the tab', () => {
  const state = run({ type: 'assigned', contact: contact('c1') }, { type: 'contact/completed', contactId: 'c1' });
  assert.equal(state.contacts.size, 0);
  assert.equal(state.selected, null);
  assert.deepEqual(noticeFor(run({ type: 'assigned', contact: contact('c1') }), { type: 'contact/completed', contactId: 'c1' }),
    { key: 'contact.completed', vars: {} });
});

test('a state message sets the agent and prunes offers and contacts the engine no longer lists', () => {
  const state = run(offer('o1', contact('c1')), offer('o2', contact('c2')), { type: 'assigned', contact: contact('c3') },
    { type: 'assigned', contact: contact('c4') }, stateMessage({ offers: ['o2'], contacts: ['c4'], state: 'busy' }));
  assert.equal(state.agent.state, 'busy');
  assert.deepEqual([...state.offers.keys()], ['o2']);
  assert.deepEqual([...state.contacts.keys()], ['c4']);
  assert.equal(state.selected, 'c4');
});

test('a changed status from the agent\'s own request replaces the agent without pruning', () => {
  const state = run({ type: 'assigned', contact: contact('c1') },
    { type: 'status/changed', agent: { id: 'a1', state: 'not_ready', status: 'not_ready', reason: 'lunch' } });
  assert.equal(state.agent.reason, 'lunch');
  assert.deepEqual([...state.contacts.keys()], ['c1']);
});

test('a resync after a reconnect leaves the desk as the engine has it and keeps what the agent typed', () => {
  // Before the drop: two offers and two contacts, a draft on the second, its tab open.
  let state = run(offer('o1', contact('c1')), offer('o2', contact('c2')),
    { type: 'assigned', contact: contact('c3') }, { type: 'assigned', contact: contact('c4') },
    { type: 'contact/select', contactId: 'c4' },
    { type: 'wrapup/draft', contactId: 'c4', draft: { disposition: 'escalated', stage: 'trade', notes: 'half typed' } },
    { type: 'history/loaded', customerId: 'cust-c4', contacts: [] });
  // Meanwhile o1 timed out, o2 was accepted (c2), c3 was transferred away, and a new offer o5 came.
  const resync = [
    stateMessage({ offers: ['o5'], contacts: ['c4', 'c2'] }),
    offer('o5', contact('c5')),
    { type: 'assigned', contact: contact('c4') },
    { type: 'assigned', contact: contact('c2') },
  ];
  state = runChecked(state, ...resync);
  assert.deepEqual([...state.offers.keys()], ['o5']);
  assert.deepEqual([...state.contacts.keys()], ['c4', 'c2']);
  assert.equal(state.selected, 'c4');
  assert.equal(state.drafts.get('c4').notes, 'half typed');
  assert.ok(Array.isArray(state.history.get('cust-c4')), 'a contact kept across the resync keeps its history');

  // The same session sent twice (a second reconnect) changes nothing that is shown.
  const again = resync.reduce(reduce, state);
  assert.deepEqual([...again.offers.keys()], ['o5']);
  assert.deepEqual([...again.contacts.keys()], ['c4', 'c2']);
  assert.equal(again.selected, 'c4');
  assert.equal(again.drafts, state.drafts);
});

test('selecting a contact opens its tab; an unknown one changes nothing', () => {
  const state = run({ type: 'assigned', contact: contact('c1') }, { type: 'assigned', contact: contact('c2') });
  assert.equal(reduce(state, { type: 'contact/select', contactId: 'c2' }).selected, 'c2');
  assert.equal(reduce(state, { type: 'contact/select', contactId: 'c9' }), state);
  assert.equal(reduce(state, { type: 'wrapup/draft', contactId: 'c9', draft: {} }), state);
});

test('rejecting or losing an offer removes it; a lost one is explained', () => {
  const state = run(offer('o1', contact('c1')), offer('o2', contact('c2')));
  assert.deepEqual([...reduce(state, { type: 'offer/rejected', offerId: 'o1' }).offers.keys()], ['o2']);
  assert.deepEqual([...reduce(state, { type: 'offer/gone', offerId: 'o2' }).offers.keys()], ['o1']);
  assert.deepEqual(noticeFor(state, { type: 'offer/gone', offerId: 'o2' }), { key: 'offer.gone', vars: {} });
  assert.equal(noticeFor(state, { type: 'offer/rejected', offerId: 'o2' }), null);
});

test('messages the desk does not use, and unknown actions, leave the state as it is', () => {
  const state = run(offer('o1', contact('c1')));
  assert.equal(reduce(state, { type: 'pong' }), state);
  assert.equal(reduce(state, { type: 'error', detail: 'send JSON objects' }), state);
  assert.equal(ENGINE_MESSAGES.has('pong'), false);
  for (const type of ['state', 'offer', 'assigned', 'offer_revoked', 'contact_removed']) assert.ok(ENGINE_MESSAGES.has(type));
});

test('each customer\'s earlier contacts are read once, and afresh when a new contact of theirs arrives', () => {
  const same = { id: 'cust-1', name: 'Wang' };
  let state = run({ type: 'assigned', contact: contact('c1', { customer: same }) },
    { type: 'assigned', contact: contact('c2', { customer: same }) },
    { type: 'assigned', contact: contact('c3', { customer: {} }) });
  assert.deepEqual(loadsNeeded(state).histories.map((c) => c.customer.id), ['cust-1']);
  state = reduce(state, { type: 'history/loading', customerId: 'cust-1' });
  assert.deepEqual(loadsNeeded(state).histories, []);
  state = reduce(state, { type: 'history/loaded', customerId: 'cust-1', contacts: [{ id: 'old' }] });
  assert.deepEqual(loadsNeeded(state).histories, []);
  // A re-sent contact is not new: its history stays.
  state = reduce(state, { type: 'assigned', contact: contact('c1', { customer: same }) });
  assert.deepEqual(loadsNeeded(state).histories, []);
  // A new contact of the same customer: read again (the last one may now be among them).
  state = reduce(state, { type: 'assigned', contact: contact('c4', { customer: same }) });
  assert.deepEqual(loadsNeeded(state).histories.map((c) => c.id), ['c1']);
  // Where the engine does not offer it, it stays hidden rather than asked again and again.
  state = reduce(state, { type: 'history/unavailable', customerId: 'cust-1' });
  state = reduce(state, { type: 'assigned', contact: contact('c5', { customer: same }) });
  assert.equal(state.history.get('cust-1'), 'hidden');
  assert.deepEqual(loadsNeeded(state).histories, []);
});

test('a case work item\'s case is read once; only the latest read counts, and a reload keeps what was shown', () => {
  const item = contact('c1', { attributes: { caseId: 'k1', caseStage: 'intake' } });
  let state = run({ type: 'assigned', contact: item }, { type: 'assigned', contact: contact('c2') });
  assert.deepEqual(loadsNeeded(state).cases.map((c) => c.id), ['c1']);
  state = reduce(state, { type: 'case/loading', contactId: 'c1', load: 1 });
  assert.deepEqual(loadsNeeded(state).cases, []);
  assert.equal(state.cases.get('c1').status, 'loading');

  const kase = { id: 'k1', stage: 'intake' };
  state = reduce(state, { type: 'case/loaded', contactId: 'c1', load: 1, kase });
  assert.equal(state.cases.get('c1').status, 'ok');
  assert.equal(state.cases.get('c1').kase, kase);

  // A refusal is kept; a reload starts (load 2), a slower earlier read (load 1) answers late.
  state = reduce(state, { type: 'case/message', contactId: 'c1', message: 'refused: stage moved on' });
  state = reduce(state, { type: 'case/loading', contactId: 'c1', load: 2 });
  assert.equal(state.cases.get('c1').kase, kase, 'the case as last read stays on screen while it is read again');
  assert.equal(state.cases.get('c1').message, 'refused: stage moved on');
  const stale = reduce(state, { type: 'case/loaded', contactId: 'c1', load: 1, kase: { id: 'k1', stage: 'old' } });
  assert.equal(stale, state);
  const failed = reduce(state, { type: 'case/failed', contactId: 'c1', load: 2, error: { status: 500 } });
  assert.equal(failed.cases.get('c1').status, 'error');
  assert.equal(failed.cases.get('c1').kase, kase);

  // Once the item has left the desk, an answer for it is dropped.
  const gone = reduce(state, { type: 'case/advanced', contactId: 'c1' });
  assert.equal(reduce(gone, { type: 'case/loaded', contactId: 'c1', load: 2, kase }), gone);
  assert.equal(reduce(gone, { type: 'case/loading', contactId: 'c1', load: 3 }), gone);
  assert.deepEqual(loadsNeeded(gone).cases, []);
});

test('the reducer never changes the state it is given', () => {
  const start = run(offer('o1', contact('c1')), { type: 'assigned', contact: contact('c2', { attributes: { caseId: 'k2' } }) },
    { type: 'case/loading', contactId: 'c2', load: 1 }, { type: 'history/loading', customerId: 'cust-c2' },
    { type: 'wrapup/draft', contactId: 'c2', draft: { notes: 'n' } });
  const actions = [
    offer('o3', contact('c3')), { type: 'offer_revoked', offerId: 'o1', reason: 'withdrawn' },
    { type: 'assigned', contact: contact('c1') }, { type: 'contact_removed', contactId: 'c2', reason: 'transferred' },
    stateMessage({ offers: [], contacts: [] }), { type: 'case/loaded', contactId: 'c2', load: 1, kase: {} },
    { type: 'history/loaded', customerId: 'cust-c2', contacts: [] }, { type: 'queues/loaded', queues: [] },
  ];
  for (const action of actions) {
    const before = snapshot(start);
    const after = reduce(start, action);
    assert.equal(snapshot(start), before, `${action.type} changed its input`);
    assert.notEqual(after, start, `${action.type} should have made a new state`);
  }
});

test('a call the switch ended stays on the desk, marked ended, until its outcome is recorded', () => {
  const call = contact('c1', { channel: 'voice', callId: '1-2@127.0.0.1' });
  const assigned = { type: 'assigned', offerId: 'c1.1', contact: call };
  const ended = { type: 'contact_removed', contactId: 'c1', reason: 'call_ended',
    contact: { ...call, status: 'completed', disposition: 'hangup' } };
  let state = runChecked(initialState, stateMessage({ contacts: ['c1'] }), assigned, ended);
  assert.equal(state.contacts.get('c1').callEnded, true);
  assert.equal(state.contacts.get('c1').disposition, 'hangup');
  assert.deepEqual(noticeFor(run(assigned), ended), { key: 'call.ended', vars: {} });
  // The engine's next state no longer lists it as held: the ended call stays for its wrap-up form.
  state = runChecked(state, stateMessage({ state: 'wrap_up' }));
  assert.ok(state.contacts.has('c1'));
  assert.equal(state.selected, 'c1');
  // Recording the outcome takes it off the desk.
  state = runChecked(state, { type: 'contact/completed', contactId: 'c1' });
  assert.equal(state.contacts.size, 0);
});

test('a contact removed for another reason, or one this desk never had, is not kept', () => {
  const state = run(stateMessage({ contacts: ['c1'] }), { type: 'assigned', offerId: 'c1.1', contact: contact('c1') },
    { type: 'contact_removed', contactId: 'c1', reason: 'completed' },
    { type: 'contact_removed', contactId: 'c9', reason: 'call_ended', contact: contact('c9') });
  assert.equal(state.contacts.size, 0);
});

test('advancing a service stage keeps the contact on the desk with its stages, or lets it go to the stage\'s queue', () => {
  const intake = { stage: 'intake', at: '2030-01-01T00:00:00Z', by: 'telephony' };
  let state = run({ type: 'assigned', contact: contact('c1', { stages: [intake], callId: 'call-1' }) },
    { type: 'assigned', contact: contact('c2', { stages: [intake] }) });
  const before = snapshot(state);
  const staged = runChecked(state, { type: 'contact/staged', contact: contact('c1', {
    stages: [intake, { stage: 'consultation', at: '2030-01-01T00:01:00Z', by: 'agent:a1' }] }) });
  assert.equal(snapshot(state), before, 'the reducer changes nothing in place');
  assert.deepEqual(staged.contacts.get('c1').stages.map((s) => s.stage), ['intake', 'consultation']);
  assert.equal(staged.contacts.get('c1').callId, 'call-1', 'what the desk knew of the contact stays');
  state = runChecked(staged, { type: 'contact/staged', contact: contact('c2', { status: 'queued', queue: 'settlement',
    stages: [intake, { stage: 'settlement', at: '2030-01-01T00:02:00Z', by: 'agent:a1', queue: 'settlement' }] }) });
  assert.deepEqual([...state.contacts.keys()], ['c1'], 'handed to the settlement desk: off this desk');
  assert.equal(runChecked(state, { type: 'contact/staged', contact: contact('c9') }), state, 'a contact this desk never had');
});
