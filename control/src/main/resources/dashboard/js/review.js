// The wizard's review step: what will be created, in words, before Create. It shows the credential's secret
// name only, never a value.

import { h } from './dom.js';

function row(label, id, ...value) {
  return [h('dt', {}, label), h('dd', { id }, value)];
}

/**
 * definition: the pipeline definition the wizard will send; extras: {connector, authLabel, schedule (words),
 * test (ConnectionTest), modes (Map name → WriteModeChoice)}.
 */
export function review(definition, extras) {
  const destination = definition.destination.type === 's3'
    ? `S3: ${definition.destination.warehouse}` : `Local warehouse${definition.destination.warehouse ? `: ${definition.destination.warehouse}` : ''}`;
  const test = !extras.test.tested() ? h('span', { class: 'notice' }, 'Not tested')
    : extras.test.passed() ? h('span', {}, 'Passed for every endpoint')
      : h('span', { class: 'notice' }, 'Failed: the pipeline will be created, but its runs are likely to fail');
  return h('dl', { id: 'review', class: 'review' },
    row('Pipeline', 'review-name', definition.name),
    row('Connector', 'review-connector', extras.connector.name, extras.authLabel ? ` (${extras.authLabel})` : ''),
    row('Endpoints', 'review-endpoints', h('ul', {}, definition.endpoints.map((e) => h('li', {
      dataset: { endpoint: e.name },
    }, h('strong', {}, e.name), ` — ${e.write_mode.replace('_', ' ')}`,
    extras.modes.get(e.name)?.relandsEverything() ? h('span', { class: 'notice small' }, ' re-lands every row each run') : null)))),
    row('Destination', 'review-destination', destination),
    row('Schedule', 'review-schedule', h('code', {}, definition.schedule), extras.schedule ? ` — ${extras.schedule}` : ''),
    row('Credential', 'review-credential', definition.credentials
      ? [h('code', {}, definition.credentials.secret), ' in the secret store (its value is not shown)'] : 'none needed'),
    row('Connection test', 'review-test', test));
}
