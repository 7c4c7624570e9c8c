// Small pieces shared by the pages: health badges, the live status line, and field error display.

import { h, replace } from './dom.js';

const HEALTH = {
  healthy: 'Healthy',
  running: 'Running',
  incomplete: 'Incomplete',
  failing: 'Failing',
  auth_failed: 'Auth failed',
  paused: 'Paused',
  undeployed: 'Not deployed',
};

/** A health badge: the word is always shown, colour only repeats it. */
export function badge(status) {
  return h('span', { class: `badge badge-${status}`, dataset: { health: status } }, HEALTH[status] || status);
}

/**
 * Announces the result of an async action in the page's aria-live region (read by screen readers, shown to
 * everyone). kind: 'info' | 'ok' | 'error'.
 */
export function announce(message, kind = 'info') {
  const region = document.getElementById('status');
  region.dataset.kind = kind;
  replace(region, message);
}

/** Shows a problem under an input (wired with aria-describedby and aria-invalid), or clears it with null. */
export function fieldError(input, message) {
  const errorId = `${input.id}-error`;
  let box = document.getElementById(errorId);
  if (!message) {
    input.removeAttribute('aria-invalid');
    box?.remove();
    const described = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== errorId);
    if (described.length) {
      input.setAttribute('aria-describedby', described.join(' '));
    } else {
      input.removeAttribute('aria-describedby');
    }
    return;
  }
  if (!box) {
    box = h('p', { id: errorId, class: 'field-error' });
    (input.closest('.field') || input.parentElement).append(box);
  }
  box.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  const described = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  described.add(errorId);
  input.setAttribute('aria-describedby', [...described].join(' '));
}

/** A labelled form field: label, input, optional help text (wired with aria-describedby). */
export function field({ id, label, type = 'text', name, value, required, help, autocomplete, dataField, attrs }) {
  const helpId = help ? `${id}-help` : null;
  const input = h('input', {
    id, name: name || id, type, value: value ?? '', required: !!required, autocomplete: autocomplete || 'off',
    spellcheck: 'false', 'aria-describedby': helpId, dataset: dataField ? { field: dataField } : null, ...attrs,
  });
  return {
    input,
    element: h('div', { class: 'field' },
      h('label', { for: id }, label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      input,
      help ? h('p', { id: helpId, class: 'help' }, help) : null),
  };
}

/** Disables a button while an async action runs, so it cannot be sent twice. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Calls refresh now and again every intervalMs after each call finishes; returns stop(). */
export function poll(refresh, intervalMs = 3000) {
  let timer = null;
  let stopped = false;
  const tick = async () => {
    try {
      await refresh();
    } finally {
      if (!stopped) {
        timer = setTimeout(tick, intervalMs);
      }
    }
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
