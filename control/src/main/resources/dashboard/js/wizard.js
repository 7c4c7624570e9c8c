// The create-pipeline wizard: connector → connection (settings with the connector's labels and help, and a credential
// form generated from the connector's definition) → endpoints, each with a write mode whose default follows the
// endpoint → test connection (one first page per endpoint, through the API) → destination → schedule (described in
// words by the server as you type) → review, then create, store the credential and deploy. Problems are shown next
// to the field they concern: the client checks what it can per step, and every {field, message} of an API 422 is
// mapped back to its input. A failed connection test is shown with a warning; the user may still go on.
// An Airbyte manifest connector (kind airbyte_manifest) gets its connection step from its credential_form
// (manifest-form.js); its streams that cannot run are listed disabled with the reason.

import { ApiError, get, pipelinePath, post, put } from './api.js';
import { h, replace } from './dom.js';
import { ConnectionTest } from './connection-test.js';
import { CredentialForm } from './credential-form.js';
import { putShared } from './credentials.js';
import { endpointChoices } from './endpoints.js';
import { localTime } from './format.js';
import { ManifestForm } from './manifest-form.js';
import { review } from './review.js';
import { announce, busy, field, fieldError } from './ui.js';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const STEPS = ['Connector', 'Connection', 'Endpoints', 'Test connection', 'Destination', 'Schedule', 'Review'];
const TEST = 3;
const REVIEW = STEPS.length - 1;
const PRESETS = [
  ['*/15 * * * *', 'Every 15 minutes'],
  ['0 * * * *', 'Every hour'],
  ['0 2 * * *', 'Every day at 02:00 UTC'],
  ['0 6 * * 1', 'Every Monday at 06:00 UTC'],
];

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

class Wizard {
  constructor(main, connectors) {
    this.main = main;
    this.connectors = connectors;
    this.connector = null;
    this.credentialForm = null;
    this.configInputs = new Map();
    this.modes = new Map(); // endpoint name → WriteModeChoice
    this.test = new ConnectionTest();
    this.test.button.addEventListener('click', () => this.runTest(true));
    this.scheduleWords = '';
    this.created = null; // name of the pipeline already created by an earlier attempt
    this.step = 0;
    this.build();
  }

