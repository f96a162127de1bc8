// The reconnecting channel: its backoff schedule, the probe before each reopen, the resync hook,
// keep-alive, and that stopped or replaced transports are ignored. Timers are a fake clock and
// the transport a fake, so no test waits in real time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoff, LiveChannel } from '../../main/resources/webroot/js/live.js';

/** A clock that moves only when told, running due timers in order. */
class FakeTimers {
  constructor() {
    this.now = 0;
    this.nextId = 0;
    this.timers = new Map(); // id -> {at, fn, every}
  }

  setTimeout(fn, ms) {
    const id = ++this.nextId;
    this.timers.set(id, { at: this.now + ms, fn, every: 0 });
    return id;
  }

  setInterval(fn, ms) {
    const id = ++this.nextId;
    this.timers.set(id, { at: this.now + ms, fn, every: ms });
    return id;
  }

  clearTimeout(id) {
    this.timers.delete(id);
  }

  clearInterval(id) {
    this.timers.delete(id);
  }

  /** The delays from now of the pending one-shot timers. */
  pending() {
    return [...this.timers.values()].filter((t) => !t.every).map((t) => t.at - this.now);
  }

  /** Moves the clock on by ms, running each timer that falls due (and what its promises do). */
  async advance(ms) {
    const end = this.now + ms;
    for (let guard = 0; guard < 10000; guard++) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.now = timer.at;
      if (timer.every) timer.at += timer.every;
      else this.timers.delete(id);
      timer.fn();
      await settle();
    }
    this.now = end;
  }
}

/** Lets pending promise reactions (a probe's answer) run. */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A transport the test opens, feeds and closes by hand. */
class FakeTransports {
  constructor() {
    this.opened = [];
  }

  connect = (events) => {
    const transport = { events, sent: [], closed: false };
    transport.close = () => { transport.closed = true; };
    transport.send = (text) => transport.sent.push(text);
    this.opened.push(transport);
    return transport;
  };

  get last() {
    return this.opened[this.opened.length - 1];
  }
}

function channel(overrides = {}) {
  const timers = new FakeTimers();
  const transports = new FakeTransports();
  const seen = { statuses: [], messages: [], opens: 0, probes: 0, errors: [] };
  let probeAnswer = () => Promise.resolve();
  const live = new LiveChannel({
    connect: transports.connect,
    probe: () => {
      seen.probes++;
      return probeAnswer();
    },
    onMessage: (m) => seen.messages.push(m),
    onOpen: () => seen.opens++,
    onStatus: (s) => seen.statuses.push(s),
    timers,
    random: () => 0.5, // no jitter: the delays are the schedule's own
    log: { error: (...args) => seen.errors.push(args) },
    ...overrides,
  });
  return { live, timers, transports, seen, answerProbe: (fn) => { probeAnswer = fn; } };
}

/** A channel started, its first transport open. */
function openChannel() {
  const opened = channel();
  opened.live.start();
  opened.transports.last.events.open();
  return opened;
}

const networkDown = () => Promise.reject(Object.assign(new Error('network'), { status: 0 }));
const unauthorized = () => Promise.reject(Object.assign(new Error('unauthorized'), { status: 401 }));

test('backoff: 0.5 s doubling to 8 s, jittered by at most a quarter either way', () => {
  const middle = [0, 1, 2, 3, 4, 5, 6, 10, 50].map((n) => backoff(n, () => 0.5));
  assert.deepEqual(middle, [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000]);
  for (let n = 0; n <= 8; n++) {
    const base = Math.min(8000, 500 * 2 ** n);
    assert.equal(backoff(n, () => 0), 0.75 * base);
    assert.equal(backoff(n, () => 0.999999), Math.round(base * (0.75 + 0.999999 * 0.5)));
    assert.ok(backoff(n, () => 0.999999) <= 1.25 * base);
  }
});

test('a drop reports offline, waits, probes, and reopens; the open resets the backoff and runs the resync hook', async () => {
  const { live, timers, transports, seen, answerProbe } = channel();
  live.start();
  assert.equal(transports.opened.length, 1);
  transports.last.events.open();
  assert.deepEqual(seen.statuses, ['connecting', 'online']);
  assert.equal(seen.opens, 1);

  transports.last.events.close(1012); // the engine stops
  assert.deepEqual(seen.statuses.slice(-1), ['offline']);
  assert.deepEqual(timers.pending(), [500]);

  // While the engine is away the probe fails and each wait doubles: 0.5, 1, 2, 4, 8, 8 s.
  answerProbe(networkDown);
  const waits = [];
  for (let i = 0; i < 6; i++) {
    const [wait] = timers.pending();
    waits.push(wait);
    await timers.advance(wait - 1);
    assert.equal(seen.probes, i, 'no probe before the wait is over');
    await timers.advance(1);
    assert.equal(seen.probes, i + 1);
  }
  assert.deepEqual(waits, [500, 1000, 2000, 4000, 8000, 8000]);
  assert.equal(transports.opened.length, 1, 'nothing reopened while the probe fails');

  // The engine is back: the next probe succeeds and the channel reopens.
  answerProbe(() => Promise.resolve());
  await timers.advance(timers.pending()[0]);
  assert.equal(transports.opened.length, 2);
  assert.equal(seen.statuses.at(-1), 'connecting');
  transports.last.events.open();
  assert.equal(seen.statuses.at(-1), 'online');
  assert.equal(seen.opens, 2, 'the view resyncs on every open');

  // The next drop starts from 0.5 s again.
  transports.last.events.close(1006);
  assert.deepEqual(timers.pending(), [500]);
});

