// Every secret by name with the pipelines that use it (GET /api/credentials), never a value. Replacing a secret
// that other pipelines share asks first: the API refuses with 409 shared_credential and the list of those
// pipelines, and putShared() asks the user to confirm before sending the write again with ?confirm_shared=true.

import { ApiError, get, put } from './api.js';
import { h, refresh, replace } from './dom.js';
import { announce, poll } from './ui.js';

/**
 * PUT path body; when the API answers shared_credential, asks (window.confirm) whether to replace the secret for
 * every pipeline named and, if so, sends it again confirmed. Resolves false when the user declined.
 */
export async function putShared(path, body) {
  try {
    await put(path, body);
    return true;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 409 && e.code === 'shared_credential')) {
      throw e;
    }
    const others = (e.body && e.body.pipelines) || [];
    const ok = window.confirm(`This credential is also used by ${others.join(', ')}. Replacing it changes their `
      + 'credential too. Replace it for all of them?');
    if (!ok) {
      announce('Credential not changed: it is shared with other pipelines.', 'info');
      return false;
    }
    await put(`${path}${path.includes('?') ? '&' : '?'}confirm_shared=true`, body);
    return true;
  }
}

function table(credentials) {
  if (!credentials.length) {
    return h('p', { class: 'muted' }, 'No secrets yet: the wizard stores one per pipeline.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'credentials' },
    h('caption', { class: 'visually-hidden' }, 'Secrets and the pipelines using them'),
    h('thead', {}, h('tr', {}, ['Secret', 'Stored', 'Used by'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, credentials.map((c) => h('tr', { dataset: { secret: c.name } },
      h('th', { scope: 'row' }, h('code', {}, c.name), c.shared ? h('span', { class: 'badge badge-paused' }, ' shared') : null),
      h('td', { dataset: { cell: 'stored' } }, c.stored ? 'yes' : h('span', { class: 'bad' }, 'missing')),
      h('td', { dataset: { cell: 'pipelines' } }, c.pipelines.length
        ? c.pipelines.map((u, i) => [i ? ', ' : '', h('a', { href: `#/pipelines/${u.pipeline}` }, u.pipeline),
          u.role === 'credentials' ? '' : ` (${u.role})`])
        : h('span', { class: 'muted' }, 'no pipeline')))))));
}

export async function renderCredentials(main) {
  const body = h('div', { id: 'credentials-body' });
  replace(main, h('h1', {}, 'Credentials'),
    h('p', {}, 'Every secret in the secret store, and every one a pipeline names, with the pipelines using it. '
      + 'Values are never shown. Replace a pipeline\'s credential on its page; a shared one asks first.'),
    h('section', { class: 'card' }, body));
  return poll(async () => {
    try {
      refresh(body, table((await get('/api/credentials')).credentials));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) {
        announce(`Could not load the credentials: ${e.message}`, 'error');
      }
    }
  }, 5000);
}
