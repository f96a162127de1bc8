// Ringing for offers (js/ringer.js) against a stand-in browser: which offers are new, the per-user
// switches, the tone and notification once per new offer, and the title flashing only while an
// offer is pending.

import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';

const stored = new Map();
let notifications;
let tones;

class FakeAudio {
  constructor() {
    this.currentTime = 0;
    this.destination = {};
  }
  createOscillator() {
    const osc = { frequency: {}, connect: (g) => g, start: () => tones.push(osc.frequency.value), stop: () => {} };
    return osc;
  }
  createGain() {
    const gain = { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: () => gain };
    return gain;
  }
  resume() {}
  close() {}
}

class FakeNotification {
  static permission = 'granted';
  constructor(title, options) {
    this.title = title;
    this.tag = options.tag;
    this.closed = false;
    notifications.push(this);
  }
  close() {
    this.closed = true;
  }
}

globalThis.localStorage = {
  getItem: (k) => (stored.has(k) ? stored.get(k) : null),
  setItem: (k, v) => stored.set(k, String(v)),
};
globalThis.document = {
  title: 'Console', body: { dataset: {} }, addEventListener() {}, removeEventListener() {},
};
globalThis.window = { AudioContext: FakeAudio, focus() {} };
globalThis.Notification = FakeNotification;

const { NOTIFY_KEY, Ringer, SOUND_KEY, enabled, newOffers } = await import('../../main/resources/webroot/js/ringer.js');

const offer = (id, name = 'Wang') => ({ offerId: id, contact: { id: `c-${id}`, channel: 'chat', customer: { name } } });
const offers = (...list) => new Map(list.map((o) => [o.offerId, o]));
let ringer;

beforeEach(() => {
  stored.clear();
  notifications = [];
  tones = [];
  document.title = 'Console';
  document.body.dataset = {};
  ringer = new Ringer((o) => ({ title: `New ${o.contact.channel} contact`, body: o.contact.customer.name }));
  ringer.start();
});

afterEach(() => ringer.stop());

test('newOffers: the offers not pending before, in arrival order', () => {
  const a = offer('a');
  const b = offer('b');
  assert.deepEqual(newOffers(new Map(), offers(a, b)), [a, b]);
  assert.deepEqual(newOffers(offers(a), offers(a, b)), [b]);
  assert.deepEqual(newOffers(offers(a, b), offers(a)), []);
});

test('the switches are on unless the user switched them off', () => {
  assert.equal(enabled(localStorage, SOUND_KEY), true);
  localStorage.setItem(SOUND_KEY, 'off');
  assert.equal(enabled(localStorage, SOUND_KEY), false);
  localStorage.setItem(SOUND_KEY, 'on');
  assert.equal(enabled(localStorage, SOUND_KEY), true);
});

test('a new offer rings once, notifies once and flashes the title until no offer is pending', () => {
  const a = offer('a');
  ringer.update(offers(a));
  assert.equal(tones.length, 2, 'one ring is two tones');
  assert.equal(document.body.dataset.rings, '1');
  assert.deepEqual(notifications.map((n) => [n.title, n.tag]), [['New chat contact', 'a']]);
  assert.equal(document.title, '🔔 New chat contact');
  assert.equal(document.body.dataset.ringing, '1');
  ringer.flash();
  assert.equal(document.title, 'Console', 'the title alternates');

  // The same offer again (a redraw, a resync) is not new.
  ringer.update(offers(a));
  assert.equal(tones.length, 2);
  assert.equal(notifications.length, 1);

  ringer.update(new Map());
  assert.equal(document.title, 'Console');
  assert.equal(document.body.dataset.ringing, undefined);
  assert.equal(notifications[0].closed, true, 'a notification goes with its offer');
});

test('switched off, there is no tone and no notification, but the title still flashes', () => {
  localStorage.setItem(SOUND_KEY, 'off');
  localStorage.setItem(NOTIFY_KEY, 'off');
  ringer.update(offers(offer('a')));
  assert.equal(tones.length, 0);
  assert.equal(notifications.length, 0);
  assert.equal(document.title, '🔔 New chat contact');
});

test('without the browser\'s permission nothing is notified', () => {
  FakeNotification.permission = 'default';
  try {
    ringer.update(offers(offer('a')));
    assert.equal(notifications.length, 0);
    assert.equal(tones.length, 2);
  } finally {
    FakeNotification.permission = 'granted';
  }
});

test('a new language becomes the title the flashing returns to', () => {
  ringer.update(offers(offer('a')));
  ringer.retitle('客服联络中心控制台');
  ringer.update(new Map());
  assert.equal(document.title, '客服联络中心控制台');
});
