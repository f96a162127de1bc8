// What the agent's and the supervisor's views share: every DOM listener they add is tied to one
// AbortController, the relative times they show refresh every second, both show notices in the
// page's notice line, and stopping a view drops its listeners and its ticking and closes a dialog it
// left open. Each view stops its own channels and timers besides.

import { $ } from './dom.js';
import { refreshTicks } from './ticks.js';
import { closeDialog } from './details.js';

export class View {
  constructor() {
    this.stopped = false;
    this.abort = new AbortController();
  }

  /** Listener options that remove the listener when the view stops. */
  get listening() {
    return { signal: this.abort.signal };
  }

  /** Refreshes the relative times inside the element `root` names, every second until the view stops. */
  tickEverySecond(root) {
    this.tick = setInterval(() => refreshTicks($(root)), 1000);
  }

  /** Shows `text` in the page's notice line for six seconds. */
  notice(text) {
    const el = $('#notice');
    el.textContent = text;
    el.classList.add('shown');
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => el.classList.remove('shown'), 6000);
  }

  stop() {
    this.stopped = true;
    this.abort.abort();
    clearInterval(this.tick);
    closeDialog();
  }
}
