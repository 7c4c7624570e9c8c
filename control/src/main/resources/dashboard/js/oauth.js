// The Connect page (#/oauth): the OAuth 2.0 authorization-code flow for connectors whose auth method has an
// authorize URL. POST /api/oauth/start (with the app's client ID and secret, kept by the control plane until the
// flow ends) answers the provider's authorization URL and the browser goes there. The provider sends it back to
// /oauth/callback, which writes the secret (client fields, refresh and access token) and returns here with
// ?connected=1 or ?error=<reason>. A secret more than one pipeline names asks first (409 shared_credential).

import { get, token } from './api.js';
import { h, replace } from './dom.js';
import { CredentialForm } from './credential-form.js';
import { announce, busy, field } from './ui.js';

const TOKEN_FIELDS = ['refresh_token', 'access_token'];

/**
 * POST /api/oauth/start. Unlike api.js's calls (credentials: 'omit') this one keeps the session cookie the answer
 * sets: the callback must come back from this browser session.
 */
async function start(body, confirmShared) {
  const response = await fetch(`/api/oauth/start${confirmShared ? '?confirm_shared=true' : ''}`, {
    method: 'POST', cache: 'no-store', credentials: 'same-origin', redirect: 'error',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token.get()}` },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((data && data.message) || `HTTP ${response.status}`);
    error.code = data && data.error;
    error.pipelines = (data && data.pipelines) || [];
    throw error;
  }
  return data;
}

/**
 * Starts the flow; when the secret is named by more than one pipeline (409 shared_credential) asks first, as a
 * credential write does, and starts again confirmed. Resolves null when the user declined.
 */
async function startAskingIfShared(body) {
  try {
    return await start(body, false);
  } catch (e) {
    if (e.code !== 'shared_credential') {
      throw e;
    }
    const ok = window.confirm(`Secret ${body.credential} is used by ${e.pipelines.join(', ')}. Connecting replaces `
      + 'its tokens for all of them. Connect anyway?');
    return ok ? start(body, true) : null;
  }
}

function outcome(query) {
  const params = new URLSearchParams(query || '');
  const credential = params.get('credential');
  if (params.get('connected') === '1') {
    announce(`Connected: the refresh token is stored in secret ${credential}. Pipelines naming it use it from their `
      + 'next run.', 'ok');
  } else if (params.get('error')) {
    announce(`Connect failed${credential ? ` for ${credential}` : ''}: ${params.get('error')}`, 'error');
  }
}

function form(connectors) {
  const choices = connectors.flatMap((c) => c.auth_methods.filter((m) => m.connect).map((m) => ({ c, m })));
  if (!choices.length) {
    return h('p', { class: 'muted' }, 'No connector has an OAuth authorization-code method.');
  }
  const select = h('select', { id: 'oauth-connector' }, choices.map(({ c, m }, i) =>
    h('option', { value: String(i) }, `${c.name}: ${m.label}`)));
  const credential = field({ id: 'oauth-credential', label: 'Credential name', required: true,
    help: 'The secret the client ID, client secret and the refresh token are stored in (name it in pipelines).' });
  const slot = h('div', { id: 'oauth-fields' });
  let creds = null;
  let config = [];
  const show = () => {
    const { c, m } = choices[Number(select.value)];
    creds = new CredentialForm(m.credentials.filter((f) => !TOKEN_FIELDS.includes(f.key)), 'oauth');
    config = c.config.filter((f) => f.key.startsWith('oauth_')).map((f) => ({ key: f.key, ...field({
      id: `oauth-config-${f.key}`, label: f.key, value: f.default || '', help: f.description || null }) }));
    replace(slot, ...creds.elements, ...config.map((f) => f.element));
  };
  select.addEventListener('change', show);
  show();
  const button = h('button', { type: 'submit', id: 'oauth-connect' }, 'Connect');
  const element = h('form', { id: 'oauth-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'oauth-connector' }, 'Connector'), select),
    credential.element, slot, button);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(button, async () => {
      const name = credential.input.value.trim();
      if (!name || creds.checkRequired()) {
        announce('Enter the credential name and the app\'s client ID and secret.', 'error');
        return;
      }
      const { c, m } = choices[Number(select.value)];
      try {
        const started = await startAskingIfShared({ connector: c.name, auth_method: m.name, credential: name,
          fields: creds.values(), config: Object.fromEntries(config.map((f) => [f.key, f.input.value])) });
        if (!started) {
          announce(`Not connected: secret ${name} is shared with other pipelines.`, 'info');
          return;
        }
        window.location.assign(started.authorize_url);
      } catch (e) {
        announce(`Could not start Connect: ${e.message}`, 'error');
      }
    });
  });
  return element;
}

export async function renderOAuth(main, [query]) {
  replace(main, h('h1', {}, 'Connect an OAuth app'),
    h('p', {}, 'Sign in at the provider and approve the app: its refresh token is stored in the secret store, never '
      + 'shown. Register this control plane\'s /oauth/callback as the app\'s redirect URI first.'),
    h('section', { class: 'card', id: 'oauth-body' }, h('p', { class: 'muted' }, 'Loading connectors…')));
  outcome(query);
  try {
    const connectors = await get('/api/connectors');
    replace(main.querySelector('#oauth-body'), form(connectors));
  } catch (e) {
    announce(`Could not load the connectors: ${e.message}`, 'error');
  }
}
