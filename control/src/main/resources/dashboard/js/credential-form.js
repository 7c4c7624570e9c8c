// A credential form generated from a connector's credential fields ({key, label, secret, required, help}), as
// GET /api/connectors returns them. Used by the wizard and the auth-failure banner. Values go to the API only.

import { field, fieldError } from './ui.js';

export class CredentialForm {
  /** fields: the connector's credential form; idPrefix keeps ids unique on the page. */
  constructor(fields, idPrefix) {
    this.inputs = new Map();
    this.elements = fields.map((f) => {
      const { input, element } = field({
        id: `${idPrefix}-${f.key}`, label: f.label || f.key, type: f.secret ? 'password' : 'text',
        required: f.required, help: f.help || null, autocomplete: f.secret ? 'new-password' : 'off',
        dataField: `fields.${f.key}`,
      });
      this.inputs.set(f.key, { input, spec: f });
      return element;
    });
  }

  /** The entered values of the non-empty fields. */
  values() {
    const values = {};
    for (const [key, { input }] of this.inputs) {
      if (input.value !== '') {
        values[key] = input.value;
      }
    }
    return values;
  }

  /** Marks empty required fields; returns the first invalid input, or null. */
  checkRequired() {
    let first = null;
    for (const { input, spec } of this.inputs.values()) {
      const missing = spec.required && input.value.trim() === '';
      fieldError(input, missing ? `Enter the ${spec.label || spec.key}.` : null);
      if (missing && !first) {
        first = input;
      }
    }
    return first;
  }

  clear() {
    for (const { input } of this.inputs.values()) {
      input.value = '';
      fieldError(input, null);
    }
  }

  /** The input for an API field path such as "fields.token", if this form has it. */
  inputFor(path) {
    const match = /^fields\.(.+)$/.exec(path);
    return match ? this.inputs.get(match[1])?.input || null : null;
  }
}
