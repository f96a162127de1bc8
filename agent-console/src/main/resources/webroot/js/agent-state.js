// The agent's desk as data, and how each message changes it: a pure reducer, with no DOM, no
// requests and no timers (tested with node --test in src/test/js/agent-state.test.mjs).
//
// Actions are the engine's messages on the agent socket, as they arrive ('state', 'offer',
// 'assigned', 'offer_revoked', 'contact_removed'), and what the view learnt from its own requests
// or the agent's input ('offer/accepted', 'case/loaded', 'wrapup/draft', …). On every (re)connect
// the engine sends the whole session again: 'state' first, whose lists of offers and contacts
// prune what is no longer so, then each pending offer and each assigned contact, which are merged
// in place (a contact keeps its tab, its drafts and its case). So a resync, a duplicate and a late
// message all leave the desk as the engine has it.
//
// The state is never changed in place: every change makes new objects and maps along its path and
// keeps the rest, so a view compares parts by identity to redraw only what changed.

/** The messages of the agent socket that change the desk (others, such as 'pong', do not). */
export const ENGINE_MESSAGES = new Set(['state', 'offer', 'assigned', 'offer_revoked', 'contact_removed']);

export const initialState = Object.freeze({
  agent: null, // the agent as the engine last described it
  offers: new Map(), // offerId -> {offerId, contact, expiresAt}, in arrival order
  contacts: new Map(), // contactId -> contact, in assignment order (one tab each)
  selected: null, // the contact whose tab is open: one of contacts, or null when there is none
  drafts: new Map(), // contactId -> the wrap-up form as typed {disposition, stage, notes}
  caseDrafts: new Map(), // contactId -> the case form as typed (field name -> value)
  cases: new Map(), // contactId of a case work item -> {status: 'loading'|'ok'|'error', kase, error, message, load}
  history: new Map(), // customerId -> 'loading' | 'hidden' | [earlier contacts]
  queues: null, // the queues a classified case may be investigated in, once read
  catalogues: {}, // kind -> the domain's catalogue of not-ready reasons or dispositions, where one has entries
});

export function reduce(state, action) {
  const next = apply(state, action);
  return next === state ? state : withSelection(next);
}

function apply(state, action) {
  switch (action.type) {
    // ---------------------------------------------------------------- the engine, on the socket
    case 'state':
      return prune({ ...state, agent: action.agent }, action.agent);
    case 'offer':
      // An offer of a contact this desk already serves is older than its assignment.
      if (state.contacts.has(action.contact?.id)) return state;
      return { ...state, offers: put(state.offers, action.offerId, { offerId: action.offerId, contact: action.contact, expiresAt: action.expiresAt }) };
    case 'assigned':
      return assigned(state, action.contact);
    case 'offer_revoked':
      return withoutOffer(state, action.offerId);
    case 'contact_removed':
      // A call the switch ended stays on the desk, marked ended, for its outcome to be recorded.
      if (action.reason === 'call_ended' && state.contacts.has(action.contactId)) {
        return { ...state, contacts: put(state.contacts, action.contactId,
          { ...state.contacts.get(action.contactId), ...(action.contact || {}), callEnded: true }) };
      }
      return forgetContact(state, action.contactId);

    // ---------------------------------------------------------------- answers to the agent's requests
    case 'status/changed':
      return { ...state, agent: action.agent };
    case 'offer/accepted':
      return assigned(withoutOffer(state, action.offerId), action.contact);
    case 'offer/gone': // accepting it answered 409 or 404
    case 'offer/rejected':
      return withoutOffer(state, action.offerId);
    case 'contact/staged': {
      // Advanced to a later service stage: still this desk's, or handed to the stage's queue.
      const c = action.contact;
      if (!c?.id || !state.contacts.has(c.id)) return state;
      return c.status === 'assigned'
        ? { ...state, contacts: put(state.contacts, c.id, { ...state.contacts.get(c.id), ...c }) }
        : forgetContact(state, c.id);
    }
    case 'contact/completed': // wrapped up
    case 'case/advanced': // a case step completed the work item
      return forgetContact(state, action.contactId);

    // ---------------------------------------------------------------- the agent's input
    case 'contact/select':
      return state.contacts.has(action.contactId) && state.selected !== action.contactId
        ? { ...state, selected: action.contactId } : state;
    case 'wrapup/draft':
      return state.contacts.has(action.contactId) ? { ...state, drafts: put(state.drafts, action.contactId, action.draft) } : state;
    case 'case/draft':
      return state.contacts.has(action.contactId) ? { ...state, caseDrafts: put(state.caseDrafts, action.contactId, action.draft) } : state;

    // ---------------------------------------------------------------- what the view read for the desk
    case 'history/loading':
      return { ...state, history: put(state.history, action.customerId, 'loading') };
    case 'history/loaded':
      return { ...state, history: put(state.history, action.customerId, action.contacts) };
    case 'history/unavailable': // not offered by this engine (404), not allowed (403), or unreachable
      return { ...state, history: put(state.history, action.customerId, 'hidden') };
    case 'case/loading': {
      // A reload keeps the case as last read, and any refusal shown, until the new answer.
      if (!state.contacts.has(action.contactId)) return state;
      const before = state.cases.get(action.contactId);
      return { ...state, cases: put(state.cases, action.contactId,
        { status: 'loading', kase: before?.kase, message: before?.message, load: action.load }) };
    }
    case 'case/loaded':
    case 'case/failed': {
      // Only the answer to the latest read counts, and only while the item is still here.
      const entry = state.cases.get(action.contactId);
      if (!entry || entry.load !== action.load) return state;
      const done = action.type === 'case/loaded'
        ? { ...entry, status: 'ok', kase: action.kase, error: undefined }
        : { ...entry, status: 'error', error: action.error };
      return { ...state, cases: put(state.cases, action.contactId, done) };
    }
    case 'case/message': {
      const entry = state.cases.get(action.contactId);
      return entry ? { ...state, cases: put(state.cases, action.contactId, { ...entry, message: action.message }) } : state;
    }
    case 'queues/loaded':
      return { ...state, queues: action.queues };
    case 'catalogues/loaded':
      return { ...state, catalogues: action.catalogues };
    default:
      return state;
  }
}