  build() {
    const name = field({
      id: 'pipeline-name', label: 'Pipeline name', required: true, dataField: 'name',
      help: 'Lower-case letters, digits and _; it also names the Iceberg namespace of the tables.',
    });
    this.nameInput = name.input;
    this.nameInput.addEventListener('input', () => {
      const secret = this.main.querySelector('#secret-name');
      if (secret) {
        secret.textContent = this.secretName() || '<name>-credentials';
      }
    });
    this.connectorList = h('div', { class: 'field choices', role: 'radiogroup', 'aria-labelledby': 'connector-legend' },
      this.connectors.map((c, i) => {
        const id = `connector-${c.name}`;
        const radio = h('input', {
          type: 'radio', name: 'connector', id, value: c.name, dataset: i === 0 ? { field: 'connector' } : null,
        });
        radio.addEventListener('change', () => this.chooseConnector(c));
        return h('div', { class: 'choice' }, radio,
          h('label', { for: id }, h('strong', {}, c.name), c.kind === 'airbyte_manifest'
            // its description only repeats "Airbyte manifest <name>"
            ? [' ', h('span', { class: 'badge badge-manifest', dataset: { kind: c.kind } }, 'Airbyte manifest')]
            : c.description ? h('span', { class: 'muted' }, ` — ${c.description}`) : null));
      }));
    this.connectionBody = h('div', {}, h('p', { class: 'muted' }, 'Choose a connector first.'));
    this.endpointsBody = h('div', {}, h('p', { class: 'muted' }, 'Choose a connector first.'));

    this.destType = h('select', { id: 'destination-type', name: 'destination-type', dataset: { field: 'destination.type' } },
      h('option', { value: 'local' }, 'Local warehouse (this machine)'),
      h('option', { value: 's3' }, 'Amazon S3 or an S3-compatible store'));
    const warehouse = field({
      id: 'destination-warehouse', label: 'Warehouse', dataField: 'destination.warehouse',
      help: 'Local: a folder (default $INGEST_HOME/warehouse). S3: s3://bucket/path.',
    });
    const region = field({ id: 'destination-region', label: 'S3 region', dataField: 'destination.s3.region' });
    const endpoint = field({
      id: 'destination-endpoint', label: 'S3 endpoint', dataField: 'destination.s3.endpoint',
      help: 'Only for S3-compatible stores (MinIO, Ceph); leave empty for AWS.',
    });
    this.warehouseInput = warehouse.input;
    this.regionInput = region.input;
    this.s3EndpointInput = endpoint.input;
    this.s3Fields = h('div', { hidden: true }, region.element, endpoint.element);
    this.destType.addEventListener('change', () => {
      this.s3Fields.hidden = this.destType.value !== 's3';
    });

    const schedule = field({
      id: 'schedule', label: 'Cron schedule', required: true, value: PRESETS[0][0], dataField: 'schedule',
      help: '5 fields (minute hour day-of-month month day-of-week) in UTC, or 6 with seconds first.',
    });
    this.scheduleInput = schedule.input;
    this.preview = h('p', { id: 'schedule-preview', class: 'preview', 'aria-live': 'polite' });
    const describe = debounce(() => this.describeSchedule(), 250);
    this.scheduleInput.addEventListener('input', () => {
      this.scheduleWords = ''; // never shown for an expression it does not describe
      describe();
    });
    const presets = h('div', { class: 'presets', role: 'group', 'aria-label': 'Common schedules' },
      PRESETS.map(([expr, label]) => h('button', {
        type: 'button', class: 'small',
        onclick: () => {
          this.scheduleInput.value = expr;
          this.describeSchedule();
        },
      }, label)));

    this.reviewBody = h('div', {});
    this.steps = [
      this.stepSet(0, name.element, h('h3', { id: 'connector-legend', class: 'group-title' }, 'Connector'), this.connectorList),
      this.stepSet(1, this.connectionBody),
      this.stepSet(2, this.endpointsBody),
      this.stepSet(TEST, this.test.element),
      this.stepSet(4, h('div', { class: 'field' }, h('label', { for: 'destination-type' }, 'Destination'), this.destType),
        warehouse.element, this.s3Fields),
      this.stepSet(5, schedule.element, presets, this.preview),
      this.stepSet(REVIEW, h('p', { class: 'help' }, 'Check what will be created. Nothing is stored before Create.'),
        this.reviewBody),
    ];
    this.indicator = h('ol', { class: 'steps', 'aria-label': 'Steps' }, STEPS.map((s) => h('li', {}, s)));
    this.summary = h('div', { id: 'wizard-errors', class: 'error-summary', role: 'alert', hidden: true });
    this.back = h('button', { type: 'button', id: 'wizard-back', onclick: () => this.go(this.step - 1) }, 'Back');
    this.next = h('button', { type: 'submit', id: 'wizard-next', class: 'primary' }, 'Next');
    this.form = h('form', { id: 'wizard', novalidate: true, 'aria-labelledby': 'wizard-title' },
      this.summary, this.steps, h('div', { class: 'actions' }, this.back, this.next));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.step < STEPS.length - 1) {
        this.advance();
      } else {
        busy(this.next, () => this.create());
      }
    });
    replace(this.main, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Pipelines'), ' / new'),
      h('h1', { id: 'wizard-title' }, 'New pipeline'), this.indicator, this.form);
    this.go(0);
    this.describeSchedule();
  }

  stepSet(index, ...children) {
    return h('fieldset', { class: 'step card', id: `step-${index}`, dataset: { step: index } },
      h('legend', {}, `Step ${index + 1} of ${STEPS.length}: ${STEPS[index]}`), children);
  }

  go(index) {
    this.step = Math.max(0, Math.min(STEPS.length - 1, index));
    this.steps.forEach((s, i) => {
      s.hidden = i !== this.step;
    });
    [...this.indicator.children].forEach((li, i) => {
      if (i === this.step) {
        li.setAttribute('aria-current', 'step');
      } else {
        li.removeAttribute('aria-current');
      }
      li.classList.toggle('done', i < this.step);
    });
    this.back.hidden = this.step === 0;
    this.next.textContent = this.step === REVIEW ? 'Create and deploy' : 'Next';
    if (this.step === TEST) {
      this.runTest(false);
    }
    if (this.step === REVIEW) {
      this.renderReview();
      this.describeSchedule().then(() => {
        if (this.step === REVIEW) {
          this.renderReview(); // with the schedule in words as the server describes it now
        }
      });
    }
  }

  renderReview() {
    replace(this.reviewBody, review(this.definition(), {
      connector: this.connector, authLabel: this.authMethodLabel(), schedule: this.scheduleWords,
      test: this.test, modes: this.modes,
    }));
  }

  /** Tests the connection as entered (again only when something changed, or when forced by the button). */
  async runTest(force) {
    try {
      await this.test.run(this.testBody(), force);
    } catch (e) {
      // shown in the step; a 422 also goes to its field
      if (e instanceof ApiError && e.errors.length) {
        this.showProblems(e, 'The connection could not be tested');
      }
    }
  }

  /** What POST /api/connections/test needs: the typed credential goes to the API only. */
  testBody() {
    const definition = this.definition();
    const body = { connector: definition.connector, endpoints: definition.endpoints.map((e) => e.name) };
    if (definition.config) {
      body.config = definition.config;
    }
    if (definition.credentials?.auth_method) {
      body.auth_method = definition.credentials.auth_method;
    }
    if (this.hasCredential()) {
      body.credentials = { fields: this.credentialForm.values() };
    }
    return body;
  }

  /** True when the pipeline gets a credential: the connector has a form, and (for a manifest) a secret was entered. */
  hasCredential() {
    if (this.credentialForm instanceof ManifestForm) {
      return Object.keys(this.credentialForm.values()).length > 0;
    }
    return this.authMethod.credentials.length > 0;
  }

  authMethodLabel() {
    if (this.credentialForm instanceof ManifestForm) {
      return this.credentialForm.variantLabels().join('; ') || null;
    }
    const methods = this.connector.auth_methods || [];
    return methods.length > 1 ? (this.authMethod.label || this.authMethod.name) : null;
  }

  /** Moves to the next step when the current one passes its client-side checks. */
  advance() {
    const invalid = this.check(this.step);
    if (invalid) {
      invalid.focus();
      return;
    }
    this.go(this.step + 1);
    this.steps[this.step].querySelector('input, select, button')?.focus();
  }

  chooseConnector(connector) {
    this.connector = connector;
    this.configInputs = new Map();
    this.modes = new Map();
    if (connector.kind === 'airbyte_manifest' && connector.credential_form) {
      this.chooseManifest(connector);
    } else {
      this.chooseNative(connector);
    }
    replace(this.endpointsBody, endpointChoices(connector, this.modes));
  }

  /** The connection step of a manifest: its whole connection_specification form. */
  chooseManifest(connector) {
    this.authMethod = { name: connector.default_auth_method, credentials: connector.credentials };
    this.credentialForm = new ManifestForm(connector.credential_form);
    // the manifest hard-codes its url_base; a pipeline may override it (proxies, regional endpoints)
    const urlBase = field({
      id: 'config-url_base', label: 'API address (optional)', dataField: 'config.url_base',
      help: 'Overrides the manifest’s url_base for every stream, e.g. a proxy or a regional endpoint. Leave empty '
        + 'to use the manifest’s own.',
    });
    const ownUrlBase = connector.credential_form.fields.some((f) => f.path === 'url_base');
    if (!ownUrlBase) { // a spec with its own url_base field has it in the form already
      this.configInputs.set('url_base', { input: urlBase.input, spec: { key: 'url_base', label: 'API address' } });
    }
    const secrets = connector.credentials.length > 0;
    replace(this.connectionBody,
      h('p', { class: 'help' }, 'The settings of Airbyte manifest ', h('strong', {}, connector.name),
        ', from its connection specification.', secrets ? [' Password fields go to the secret store; the pipeline '
          + 'keeps only the secret’s name, ', h('code', { id: 'secret-name' }, this.secretName() || '<name>-credentials'), '.'] : ''),
      h('div', { id: 'manifest-fields' }, this.credentialForm.elements),
      ownUrlBase ? null : [h('h3', { class: 'group-title' }, 'Address'), urlBase.element]);
  }

  chooseNative(connector) {
    const config = connector.config.map((c) => {
      const { input, element } = field({
        id: `config-${c.key}`, label: c.label || c.key, required: c.required, value: c.default ?? '',
        help: c.description || null, dataField: `config.${c.key}`,
      });
      this.configInputs.set(c.key, { input, spec: c });
      return element;
    });
    const methods = connector.auth_methods?.length ? connector.auth_methods
      : [{ name: connector.default_auth_method, credentials: connector.credentials }];
    this.authMethod = methods[0];
    this.credentialForm = new CredentialForm(this.authMethod.credentials, 'credential');
    const credentialFields = h('div', { id: 'credential-fields' }, this.credentialForm.elements);
    const methodChoice = methods.length > 1 ? this.authMethodChoice(methods, credentialFields) : null;
    replace(this.connectionBody,
      config.length ? [h('h3', { class: 'group-title' }, 'Settings'), config] : null,
      connector.credentials.length || methods.length > 1
        ? [h('h3', { class: 'group-title' }, 'Credential'),
          methodChoice,
          h('p', { class: 'muted small' }, 'Stored in the secret store; the pipeline keeps only the secret’s name, ',
            h('code', { id: 'secret-name' }, this.secretName() || '<name>-credentials'), '.'),
          credentialFields]
        : null,
      !config.length && !connector.credentials.length ? h('p', {}, 'This connector needs no settings.') : null);
  }

  /** A choice between the connector's auth methods; choosing one swaps the credential form in `target`. */
  authMethodChoice(methods, target) {
    const select = h('select', { id: 'auth-method', name: 'auth-method', dataset: { field: 'credentials.auth_method' } },
      methods.map((m) => h('option', { value: m.name }, m.label || m.name)));
    const help = h('p', { class: 'help', id: 'auth-method-help' }, methods[0].description || '');
    select.setAttribute('aria-describedby', 'auth-method-help');
    select.addEventListener('change', () => {
      this.authMethod = methods.find((m) => m.name === select.value);
      this.credentialForm = new CredentialForm(this.authMethod.credentials, 'credential');
      help.textContent = this.authMethod.description || '';
      replace(target, this.credentialForm.elements);
    });
    return h('div', { class: 'field' }, h('label', { for: 'auth-method' }, 'Authentication'), select, help);
  }

  secretName() {
    const name = this.nameInput.value.trim();
    return NAME.test(name) ? `${name}-credentials` : null;
  }

  /** Client-side checks of one step; returns the first invalid input (with its message shown), or null. */
  check(step) {
    if (step === 0) {
      const name = this.nameInput.value.trim();
      const nameProblem = !name ? 'Enter a name for the pipeline.'
        : !NAME.test(name) ? 'Use lower-case letters, digits and _, starting with a letter (at most 63).' : null;
      fieldError(this.nameInput, nameProblem);
      const first = this.connectorList.querySelector('input');
      fieldError(first, this.connector ? null : 'Choose a connector.');
      if (nameProblem) {
        return this.nameInput;
      }
      return this.connector ? null : first;
    }
    if (step === 1) {
      let invalid = null;
      for (const { input, spec } of this.configInputs.values()) {
        const missing = spec.required && !input.value.trim();
        fieldError(input, missing ? `Enter the ${spec.label || spec.key}.` : null);
        invalid = invalid || (missing ? input : null);
      }
      const credential = this.credentialForm.checkRequired();
      return invalid || credential;
    }
    if (step === 2) {
      const first = this.endpointsBody.querySelector('input:not([disabled])') || this.endpointsBody.querySelector('input');
      const none = this.selectedEndpoints().length === 0;
      fieldError(first, none ? 'Tick at least one endpoint.' : null);
      return none ? first : null;
    }
    if (step === TEST || step === REVIEW) {
      return null;
    }
    if (step === 4) {
      const s3 = this.destType.value === 's3';
      const missing = s3 && !this.warehouseInput.value.trim();
      fieldError(this.warehouseInput, missing ? 'Enter the S3 warehouse, e.g. s3://bucket/ingest.' : null);
      return missing ? this.warehouseInput : null;
    }
    const empty = !this.scheduleInput.value.trim();
    if (empty) {
      fieldError(this.scheduleInput, 'Enter a cron schedule.');
      return this.scheduleInput;
    }
    return null;
  }

  selectedEndpoints() {
    return [...this.endpointsBody.querySelectorAll('input[name="endpoint"]:checked')].map((i) => i.value);
  }

  async describeSchedule() {
    const expr = this.scheduleInput.value;
    this.scheduleWords = '';
    if (!expr.trim()) {
      replace(this.preview);
      return;
    }
    try {
      const d = await get(`/api/cron/describe?expr=${encodeURIComponent(expr)}`);
      if (expr !== this.scheduleInput.value) {
        return; // typed on meanwhile
      }
      fieldError(this.scheduleInput, null);
      this.scheduleWords = `runs ${d.description}`;
      replace(this.preview, h('strong', {}, `Runs ${d.description}.`),
        d.next_runs.length ? ` Next: ${d.next_runs.map(localTime).join('; ')}.` : ' It never fires again.');
    } catch (e) {
      if (expr !== this.scheduleInput.value) {
        return;
      }
      replace(this.preview);
      const problem = e instanceof ApiError ? e.errors.find((p) => p.field === 'expr') : null;
      fieldError(this.scheduleInput, problem ? problem.message : e.message);
    }
  }

  definition() {
    const name = this.nameInput.value.trim();
    const definition = { name, connector: this.connector.name };
    const config = {};
    for (const [key, { input }] of this.configInputs) {
      if (input.value.trim() !== '') {
        config[key] = input.value.trim();
      }
    }
    if (this.credentialForm instanceof ManifestForm) {
      Object.assign(config, this.credentialForm.config());
    }
    if (Object.keys(config).length) {
      definition.config = config;
    }
    if (this.hasCredential()) {
      definition.credentials = { secret: `${name}-credentials` };
      if (this.authMethod.name !== this.connector.default_auth_method && this.connector.auth_methods?.length > 1) {
        definition.credentials.auth_method = this.authMethod.name;
      }
    }
    definition.endpoints = this.selectedEndpoints().map((e) => ({ name: e, write_mode: this.modes.get(e).value() }));
    const destination = { type: this.destType.value };
    if (this.warehouseInput.value.trim()) {
      destination.warehouse = this.warehouseInput.value.trim();
    }
    if (destination.type === 's3') {
      const s3 = {};
      if (this.regionInput.value.trim()) {
        s3.region = this.regionInput.value.trim();
      }
      if (this.s3EndpointInput.value.trim()) {
        s3.endpoint = this.s3EndpointInput.value.trim();
        s3.path_style_access = true;
      }
      if (Object.keys(s3).length) {
        destination.s3 = s3;
      }
    }
    definition.destination = destination;
    definition.schedule = this.scheduleInput.value.trim();
    return definition;
  }

  async create() {
    this.showSummary([]);
    for (let step = 0; step < STEPS.length; step += 1) {
      const invalid = this.check(step);
      if (invalid) {
        this.go(step);
        invalid.focus();
        return;
      }
    }
    const definition = this.definition();
    const path = pipelinePath(definition.name);
    try {
      if (this.created === definition.name) {
        const current = await get(path);
        await put(path, { ...definition, version: current.version });
      } else {
        await post('/api/pipelines', definition);
        this.created = definition.name;
      }
      if (this.hasCredential()) {
        if (!await putShared(`${path}/credentials`, { fields: this.credentialForm.values() })) {
          return; // the secret is shared and the user kept it: nothing deployed yet
        }
      }
    } catch (e) {
      this.showProblems(e);
      return;
    }
    try {
      await post(`${path}/deploy`);
    } catch (e) {
      // stored, but not running (no free task slot, the deployer failed): say so on the pipeline's page
      announce(`Pipeline ${definition.name} was created but not deployed: ${e.message}`, 'error', true);
      window.location.hash = `#/pipelines/${definition.name}`;
      return;
    }
    announce(`Pipeline ${definition.name} created and deployed.`, 'ok', true);
    window.location.hash = `#/pipelines/${definition.name}`;
  }

  /** The input an API field path refers to: exact, else its parent path (endpoints[1] → endpoints). */
  inputFor(path) {
    const credential = this.credentialForm?.inputFor(path);
    if (credential) {
      return credential;
    }
    for (let p = path; p; p = p.replace(/(\[\d+\]|\.[^.[\]]+)$/, '') || '') {
      const input = this.form.querySelector(`[data-field="${CSS.escape(p)}"]`);
      if (input) {
        return input;
      }
      if (!/(\[\d+\]|\.[^.[\]]+)$/.test(p)) {
        break;
      }
    }
    return null;
  }

  showProblems(e, what = 'The pipeline was not created') {
    const problems = e instanceof ApiError && e.errors.length ? e.errors : [{ field: '', message: e.message }];
    const placed = problems.map((p) => ({ ...p, input: p.field ? this.inputFor(p.field) : null }));
    placed.filter((p) => p.input).forEach((p) => fieldError(p.input, p.message));
    this.showSummary(placed, e.message);
    const first = placed.find((p) => p.input);
    if (first) {
      this.go(Number(first.input.closest('fieldset.step').dataset.step));
      first.input.focus();
    } else {
      this.summary.focus();
    }
    announce(`${what}: ${e.message}`, 'error');
  }

  showSummary(problems, message) {
    if (!problems.length) {
      this.summary.hidden = true;
      replace(this.summary);
      return;
    }
    this.summary.hidden = false;
    this.summary.setAttribute('tabindex', '-1');
    replace(this.summary, h('h2', {}, 'Please fix the following'), message ? h('p', {}, message) : null,
      h('ul', {}, problems.map((p) => h('li', {},
        p.input
          ? h('a', {
            href: `#${p.input.id}`,
            onclick: (event) => {
              event.preventDefault();
              this.go(Number(p.input.closest('fieldset.step').dataset.step));
              p.input.focus();
            },
          }, p.field ? `${p.field}: ${p.message}` : p.message)
          : (p.field ? `${p.field}: ${p.message}` : p.message)))));
  }
}

export async function renderWizard(main) {
  replace(main, h('h1', {}, 'New pipeline'), h('p', { class: 'muted' }, 'Loading connectors…'));
  try {
    new Wizard(main, await get('/api/connectors'));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      replace(main, h('h1', {}, 'New pipeline'), h('p', { class: 'notice' }, `Could not load connectors: ${e.message}`));
    }
  }
  return null;
}
