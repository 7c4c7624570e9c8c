// The wizard's Test connection step: POST /api/connections/test with the connector, its settings, the credential
// typed in (sent only to the API, never shown back) and the ticked endpoints; the API fetches one first page per
// endpoint through the same runtime a run uses. Each endpoint's result is shown: ok with its record count and the
// first record as formatted JSON, or the error class, HTTP status and (redacted) message.

import { post } from './api.js';
import { h, replace } from './dom.js';

const EXPLAIN = {
  AUTH_FAILED: 'The API refused the credential: check it on the Connection step.',
  ADDRESS_REFUSED: 'The network policy of this installation refuses that address.',
  NETWORK: 'The API could not be reached in time.',
  TLS: 'The API’s TLS certificate was refused.',
  NOT_FOUND: 'The API answered 404: check the settings that build the URL.',
  MALFORMED_RESPONSE: 'The response did not have the records where the connector expects them.',
  CONFIG: 'The settings or the credential cannot be used as given.',
  NOT_TESTED: 'The test ran out of time before this endpoint.',
};

export class ConnectionTest {
  constructor() {
    this.button = h('button', { type: 'button', id: 'test-connection', class: 'small' }, 'Test again');
    this.results = h('div', { id: 'test-results', 'aria-live': 'polite' });
    this.warning = h('p', { id: 'test-warning', class: 'notice', role: 'alert', hidden: true });
    this.element = h('div', {},
      h('p', { class: 'help' }, 'One request per ticked endpoint, with the credential you entered: does the API ',
        'accept it, and are the records where the connector expects them?'),
      this.button, this.warning, this.results);
    this.outcome = null; // null: not tested; else the API's answer
    this.key = null; // what the outcome was tested with
  }

  /** Runs the test for `body` unless the outcome for exactly this body is already shown. */
  async run(body, force = false) {
    const key = JSON.stringify(body);
    if (!force && key === this.key && this.outcome) {
      return;
    }
    this.key = key;
    this.outcome = null;
    this.warning.hidden = true;
    replace(this.results, h('p', { class: 'muted', id: 'test-running' }, 'Testing the connection…'));
    this.button.disabled = true;
    try {
      const outcome = await post('/api/connections/test', body);
      if (key !== this.key) {
        return; // the inputs changed meanwhile: a newer test runs
      }
      this.outcome = outcome;
      this.render(outcome);
    } catch (e) {
      if (key === this.key) {
        this.outcome = { ok: false, endpoints: [], error: e };
        replace(this.results);
        this.showWarning(`The connection could not be tested: ${e.message}`);
      }
      throw e;
    } finally {
      this.button.disabled = false;
    }
  }

  /** True when the latest test passed for every endpoint. */
  passed() {
    return !!this.outcome?.ok;
  }

  tested() {
    return !!this.outcome;
  }

  showWarning(text) {
    this.warning.hidden = false;
    this.warning.textContent = text;
  }

  render(outcome) {
    replace(this.results, outcome.endpoints.map((r) => h('section', {
      class: `test-result card ${r.ok ? 'ok' : 'failed'}`, dataset: { endpoint: r.endpoint, ok: String(r.ok) },
    },
    h('h3', {}, r.endpoint, ' — ', h('span', { class: 'test-verdict' }, r.ok ? 'OK' : 'Failed')),
    r.ok
      ? h('p', { class: 'test-summary' }, `${r.records} record${r.records === 1 ? '' : 's'} on the first page`,
        r.has_more ? ' (more pages follow).' : '.')
      : [h('p', { class: 'test-summary' }, h('strong', { class: 'test-error-class' }, r.error_class),
        r.http_status ? ` (HTTP ${r.http_status})` : '', EXPLAIN[r.error_class] ? ` ${EXPLAIN[r.error_class]}` : ''),
      r.message ? h('pre', { class: 'error-text test-message' }, r.message) : null],
    r.first_record !== null && r.first_record !== undefined
      ? [h('p', { class: 'muted small' }, 'First record (fields the connector marks secret are masked):'),
        h('pre', { class: 'first-record' }, JSON.stringify(r.first_record, null, 2))]
      : null)));
    if (!outcome.ok) {
      const failed = outcome.endpoints.filter((r) => !r.ok).map((r) => r.endpoint);
      this.showWarning(`The test failed for ${failed.join(', ')}: a run would fail the same way. Go back and fix `
        + 'the connection, or go on and create the pipeline anyway.');
    }
  }
}
