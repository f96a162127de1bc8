// A tiny element builder: h('button', {class: 'x', dataset: {testid: 'y'}, onclick}, 'text').

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'testid') el.dataset.testid = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

let noticeTimer;

/** Shows text in the page's notice bar for six seconds (a newer notice starts the six seconds again). */
export function showNotice(text) {
  const el = $('#notice');
  el.textContent = text;
  el.classList.add('shown');
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => el.classList.remove('shown'), 6000);
}

/** A definition list row pair. */
export function field(label, value, testid) {
  return [h('dt', {}, label), h('dd', { testid }, value ?? '—')];
}

/** Keeps focus where it was across a re-render of container, by data-testid and data-key. */
export function rerender(container, build) {
  const active = document.activeElement;
  let restore = null;
  if (active && container.contains(active) && active.dataset.testid) {
    // Only a key inside the container tells rows apart; one on the container or above it does not.
    const keyed = active.closest('[data-key]');
    const key = keyed && keyed !== container && container.contains(keyed) ? keyed.dataset.key : undefined;
    restore = { testid: active.dataset.testid, key };
  }
  container.replaceChildren(...[].concat(build()));
  if (restore) {
    const scope = restore.key ? container.querySelector(`[data-key="${CSS.escape(restore.key)}"]`) : container;
    scope?.querySelector(`[data-testid="${CSS.escape(restore.testid)}"]`)?.focus();
  }
}
