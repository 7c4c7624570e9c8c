// The connection form of an Airbyte manifest, built from the `credential_form` GET /api/connectors gives it (the
// manifest's spec.connection_specification): fields in the spec's order with its titles as labels, descriptions as
// help, required marks, defaults, enums as selects and airbyte_secret fields as password inputs; a `oneOf` property
// is a variant selector (by variant title) that shows only the chosen variant's fields and sets its discriminator
// constant. Values are keyed by config path as a pipeline gives them (`start_date`, `credentials.client_id`):
// non-secret values go to the pipeline's `config`, secret ones only to the secret store.

import { h, replace } from './dom.js';
import { field, fieldError } from './ui.js';

/** A spec description as plain text (some manifests put HTML links in them; text is never parsed as markup). */
function plain(text) {
  return (text || '').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}

function inputId(path) {
  return `spec-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** One input for one spec field: {input, element, spec}. */
function specInput(spec) {
  const id = inputId(spec.path);
  const json = spec.type === 'array' || spec.type === 'object';
  const help = [plain(spec.description), json ? `As JSON, e.g. ${spec.type === 'array' ? '["a", "b"]' : '{"key": "value"}'}.` : '']
    .filter(Boolean).join(' ') || null;
  const dataField = spec.secret ? `fields.${spec.path}` : `config.${spec.path}`;
  const choices = spec.enum?.length ? spec.enum : spec.type === 'boolean' ? ['true', 'false'] : null;
  if (!choices) {
    const numeric = spec.type === 'integer' || spec.type === 'number';
    return {
      spec,
      ...field({
        id, label: spec.title, type: spec.secret ? 'password' : 'text', required: spec.required, help,
        value: spec.default ?? '', autocomplete: spec.secret ? 'new-password' : 'off', dataField,
        attrs: numeric ? { inputmode: spec.type === 'integer' ? 'numeric' : 'decimal' } : null,
      }),
    };
  }
  const helpId = help ? `${id}-help` : null;
  const blank = spec.default === undefined ? [h('option', { value: '' }, spec.required ? 'Choose…' : '(not set)')] : [];
  const input = h('select', { id, name: id, 'aria-describedby': helpId, required: !!spec.required, dataset: { field: dataField } },
    blank, choices.map((o) => h('option', { value: o, selected: o === spec.default }, o)));
  return {
    spec,
    input,
    element: h('div', { class: 'field' },
      h('label', { for: id }, spec.title, spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      input, help ? h('p', { id: helpId, class: 'help' }, help) : null),
  };
}

/** A `oneOf` property: radio buttons by variant title, and the chosen variant's fields. */
class VariantChoice {
  constructor(choice) {
    this.choice = choice;
    this.variants = choice.variants.map((v, i) => ({
      spec: v,
      inputs: v.fields.filter((f) => f.const === undefined).map(specInput),
      radio: h('input', {
        type: 'radio', name: inputId(`${choice.path}-variant`), id: inputId(`${choice.path}-variant-${i}`),
        value: String(i), checked: i === 0, dataset: i === 0 ? { field: `config.${choice.path}` } : null,
      }),
    }));
    this.body = h('div', { class: 'variant-fields', id: inputId(`${choice.path}-fields`) });
    const legendId = inputId(`${choice.path}-legend`);
    const helpId = plain(choice.description) ? inputId(`${choice.path}-help`) : null;
    this.element = h('div', { class: 'variant-choice' },
      h('div', { class: 'field choices', role: 'radiogroup', 'aria-labelledby': legendId, 'aria-describedby': helpId },
        h('p', { class: 'group-label', id: legendId }, choice.title,
          choice.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
        helpId ? h('p', { class: 'help', id: helpId }, plain(choice.description)) : null,
        this.variants.map((v) => {
          v.radio.addEventListener('change', () => this.show());
          return h('div', { class: 'choice' }, v.radio, h('label', { for: v.radio.id }, v.spec.title || v.spec.value));
        })),
      this.body);
    this.show();
  }

  chosen() {
    return this.variants.find((v) => v.radio.checked) || this.variants[0];
  }

  show() {
    replace(this.body, this.chosen().inputs.map((i) => i.element));
  }

  /** The inputs of the chosen variant. */
  inputs() {
    return this.chosen().inputs;
  }

  /** The chosen variant's discriminator, as a config value (it is never secret). */
  constants() {
    const v = this.chosen().spec;
    return v.discriminator ? { [v.discriminator]: v.value } : {};
  }
}

export class ManifestForm {
  /** form: a manifest connector's credential_form ({fields, choices}). */
  constructor(form) {
    this.plain = form.fields.map(specInput);
    this.choices = (form.choices || []).map((c) => new VariantChoice(c));
    this.elements = [this.plain.map((i) => i.element), this.choices.map((c) => c.element)];
  }

  /** The inputs shown now: the plain fields and the chosen variants' fields. */
  inputs() {
    return [...this.plain, ...this.choices.flatMap((c) => c.inputs())];
  }

  /** Non-secret values by config path, with each chosen variant's discriminator: the pipeline's config. */
  config() {
    const config = {};
    for (const { input, spec } of this.inputs()) {
      if (!spec.secret && input.value.trim() !== '') {
        config[spec.path] = input.value.trim();
      }
    }
    this.choices.forEach((c) => Object.assign(config, c.constants()));
    return config;
  }

  /** Entered secret values by config path: the credential stored in the secret store. */
  values() {
    const values = {};
    for (const { input, spec } of this.inputs()) {
      if (spec.secret && input.value !== '') {
        values[spec.path] = input.value;
      }
    }
    return values;
  }

  /** The chosen variant titles ("Authentication Mechanism: Authenticate via Lever (Api Key)"), for the review. */
  variantLabels() {
    return this.choices.map((c) => `${c.choice.title}: ${c.chosen().spec.title || c.chosen().spec.value}`);
  }

  /** Marks empty required fields (naming them by title); returns the first invalid input, or null. */
  checkRequired() {
    let first = null;
    for (const { input, spec } of this.inputs()) {
      const missing = spec.required && input.value.trim() === '';
      fieldError(input, missing ? `Enter the ${spec.title}.` : null);
      if (missing && !first) {
        first = input;
      }
    }
    return first;
  }

  /** The input for an API field path (config.<path> or fields.<path>) among those shown. */
  inputFor(path) {
    const match = /^(config|fields)\.(.+)$/.exec(path);
    if (!match) {
      return null;
    }
    const found = this.inputs().find((i) => i.spec.path === match[2] && i.spec.secret === (match[1] === 'fields'));
    if (found) {
      return found.input;
    }
    const choice = this.choices.find((c) => match[2] === c.choice.path || match[2].startsWith(`${c.choice.path}.`));
    return choice ? choice.chosen().radio : null;
  }
}
