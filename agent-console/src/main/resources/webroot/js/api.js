// Talking to the engine: the signed-in session, JSON requests with the bearer token, and
// problem+json errors. A 401 on any call means the token is no longer accepted: listeners of
// 'unauthorized' send the user back to sign in.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  get network() {
    return this.status === 0;
  }
}

const events = new EventTarget();

export function onUnauthorized(listener) {
  events.addEventListener('unauthorized', listener);
}

/** The session lives per tab (sessionStorage): closing the tab on a shared desk signs out. */
export class Session {
  constructor(storageKey, storage = sessionStorage) {
    this.key = storageKey;
    this.storage = storage;
  }

  get() {
    try {
      const s = JSON.parse(this.storage.getItem(this.key) || 'null');
      if (s && s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) return null;
      return s;
    } catch {
      return null;
    }
  }

  save(s) {
    this.storage.setItem(this.key, JSON.stringify(s));
  }

  clear() {
    this.storage.removeItem(this.key);
  }
}

let tokenSource = () => null;

/** Where requests take their bearer token from. */
export function useToken(fn) {
  tokenSource = fn;
}

/** Server clock minus local clock, in ms, learnt from responses, so countdowns survive skew. */
let serverOffset = 0;
let offsetPrecise = false;

export function serverNow() {
  return Date.now() + serverOffset;
}

/** A precise sample: an instant the server stated as "now" (e.g. a contact's queuedAt + waited). */
export function observeServerNow(serverMs) {
  if (Number.isFinite(serverMs)) {
    serverOffset = serverMs - Date.now();
    offsetPrecise = true;
  }
}

function observeDateHeader(res) {
  if (offsetPrecise) return;
  const date = Date.parse(res.headers.get('Date') || '');
  if (Number.isFinite(date)) serverOffset = date + 500 - Date.now();
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = tokenSource();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { detail: 'network' });
  }
  observeDateHeader(res);
  const text = await res.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    // Also without a token: one that expired in storage is dropped before the request.
    if (res.status === 401 && path !== '/v1/auth/login') events.dispatchEvent(new Event('unauthorized'));
    throw new ApiError(res.status, json);
  }
  return json;
}

export function signIn(username, password) {
  return api('POST', '/v1/auth/login', { username, password });
}

/**
 * A URL on this host for a WebSocket (ws: or wss:) or an event stream, carrying a fresh
 * single-use ticket (POST /v1/auth/ws-ticket, asked with the bearer token) instead of the token
 * itself, which would end up in proxy logs and browser history. Ask for one before every open:
 * a ticket opens one connection, within 30 seconds.
 */
export async function ticketUrl(path, { socket = false } = {}) {
  const { ticket } = await api('POST', '/v1/auth/ws-ticket');
  const url = `${path}${path.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
  if (!socket) return url;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${url}`;
}
