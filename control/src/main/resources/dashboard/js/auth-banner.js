// The auth-failure banner: when the latest run failed because the API rejected the pipeline's credential, it
// names that credential and offers a form generated from the connector's credential fields. Saving stores the new
// value (PUT /api/pipelines/{name}/credentials) and re-runs the pipeline (POST /run); the banner then follows the
// re-run and disappears when it succeeds, or asks again when the new credential is rejected too.

import { ApiError, get, pipelinePath, post } from './api.js';
import { h, replace } from './dom.js';
import { CredentialForm } from './credential-form.js';
import { putShared } from './credentials.js';
import { announce, busy, fieldError, UNSETTLED } from './ui.js';

export class AuthBanner {
  constructor(slot, pipeline, onSaved) {
    this.slot = slot;
    this.pipeline = pipeline;
    this.onSaved = onSaved;
    this.form = null; // the rendered form while one is shown
    this.waitingForRunAfter = undefined; // last_run_id when a new credential was saved
  }

  async update(p) {
    const health = p.health;
    if (this.waitingForRunAfter !== undefined) {
      const newRun = health.last_run_id !== this.waitingForRunAfter && !UNSETTLED.includes(health.status);
      if (!newRun) {
        return;
      }
      this.waitingForRunAfter = undefined;
      if (health.status !== 'auth_failed') {
        replace(this.slot);
        this.form = null;
        announce(health.status === 'healthy'
          ? `The new credential works: the re-run of ${this.pipeline} succeeded.`
          : `The re-run of ${this.pipeline} finished: ${health.status.replace('_', ' ')}.`, 'ok');
        return;
      }
      this.form = null;
      await this.show(p, 'The API rejected the new credential too.');
      return;
    }
    if (health.status === 'auth_failed') {
      if (!this.form) {
        await this.show(p, null);
      }
    } else if (this.form && !UNSETTLED.includes(health.status)) {
      replace(this.slot);
      this.form = null;
    }
  }

  async show(p, notice) {
    const connector = await get(`/api/connectors/${encodeURIComponent(p.connector)}`);
    const credential = p.health.failed_credential || p.credential;
    const error = p.health.last_error;
    this.form = new CredentialForm(connector.credentials, 'new-credential');
    const save = h('button', { type: 'submit', class: 'primary', id: 'save-credential' }, 'Save and re-run');
    const form = h('form', { novalidate: true, 'aria-label': `New value for credential ${credential}` },
      this.form.elements, h('div', { class: 'actions' }, save));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      busy(save, () => this.save(p));
    });
    replace(this.slot, h('section', { class: 'banner banner-auth', id: 'auth-banner', 'aria-labelledby': 'auth-title' },
      h('h2', { id: 'auth-title' }, 'Authentication failed'),
      h('p', {}, 'The API rejected the credential ', h('code', { id: 'failed-credential' }, credential),
        error ? [' (endpoint ', h('code', {}, error.endpoint), ')'] : null,
        '. Paste a new one: it is stored in the secret store and the pipeline runs again.'),
      notice ? h('p', { class: 'notice', role: 'alert' }, notice) : null,
      form));
    announce(`Authentication failed for ${this.pipeline}: credential ${credential} was rejected.`, 'error');
  }

  async save(p) {
    const invalid = this.form.checkRequired();
    if (invalid) {
      invalid.focus();
      return;
    }
    const path = pipelinePath(this.pipeline);
    try {
      if (!await putShared(`${path}/credentials`, { fields: this.form.values() })) {
        return;
      }
    } catch (e) {
      this.showProblems(e);
      return;
    }
    this.form.clear();
    this.waitingForRunAfter = p.health.last_run_id;
    replace(this.slot, h('section', { class: 'banner banner-info', id: 'auth-banner', 'aria-labelledby': 'auth-title' },
      h('h2', { id: 'auth-title' }, 'Credential saved'),
      h('p', {}, 'Re-running the pipeline with the new credential…')));
    try {
      await post(`${path}/run`);
      announce(`Credential saved; re-running ${this.pipeline}.`, 'ok');
    } catch (e) {
      announce(`Credential saved, but the re-run could not start: ${e.message}`, 'error');
    }
    await this.onSaved();
  }

  showProblems(e) {
    let first = null;
    if (e instanceof ApiError) {
      for (const problem of e.errors) {
        const input = this.form.inputFor(problem.field);
        if (input) {
          fieldError(input, problem.message);
          first = first || input;
        }
      }
    }
    announce(`Could not save the credential: ${e.message}`, 'error');
    first?.focus();
  }
}
