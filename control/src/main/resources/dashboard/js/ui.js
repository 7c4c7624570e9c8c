// Small pieces shared by the pages: health badges, the live status line, and field error display.

import { h, replace } from './dom.js';

const HEALTH = {
  healthy: 'Healthy',
  running: 'Running',
  starting: 'Starting',
  waiting_for_first_run: 'Waiting for first run',
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

/** Health statuses that say a run's outcome is not in yet (the job starts, or no run finished). */
export const UNSETTLED = ['running', 'starting', 'waiting_for_first_run'];

/**
 * Announces the result of an async action in the page's aria-live region (read by screen readers, shown to
 * everyone). kind: 'info' | 'ok' | 'error'. The message belongs to the page it was shown on and is cleared when
 * the user navigates away, unless carry is set: then it survives the one navigation the action itself causes
 * (created → the new pipeline's page).
 */
export function announce(message, kind = 'info', carry = false) {
  const region = document.getElementById('status');
  region.dataset.kind = kind;
  if (carry) {
    region.dataset.carry = 'true';
  } else {
    delete region.dataset.carry;
  }
  replace(region, message);
}

/** On navigation: clears the status line, but keeps a message carried into this page (once). */
export function clearStatus() {
  const region = document.getElementById('status');
  if (region.dataset.carry === 'true') {
    delete region.dataset.carry;
    return;
  }
  delete region.dataset.kind;
  replace(region);
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
