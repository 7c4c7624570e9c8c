// The write mode of one endpoint in the wizard. The default follows the endpoint as the server computes it for
// pipeline YAML (default_write_mode of GET /api/connectors: upsert for incremental endpoints with a primary key,
// append for incremental ones without, full_refresh otherwise); append on an endpoint that is not incremental
// shows the warning that it re-lands every row on every run.

import { h } from './dom.js';

const LABELS = {
  upsert: 'Upsert (one row per key, latest values)',
  full_refresh: 'Full refresh (replace the table each run)',
  append: 'Append (add every fetched row)',
};

export class WriteModeChoice {
  /** endpoint: {name, incremental, primary_key, default_write_mode} from the connector catalog. */
  constructor(endpoint) {
    this.endpoint = endpoint;
    const id = `write-mode-${endpoint.name}`;
    const modes = ['upsert', 'full_refresh', 'append'].filter((m) => m !== 'upsert' || endpoint.primary_key.length);
    this.select = h('select', { id, name: id, dataset: { writeMode: endpoint.name } },
      modes.map((m) => h('option', { value: m }, LABELS[m])));
    this.select.value = endpoint.default_write_mode;
    this.warning = h('p', { id: `${id}-warning`, class: 'notice small', role: 'status', hidden: true },
      `${endpoint.name} is not incremental: every run fetches all of its rows, and append lands them all again `
      + 'each time (the table grows by the whole result set per run). Full refresh keeps one copy.');
    this.select.setAttribute('aria-describedby', `${id}-help ${id}-warning`);
    this.select.addEventListener('change', () => this.showWarning());
    const help = h('span', { id: `${id}-help`, class: 'muted small' },
      endpoint.incremental ? ' incremental' : ' not incremental',
      endpoint.primary_key.length ? `, key ${endpoint.primary_key.join(', ')}` : ', no primary key',
      `; default ${endpoint.default_write_mode.replace('_', ' ')}`);
    this.element = h('div', { class: 'write-mode' },
      h('label', { for: id }, 'Write mode '), this.select, help, this.warning);
    this.showWarning();
  }

  showWarning() {
    this.warning.hidden = !(this.value() === 'append' && !this.endpoint.incremental);
  }

  value() {
    return this.select.value;
  }

  /** Whether the chosen mode re-lands every row on every run. */
  relandsEverything() {
    return !this.warning.hidden;
  }
}
