// A live connection to the engine that comes back by itself: the agent's WebSocket, or the event
// stream of the supervisor's view and the branch board, each opened with a fresh single-use ticket. When it drops, the channel reports
// 'offline', waits (0.5 s doubling to 8 s, jittered), asks the engine over HTTP whether it is back
// and still takes the credential (the probe), and only then reopens; the first open after that
// resets the backoff and runs onOpen, where a view resynchronises (the agent socket's engine sends
// the whole session on every connect by itself; the supervisor's view re-reads its figures).
//
// Every close is treated alike, whatever its code, because the probe tells what to do next: 1012
// (the engine or this node stops; reconnect to any node) and 1011 (try again) come back once the
// probe succeeds; 4001 (the credential expired or was revoked) and a refused upgrade make the probe
// answer 401, which ends the retries (the api module has already sent the user to sign in).
//
// No DOM here: the transport is given as a function, and timers and randomness can be injected,
// so the schedule is tested without a browser or real time (src/test/js/live.test.mjs).

/** Reconnect delays: 0.5 s doubling to 8 s, jittered ±25% so a restarted engine is not stampeded. */
export function backoff(attempt, random = Math.random) {
  const base = Math.min(8000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

const BROWSER_TIMERS = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (id) => clearInterval(id),
};

export class LiveChannel {
  /**
   * @param {object} options
   * @param {(events: {open: Function, message: Function, close: Function}) => {close: Function, send?: Function}} options.connect
   *   opens the transport, which then calls events.open(), events.message(text) and events.close(code)
   * @param {() => Promise<unknown>} options.probe asked before reopening; a rejection with status 401 ends the retries
   * @param {(message: object) => void} options.onMessage each message, parsed as JSON
   * @param {() => void} [options.onOpen] after every open, the first and each reconnection
   * @param {(state: 'connecting'|'online'|'offline') => void} [options.onStatus] for the connection indicator
   * @param {{everyMs: number, message: string}} [options.keepAlive] a message sent while open, so proxies keep the line
   */
  constructor({ connect, probe, onMessage, onOpen = () => {}, onStatus = () => {}, keepAlive = null,
    timers = BROWSER_TIMERS, random = Math.random, log = console }) {
    this.connect = connect;
    this.probe = probe;
    this.onMessage = onMessage;
    this.onOpen = onOpen;
    this.onStatus = onStatus;
    this.keepAlive = keepAlive;
    this.timers = timers;
    this.random = random;
    this.log = log;
    this.attempt = 0;
    this.stopped = true;
    this.link = null; // the current transport's identity: events of an older one are ignored
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    this.timers.clearTimeout(this.retryTimer);
    this.timers.clearInterval(this.pingTimer);
    const link = this.link;
    this.link = null;
    link?.transport?.close();
  }

  /** Sends text while the transport is open (a socket; an event stream only receives). */
  send(text) {
    this.link?.transport?.send?.(text);
  }

  /** Starts as after a drop: after the next backoff delay and a successful probe (e.g. when the view's first read failed). */
  startLater() {
    this.stopped = false;
    this.retry();
  }

  retry() {
    if (this.stopped) return;
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = this.timers.setTimeout(() => this.probeThenOpen(), backoff(this.attempt++, this.random));
  }

  open() {
    if (this.stopped) return;
    this.onStatus('connecting');
    const link = {};
    this.link = link;
    const current = () => this.link === link && !this.stopped;
    link.transport = this.connect({
      open: () => {
        if (!current()) return;
        this.attempt = 0;
        this.onStatus('online');
        this.startKeepAlive();
        this.onOpen();
      },
      message: (text) => {
        if (!current()) return;
        let message;
        try {
          message = JSON.parse(text);
        } catch (e) {
          this.log.error('bad message from engine', e);
          return;
        }
        try {
          this.onMessage(message);
        } catch (e) {
          this.log.error('message from engine not handled', message, e);
        }
      },
      close: () => {
        if (!current()) return;
        this.timers.clearInterval(this.pingTimer);
        this.link = null;
        this.onStatus('offline');
        this.retry();
      },
    });
  }

  startKeepAlive() {
    this.timers.clearInterval(this.pingTimer);
    if (!this.keepAlive) return;
    this.pingTimer = this.timers.setInterval(() => this.send(this.keepAlive.message), this.keepAlive.everyMs);
  }

  async probeThenOpen() {
    if (this.stopped) return;
    try {
      await this.probe();
    } catch (e) {
      if (e?.status !== 401) this.retry();
      return;
    }
    try {
      this.open();
    } catch (e) {
      this.log.error('could not reconnect', e);
      this.link = null;
      this.retry();
    }
  }
}

/**
 * Opens a transport once its URL is known: url is a string, or a function asked on each open that
 * may return a promise (a fresh ticket is fetched first). A URL that cannot be had counts as a close.
 */
function whenUrl(url, events, open) {
  let transport = null;
  let closed = false;
  Promise.resolve()
    .then(() => (typeof url === 'function' ? url() : url))
    .then((u) => {
      if (!closed) transport = open(u);
    }, () => {
      if (!closed) events.close(null);
    });
  return {
    close: () => {
      closed = true;
      transport?.close();
    },
    send: (text) => transport?.send?.(text),
  };
}

/** A WebSocket at url (see whenUrl). */
export function webSocketTransport(url) {
  return (events) => whenUrl(url, events, (u) => {
    const ws = new WebSocket(u);
    ws.onopen = () => events.open();
    ws.onmessage = (m) => events.message(m.data);
    ws.onclose = (c) => events.close(c.code);
    return {
      close: () => ws.close(),
      send: (text) => ws.readyState === WebSocket.OPEN && ws.send(text),
    };
  });
}

/** An event stream (server-sent events) at url (see whenUrl). */
export function eventSourceTransport(url) {
  return (events) => whenUrl(url, events, (u) => {
    const es = new EventSource(u);
    es.onopen = () => events.open();
    es.onmessage = (m) => events.message(m.data);
    // The channel reconnects, not EventSource: it gives up for good on a 401, and we want to know why.
    es.onerror = () => {
      es.close();
      events.close(null);
    };
    return { close: () => es.close() };
  });
}
