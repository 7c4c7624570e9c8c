// Asks for the control API's bearer token once per browser tab. The token may also arrive in the URL *fragment*
// (http://host:8420/dashboard/#token=…, as ./ingest up prints it on an interactive terminal): browsers never send
// the fragment to the server, so it appears in no access log; it is moved to sessionStorage and removed from the
// address bar and history at once.

import { ApiError, call, token } from './api.js';
import { h, replace } from './dom.js';
import { announce, field, fieldError } from './ui.js';

/** Takes a token handed over in the fragment, if any; returns true when one was taken. */
export function takeTokenFromFragment() {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (!match) {
    return false;
  }
  token.set(decodeURIComponent(match[1]));
  window.history.replaceState(null, '', `${window.location.pathname}#/`);
  return true;
}

/** Renders the sign-in form into main; resolves once a token the API accepts is stored. */
export function askForToken(main, reason) {
  return new Promise((resolve) => {
    const { input, element } = field({
      id: 'api-token', label: 'API token', type: 'password', required: true, autocomplete: 'current-password',
      help: 'The control API token: the contents of $INGEST_HOME/api-token (by default ~/.ingest/api-token). '
        + 'It is kept for this browser tab only.',
    });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
    const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'sign-in-title' },
      h('h1', { id: 'sign-in-title' }, 'Sign in to Ingest'),
      reason ? h('p', { class: 'notice', role: 'alert' }, reason) : null,
      element,
      h('div', { class: 'actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        fieldError(input, 'Enter the API token.');
        input.focus();
        return;
      }
      submit.disabled = true;
      try {
        await call('GET', '/api/pipelines', undefined, value);
        token.set(value);
        announce('Signed in.', 'ok');
        resolve();
      } catch (e) {
        fieldError(input, e instanceof ApiError && e.status === 401
          ? 'The API rejected this token.' : `Could not reach the control API: ${e.message}`);
        input.focus();
      } finally {
        submit.disabled = false;
      }
    });
    replace(main, form);
    input.focus();
  });
}