/**
 * What the agent is told about an action, before it is applied to state: {key, vars, reason}
 * (reason: the engine's code, for the view to put in its words), or null. Offers the agent
 * rejected and contacts it completed go without a word, and so do those this desk did not have.
 */
export function noticeFor(state, action) {
  switch (action.type) {
    case 'offer_revoked':
      return state.offers.has(action.offerId) && action.reason !== 'rejected'
        ? { key: 'offer.revoked', vars: {}, reason: action.reason } : null;
    case 'contact_removed':
      if (action.reason === 'call_ended') {
        return state.contacts.has(action.contactId) ? { key: 'call.ended', vars: {} } : null;
      }
      return state.contacts.has(action.contactId) && action.reason !== 'completed'
        ? { key: 'contact.removed', vars: { id: shortId(action.contactId) }, reason: action.reason } : null;
    case 'offer/gone':
      return { key: 'offer.gone', vars: {} };
    case 'contact/completed':
      return { key: 'contact.completed', vars: {} };
    default:
      return null;
  }
}

/**
 * What the desk needs read that nobody has started reading: the earlier contacts of each
 * customer served (once per customer; afresh when a new contact of theirs arrives), and the case
 * of each complaint work item.
 */
export function loadsNeeded(state) {
  const histories = new Map();
  const cases = [];
  for (const c of state.contacts.values()) {
    const customerId = c.customer?.id;
    if (customerId && !state.history.has(customerId) && !histories.has(customerId)) histories.set(customerId, c);
    if (c.attributes?.caseId && !state.cases.has(c.id)) cases.push(c);
  }
  return { histories: [...histories.values()], cases };
}

export function shortId(id) {
  return String(id).slice(0, 8);
}

// ------------------------------------------------------------------ helpers

function assigned(state, contact) {
  if (!contact?.id) return state;
  const isNew = !state.contacts.has(contact.id);
  let offers = state.offers;
  for (const [id, o] of offers) if (o.contact?.id === contact.id) offers = without(offers, id);
  let history = state.history;
  // A new contact may follow one of the same customer served earlier: read their contacts afresh.
  const customerId = contact.customer?.id;
  if (isNew && customerId && Array.isArray(history.get(customerId))) history = without(history, customerId);
  return { ...state, offers, history, contacts: put(state.contacts, contact.id, contact) };
}

function prune(state, agent) {
  const offerIds = new Set((agent?.offers || []).map((o) => o.offerId));
  const contactIds = new Set(agent?.contacts || []);
  let next = state;
  for (const id of state.offers.keys()) if (!offerIds.has(id)) next = withoutOffer(next, id);
  // An ended call waiting for its outcome is no longer the agent's to hold, but stays on the desk.
  for (const [id, c] of state.contacts) if (!contactIds.has(id) && !c.callEnded) next = forgetContact(next, id);
  return next;
}

function withoutOffer(state, offerId) {
  return state.offers.has(offerId) ? { ...state, offers: without(state.offers, offerId) } : state;
}

/** A contact that left the desk takes its drafts and its case with it. */
function forgetContact(state, id) {
  if (!state.contacts.has(id) && !state.drafts.has(id) && !state.cases.has(id) && !state.caseDrafts.has(id)) return state;
  return {
    ...state,
    contacts: without(state.contacts, id),
    drafts: without(state.drafts, id),
    cases: without(state.cases, id),
    caseDrafts: without(state.caseDrafts, id),
  };
}

/** The open tab is one of the contacts (the first when the open one left), or none without any. */
function withSelection(state) {
  if (state.selected !== null && state.contacts.has(state.selected)) return state;
  const first = state.contacts.keys().next().value ?? null;
  return first === state.selected ? state : { ...state, selected: first };
}

function put(map, key, value) {
  if (map.get(key) === value && map.has(key)) return map;
  const copy = new Map(map);
  copy.set(key, value);
  return copy;
}

function without(map, key) {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