test('a probe answering 401 ends the retries (the user is sent to sign in elsewhere)', async () => {
  const { live, timers, transports, seen, answerProbe } = openChannel();
  transports.last.events.close(4001); // the credential expired
  answerProbe(unauthorized);
  await timers.advance(500);
  assert.equal(seen.probes, 1);
  assert.deepEqual(timers.pending(), []);
  await timers.advance(60000);
  assert.equal(transports.opened.length, 1);
  assert.equal(seen.statuses.at(-1), 'offline');
});

test('every close code is retried the same way: the probe decides', async () => {
  for (const code of [1012, 1011, 1006, 4001, null]) {
    const { live, timers, transports, seen } = openChannel();
    transports.last.events.close(code);
    assert.deepEqual(timers.pending(), [500], `close ${code}`);
    await timers.advance(500);
    assert.equal(seen.probes, 1, `close ${code}`);
    assert.equal(transports.opened.length, 2, `close ${code}`);
  }
});

test('a transport that never opened is retried with a growing wait', async () => {
  const { live, timers, transports } = channel();
  live.start();
  transports.last.events.close(1006);
  assert.deepEqual(timers.pending(), [500]);
  await timers.advance(500);
  transports.last.events.close(1006);
  assert.deepEqual(timers.pending(), [1000]);
});

test('stopping ends it all: the transport closes, no retry, and a probe under way does not reopen', async () => {
  const { live, timers, transports, seen, answerProbe } = openChannel();
  transports.last.events.close(1012);
  let answer;
  answerProbe(() => new Promise((resolve) => { answer = resolve; }));
  await timers.advance(500);
  assert.equal(seen.probes, 1);
  live.stop();
  answer();
  await settle();
  assert.equal(transports.opened.length, 1);
  assert.deepEqual(timers.pending(), []);

  const other = openChannel();
  other.live.stop();
  assert.equal(other.transports.last.closed, true);
  other.transports.last.events.close(1000); // the close that stop() caused
  other.transports.last.events.message('{"type":"state"}');
  assert.deepEqual(other.timers.pending(), []);
  assert.deepEqual(other.seen.messages, []);
  assert.equal(other.seen.statuses.at(-1), 'online', 'a stopped channel reports nothing more');
});

test('events of a replaced transport are ignored', async () => {
  const { live, timers, transports, seen } = channel();
  live.start();
  const first = transports.last;
  first.events.open();
  first.events.close(1012);
  await timers.advance(500);
  const second = transports.last;
  assert.notEqual(first, second);
  second.events.open();
  first.events.message('{"type":"old"}');
  first.events.close(1006);
  assert.deepEqual(seen.messages, []);
  assert.deepEqual(timers.pending(), []);
  assert.equal(seen.statuses.at(-1), 'online');
});

test('messages arrive parsed; one that is not JSON, or that its handler fails on, is logged and the next still arrives', () => {
  const failing = [];
  const { live, transports, seen } = channel({
    onMessage: (m) => {
      if (m.fail) throw new Error('boom');
      failing.push(m);
    },
  });
  live.start();
  transports.last.events.open();
  transports.last.events.message('{"type":"offer","offerId":"o1"}');
  transports.last.events.message('not json');
  transports.last.events.message('{"fail":true}');
  transports.last.events.message('{"type":"state"}');
  assert.deepEqual(failing, [{ type: 'offer', offerId: 'o1' }, { type: 'state' }]);
  assert.equal(seen.errors.length, 2);
});

test('keep-alive: a message every interval while open, none after a drop', async () => {
  const { live, timers, transports } = channel({ keepAlive: { everyMs: 20000, message: '{"type":"ping"}' } });
  live.start();
  const socket = transports.last;
  socket.events.open();
  await timers.advance(19999);
  assert.deepEqual(socket.sent, []);
  await timers.advance(1);
  await timers.advance(20000);
  assert.deepEqual(socket.sent, ['{"type":"ping"}', '{"type":"ping"}']);
  socket.events.close(1012);
  await timers.advance(400); // before the reconnect
  await timers.advance(60000);
  assert.equal(socket.sent.length, 2);
});

test('startLater waits a backoff delay and a successful probe before the first open', async () => {
  const { live, timers, transports, seen } = channel();
  live.startLater();
  assert.equal(transports.opened.length, 0);
  assert.deepEqual(timers.pending(), [500]);
  await timers.advance(500);
  assert.equal(seen.probes, 1);
  assert.equal(transports.opened.length, 1);
});

test('a transport that cannot even be created is retried', async () => {
  let calls = 0;
  const { live, timers, seen } = channel({
    connect: () => {
      calls++;
      throw new Error('bad URL');
    },
  });
  live.startLater();
  await timers.advance(500);
  assert.equal(calls, 1);
  assert.equal(seen.errors.length, 1);
  assert.deepEqual(timers.pending(), [1000]);
});
