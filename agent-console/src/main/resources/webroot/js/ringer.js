// Ringing: while an offer is pending the desk rings (a tone made with WebAudio, no sound file),
// shows a browser notification for each new offer, and flashes the tab's title, so an offer is
// noticed with the console in a background tab. Sound and notifications can be switched off per
// user (remembered in localStorage); the title always flashes. The browser lets a page play sound
// and ask for notifications only after a user gesture, so the tone is unlocked by the agent's
// first click or key press, and permission is asked when the agent switches notifications on.
//
// What is new is decided by newOffers() (pure, tested with node --test); the rest is the browser.

export const SOUND_KEY = 'console.ring.sound';
export const NOTIFY_KEY = 'console.ring.notify';
const RING_EVERY_MS = 4000;
const FLASH_EVERY_MS = 1000;

/** The offers in `offers` (a Map offerId -> offer) that were not in `before`, in arrival order. */
export function newOffers(before, offers) {
  return [...offers.values()].filter((o) => !before.has(o.offerId));
}

/** A per-user switch, on unless switched off. */
export function enabled(storage, key) {
  return storage.getItem(key) !== 'off';
}

export class Ringer {
  /**
   * @param describe offer -> {title, body}: the words of its notification and flashing title
   */
  constructor(describe) {
    this.describe = describe;
    this.pending = new Map();
    this.baseTitle = document.title;
    this.rings = 0; // tones played, and notifications shown: counted on the body for tests and support
    this.notified = 0;
    this.unlock = () => this.audio()?.resume?.();
  }

  start() {
    document.addEventListener('pointerdown', this.unlock, true);
    document.addEventListener('keydown', this.unlock, true);
  }

  stop() {
    document.removeEventListener('pointerdown', this.unlock, true);
    document.removeEventListener('keydown', this.unlock, true);
    this.update(new Map());
    this.context?.close?.();
    this.context = null;
  }

  /** Follows the desk's pending offers: rings for new ones, stops when there are none. */
  update(offers) {
    const fresh = newOffers(this.pending, offers);
    this.pending = new Map(offers);
    this.closeNotifications();
    for (const o of fresh) this.notify(o);
    if (fresh.length > 0) this.ring();
    if (offers.size > 0 && !this.ringTimer) {
      this.ringTimer = setInterval(() => this.ring(), RING_EVERY_MS);
      this.flashTimer = setInterval(() => this.flash(), FLASH_EVERY_MS);
      this.flash();
    } else if (offers.size === 0 && this.ringTimer) {
      clearInterval(this.ringTimer);
      clearInterval(this.flashTimer);
      this.ringTimer = this.flashTimer = null;
      this.flashing = false;
      document.title = this.baseTitle;
      delete document.body.dataset.ringing;
    }
    if (offers.size > 0) document.body.dataset.ringing = String(offers.size);
  }

  /** The page's own title changed (a new language): the flashing restores to it. */
  retitle(title) {
    this.baseTitle = title;
    if (!this.ringTimer) document.title = title;
  }

  flash() {
    const first = this.pending.values().next().value;
    if (!first) return;
    this.flashing = !this.flashing;
    document.title = this.flashing ? `🔔 ${this.describe(first).title}` : this.baseTitle;
  }

  ring() {
    if (!enabled(localStorage, SOUND_KEY)) return;
    const ctx = this.audio();
    if (!ctx) return;
    // Two short rising tones, quiet enough not to startle through a headset.
    const now = ctx.currentTime;
    for (const [at, freq] of [[0, 660], [0.25, 880]]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + at);
      gain.gain.exponentialRampToValueAtTime(0.2, now + at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.22);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + at);
      osc.stop(now + at + 0.25);
    }
    document.body.dataset.rings = String(++this.rings);
  }

  notify(offer) {
    if (!enabled(localStorage, NOTIFY_KEY) || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const { title, body } = this.describe(offer);
    try {
      const n = new Notification(title, { body, tag: offer.offerId, requireInteraction: true });
      n.onclick = () => {
        window.focus();
        n.close();
      };
      this.shown = [...(this.shown || []), n].slice(-5);
      document.body.dataset.notified = String(++this.notified);
    } catch {
      // Some browsers allow notifications only from a service worker: the title and tone remain.
    }
  }

  /** Closes the notification of an offer no longer pending. */
  closeNotifications() {
    for (const n of this.shown || []) if (!this.pending.has(n.tag)) n.close();
  }

  audio() {
    if (this.context) return this.context;
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    this.context = new Ctx();
    return this.context;
  }
}

/**
 * Asks for permission to notify, from the agent's gesture (switching notifications on); the
 * answer is 'granted', 'denied' or 'default' (the agent closed the prompt).
 */
export async function askToNotify() {
  if (typeof Notification === 'undefined') return 'denied';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}
